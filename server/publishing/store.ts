import type { Knex } from 'knex';
import type { Strapi } from '../core/strapi';
import { UID } from '../../content-types';
import { tableOf } from '../core/db/columns';
import { caseOn } from '../core/db/case';
import { claimBatch } from '../core/jobs';
import { fromFor, toOf, type PublicationTransition } from '../../shared/publishing/states';
import { OUTCOME_FIELDS, type HistoryEntry, type OutcomeRow, type PublicationRow, type PublicationState } from './dto';

/**
 * Row work on publications. Every change of state is a conditional UPDATE
 * (`… WHERE id = ? AND state = ? [AND lease_owner = ?]`) judged by the number
 * of rows it changed: plain SQL that means the same on SQLite, PostgreSQL and
 * MariaDB, with no SELECT … FOR UPDATE and no advisory lock.
 */
/** The columns this store reads and writes, by attribute name. */
export const PUBLICATION_FIELDS = [
  'id',
  'documentId',
  'planDocumentId',
  'accountDocumentId',
  'network',
  'state',
  'dueMs',
  'nextAttemptMs',
  'leaseOwner',
  'leaseUntilMs',
  'attempts',
  'attemptId',
  'attemptStartedMs',
  'externalId',
  'externalUrl',
  'errorCode',
  'lastError',
  'publishedMs',
  'history',
  'steps',
] as const;

type Field = (typeof PUBLICATION_FIELDS)[number];
export type Patch = Partial<Record<Exclude<Field, 'id' | 'documentId' | 'history' | 'steps'>, string | number | null>>;

export const ACTIVE_STATES: readonly PublicationState[] = ['claimed', 'publishing'];

export function createPublicationStore(strapi: Strapi) {
  // Read from Strapi's metadata on first use (the database is not up when services are made), then kept: every write names columns.
  let meta: ReturnType<typeof tableOf> | null = null;
  const columns = new Map<string, string>();
  const table = () => (meta ??= tableOf(strapi, UID.publication)).name;
  const col = (field: Field) => {
    let name = columns.get(field);
    if (name === undefined) columns.set(field, (name = (meta ??= tableOf(strapi, UID.publication)).col(field)));
    return name;
  };
  const knex = (): Knex => strapi.db.connection as unknown as Knex;
  const q = () => knex()(table());
  const query = () => strapi.db.query(UID.publication);

  const toColumns = (patch: Patch) => Object.fromEntries(Object.entries(patch).map(([k, v]) => [col(k as Field), v]));

  return {
    col,
    table,
    knex,

    async find(id: number): Promise<PublicationRow | null> {
      return (await query().findOne({ where: { id } })) as PublicationRow | null;
    },

    async findByDocumentId(documentId: string): Promise<PublicationRow | null> {
      return (await query().findOne({ where: { documentId } })) as PublicationRow | null;
    },

    async findMany(
      where: Record<string, unknown>,
      orderBy: Record<string, 'asc' | 'desc'> = { dueMs: 'asc' },
      limit?: number
    ): Promise<PublicationRow[]> {
      return (await query().findMany({ where, orderBy, ...(limit ? { limit } : {}) })) as PublicationRow[];
    },

    /** One page of rows, in `orderBy`'s order (several keys: the later ones break ties). */
    async findPage(
      where: Record<string, unknown>,
      orderBy: Array<Record<string, 'asc' | 'desc'>>,
      offset: number,
      limit: number
    ): Promise<PublicationRow[]> {
      return (await query().findMany({ where, orderBy, offset, limit })) as PublicationRow[];
    },

    /**
     * The publications of many plans in one query, only the columns an outcome
     * shows. The callers pass at most a calendar window's posts (MAX_EVENTS),
     * well under every database's limit on bound parameters.
     */
    async findForPlans(planDocumentIds: readonly string[], states?: readonly PublicationState[]): Promise<OutcomeRow[]> {
      if (!planDocumentIds.length) return [];
      return (await query().findMany({
        where: { planDocumentId: { $in: [...planDocumentIds] }, ...(states ? { state: { $in: [...states] } } : {}) },
        select: [...OUTCOME_FIELDS],
        orderBy: { id: 'asc' },
      })) as OutcomeRow[];
    },

    async count(where: Record<string, unknown>): Promise<number> {
      return query().count({ where });
    },

    async deleteMany(where: Record<string, unknown>): Promise<void> {
      await query().deleteMany({ where });
    },

    async create(data: Record<string, unknown>): Promise<PublicationRow> {
      return (await strapi.documents(UID.publication).create({ data: data as never })) as unknown as PublicationRow;
    },

    /**
     * The one write that changes a state: applies `patch` only while the row is
     * still in one of `from` (and, when given, still leased to `owner`).
     * True when this caller made the change.
     */
    async transition(
      id: number,
      from: readonly PublicationState[],
      patch: Patch,
      owner?: string,
      history?: HistoryEntry[]
    ): Promise<boolean> {
      let update = q()
        .where(col('id'), id)
        .whereIn(col('state'), from as string[]);
      if (owner !== undefined) update = update.andWhere(col('leaseOwner'), owner);
      // The history goes in the same UPDATE: a JSON string is taken by SQLite (text), PostgreSQL (jsonb) and MariaDB (json) alike.
      const changed = await update.update({
        ...toColumns(patch),
        ...(history ? { [col('history')]: JSON.stringify(history) } : {}),
        updated_at: new Date(),
      });
      return Number(changed) === 1;
    },

    /**
     * `transition` for many rows in one UPDATE: each item's patch and history
     * (a value shared by all goes in as is, the others by a CASE on the id).
     * Conditional like `transition`; returns the ids this caller changed. The
     * rows are known by their id only, so when fewer changed than were asked
     * (a person or a reaper moved one meanwhile), they are read back and a row
     * counts as changed when it holds this patch.
     */
    async transitionMany(
      items: ReadonlyArray<{ id: number; patch: Patch; history?: HistoryEntry[] }>,
      from: readonly PublicationState[],
      owner?: string
    ): Promise<Set<number>> {
      if (!items.length) return new Set();
      const ids = items.map((i) => i.id);
      const fields = [...new Set(items.flatMap((i) => Object.keys(i.patch)))] as Array<keyof Patch>;
      const values: Record<string, unknown> = { updated_at: new Date() };
      for (const field of fields) {
        const first = items[0].patch[field];
        values[col(field)] = items.every((i) => i.patch[field] === first)
          ? first
          : caseOn(
              strapi,
              col('id'),
              items.map((i) => [i.id, i.patch[field] ?? null] as const)
            );
      }
      if (items.some((i) => i.history))
        values[col('history')] = caseOn(
          strapi,
          col('id'),
          items.map((i) => [i.id, i.history ?? []] as const),
          { json: true }
        );
      let update = q()
        .whereIn(col('id'), ids)
        .whereIn(col('state'), from as string[]);
      if (owner !== undefined) update = update.andWhere(col('leaseOwner'), owner);
      const changed = Number(await update.update(values));
      if (changed === items.length) return new Set(ids);
      if (!changed) return new Set();
      const now = new Map((await q().select('*').whereIn(col('id'), ids)).map((r: Record<string, unknown>) => [Number(r[col('id')]), r]));
      const holds = (item: (typeof items)[number]) => {
        const row = now.get(item.id);
        return (
          !!row &&
          Object.entries(item.patch).every(([field, value]) =>
            value === null ? row[col(field as Field)] === null : String(row[col(field as Field)]) === String(value)
          )
        );
      };
      return new Set(items.filter(holds).map((i) => i.id));
    },

    /**
     * A named transition (shared/publishing/states.ts) of one row: one
     * conditional UPDATE from the states the table allows (narrowed to `from`
     * when given) to the state it names, with its history line.
     */
    async apply(
      name: PublicationTransition,
      id: number,
      options: { from?: readonly PublicationState[]; patch?: Patch; owner?: string; history?: HistoryEntry[] } = {}
    ): Promise<boolean> {
      const from = fromFor(name, ...(options.from ?? []));
      const to = toOf(name, from);
      return this.transition(id, from, { ...(to ? { state: to } : {}), ...options.patch }, options.owner, options.history);
    },

    /** `apply` for many rows in one UPDATE (see `transitionMany`). */
    async applyMany(
      name: PublicationTransition,
      items: ReadonlyArray<{ id: number; patch: Patch; history?: HistoryEntry[] }>,
      options: { from?: readonly PublicationState[]; owner?: string } = {}
    ): Promise<Set<number>> {
      const from = fromFor(name, ...(options.from ?? []));
      const to = toOf(name, from);
      return this.transitionMany(
        items.map((i) => ({ ...i, patch: { ...(to ? { state: to } : {}), ...i.patch } })),
        from,
        options.owner
      );
    },

    /**
     * Claimed rows back to the queue, untouched otherwise: their claim did not
     * lead to an attempt (the plan changed, publishing was paused, the instance
     * is stopping), so the attempt it counted is taken back.
     */
    async requeue(ids: readonly number[], owner?: string): Promise<number> {
      if (!ids.length) return 0;
      let update = q()
        .whereIn(col('id'), ids as number[])
        .whereIn(col('state'), fromFor('give_back') as string[]);
      if (owner !== undefined) update = update.andWhere(col('leaseOwner'), owner);
      return Number(
        await update.update({
          [col('state')]: toOf('give_back', fromFor('give_back')),
          [col('leaseOwner')]: null,
          [col('leaseUntilMs')]: null,
          [col('attempts')]: knex().raw('CASE WHEN ?? > 0 THEN ?? - 1 ELSE 0 END', [col('attempts'), col('attempts')]),
          updated_at: new Date(),
        })
      );
    },

    /**
     * Appends to the row's history, for events that change no state. A change
     * of state writes its history line with the transition itself.
     */
    async appendHistory(id: number, entry: HistoryEntry) {
      const row = await this.find(id);
      if (!row) return;
      const history = Array.isArray(row.history) ? row.history : [];
      await query().update({ where: { id }, data: { history: [...history.slice(-49), entry] } });
    },

    /**
     * Claims up to `limit` rows due by `dueBy` in one conditional UPDATE, then
     * reads back which ones carry this batch's unique lease token. Rows another
     * instance took in between simply do not match: each row has exactly one
     * owner. `dueBy` may lie a little ahead of now: the scheduler claims and
     * prepares rows before their time and sends each at its own instant.
     */
    async claimDue(opts: {
      dueBy: number;
      leaseToken: string;
      leaseUntil: number;
      limit: number;
      excludeAccounts: string[];
    }): Promise<PublicationRow[]> {
      return claimBatch({
        knex: knex(),
        table: table(),
        idColumn: col('id'),
        claimable: (query) => {
          const due = query.whereIn(col('state'), fromFor('claim') as string[]).andWhere(col('nextAttemptMs'), '<=', opts.dueBy);
          return opts.excludeAccounts.length ? due.whereNotIn(col('accountDocumentId'), opts.excludeAccounts) : due;
        },
        orderBy: { column: col('nextAttemptMs'), order: 'asc' },
        limit: opts.limit,
        set: {
          [col('state')]: toOf('claim', fromFor('claim')),
          [col('leaseOwner')]: opts.leaseToken,
          [col('leaseUntilMs')]: opts.leaseUntil,
          [col('attempts')]: knex().raw('?? + 1', [col('attempts')]),
        },
        mine: () => this.findMany({ state: 'claimed', leaseOwner: opts.leaseToken }, { nextAttemptMs: 'asc' }),
      });
    },

    /** The earliest time a scheduled row becomes due, for the exact wake-up. */
    async nextDue(): Promise<number | null> {
      const row = await q()
        .min({ next: col('nextAttemptMs') })
        .where(col('state'), 'scheduled')
        .first();
      const next = row?.next;
      return next === null || next === undefined ? null : Number(next);
    },

    /**
     * The steps of a post made of several calls (steps.ts), kept in the row
     * itself so that saving them and holding the lease are one statement.
     */
    async readSteps(id: number): Promise<Record<string, string>> {
      const row = await q().select(col('steps')).where(col('id'), id).first();
      const raw = row?.[col('steps')];
      // A JSON column comes back parsed on PostgreSQL, as text on SQLite and MariaDB.
      const value: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
      if (!value || typeof value !== 'object') return {};
      return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
    },

    /**
     * Writes the steps (null: none). With `owner`, only while the row is still
     * `publishing` under that lease, which the same UPDATE extends to
     * `leaseUntilMs`: false when the lease was lost (the reaper or another
     * instance took the row), and then nothing was written.
     */
    async writeSteps(id: number, steps: Record<string, string> | null, lease?: { owner: string; untilMs: number }): Promise<boolean> {
      let update = q().where(col('id'), id);
      if (lease) update = update.andWhere(col('state'), 'publishing').andWhere(col('leaseOwner'), lease.owner);
      const changed = await update.update({
        [col('steps')]: steps === null ? null : JSON.stringify(steps),
        ...(lease ? { [col('leaseUntilMs')]: lease.untilMs } : {}),
      });
      return Number(changed) === 1;
    },

    /** Extends a publishing lease still held by `owner`; false when it was lost. */
    async extendLease(id: number, owner: string, untilMs: number): Promise<boolean> {
      const changed = await q()
        .where(col('id'), id)
        .andWhere(col('state'), 'publishing')
        .andWhere(col('leaseOwner'), owner)
        .update({ [col('leaseUntilMs')]: untilMs });
      return Number(changed) === 1;
    },

    /** Rows in `state` whose lease has run out (their owner died or hung). */
    async expiredLeases(state: PublicationState, now: number): Promise<PublicationRow[]> {
      return this.findMany({ state, leaseUntilMs: { $lt: now } }, { leaseUntilMs: 'asc' }, 200);
    },

    /** Scheduled rows due longer ago than the lateness allows and never tried: they become `missed`. */
    async overdue(before: number): Promise<PublicationRow[]> {
      return this.findMany({ state: 'scheduled', attempts: 0, dueMs: { $lt: before } }, { dueMs: 'asc' }, 500);
    },

    /** Every scheduled row of an account goes on hold (`hold`, by the account), in one conditional update. */
    async holdAccount(accountDocumentId: string, patch: Patch = {}): Promise<number> {
      const from = fromFor('hold', 'scheduled');
      return Number(
        await q()
          .where(col('accountDocumentId'), accountDocumentId)
          .whereIn(col('state'), from as string[])
          .update({ [col('state')]: toOf('hold', from), ...toColumns(patch), updated_at: new Date() })
      );
    },

    /** Held rows of a reconnected account back to the queue, each at its own due time (or now, if that has passed). */
    async releaseAccount(accountDocumentId: string, now: number): Promise<number> {
      return Number(
        await q()
          .where(col('accountDocumentId'), accountDocumentId)
          .whereIn(col('state'), fromFor('release') as string[])
          .update({
            [col('state')]: toOf('release', fromFor('release')),
            [col('nextAttemptMs')]: knex().raw(`CASE WHEN ?? > ? THEN ?? ELSE ? END`, [col('dueMs'), now, col('dueMs'), now]),
            [col('attempts')]: 0,
            [col('errorCode')]: null,
            [col('lastError')]: null,
            updated_at: new Date(),
          })
      );
    },

    async accountsIn(state: PublicationState): Promise<string[]> {
      const rows = await q().distinct(col('accountDocumentId')).where(col('state'), state);
      return rows.map((r: Record<string, unknown>) => String(r[col('accountDocumentId')]));
    },

    async countByState(): Promise<Record<string, number>> {
      const rows = await q().select(col('state')).count({ n: '*' }).groupBy(col('state'));
      return Object.fromEntries(rows.map((r: Record<string, unknown>) => [String(r[col('state')]), Number(r.n)]));
    },
  };
}

export type PublicationStore = ReturnType<typeof createPublicationStore>;
