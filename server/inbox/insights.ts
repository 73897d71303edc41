import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { SITE_SOURCE, type InboxReply } from '../../shared/inbox/contract';
import type { SentimentLabel } from '../../shared/inbox/sentiment';
import type { FiguresQuery, InboxBadge, InboxFigures, MemberFigures, ResponseTimes, SourceFigures } from '../../shared/inbox/figures';

/**
 * What the inbox tells the rest of the plugin: the menu badge, the replies a
 * post received, and the response-time and volume figures the KPI reports
 * read (docs/inbox.md, "Figures"). Reading only; each a few counts or one
 * paged scan of the period's items with the columns it needs.
 */

const LABELS: SentimentLabel[] = ['positive', 'neutral', 'negative'];
const PAGE = 2_000;

/** The value at rank ⌈q·n⌉ of the sorted values (nearest rank), null with none. */
export function percentile(sorted: number[], q: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function responseTimes(values: number[]): ResponseTimes {
  const sorted = [...values].sort((a, b) => a - b);
  return { responded: sorted.length, medianMs: percentile(sorted, 0.5), p90Ms: percentile(sorted, 0.9) };
}

/** One item as the figures read it. */
export interface FigureRow {
  sourceRef: string;
  network: string;
  assigneeId: number | null;
  /** the sentiment people see: a person's label, else the computed one */
  sentiment: SentimentLabel;
  /** the scorer's label, when a person chose one (`sentiment` is theirs) */
  computed?: SentimentLabel;
  firstResponseMs: number | null;
  /** the sent replies, oldest first: who and when */
  replies: Array<{ by: number; at: string }>;
}

/** The figures over a set of items; `names` gives sources' and people's names. */
export function aggregateFigures(
  rows: FigureRow[],
  names: { source(ref: string, network: string): string; member(id: number): string }
): Omit<InboxFigures, 'from' | 'to'> {
  const sourceOf = (key: string, network: string, list: FigureRow[]): SourceFigures => {
    const counts = Object.fromEntries(LABELS.map((l) => [l, list.filter((r) => r.sentiment === l).length])) as Record<
      SentimentLabel,
      number
    >;
    return {
      source: key,
      network,
      name: key === '*' ? '*' : names.source(key, network),
      volume: list.length,
      ...responseTimes(list.map((r) => r.firstResponseMs).filter((v): v is number => v !== null)),
      sentiment: Object.fromEntries(
        LABELS.map((l) => [l, { count: counts[l], share: list.length ? Math.round((counts[l] / list.length) * 1000) / 1000 : 0 }])
      ) as SourceFigures['sentiment'],
      sentimentOverrides: {
        count: list.filter((r) => r.computed !== undefined).length,
        changed: list.filter((r) => r.computed !== undefined && r.computed !== r.sentiment).length,
      },
    };
  };
  const bySource = new Map<string, FigureRow[]>();
  for (const row of rows) bySource.set(row.sourceRef, [...(bySource.get(row.sourceRef) ?? []), row]);
  const members = new Map<number, { assigned: number; replies: number; first: number[] }>();
  const member = (id: number) => {
    if (!members.has(id)) members.set(id, { assigned: 0, replies: 0, first: [] });
    return members.get(id)!;
  };
  for (const row of rows) {
    if (row.assigneeId !== null) member(row.assigneeId).assigned++;
    for (const reply of row.replies) member(reply.by).replies++;
    // The first response is whoever sent the first reply.
    if (row.firstResponseMs !== null && row.replies.length) member(row.replies[0].by).first.push(row.firstResponseMs);
  }
  return {
    total: sourceOf('*', '*', rows),
    sources: [...bySource.entries()].map(([ref, list]) => sourceOf(ref, list[0].network, list)).sort((a, b) => b.volume - a.volume),
    members: [...members.entries()]
      .map(([userId, m]): MemberFigures => ({
        userId,
        name: names.member(userId),
        assigned: m.assigned,
        replies: m.replies,
        ...responseTimes(m.first),
      }))
      .sort((a, b) => b.replies - a.replies || a.userId - b.userId),
  };
}

export function createInsights(strapi: Strapi) {
  const items = () => strapi.db.query(UID.inboxItem as never);

  return {
    /** New items, plus the items assigned to this person that wait for them. */
    async badge(userId: number): Promise<InboxBadge> {
      const [fresh, mine] = await Promise.all([
        items().count({ where: { status: 'new' } } as never),
        items().count({ where: { status: 'assigned', assigneeId: userId } } as never),
      ]);
      return { count: Number(fresh) + Number(mine), new: Number(fresh), mine: Number(mine) };
    },

    /** The items answering each post (spam left out), by post plan. */
    async replyCounts(plans: string[]): Promise<Record<string, number>> {
      const counts = await Promise.all(
        plans.map(
          async (plan) =>
            [plan, Number(await items().count({ where: { planDocumentId: plan, status: { $ne: 'spam' } } } as never))] as const
        )
      );
      return Object.fromEntries(counts);
    },

    /**
     * Response time and volume per source and per team member, over the items received in the period; `sources`
     * (account documentIds, SITE_SOURCE for the site's comments): only theirs, as a report's scope asks.
     */
    async figures(query: FiguresQuery, sources?: string[]): Promise<InboxFigures> {
      const where = {
        postedAt: { $gte: new Date(query.from), $lt: new Date(query.to) },
        status: { $ne: 'spam' },
        ...(sources ? { sourceRef: { $in: sources } } : {}),
      };
      const rows: FigureRow[] = [];
      for (let lastId = 0; ;) {
        const page = (await items().findMany({
          where: { ...where, id: { $gt: lastId } },
          select: ['id', 'sourceRef', 'network', 'assigneeId', 'sentiment', 'sentimentOverride', 'firstResponseMs', 'replies'],
          orderBy: [{ id: 'asc' }],
          limit: PAGE,
        } as never)) as Row[];
        for (const r of page)
          rows.push({
            sourceRef: String(r.sourceRef),
            network: String(r.network),
            assigneeId: r.assigneeId === null || r.assigneeId === undefined ? null : Number(r.assigneeId),
            sentiment: ((r.sentimentOverride ?? r.sentiment) as SentimentLabel) ?? 'neutral',
            ...(r.sentimentOverride ? { computed: ((r.sentiment as SentimentLabel) ?? 'neutral') as SentimentLabel } : {}),
            firstResponseMs: r.firstResponseMs === null || r.firstResponseMs === undefined ? null : Number(r.firstResponseMs),
            replies: (Array.isArray(r.replies) ? (r.replies as InboxReply[]) : [])
              .filter((x) => x.state === 'sent')
              .sort((a, b) => a.at.localeCompare(b.at))
              .map((x) => ({ by: x.by, at: x.at })),
          });
        if (page.length < PAGE) break;
        lastId = page[page.length - 1].id;
      }
      const refs = [...new Set(rows.map((r) => r.sourceRef).filter((s) => s !== SITE_SOURCE))];
      const accounts = refs.length
        ? ((await strapi.db.query(UID.socialAccount as never).findMany({
            where: { documentId: { $in: refs } },
            select: ['documentId', 'name'],
          } as never)) as Row[])
        : [];
      const userIds = [...new Set(rows.flatMap((r) => [...(r.assigneeId !== null ? [r.assigneeId] : []), ...r.replies.map((x) => x.by)]))];
      const users = userIds.length
        ? ((await strapi.db.query('admin::user').findMany({
            where: { id: { $in: userIds } },
            select: ['id', 'firstname', 'lastname', 'email'],
          })) as Array<{ id: number; firstname?: string | null; lastname?: string | null; email?: string | null }>)
        : [];
      const figures = aggregateFigures(rows, {
        source: (ref) => (ref === SITE_SOURCE ? SITE_SOURCE : String(accounts.find((a) => a.documentId === ref)?.name ?? ref)),
        member: (id) => {
          const u = users.find((x) => x.id === id);
          return u ? [u.firstname, u.lastname].filter(Boolean).join(' ') || String(u.email ?? id) : String(id);
        },
      });
      return { from: new Date(query.from).toISOString(), to: new Date(query.to).toISOString(), ...figures };
    },
  };
}
