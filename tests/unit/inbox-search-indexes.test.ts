import knex from 'knex';
import { TRIGRAM_INDEXES, trigramIndexSql } from '../../server/inbox/search-indexes';

/**
 * The inbox's trigram indexes on PostgreSQL (server/inbox/search-indexes.ts):
 * the statements as PostgreSQL receives them, without a database. That they
 * serve the list and return what `LIKE` returns is tests/api/inbox.test.ts on
 * PostgreSQL, and the figures bench/inbox.
 */
const pg = knex({ client: 'pg' });

describe('inbox trigram indexes', () => {
  it('index the words and the tags, each as a GIN over its trigrams, made once', () => {
    expect(
      TRIGRAM_INDEXES.map((i) => trigramIndexSql('cm_inbox_items', i)).map(({ sql, bindings }) => pg.raw(sql, bindings).toQuery())
    ).toEqual([
      'CREATE INDEX IF NOT EXISTS "cm_inbox_items_search_trgm" ON "cm_inbox_items" USING gin ("search_text" gin_trgm_ops)',
      'CREATE INDEX IF NOT EXISTS "cm_inbox_items_tags_trgm" ON "cm_inbox_items" USING gin ("tag_index" gin_trgm_ops)',
    ]);
  });

  it('quote what they are given', () => {
    const { sql, bindings } = trigramIndexSql('my"table', { name: 'x', column: 'y' });
    expect(pg.raw(sql, bindings).toQuery()).toContain('ON "my""table"');
  });
});
