import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema';
import { documentIdParam as documentId } from '../core/zod';
import { m } from '../core/messages';
import { utcToLocal } from '../planning/time';
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
