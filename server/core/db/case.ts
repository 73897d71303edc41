import type { Knex } from 'knex';
import type { Strapi } from '../strapi';

/**
 * `CASE <key> WHEN ? THEN ? … END`: one UPDATE gives each row its own value
 * (a plan's new trail, a publication's attempt id), where a row-by-row write
 * would cost a statement each. Plain SQL on SQLite, PostgreSQL and MariaDB.
 *
 * PostgreSQL types a CASE of parameters as text, which a jsonb or bigint
 * column does not take without a cast: `json` (the values are written as JSON
 * text) and numbers get one there. Text columns take text as it is.
 */
export function caseOn(
  strapi: Strapi,
  keyColumn: string,
  pairs: ReadonlyArray<readonly [number | string, unknown]>,
  options: { json?: boolean } = {}
): Knex.Raw {
  const knex = strapi.db.connection as unknown as Knex;
  const postgres = String(strapi.db.config.connection.client) === 'postgres';
  const numeric =
    !options.json &&
    pairs.some(([, value]) => typeof value === 'number') &&
    pairs.every(([, value]) => value === null || typeof value === 'number');
  const param = postgres && options.json ? '?::jsonb' : postgres && numeric ? '?::bigint' : '?';
  const whens = pairs.map(() => `WHEN ? THEN ${param}`).join(' ');
  const bindings = pairs.flatMap(([key, value]) => [key, options.json ? JSON.stringify(value) : (value as Knex.Value)]);
  return knex.raw(`CASE ?? ${whens} END`, [keyColumn, ...bindings]);
}
