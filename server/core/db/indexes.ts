import type { Strapi } from '../strapi';

/**
 * Indexes Strapi's schema cannot declare (composite, unique across columns),
 * made at bootstrap. Strapi's schema sync only drops indexes it created
 * itself, so these survive restarts; making one again is a no-op, and an
 * instance racing another at boot is harmless. Plain knex on the three
 * databases (MySQL has no CREATE INDEX IF NOT EXISTS, so existence is asked).
 */
export async function indexExists(strapi: Strapi, table: string, name: string): Promise<boolean> {
  const knex = strapi.db.connection;
  const client = String(strapi.db.config.connection.client);
  if (client === 'sqlite' || client === 'better-sqlite3') {
    return (await knex.raw(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?`, [name])).length > 0;
  }
  if (client === 'postgres') return (await knex.raw(`SELECT 1 FROM pg_indexes WHERE indexname = ?`, [name])).rows.length > 0;
  const [rows] = await knex.raw(
    `SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ? AND index_name = ?`,
    [table, name]
  );
  return (rows as unknown[]).length > 0;
}

export async function ensureIndex(
  strapi: Strapi,
  table: string,
  name: string,
  columns: string[],
  options: { unique?: boolean } = {}
): Promise<void> {
  const knex = strapi.db.connection;
  if (!(await knex.schema.hasTable(table)) || (await indexExists(strapi, table, name))) return;
  try {
    await knex.schema.alterTable(table, (t) => (options.unique ? t.unique(columns, { indexName: name }) : t.index(columns, name)));
  } catch (err) {
    // Another instance booting at the same moment made it first.
    if (!(await indexExists(strapi, table, name))) throw err;
  }
}

export async function dropIndexIfExists(strapi: Strapi, table: string, name: string, columns: string[]): Promise<void> {
  if (!(await indexExists(strapi, table, name))) return;
  try {
    await strapi.db.connection.schema.alterTable(table, (t) => t.dropIndex(columns, name));
  } catch (err) {
    if (await indexExists(strapi, table, name)) throw err;
  }
}

/** True for the unique-violation error of each database (judged by code, not by class: see the watch suite). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; errno?: unknown; message?: unknown; nativeError?: unknown; cause?: unknown };
  if (e?.code === '23505' || e?.code === 'ER_DUP_ENTRY' || e?.errno === 1062 || e?.code === 'SQLITE_CONSTRAINT_UNIQUE') return true;
  if (typeof e?.message === 'string' && /UNIQUE constraint failed|duplicate key|Duplicate entry/i.test(e.message)) return true;
  return (e?.nativeError ?? e?.cause) ? isUniqueViolation(e.nativeError ?? e.cause) : false;
}
