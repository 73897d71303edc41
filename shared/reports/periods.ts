import { resolveLocalTime, utcToLocal, type LocalDateTime } from '../planning/time';
import type { Period } from './kpis';

/**
 * The periods a dashboard or a report is compared with (docs/reports.md,
 * "Comparison"). `previous`: the same length just before (kpis.ts
 * `previousPeriod`), or the period the caller names (a month's calendar month
 * before). `yearAgo`: the same calendar days one year earlier, on the wall
 * clock of the reader's zone, so a week of Monday to Monday in Paris is
 * compared with the same dates a year before whatever the clocks did between.
 * `both`: the previous period and, besides it, the same days a year earlier
 * (what a report holds to be read on its own).
 */
export const COMPARISONS = ['previous', 'yearAgo', 'both'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** Campaigns compared side by side (GET /reports/campaigns): four at most, what a page shows side by side. */
export const MAX_COMPARED_CAMPAIGNS = 4;

/** The tables of a campaign comparison a CSV holds: the campaigns side by side, then each one's networks, pillars, best posts. */
export const CAMPAIGN_TABLES = ['campaigns', 'networks', 'pillars', 'posts'] as const;
export type CampaignTable = (typeof CAMPAIGN_TABLES)[number];

const MINUTE = 60_000;

/** As delivery.ts `instantOf` (not imported: delivery.ts reads the contract, which reads this file). */
function instantOf(local: LocalDateTime, zone: string): number {
  const r = resolveLocalTime(local, zone);
  if (r.kind === 'exact') return r.utc.getTime();
  if (r.kind === 'nonexistent') return r.nextValidUtc.getTime();
  return r.earlier.utc.getTime();
}
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * One edge of a period moved a year back on `zone`'s wall clock. Only a 29
 * February has no twin: it stands for the end of February, so a period's
 * start on it becomes 28 February (the leap day's figures are compared with
 * the last day of that February) and a period's end on it — the end is
 * excluded, "before 29 February" — becomes 1 March, so the year-ago period
 * still holds all of February. A wall time the clocks skip that day moves on
 * to the first one that exists (02:30 on a spring-forward day reads 03:00),
 * one they show twice is the first. Seconds are kept as they were.
 */
export function yearAgoEdge(ms: number, zone: string, edge: 'start' | 'end'): number {
  const local = utcToLocal(new Date(ms), zone);
  const year = local.year - 1;
  let { month, day } = local;
  if (month === 2 && day === 29 && !isLeap(year)) {
    if (edge === 'start') day = 28;
    else [month, day] = [3, 1];
  }
  const rest = ((ms % MINUTE) + MINUTE) % MINUTE;
  return instantOf({ year, month, day, hour: local.hour, minute: local.minute }, zone) + rest;
}

/** The same calendar period one year earlier, in `zone` (UTC by default). */
export function yearAgoPeriod(p: Period, zone = 'UTC'): Period {
  return {
    from: new Date(yearAgoEdge(Date.parse(p.from), zone, 'start')).toISOString(),
    to: new Date(yearAgoEdge(Date.parse(p.to), zone, 'end')).toISOString(),
  };
}
