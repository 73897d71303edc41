import type { Knex } from 'knex';
import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { ensureIndex } from '../core/db/indexes';
import { tableOf } from '../core/db/columns';

/**
 * Reads of the metric snapshots' time series (cm_metric_snapshots). A post
 * gathers one snapshot per collection age (docs/reports.md, "Collection"),
 * and a report needs only the latest of each: the database picks it (MAX per
 * post over an index on (post, time)) instead of every snapshot crossing
 * into Node. bench/reports measured the year's dashboard on 500,000
 * snapshots (docs/benchmarks.md).
 */
export const SNAPSHOT_TABLE = 'cm_metric_snapshots';
const PUBLICATION_TABLE = 'cm_publications';

/** Composite indexes Strapi's schema cannot declare (server/core/db/indexes.ts). */
export async function ensureReportIndexes(strapi: Strapi) {
  await ensureIndex(strapi, SNAPSHOT_TABLE, 'cm_metric_snapshots_post_taken', ['publication_document_id', 'taken_ms']);
  await ensureIndex(strapi, SNAPSHOT_TABLE, 'cm_metric_snapshots_account_taken', ['account_document_id', 'kind', 'taken_ms']);
  // Collection's anti-join: the posts that have no track yet (server/reports/collector.ts).
  await ensureIndex(strapi, 'cm_metric_tracks', 'cm_metric_tracks_post', ['publication_document_id']);
  // A period's published posts: the dashboard, the best time and the published list read by time.
  await ensureIndex(strapi, PUBLICATION_TABLE, 'cm_publications_state_published', ['state', 'published_ms']);
}

/** Placeholders stay well under SQLite's 999 bound variables per statement. */
export const CHUNK = 500;

/**
 * `fields` of a content type's rows, in plain knex: a report reads tens of
 * thousands of rows, which Strapi's query layer spends about 50 µs each
 * turning into entities (bench/reports). `where` narrows the knex query.
 */
export function selectRows(
  strapi: Strapi,
  uid: string,
  fields: readonly string[],
  where: (q: Knex.QueryBuilder, col: (field: string) => string) => void
): Promise<Row[]> {
  const { name, col } = tableOf(strapi, uid);
  const query = strapi.db.connection(name).select(fields.map((f) => `${col(f)} as ${f}`));
  where(query, col);
  return query as unknown as Promise<Row[]>;
}

/**
 * Each post's latest snapshot among those taken no later than `takenMsMax`
 * and, when given, at an age of at most `slotHoursMax`: one row per post
 * that has one, with the `select`ed attributes.
 */
export async function latestPostSnapshots(
  strapi: Strapi,
  publicationIds: readonly string[],
  options: { select: readonly string[]; takenMsMax?: number; slotHoursMax?: number }
): Promise<Map<string, Row>> {
  const { name: table, col } = tableOf(strapi, UID.metricSnapshot);
  const knex = strapi.db.connection;
  const out = new Map<string, Row>();
  const [pub, taken, slot] = [col('publicationDocumentId'), col('takenMs'), col('slotHours')];
  const columns = [...new Set(['id', 'publicationDocumentId', ...options.select])];
  if (String(strapi.db.config.connection.client) === 'postgres') {
    /*
     * On PostgreSQL, one backward probe of the (publication, taken) index per
     * post (LATERAL … LIMIT 1) instead of grouping every snapshot of the chunk
     * and joining back: 500 posts of 50 snapshots each took 120–210 ms as a
     * GROUP BY, which made the Reports page's last-30-days dashboard 0.6 s.
     * The same row is chosen: the latest taken, the later written on a tie.
     */
    for (let i = 0; i < publicationIds.length; i += CHUNK) {
      const ids = publicationIds.slice(i, i + CHUNK);
      const bounds: Array<string | number> = [];
      let where = `s.${knex.raw('??', [pub]).toQuery()} = ids.p AND s.${knex.raw('??', [col('kind')]).toQuery()} = 'post'`;
      if (options.takenMsMax !== undefined) {
        where += ` AND s.${knex.raw('??', [taken]).toQuery()} <= ?`;
        bounds.push(options.takenMsMax);
      }
      if (options.slotHoursMax !== undefined) {
        where += ` AND s.${knex.raw('??', [slot]).toQuery()} <= ?`;
        bounds.push(options.slotHoursMax);
      }
      const select = columns.map((name) => knex.raw('latest.?? AS ??', [col(name), name]).toQuery()).join(', ');
      const { rows } = (await knex.raw(
        `SELECT ${select} FROM unnest(?::text[]) AS ids(p) CROSS JOIN LATERAL (` +
          `SELECT * FROM ?? AS s WHERE ${where} ORDER BY s.?? DESC, s.id DESC LIMIT 1) AS latest`,
        [ids, table, ...bounds, taken]
      )) as { rows: Row[] };
      for (const row of rows) out.set(String(row.publicationDocumentId), row);
    }
    return out;
  }
  for (let i = 0; i < publicationIds.length; i += CHUNK) {
    const ids = publicationIds.slice(i, i + CHUNK);
    const bounded = (q: ReturnType<typeof knex>) => {
      q.whereIn(pub, ids).andWhere(col('kind'), 'post');
      if (options.takenMsMax !== undefined) q.andWhere(taken, '<=', options.takenMsMax);
      if (options.slotHoursMax !== undefined) q.andWhere(slot, '<=', options.slotHoursMax);
      return q;
    };
    const latest = bounded(knex(table).select(`${pub} as p`).max(`${taken} as t`).groupBy(pub)).as('latest');
    const rows = (await knex(`${table} as s`)
      .join(latest, function () {
        this.on(`s.${pub}`, '=', 'latest.p').andOn(`s.${taken}`, '=', 'latest.t');
      })
      .where(`s.${col('kind')}`, 'post')
      .select(columns.map((name) => `s.${col(name)} as ${name}`))) as Row[];
    for (const row of rows) {
      const key = String(row.publicationDocumentId);
      const seen = out.get(key);
      // Two snapshots of one post in the same millisecond: the later written.
      if (!seen || Number(row.id) > Number(seen.id)) out.set(key, row);
    }
  }
  return out;
}
