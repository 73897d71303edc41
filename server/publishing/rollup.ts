import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { tableOf } from '../core/db/columns';
import type { PublicationState } from './dto';
import { caseOn } from '../core/db/case';
import { chunks, groupBy } from '../core/lists';

/** Plans read or written by one statement: a backlog of thousands settles in several. */
const ROLL_UP_CHUNK = 500;

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
 * their plans up together: two reads for the whole batch and one UPDATE per
 * kind of change (scheduled → published…), in runs of ROLL_UP_CHUNK plans.
 */
export async function rollUpPlans(strapi: Strapi, planDocumentIds: Iterable<string>, now: number): Promise<Map<string, RolledUp | null>> {
  const ids = [...new Set(planDocumentIds)];
  const result = new Map<string, RolledUp | null>();
  if (!ids.length) return result;
  const statesOf = new Map<string, PublicationState[]>(ids.map((id) => [id, []]));
  const planOf = new Map<string, Row>();
  for (const part of chunks(ids, ROLL_UP_CHUNK)) {
    const rows = (await strapi.db
      .query(UID.publication)
      .findMany({ where: { planDocumentId: { $in: part } }, select: ['planDocumentId', 'state'] })) as unknown as Array<{
      planDocumentId: string;
      state: PublicationState;
    }>;
    for (const row of rows) statesOf.get(row.planDocumentId)?.push(row.state);
    const plans = (await strapi.db
      .query(UID.postPlan)
      .findMany({ where: { documentId: { $in: part } }, select: ['id', 'documentId', 'status', 'trail'] })) as unknown as Row[];
    for (const plan of plans) planOf.set(String(plan.documentId), plan);
  }
  const changes: PlanChange[] = [];
  for (const id of ids) {
    const target = rollUpStatus(statesOf.get(id)!);
    result.set(id, target);
    const plan = planOf.get(id);
    if (!target || !plan || !PUBLISHER_OWNED.includes(String(plan.status)) || plan.status === target) continue;
    const trail = Array.isArray(plan.trail) ? plan.trail : [];
    changes.push({
      id: Number(plan.id),
      from: String(plan.status),
      to: target,
      trail: [...trail, { at: new Date(now).toISOString(), by: null, event: 'publishing', from: plan.status, to: target }],
    });
  }
  await writeChanges(strapi, changes);
  return result;
}

interface PlanChange {
  id: number;
  from: string;
  to: RolledUp;
  trail: unknown[];
}

/**
 * One UPDATE per (from, to) pair, each plan's new trail picked by a CASE on
 * its id: plain SQL on the three databases, conditional on the status it was
 * read with (a person's edit in between wins). A row write, not the entity
 * manager's: about 0.6 ms a plan there, the largest cost of a batch
 * (bench/publish-latency). The publication rows carry the details; a plan's
 * status is their summary, so no lifecycle hook of ours hangs on it.
 */
async function writeChanges(strapi: Strapi, changes: PlanChange[]) {
  if (!changes.length) return;
  const { name: table, col } = tableOf(strapi, UID.postPlan);
  for (const group of groupBy(changes, (c) => `${c.from}>${c.to}`)) {
    const { from, to } = group[0];
    for (const part of chunks(group, ROLL_UP_CHUNK)) {
      await strapi.db
        .connection(table)
        .whereIn(
          col('id'),
          part.map((c) => c.id)
        )
        .andWhere(col('status'), from)
        .update({
          [col('status')]: to,
          [col('trail')]: caseOn(
            strapi,
            col('id'),
            part.map((c) => [c.id, c.trail] as const),
            { json: true }
          ),
          [col('updatedAt')]: new Date(),
        });
    }
  }
}

export async function rollUpPlan(strapi: Strapi, planDocumentId: string, now: number): Promise<RolledUp | null> {
  return (await rollUpPlans(strapi, [planDocumentId], now)).get(planDocumentId) ?? null;
}
