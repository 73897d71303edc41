import type { Strapi } from '../core/strapi';

/**
 * The dedup guarantee: (source, dedup key) is unique in the items table, so
 * two instances fetching the same feed at once cannot store an entry twice.
 * Strapi's schema has no composite unique constraint, so the index is created
 * here at bootstrap. Strapi's schema sync only drops indexes it created
 * itself, so this one survives restarts; creating it again is a no-op.
 */
export const ITEM_TABLE = 'cm_watch_items';
export const DEDUP_INDEX = 'cm_watch_items_source_dedup_uq';

/** Whether the dedup index is in the database (each engine lists indexes its own way). */
export async function dedupIndexExists(strapi: Strapi): Promise<boolean> {
  const knex = strapi.db.connection;
  const client = String(strapi.db.config.connection.client);
  if (client === 'sqlite' || client === 'better-sqlite3') {
    return (await knex.raw(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?`, [DEDUP_INDEX])).length > 0;
  }
  if (client === 'postgres') return (await knex.raw(`SELECT 1 FROM pg_indexes WHERE indexname = ?`, [DEDUP_INDEX])).rows.length > 0;
  const [rows] = await knex.raw(`SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ? AND index_name = ?`, [ITEM_TABLE, DEDUP_INDEX]);
  return (rows as unknown[]).length > 0;
}

export async function ensureDedupIndex(strapi: Strapi): Promise<void> {
  if (await dedupIndexExists(strapi)) return;
  const knex = strapi.db.connection;
  try {
    await knex.schema.alterTable(ITEM_TABLE, (table) => table.unique(['source_ref', 'dedup_key'], { indexName: DEDUP_INDEX }));
  } catch (err) {
    // Another instance booting at the same moment created it first.
    if (!/already exists|duplicate key name/i.test((err as Error).message)) throw err;
  }
}

/** True for the unique-violation error of each database. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; errno?: unknown; message?: unknown; nativeError?: unknown; cause?: unknown };
  if (e?.code === '23505' || e?.code === 'ER_DUP_ENTRY' || e?.errno === 1062 || e?.code === 'SQLITE_CONSTRAINT_UNIQUE') return true;
  if (typeof e?.message === 'string' && /UNIQUE constraint failed|duplicate key|Duplicate entry/i.test(e.message)) return true;
  return (e?.nativeError ?? e?.cause) ? isUniqueViolation(e.nativeError ?? e.cause) : false;
}
