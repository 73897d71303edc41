import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { getService } from '../core/services';
import type { EditorialLine } from '../strategy/service';
import type { Network } from '../../shared/linter';
import type { PostStatus } from '../../shared/planning/workflow';
import type { CalendarEvent, CalendarMonthEvents, CalendarSummary } from './dto';
import type { EventsQuery, SummaryQuery } from '../../shared/calendar/contract';
import { COUNTED_STATUSES, pillarMix, weeklyFrequency, type SummaryPost } from './summary';
import { entryTitles } from './entries';
import { eventsReader, type AccountRow, type EventRow } from './events-query';
import type { LiveLink } from '../publishing/dto';

export { MAX_EVENTS } from './events-query';

const WEEK_MS = 7 * 86_400_000;
/** Only these posts can have live posts; the others cost no publication read. */
const WENT_OUT: readonly PostStatus[] = ['published', 'partially_published'];

interface EntryLink {
  uid: string;
  documentId: string;
}

/** JSON columns come back parsed on PostgreSQL and MySQL, as text on SQLite. */
function jsonOf(value: unknown): EntryLink | null {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return null;
    }
  }
  const link = parsed as Partial<EntryLink> | null;
  return link && typeof link.uid === 'string' && link.uid && typeof link.documentId === 'string' && link.documentId
    ? { uid: link.uid, documentId: link.documentId }
    : null;
}

/** A datetime column: milliseconds on SQLite, a Date on PostgreSQL and MySQL. */
const instantOf = (value: unknown) => new Date(value as string | number | Date).toISOString();

const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

export default ({ strapi }: { strapi: Strapi }) => {
  /**
   * The summary reads through the query engine rather than the Document Service:
   * post plans have neither drafts nor locales, so the rows are the same. The
   * grid's events take the leaner knex path of events-query.ts.
   */
  const plans = () => strapi.db.query(UID.postPlan);
  let events: ReturnType<typeof eventsReader> | null = null;
  /** Built on first use: the database metadata exists only once Strapi has loaded. */
  const reader = () => (events ??= eventsReader(strapi));

  /** The editorial line whose targets the summary compares with: the one asked for, or the only one there is. */
  async function targetLine(editorialLineId?: string): Promise<EditorialLine | null> {
    const lines = getService(strapi, 'editorial-lines');
    if (editorialLineId) return lines.get(editorialLineId);
    const all = await lines.list();
    return all.length === 1 ? all[0] : null;
  }

  /** The line's accounts that can post (a disabled one cannot): their networks are where its weekly targets apply. */
  async function accountsOfLine(lineId: string): Promise<Array<{ documentId: string; network: string }>> {
    const rows = (await strapi.db.query(UID.socialAccount).findMany({
      where: { editorialLine: { documentId: lineId }, status: { $ne: 'disabled' } },
      select: ['documentId', 'network'],
    })) as unknown as Row[];
    return rows.map((row) => ({ documentId: String(row.documentId), network: String(row.network) }));
  }

  /** The ids of the posts that name the line themselves, around the period (a week more on each side). */
  async function postsNamingLine(lineId: string, from: Date, to: Date): Promise<Set<number>> {
    const rows = (await plans().findMany({
      where: {
        editorialLine: { documentId: lineId },
        scheduledAt: { $gte: new Date(from.getTime() - WEEK_MS).toISOString(), $lt: new Date(to.getTime() + WEEK_MS).toISOString() },
      },
      select: ['id'],
    })) as unknown as Row[];
    return new Set(rows.map((row) => Number(row.id)));
  }

  /**
   * Rows and their accounts as the grid's DTO, with the linked entries' current
   * titles (one query per content type) and the live posts of the posts that
   * went out (one query, only when the window holds such posts).
   */
  async function toEvents(rows: EventRow[], accounts: AccountRow[]): Promise<CalendarEvent[]> {
    const byPost = new Map<number, CalendarEvent['accounts']>();
    for (const account of accounts) {
      const list = byPost.get(account.postId) ?? [];
      if (list.length === 0) byPost.set(account.postId, list);
      list.push({ documentId: account.documentId, name: account.name, network: account.network as Network });
    }
    const entries = rows.map((row) => jsonOf(row.entry));
    const wentOut = rows.filter((row) => WENT_OUT.includes(row.status as PostStatus)).map((row) => row.documentId);
    const [titles, live] = await Promise.all([
      entryTitles(
        strapi,
        entries.filter((entry): entry is EntryLink => entry !== null)
      ),
      wentOut.length ? getService(strapi, 'publications').liveLinksFor(wentOut) : new Map<string, LiveLink[]>(),
    ]);
    return rows.map((row, i) => {
      const entry = entries[i];
      const postAccounts = byPost.get(row.id) ?? [];
      return {
        documentId: row.documentId,
        title: String(row.title),
        scheduledAt: instantOf(row.scheduledAt),
        timezone: str(row.timezone),
        localTime: str(row.localTime),
        status: row.status as PostStatus,
        pillar: str(row.pillar),
        campaign: str(row.campaign),
        accounts: postAccounts,
        entry: entry ? { uid: entry.uid, documentId: entry.documentId, ...titles.lookup(entry) } : null,
        // The account's name from the grid's own read; null when the account has left the post since.
        live: (live.get(row.documentId) ?? []).map((link) => ({
          network: link.network as Network,
          accountName: postAccounts.find((a) => a.documentId === link.accountDocumentId)?.name ?? null,
          url: link.url,
        })),
      };
    });
  }

  return {
    /** Every post of the window (week and list views, the "+N more" of one day). */
    async events(query: EventsQuery): Promise<CalendarEvent[]> {
      const { rows, accounts } = await reader().read(query);
      return toEvents(rows, accounts);
    },

    /** What a month grid draws: at most `dayMax` posts per local day, and the days that hold more. */
    async monthEvents(query: EventsQuery & { dayMax: number }): Promise<CalendarMonthEvents> {
      const { rows, accounts, overflow } = await reader().readPerDay(query);
      return { events: await toEvents(rows, accounts), more: overflow };
    },

    /**
     * The pillar mix and weekly frequency of the posts the grid draws with the
     * same filters (only the statuses that count), against the chosen line's
     * targets. Weekly targets are kept only for the networks the line has an
     * account on (and that the filters leave in): a target nobody can post to
     * is noise, not a goal.
     */
    async summary(query: SummaryQuery): Promise<CalendarSummary> {
      const line = await targetLine(query.editorialLineId);
      const from = new Date(query.from);
      const to = new Date(query.to);
      const statuses = query.statuses?.length ? COUNTED_STATUSES.filter((s) => query.statuses!.includes(s)) : [...COUNTED_STATUSES];
      // Whole weeks are counted for the frequency: read a week more on each side of the period.
      const [{ rows, accounts }, lineAccounts, linePosts] = await Promise.all([
        // Filtered to statuses that never count (cancelled, failed): nothing to read.
        statuses.length === 0
          ? { rows: [], accounts: [] }
          : reader().readSlim({
              ...query,
              statuses,
              from: new Date(from.getTime() - WEEK_MS).toISOString(),
              to: new Date(to.getTime() + WEEK_MS).toISOString(),
            }),
        line ? accountsOfLine(line.documentId) : Promise.resolve([]),
        query.editorialLineId ? postsNamingLine(query.editorialLineId, from, to) : Promise.resolve(null),
      ]);
      const inLine = new Set(lineAccounts.map((a) => a.documentId));
      // A post's networks, as the filters see them: only the accounts the account and network filters keep.
      const kept = (account: Pick<AccountRow, 'documentId' | 'network'>) =>
        (!query.accountIds?.length || query.accountIds.includes(account.documentId)) &&
        (!query.networks?.length || query.networks.includes(account.network as Network));
      const byPost = new Map<number, AccountRow[]>();
      for (const account of accounts) {
        const list = byPost.get(Number(account.postId)) ?? [];
        if (list.length === 0) byPost.set(Number(account.postId), list);
        list.push(account);
      }
      const posts: SummaryPost[] = rows
        // A post belongs to the asked line when it names it, or when one of its accounts is the line's.
        .filter(
          (row) =>
            linePosts === null || linePosts.has(Number(row.id)) || (byPost.get(Number(row.id)) ?? []).some((a) => inLine.has(a.documentId))
        )
        .map((row) => ({
          scheduledAt: instantOf(row.scheduledAt),
          pillar: str(row.pillar),
          networks: (byPost.get(Number(row.id)) ?? []).filter(kept).map((a) => a.network),
        }));
      const inPeriod = posts.filter((post) => {
        const at = Date.parse(post.scheduledAt);
        return at >= from.getTime() && at < to.getTime();
      });
      const postable = new Set(lineAccounts.filter(kept).map((a) => a.network));
      const pillarTargets = (line?.pillars ?? []).filter(
        (p) => !query.pillars?.length || query.pillars.some((name) => name.trim().toLowerCase() === p.name.trim().toLowerCase())
      );
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        timezone: query.timezone,
        editorialLine: line ? { documentId: line.documentId, name: line.name } : null,
        countedStatuses: COUNTED_STATUSES,
        pillarMix: pillarMix(inPeriod, pillarTargets),
        frequency: weeklyFrequency(
          posts,
          (line?.frequencyTargets ?? []).filter((t) => postable.has(t.network)),
          { from, to, zone: query.timezone }
        ),
      };
    },
  };
};
