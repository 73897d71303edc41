import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import type { PublicationState } from './dto';

/** Rows that still have somewhere to go: the plan stays `scheduled` while any is left. */
const OPEN: readonly PublicationState[] = ['scheduled', 'held', 'claimed', 'publishing', 'unknown'];
/** Plan statuses the publisher owns; a draft or a cancelled plan is never touched. */
const PUBLISHER_OWNED = ['scheduled', 'published', 'partially_published', 'failed'];

export type RolledUp = 'scheduled' | 'published' | 'partially_published' | 'failed';

/** The plan's status its publications give, or null while there are none. Pure, for tests. */
export function rollUpStatus(states: readonly PublicationState[]): RolledUp | null {
  const live = states.filter((s) => s !== 'cancelled');
  if (!live.length) return null;
  if (live.some((s) => OPEN.includes(s))) return 'scheduled';
  const published = live.filter((s) => s === 'published').length;
  if (published === live.length) return 'published';
  return published > 0 ? 'partially_published' : 'failed';
}

/**
 * The one place the publisher writes a post plan's status: published,
 * partially published or failed once every publication has settled, back to
 * scheduled when a person retries one. The plan's trail records the change.
 *
 * Many plans at once: the scheduler settles a batch of publications and rolls
 * their plans up together, two reads for the whole batch and one write per
 * plan whose status changes (at peak, a thousand plans a minute).
 */
export async function rollUpPlans(strapi: Strapi, planDocumentIds: Iterable<string>, now: number): Promise<Map<string, RolledUp | null>> {
  const ids = [...new Set(planDocumentIds)];
  const result = new Map<string, RolledUp | null>();
  if (!ids.length) return result;
  const rows = (await strapi.db.query(UID.publication).findMany({ where: { planDocumentId: { $in: ids } }, select: ['planDocumentId', 'state'] })) as unknown as Array<{
    planDocumentId: string;
    state: PublicationState;
  }>;
  const statesOf = new Map<string, PublicationState[]>(ids.map((id) => [id, []]));
  for (const row of rows) statesOf.get(row.planDocumentId)?.push(row.state);
  // Row queries, not the document service: a status and a trail line on a type without drafts or locales.
  const plans = strapi.db.query(UID.postPlan);
  const current = (await plans.findMany({ where: { documentId: { $in: ids } }, select: ['id', 'documentId', 'status', 'trail'] })) as unknown as Row[];
  const planOf = new Map(current.map((p) => [String(p.documentId), p]));
  for (const id of ids) {
    const target = rollUpStatus(statesOf.get(id)!);
    result.set(id, target);
    const plan = planOf.get(id);
    if (!target || !plan || !PUBLISHER_OWNED.includes(String(plan.status)) || plan.status === target) continue;
    const trail = Array.isArray(plan.trail) ? plan.trail : [];
    await plans.update({
      where: { id: plan.id, status: plan.status },
      data: { status: target, trail: [...trail, { at: new Date(now).toISOString(), by: null, event: 'publishing', from: plan.status, to: target }] },
    });
  }
  return result;
}

export async function rollUpPlan(strapi: Strapi, planDocumentId: string, now: number): Promise<RolledUp | null> {
  return (await rollUpPlans(strapi, [planDocumentId], now)).get(planDocumentId) ?? null;
}
