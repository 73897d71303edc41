import type { Strapi } from '../core/strapi';
import { UID } from '../../content-types';
import { tableOf } from '../core/db/columns';
import { postLabels, type PostLabels } from '../../shared/planning/labels';

/**
 * A guard against an absurd table, not a page size: a team's pillars and
 * campaigns number in the tens or hundreds.
 */
export const MAX_LABELS = 5_000;

/**
 * Every distinct pillar and campaign in use (docs/api.md, `GET /post-plans/labels`):
 * two `SELECT DISTINCT` on the post plans' table, not a read of the posts. The
 * filters offered what the editorial lines and the last hundred edited posts
 * carried, so an older campaign could not be chosen.
 */
export async function readPostLabels(strapi: Strapi): Promise<PostLabels> {
  const plans = tableOf(strapi, UID.postPlan);
  const knex = strapi.db.connection;
  const distinct = async (field: 'pillar' | 'campaign') => {
    const column = plans.col(field);
    const rows = (await knex(plans.name)
      .distinct({ value: column })
      .whereNotNull(column)
      .andWhere(column, '<>', '')
      .orderBy(column)
      .limit(MAX_LABELS)) as Array<{ value: string }>;
    // One order whatever the database's collation: the reader's alphabet, case aside.
    return rows.map((row) => row.value).sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }) || (a < b ? -1 : 1));
  };
  const [pillars, campaigns] = await Promise.all([distinct('pillar'), distinct('campaign')]);
  // Our own answer, checked against the contract the admin reads: a mismatch is our bug (500), not the caller's.
  return postLabels.parse({ pillars, campaigns });
}
