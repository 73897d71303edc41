import type { Strapi } from '../core/strapi';
import { ensureIndex, indexExists } from '../core/db/indexes';

export const PUBLICATION_TABLE = 'cm_publications';
export const PLAN_ACCOUNT_INDEX = 'cm_publications_plan_account_uq';

/**
 * One publication per plan and account, ever (server/publishing/sync.ts
 * re-arms the same row): as a unique index, two instances syncing the same
 * plan at the same moment cannot create two rows, which would be two posts.
 */
export const planAccountIndexExists = (strapi: Strapi) => indexExists(strapi, PUBLICATION_TABLE, PLAN_ACCOUNT_INDEX);

export async function ensurePlanAccountIndex(strapi: Strapi): Promise<void> {
  try {
    await ensureIndex(strapi, PUBLICATION_TABLE, PLAN_ACCOUNT_INDEX, ['plan_document_id', 'account_document_id'], { unique: true });
  } catch (err) {
    // Rows written twice before the index existed: Strapi must still start; the guard is missing until they are merged.
    strapi.log.warn(
      `community-manager: cannot add the unique index ${PLAN_ACCOUNT_INDEX} (one publication per post and account): ${(err as Error).message}. ` +
        'Remove the duplicate rows of cm_publications (same plan_document_id and account_document_id) and restart.'
    );
  }
}
