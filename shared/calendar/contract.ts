import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema';
import { NETWORKS } from '../linter';
import { POST_STATUSES } from '../planning/workflow';
import { isValidTimeZone } from '../planning/time';
import type { Network } from '../networks/rules';
import type { PostStatus } from '../planning/workflow';
import { documentIdParam as documentId } from '../core/zod';
import { m } from '../core/messages';

/** A month grid shows six weeks; a few days more absorb the viewer's zone offset. */
export const MAX_WINDOW_DAYS = 45;

/** `a,b` and `a&a` both mean a list: FullCalendar's fetcher and hand-written links use either. */
const list = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess(
    (value) =>
      value === undefined
        ? undefined
        : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).filter((v) => v !== ''),
    z.array(item).max(max, m('values_too_many')).optional()
  );

const windowOf = <T extends { from: string; to: string }>(shape: z.ZodType<T>) =>
  shape.superRefine((query, ctx) => {
    const from = Date.parse(query.from);
    const to = Date.parse(query.to);
    if (to <= from) ctx.addIssue({ code: 'custom', path: ['to'], message: m('window_order') });
    else if (to - from > MAX_WINDOW_DAYS * 86_400_000) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: m('window_too_long'), params: { days: MAX_WINDOW_DAYS } });
    }
  });

/** whose days and weeks: the editor's zone */
const zone = lazySchema(() => z.string().max(64, m('too_long')).refine(isValidTimeZone, m('time_zone')));

/** A month cell's capacity before "+N more" (see server/calendar/days.ts). */
export const MAX_DAY_MAX = 50;

const instant = lazySchema(() => z.iso.datetime({ offset: true, message: m('iso_date_time') }));

/** The grid's filters: the summary takes the same ones, so both count the same posts. */
const filterShape = () => ({
  accountIds: list(documentId, 50),
  networks: list(z.enum(NETWORKS), NETWORKS.length),
  pillars: list(z.string().trim().min(1).max(80, m('too_long')), 50),
  campaigns: list(z.string().trim().min(1).max(120, m('too_long')), 50),
  statuses: list(z.enum(POST_STATUSES), POST_STATUSES.length),
});

export const eventsQuery = lazySchema(() =>
  windowOf(
    z.object({
      from: instant,
      to: instant,
      ...filterShape(),
      /** when set, per local day of `timezone`: all posts if they fit, else the first dayMax - 1 and the day's total */
      dayMax: z.coerce.number().int(m('not_whole_number')).min(2, m('too_low')).max(MAX_DAY_MAX, m('too_high')).optional(),
      timezone: zone.optional(),
    })
  )
);

export type EventsQuery = z.infer<typeof eventsQuery>;

export const summaryQuery = lazySchema(() =>
  windowOf(
    z.object({
      from: instant,
      to: instant,
      ...filterShape(),
      /** whose targets, and whose posts; without it the only line's targets over every post (none when there are several) */
      editorialLineId: documentId.optional(),
      /** whose weeks: Monday 00:00 where the editor is */
      timezone: zone.default('UTC'),
    })
  )
);

export type SummaryQuery = z.infer<typeof summaryQuery>;

export const feedToken = lazySchema(() => z.string().regex(/^[A-Za-z0-9_-]{43}$/, m('calendar_feed_token')));

export interface PillarMixRow {
  /** null: posts without a pillar */
  pillar: string | null;
  count: number;
  /** percentage of the period's posts, one decimal */
  share: number;
  /** the editorial line's target percentage; null when the line has none for this pillar */
  targetShare: number | null;
  color: string | null;
}

export interface WeekFrequency {
  /** ISO week, e.g. 2026-W48 */
  week: string;
  /** Monday and Sunday of the week, local dates in the summary's zone */
  start: string;
  end: string;
  networks: Array<{ network: string; count: number; target: number | null }>;
}

/** One post plan as the calendar grid draws it: no body, no trail, no variants. */
export interface CalendarEvent {
  documentId: string;
  title: string;
  scheduledAt: string;
  timezone: string | null;
  localTime: string | null;
  status: PostStatus;
  pillar: string | null;
  campaign: string | null;
  accounts: Array<{ documentId: string; name: string; network: Network }>;
  /** the CMS entry the post is about, with the title it has now and its edit page in the content manager */
  entry: { uid: string; documentId: string; title: string | null; editUrl: string } | null;
  /** the live posts of a published or partially published post (http(s) addresses only); empty otherwise */
  live: Array<{ network: Network; accountName: string | null; url: string }>;
}

/** `GET /calendar/events` with `dayMax`: what a month grid draws, and which days hold more. */
export interface CalendarMonthEvents {
  events: CalendarEvent[];
  /** the days (YYYY-MM-DD in the asked zone) holding more than dayMax posts, with their total */
  more: Array<{ day: string; total: number }>;
}

export interface CalendarSummary {
  from: string;
  to: string;
  timezone: string;
  editorialLine: { documentId: string; name: string } | null;
  countedStatuses: readonly PostStatus[];
  pillarMix: { total: number; rows: PillarMixRow[] };
  frequency: WeekFrequency[];
}

export interface FeedStatus {
  exists: boolean;
  createdAt: string | null;
  lastUsedAt: string | null;
}

/** Answer of a create or rotate: the only time the URL (and so the token) is ever shown. */
export interface CreatedFeed extends FeedStatus {
  url: string;
}
