import type { Strapi } from '../core/strapi';
import { dropIndexIfExists, ensureIndex } from '../core/db/indexes';

const TABLE = 'cm_post_plans';
/** (scheduled_at, id): the month grid's first read wants only these two, so PostgreSQL answers it from the index alone. */
const INDEX = 'cm_post_plans_scheduled_at_id_idx';
/** The first version's single-column index: a prefix of the one above, so dropped when found. */
const OLD_INDEX = 'cm_post_plans_scheduled_at_idx';

/**
 * The calendar reads post plans by a range of `scheduled_at`; without an index
 * every month view scans the table (made at bootstrap: server/core/db/indexes.ts).
 */
export async function ensureScheduleIndex(strapi: Strapi): Promise<void> {
  await ensureIndex(strapi, TABLE, INDEX, ['scheduled_at', 'id']);
  await dropIndexIfExists(strapi, TABLE, OLD_INDEX, ['scheduled_at']);
}
