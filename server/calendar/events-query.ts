import type { Strapi } from '../core/strapi';
import { UID } from '../../content-types';
import { tableOf } from '../core/db/columns';
import type { EventsQuery } from '../../shared/calendar/contract';
import { limitPerDay, type DayOverflow } from './days';

/** A six-week grid of the busiest agency holds a few thousand posts; the cap only guards the server against an absurd table. */
export const MAX_EVENTS = 10_000;

/** The post plans' accounts relation, as Strapi's metadata describes its join table. */
interface Meta {
  attributes: Record<string, { joinTable?: JoinTable }>;
}
interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
}

/** One post plan's row as the calendar reads it: only the columns the grid draws. */
export interface EventRow {
  id: number;
  documentId: string;
  title: string;
  scheduledAt: unknown;
  timezone: string | null;
  localTime: string | null;
  status: string;
  pillar: string | null;
  campaign: string | null;
  entry: unknown;
}

export interface AccountRow {
  postId: number;
  documentId: string;
  name: string;
  network: string;
}

/**
 * The month grid's read, in plain knex rather than the query engine: one range
 * query on the `scheduled_at` index for the posts' columns, one join for their
 * accounts. The query engine hydrates every row through the content type's
 * attributes and populates through an `IN` list of every id (~5,700 in a busy
 * six-week window); this reads the same rows in a fraction of the time (see
 * docs/decisions.md, "Calendar query"). Table and column names come from
 * Strapi's own metadata, so a renamed attribute cannot silently drift.
 */
export function eventsReader(strapi: Strapi) {
  const plans = tableOf(strapi, UID.postPlan);
  const accounts = tableOf(strapi, UID.socialAccount);
  const link = (strapi.db.metadata.get(UID.postPlan) as unknown as Meta).attributes.accounts.joinTable!;
  const p = (name: string) => `p.${plans.col(name)}`;
  const a = (name: string) => `a.${accounts.col(name)}`;

  /** The filters of the query string on the `p` alias; accounts and networks match when any of the post's accounts does. */
  function filtered(knex: Strapi['db']['connection'], query: EventsQuery) {
    const qb = knex(`${plans.name} as p`)
      .where(p('scheduledAt'), '>=', new Date(query.from))
      .andWhere(p('scheduledAt'), '<', new Date(query.to));
    if (query.statuses?.length) qb.whereIn(p('status'), query.statuses);
    if (query.pillars?.length) qb.whereIn(p('pillar'), query.pillars);
    if (query.campaigns?.length) qb.whereIn(p('campaign'), query.campaigns);
    const accountFilter = (column: string, values: string[] | undefined) => {
      if (!values?.length) return;
      qb.whereExists(
        knex(`${link.name} as l`)
          .join(`${accounts.name} as a`, `a.id`, `l.${link.inverseJoinColumn.name}`)
          .whereRaw('?? = ??', [`l.${link.joinColumn.name}`, 'p.id'])
          .whereIn(a(column), values)
          .select(knex.raw('1'))
      );
    };
    accountFilter('documentId', query.accountIds);
    accountFilter('network', query.networks);
    return qb;
  }

  const orderByTime = [
    { column: p('scheduledAt'), order: 'asc' as const },
    { column: 'p.id', order: 'asc' as const },
  ];

  /** The columns the grid draws, in time order. */
  const selectRows = (qb: ReturnType<typeof filtered>) =>
    qb
      .select({
        id: 'p.id',
        documentId: p('documentId'),
        title: p('title'),
        scheduledAt: p('scheduledAt'),
        timezone: p('timezone'),
        localTime: p('localTime'),
        status: p('status'),
        pillar: p('pillar'),
        campaign: p('campaign'),
        entry: p('entry'),
      })
      .orderBy(orderByTime);

  /** The accounts of the given posts (ids or a subquery of ids), in the order the editor picked them. */
  async function accountsOf(knex: Strapi['db']['connection'], postIds: number[] | ReturnType<typeof filtered>) {
    const order: Array<{ column: string; order: 'asc' }> = [];
    if (link.orderColumnName) order.push({ column: `l.${link.orderColumnName}`, order: 'asc' });
    order.push({ column: 'l.id', order: 'asc' });
    return (await knex(`${link.name} as l`)
      .join(`${accounts.name} as a`, 'a.id', `l.${link.inverseJoinColumn.name}`)
      .whereIn(`l.${link.joinColumn.name}`, postIds)
      .select({ postId: `l.${link.joinColumn.name}`, documentId: a('documentId'), name: a('name'), network: a('network') })
      .orderBy(order)) as AccountRow[];
  }

  return {
    /** Every post of the window. */
    async read(query: EventsQuery): Promise<{ rows: EventRow[]; accounts: AccountRow[] }> {
      const knex = strapi.db.connection;
      const rows = (await selectRows(filtered(knex, query)).limit(MAX_EVENTS)) as EventRow[];
      if (rows.length === 0) return { rows, accounts: [] };
      // The accounts of the same posts: the range again as a subquery rather than an `IN` list of thousands of ids.
      return { rows, accounts: await accountsOf(knex, filtered(knex, query).select('p.id')) };
    },

    /**
     * The summary's read: the grid's filters over `query`'s window, only the
     * time and pillar of each post and the accounts' networks, so the summary
     * counts exactly the posts the grid draws.
     */
    async readSlim(
      query: EventsQuery
    ): Promise<{ rows: Array<{ id: number; scheduledAt: unknown; pillar: string | null }>; accounts: AccountRow[] }> {
      const knex = strapi.db.connection;
      const rows = (await filtered(knex, query)
        .select({ id: 'p.id', scheduledAt: p('scheduledAt'), pillar: p('pillar') })
        .orderBy(orderByTime)
        .limit(MAX_EVENTS)) as Array<{ id: number; scheduledAt: unknown; pillar: string | null }>;
      if (rows.length === 0) return { rows, accounts: [] };
      return { rows, accounts: await accountsOf(knex, filtered(knex, query).select('p.id')) };
    },

    /**
     * What a month grid draws: the window's ids and times only (a scan of the
     * `scheduled_at` index), cut to `dayMax` per local day, then the columns
     * and accounts of the ~150 posts kept rather than of all ~5,700.
     */
    async readPerDay(
      query: EventsQuery & { dayMax: number }
    ): Promise<{ rows: EventRow[]; accounts: AccountRow[]; overflow: DayOverflow[] }> {
      const knex = strapi.db.connection;
      const slim = (await filtered(knex, query)
        .select({ id: 'p.id', scheduledAt: p('scheduledAt') })
        .orderBy(orderByTime)
        .limit(MAX_EVENTS)) as Array<{
        id: number;
        scheduledAt: unknown;
      }>;
      const items = slim.map((row) => ({ id: row.id, at: new Date(row.scheduledAt as string | number | Date).getTime() }));
      const { kept, overflow } = limitPerDay(items, query.dayMax, query.timezone ?? 'UTC');
      if (kept.length === 0) return { rows: [], accounts: [], overflow };
      const ids = kept.map((item) => item.id);
      const rows = (await selectRows(knex(`${plans.name} as p`).whereIn('p.id', ids))) as EventRow[];
      return { rows, accounts: await accountsOf(knex, ids), overflow };
    },
  };
}
