import type { Strapi } from '../core/strapi';
import { indexExists } from '../core/db/indexes';

/**
 * Indexes for the list's tag and words filters. Both stay `LIKE '%…%'` on
 * every engine, so they match what docs/inbox.md promises — a tag exactly
 * (`|tag|` in `tag_index`), a word anywhere in the lower-cased author and
 * text, accents as written, one letter included — and only the way each
 * engine finds the rows differs (docs/decisions.md, "Inbox: indexes for the
 * tag and words filters"):
 *
 * - PostgreSQL: trigram GIN indexes (pg_trgm, in PostgreSQL's contrib and a
 *   trusted extension since 13, so the database's owner may create it). They
 *   serve `LIKE '%…%'` as written for patterns of three characters or more; a
 *   shorter one reads the rows, as before. Where the extension cannot be
 *   created the filters read the rows too, and a warning says why.
 * - SQLite: none; both filters read the rows, bounded by the count cap.
 *   FTS5's trigram tokenizer would serve words, but at 200,000 items it
 *   doubled the database (91 → 199 MB) and, as SQLite then reads the
 *   matches first, made a common word's page 40–60 ms instead of 1 ms; an
 *   index `(status, posted_at, tag_index)` was taken for the plain open view
 *   too and made its page 10× slower (bench/inbox, docs/decisions.md).
 * - MySQL/MariaDB: neither. A TEXT column takes no plain B-tree index, and a
 *   FULLTEXT index matches whole words of 3+ characters, not substrings.
 */
export const TRIGRAM_INDEXES = [
  { name: 'cm_inbox_items_search_trgm', column: 'search_text' },
  { name: 'cm_inbox_items_tags_trgm', column: 'tag_index' },
] as const;

/** The statement making one trigram index (identifiers quoted by knex). */
export function trigramIndexSql(table: string, index: { name: string; column: string }): { sql: string; bindings: string[] } {
  return { sql: 'CREATE INDEX IF NOT EXISTS ?? ON ?? USING gin (?? gin_trgm_ops)', bindings: [index.name, table, index.column] };
}

export async function ensureInboxSearchIndexes(strapi: Strapi, table: string): Promise<void> {
  const client = String(strapi.db.config.connection.client);
  if (client !== 'postgres') return;
  const knex = strapi.db.connection;
  if (!(await knex.schema.hasTable(table))) return;
  const missing = [];
  for (const index of TRIGRAM_INDEXES) if (!(await indexExists(strapi, table, index.name))) missing.push(index);
  if (!missing.length) return;
  const hasTrigrams = async () => (await knex.raw(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`)).rows.length > 0;
  try {
    if (!(await hasTrigrams())) await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  } catch (err) {
    // Another instance made it at the same moment, or this role may not: then the filters read the rows.
    if (!(await hasTrigrams())) {
      strapi.log.warn(
        `community-manager: inbox: pg_trgm could not be created (${String(err)}); the tag and words filters will read every item. ` +
          'Run CREATE EXTENSION pg_trgm as the database owner to index them.'
      );
      return;
    }
  }
  for (const index of missing) {
    const { sql, bindings } = trigramIndexSql(table, index);
    try {
      // Made once, at the first boot after an upgrade: about 15 s at 200,000 items (bench/inbox).
      await knex.raw(sql, bindings);
    } catch (err) {
      // The extension lives in a schema off the search path, say: the filter still works, unindexed.
      if (!(await indexExists(strapi, table, index.name)))
        strapi.log.warn(`community-manager: inbox: index ${index.name} not made (${String(err)}); that filter will read every item`);
    }
  }
}
