import type { Knex } from 'knex';
import type { Strapi } from '../strapi';

/**
 * The one way a job takes a row: a conditional UPDATE judged by the number of
 * rows it changed. No SELECT … FOR UPDATE, no advisory lock: plain SQL that
 * means the same on SQLite, PostgreSQL and MariaDB, so any number of
 * instances can run the same job on one database and each row has exactly one
 * owner at a time. A lease runs out: an owner that died or hung is replaced
 * once its `until` has passed.
 *
 * Two shapes, the same rule:
 * - `claimRow`: one row (a watch source, an account whose token needs
 *   refreshing), through Strapi's query engine, so dates are written as
 *   Strapi writes them on each database;
 * - `claimBatch`: many rows at once (publications due), in plain knex, with a
 *   unique token per batch read back afterwards: rows another instance took
 *   in between simply do not carry it.
 */

/** How a table stores its lease: the attribute names, and whether `until` is a datetime or epoch milliseconds. */
export interface LeaseFields {
  owner: string;
  until: string;
  clock: 'date' | 'ms';
}

export const DEFAULT_LEASE: LeaseFields = { owner: 'leaseOwner', until: 'leaseUntil', clock: 'date' };

const at = (fields: LeaseFields, ms: number) => (fields.clock === 'date' ? new Date(ms) : ms);

/** The condition (Strapi query engine) of a row nobody holds: never leased, or its lease has run out. */
export function leaseFree(now: number, fields: LeaseFields = DEFAULT_LEASE): Record<string, unknown> {
  return { $or: [{ [fields.until]: { $null: true } }, { [fields.until]: { $lt: at(fields, now) } }] };
}

/** The lease columns' values for `owner` until `now + leaseMs`. */
export function leaseFor(owner: string, now: number, leaseMs: number, fields: LeaseFields = DEFAULT_LEASE) {
  return { [fields.owner]: owner, [fields.until]: at(fields, now + leaseMs) };
}

/** The lease columns' values once the owner lets go. */
export function leaseCleared(fields: LeaseFields = DEFAULT_LEASE) {
  return { [fields.owner]: null, [fields.until]: null };
}

export interface ClaimRowOptions {
  /** the row (`{ id }`) and whatever else it must still be (`status: { $ne: 'paused' }`…) */
  where: Record<string, unknown>;
  owner: string;
  leaseMs: number;
  now?: number;
  fields?: LeaseFields;
  /** other columns written by the same UPDATE */
  data?: Record<string, unknown>;
}

/**
 * Takes one row for `owner` when its lease is free or expired and `where`
 * still holds, in one conditional update. True when this caller took it.
 */
export async function claimRow(strapi: Strapi, uid: string, options: ClaimRowOptions): Promise<boolean> {
  const fields = options.fields ?? DEFAULT_LEASE;
  const now = options.now ?? Date.now();
  const free = leaseFree(now, fields);
  // The caller's own `$or`/`$and` stay theirs: the lease's condition joins them under `$and`.
  const { $and, ...rest } = options.where as { $and?: unknown[] };
  const where = { ...rest, $and: [...(Array.isArray($and) ? $and : []), free] };
  const { count } = await strapi.db
    .query(uid as never)
    .updateMany({ where, data: { ...options.data, ...leaseFor(options.owner, now, options.leaseMs, fields) } as never });
  return count === 1;
}

/**
 * Lets go of a row this owner holds, writing `data` with it; false when the
 * lease was no longer this owner's (it ran out and someone else took it).
 */
export async function releaseRow(
  strapi: Strapi,
  uid: string,
  options: { where: Record<string, unknown>; owner: string; fields?: LeaseFields; data?: Record<string, unknown> }
): Promise<boolean> {
  const fields = options.fields ?? DEFAULT_LEASE;
  const { count } = await strapi.db.query(uid as never).updateMany({
    where: { ...options.where, [fields.owner]: options.owner },
    data: { ...options.data, ...leaseCleared(fields) } as never,
  });
  return count === 1;
}

export interface ClaimBatchOptions<T> {
  knex: Knex;
  table: string;
  idColumn: string;
  /** what makes a row claimable (the same condition picks the candidates and guards the UPDATE) */
  claimable: (query: Knex.QueryBuilder) => Knex.QueryBuilder;
  /** the candidates' order, earliest first */
  orderBy: { column: string; order: 'asc' | 'desc' };
  limit: number;
  /** the columns the claim writes: the batch's unique token as owner, the lease's end, the new state… */
  set: Record<string, unknown>;
  /** the rows carrying this batch's token, read once the UPDATE changed some */
  mine: () => Promise<T[]>;
}

/**
 * Claims up to `limit` rows in one conditional UPDATE, then reads back the
 * rows carrying this batch's token (`set` must write a token unique to the
 * batch). Rows another instance took between the candidates' read and the
 * UPDATE no longer match the condition and are not changed.
 */
export async function claimBatch<T>(options: ClaimBatchOptions<T>): Promise<T[]> {
  const { knex, table, idColumn } = options;
  const candidates = options
    .claimable(knex(table).select(idColumn))
    .orderBy(options.orderBy.column, options.orderBy.order)
    .limit(options.limit);
  const ids = (await candidates).map((r: Record<string, unknown>) => Number(r[idColumn]));
  if (!ids.length) return [];
  const changed = await options.claimable(knex(table).whereIn(idColumn, ids)).update({ ...options.set, updated_at: new Date() });
  if (!Number(changed)) return [];
  return options.mine();
}
