import { utcToLocal } from '../../shared/planning/time';
import type { PostStatus } from '../../shared/planning/workflow';
import type { PillarMixRow, WeekFrequency } from '../../shared/calendar/contract';
export type { PillarMixRow, WeekFrequency };

/**
 * The maths above the calendar grid, pure so it is unit tested on its own:
 * the pillar mix of a period against the editorial line's target shares, and
 * the posts per network per ISO week against the line's weekly targets.
 */

/** Every post that is planned or went out counts; a cancelled or failed one does not reach anybody. */
export const COUNTED_STATUSES: readonly PostStatus[] = ['draft', 'in_review', 'approved', 'scheduled', 'published', 'partially_published'];

export interface SummaryPost {
  scheduledAt: string;
  pillar: string | null;
  /** distinct networks of the post's accounts */
  networks: string[];
}

export interface PillarTarget {
  name: string;
  targetShare: number;
  color?: string;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const key = (name: string) => name.trim().toLocaleLowerCase();

export function pillarMix(
  posts: readonly Pick<SummaryPost, 'pillar'>[],
  targets: readonly PillarTarget[]
): { total: number; rows: PillarMixRow[] } {
  const counts = new Map<string | null, { name: string | null; count: number }>();
  for (const target of targets) counts.set(key(target.name), { name: target.name, count: 0 });
  for (const post of posts) {
    const pillar = post.pillar && post.pillar.trim() ? post.pillar.trim() : null;
    const k = pillar === null ? null : key(pillar);
    const entry = counts.get(k) ?? { name: pillar, count: 0 };
    entry.count += 1;
    counts.set(k, entry);
  }
  const total = posts.length;
  const rows = [...counts.entries()]
    // The "no pillar" row is shown only when such posts exist: it has no target to compare with.
    .filter(([k, entry]) => k !== null || entry.count > 0)
    .map(([k, entry]) => {
      const target = k === null ? undefined : targets.find((t) => key(t.name) === k);
      return {
        pillar: entry.name,
        count: entry.count,
        share: total ? round1((entry.count / total) * 100) : 0,
        targetShare: target ? target.targetShare : null,
        color: target?.color ?? null,
      };
    });
  // Targeted pillars first in the line's order, then the others by count, "no pillar" last.
  const order = (row: PillarMixRow) => {
    if (row.pillar === null) return Number.MAX_SAFE_INTEGER;
    const index = targets.findIndex((t) => key(t.name) === key(row.pillar!));
    return index >= 0 ? index : targets.length + 1;
  };
  rows.sort((a, b) => order(a) - order(b) || b.count - a.count);
  return { total, rows };
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (d: LocalDate) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;
const dayNumber = (d: LocalDate) => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
const fromDayNumber = (n: number): LocalDate => {
  const date = new Date(n * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};

/** The ISO week (Monday first, week 1 holds the year's first Thursday) of a local date. */
export function isoWeekOf(d: LocalDate): { week: string; monday: number } {
  const n = dayNumber(d);
  const weekday = (new Date(n * 86_400_000).getUTCDay() + 6) % 7; // Monday = 0
  const monday = n - weekday;
  const thursday = fromDayNumber(monday + 3);
  const jan1 = dayNumber({ year: thursday.year, month: 1, day: 1 });
  const week = Math.floor((monday + 3 - jan1) / 7) + 1;
  return { week: `${thursday.year}-W${pad(week)}`, monday };
}

/**
 * Posts per network for every ISO week that overlaps [from, to) in `zone`.
 * Whole weeks are counted ("3 of 5 this week"), so `posts` should cover the
 * weeks' edges too: the service reads a week more on each side.
 */
export function weeklyFrequency(
  posts: readonly SummaryPost[],
  targets: ReadonlyArray<{ network: string; perWeek: number }>,
  period: { from: Date; to: Date; zone: string }
): WeekFrequency[] {
  const firstDay = dayNumber(utcToLocal(period.from, period.zone));
  const lastDay = dayNumber(utcToLocal(new Date(period.to.getTime() - 1), period.zone));
  const weeks = new Map<string, { monday: number; counts: Map<string, number> }>();
  for (let day = isoWeekOf(fromDayNumber(firstDay)).monday; day <= lastDay; day += 7) {
    weeks.set(isoWeekOf(fromDayNumber(day)).week, { monday: day, counts: new Map() });
  }
  for (const post of posts) {
    const week = weeks.get(isoWeekOf(utcToLocal(new Date(post.scheduledAt), period.zone)).week);
    if (!week) continue;
    for (const network of new Set(post.networks)) week.counts.set(network, (week.counts.get(network) ?? 0) + 1);
  }
  const targeted = targets.map((t) => t.network);
  return [...weeks.entries()].map(([week, { monday, counts }]) => {
    const networks = [...new Set([...targeted, ...[...counts.keys()].sort()])];
    return {
      week,
      start: isoDate(fromDayNumber(monday)),
      end: isoDate(fromDayNumber(monday + 6)),
      networks: networks.map((network) => ({
        network,
        count: counts.get(network) ?? 0,
        target: targets.find((t) => t.network === network)?.perWeek ?? null,
      })),
    };
  });
}
