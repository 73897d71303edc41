import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import type { PublicationStore } from './store';
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
 */
export async function rollUpPlan(strapi: Strapi, store: PublicationStore, planDocumentId: string, now: number): Promise<RolledUp | null> {
  const rows = await store.findMany({ planDocumentId });
  const target = rollUpStatus(rows.map((r) => r.state));
  if (!target) return null;
  // Row queries, not the document service: a status and a trail line on a type without drafts or locales,
  // written once per settled publication (a thousand a minute at peak).
  const plans = strapi.db.query(UID.postPlan);
  const plan = (await plans.findOne({ where: { documentId: planDocumentId }, select: ['id', 'status', 'trail'] })) as unknown as Row | null;
  if (!plan || !PUBLISHER_OWNED.includes(String(plan.status)) || plan.status === target) return target;
  const trail = Array.isArray(plan.trail) ? plan.trail : [];
  await plans.update({
    where: { id: plan.id, status: plan.status },
    data: { status: target, trail: [...trail, { at: new Date(now).toISOString(), by: null, event: 'publishing', from: plan.status, to: target }] },
  });
  return target;
}
