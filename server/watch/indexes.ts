import type { Strapi } from '../core/strapi';
import { ensureIndex, indexExists } from '../core/db/indexes';

/**
 * The dedup guarantee: (source, dedup key) is unique in the items table, so
 * two instances fetching the same feed at once cannot store an entry twice.
 * Strapi's schema has no composite unique constraint, so the index is created
 * here at bootstrap (server/core/db/indexes.ts).
 */
export const ITEM_TABLE = 'cm_watch_items';
export const DEDUP_INDEX = 'cm_watch_items_source_dedup_uq';

/** Whether the dedup index is in the database. */
export const dedupIndexExists = (strapi: Strapi) => indexExists(strapi, ITEM_TABLE, DEDUP_INDEX);

export const ensureDedupIndex = (strapi: Strapi) =>
  ensureIndex(strapi, ITEM_TABLE, DEDUP_INDEX, ['source_ref', 'dedup_key'], { unique: true });
