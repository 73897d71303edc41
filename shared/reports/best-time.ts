import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema';
import { documentIdParam as documentId } from '../core/zod';
import { m } from '../core/messages';
import { formatLocalDateTime, resolveLocalTime, utcToLocal, type Fold } from '../planning/time';
import { timeZone } from './contract';

/**
 * Best time to post (docs/reports.md, "Best time to post"): one account's own
 * posts, each counted once by its engagements at about a day old, grouped by
 * the weekday and hour they went out in the editor's time zone. Pure; the
 * server reads the posts (server/reports/best-time.ts).
 */

/** The age a post's engagements are compared at: its latest snapshot no older than this (posts of different ages compare fairly). */
export const BEST_TIME_AGE_HOURS = 24;
/** A slot is suggested only with at least this many posts behind it. */
export const BEST_TIME_MIN_POSTS = 2;

/** GET /reports/best-time: whose history, in which zone, over how many days back. */
export const bestTimeQuery = lazySchema(() =>
  z.object({
    accountId: documentId,
    timezone: timeZone.default('UTC'),
    days: z.coerce.number().int(m('not_whole_number')).min(7, m('too_low')).max(365, m('too_high')).default(90),
  })
);

/** How far ahead the composer's free slots are looked for: four weeks, so a taken hour falls back to the same hour a week later. */
export const SLOT_WEEKS = 4;

/** GET /reports/best-time/slots: the next free best hours of one account after `from` (default now), in the editor's zone. */
export const bestTimeSlotsQuery = lazySchema(() =>
  z.object({
    accountId: documentId,
    timezone: timeZone.default('UTC'),
    days: z.coerce.number().int(m('not_whole_number')).min(7, m('too_low')).max(365, m('too_high')).default(90),
    from: z.iso.datetime({ offset: true, message: m('iso_date_time') }).optional(),
    /** the post being edited: its own time does not take its hour */
    exclude: documentId.optional(),
  })
);

export interface TimedPost {
  publishedMs: number;
  engagements: number;
}

export interface HeatCell {
  /** 0 = Monday … 6 = Sunday, in the zone */
  weekday: number;
  hour: number;
  posts: number;
  engagements: number;
  /** engagements ÷ posts; null without posts */
  engagementPerPost: number | null;
}

export interface BestTime {
  accountId: string;
  timezone: string;
  from: string;
  to: string;
  ageHours: number;
  /** posts with a reading at about a day old, the ones counted */
  posts: number;
  /** 7 × 24 cells, Monday 00:00 first */
  cells: HeatCell[];
  /** up to three best cells with at least BEST_TIME_MIN_POSTS posts, best first */
  best: HeatCell[];
}

/** The weekday × hour grid of these posts in `zone`. */
export function heatmap(posts: readonly TimedPost[], zone: string): HeatCell[] {
  const cells: HeatCell[] = [];
  for (let weekday = 0; weekday < 7; weekday++)
    for (let hour = 0; hour < 24; hour++) cells.push({ weekday, hour, posts: 0, engagements: 0, engagementPerPost: null });
  for (const post of posts) {
    const local = utcToLocal(new Date(post.publishedMs), zone);
    const weekday = (new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay() + 6) % 7;
    const cell = cells[weekday * 24 + local.hour];
    cell.posts++;
    cell.engagements += post.engagements;
  }
  for (const cell of cells) cell.engagementPerPost = cell.posts ? Math.round((cell.engagements / cell.posts) * 10) / 10 : null;
  return cells;
}

/** The best `n` cells with enough posts: most engagement per post, then more posts, then earlier in the week. */
export function bestSlots(cells: readonly HeatCell[], n = 3, minPosts = BEST_TIME_MIN_POSTS): HeatCell[] {
  return cells
    .filter((c) => c.posts >= minPosts)
    .sort((a, b) => b.engagementPerPost! - a.engagementPerPost! || b.posts - a.posts || a.weekday * 24 + a.hour - (b.weekday * 24 + b.hour))
    .slice(0, n);
}

export interface FreeSlot {
  /** the instant, ISO UTC */
  at: string;
  /** the same on the zone's wall clock, as the composer's field takes it (YYYY-MM-DDTHH:mm) */
  local: string;
  /** 'earlier' when the clocks show this hour twice (the first one is meant), else null */
  fold: Fold | null;
  weekday: number;
  hour: number;
  posts: number;
  engagementPerPost: number;
}

export interface BestTimeSlots {
  accountId: string;
  timezone: string;
  from: string;
  /** posts with a reading at about a day old behind the ranking */
  posts: number;
  slots: FreeSlot[];
}

const DAY_MS = 86_400_000;
const hourKey = (l: { year: number; month: number; day: number; hour: number }) => `${l.year}-${l.month}-${l.day}T${l.hour}`;

/**
 * The next `n` free slots after `fromMs`, ranked by the heatmap: each cell with
 * enough posts (best engagement per post first, then more posts) at its next
 * occurrence on the zone's wall clock, on the hour, within SLOT_WEEKS weeks,
 * that is strictly after `fromMs` and whose local hour holds none of the
 * `taken` instants (the account's planned posts). An hour the clocks skip that
 * day is passed over (the same hour a week later); an hour they show twice is
 * the first one. Ties on the figures: the sooner slot first.
 */
export function nextFreeSlots(
  cells: readonly HeatCell[],
  options: { fromMs: number; zone: string; taken: readonly number[]; n?: number; minPosts?: number; weeks?: number }
): FreeSlot[] {
  const { fromMs, zone, taken, n = 3, minPosts = BEST_TIME_MIN_POSTS, weeks = SLOT_WEEKS } = options;
  const busy = new Set(taken.map((ms) => hourKey(utcToLocal(new Date(ms), zone))));
  const start = utcToLocal(new Date(fromMs), zone);
  const startDay = Date.UTC(start.year, start.month - 1, start.day);
  const found: Array<FreeSlot & { ms: number }> = [];
  for (const cell of cells) {
    if (cell.posts < minPosts) continue;
    for (let d = 0; d <= weeks * 7; d++) {
      const day = new Date(startDay + d * DAY_MS);
      if ((day.getUTCDay() + 6) % 7 !== cell.weekday) continue;
      const local = { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: cell.hour, minute: 0 };
      const r = resolveLocalTime(local, zone);
      if (r.kind === 'nonexistent') continue;
      const ms = (r.kind === 'exact' ? r.utc : r.earlier.utc).getTime();
      if (ms <= fromMs || busy.has(hourKey(local))) continue;
      found.push({
        ms,
        at: new Date(ms).toISOString(),
        local: formatLocalDateTime(local),
        fold: r.kind === 'ambiguous' ? 'earlier' : null,
        weekday: cell.weekday,
        hour: cell.hour,
        posts: cell.posts,
        engagementPerPost: cell.engagementPerPost!,
      });
      break;
    }
  }
  return found
    .sort((a, b) => b.engagementPerPost - a.engagementPerPost || b.posts - a.posts || a.ms - b.ms)
    .slice(0, n)
    .map(({ ms: _ms, ...slot }) => slot);
}
