import type { Strapi } from '../core/strapi';
import { UID } from '../../content-types';
import { getService } from '../core/services';
import { chunks } from '../core/lists';
import { OPEN, type PublicationState } from '../../shared/publishing/states';
import type { PublishedStatus } from '../planning/for-publishing';

/** Plans read or written by one statement: a backlog of thousands settles in several. */
const ROLL_UP_CHUNK = 500;

export type RolledUp = PublishedStatus;

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
 * Rolls plans up from their publications: published, partially published or
 * failed once every publication has settled, back to scheduled when a person
 * retries one. Planning writes the status (`setPublishedStatus`, the one
 * place the publisher changes a plan); this reads the publications.
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
  for (const part of chunks(ids, ROLL_UP_CHUNK)) {
    const rows = (await strapi.db
      .query(UID.publication)
      .findMany({ where: { planDocumentId: { $in: part } }, select: ['planDocumentId', 'state'] })) as unknown as Array<{
      planDocumentId: string;
      state: PublicationState;
    }>;
    for (const row of rows) statesOf.get(row.planDocumentId)?.push(row.state);
  }
  for (const id of ids) result.set(id, rollUpStatus(statesOf.get(id)!));
  await getService(strapi, 'post-plans').setPublishedStatus(result, now);
  return result;
}

export async function rollUpPlan(strapi: Strapi, planDocumentId: string, now: number): Promise<RolledUp | null> {
  return (await rollUpPlans(strapi, [planDocumentId], now)).get(planDocumentId) ?? null;
}
