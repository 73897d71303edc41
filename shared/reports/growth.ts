import { utcToLocal } from '../planning/time';
import type { Period } from './kpis';

/**
 * The follower-growth chart's series (docs/reports.md, "Follower growth"):
 * per account, its followers on each day of the period, the day counted on
 * the editor's wall clock (`timezone`, the browser's). A day's value is the
 * last reading taken that day; a day without a reading is a gap (null), not
 * a zero and not the day before carried on: followers are read once a day,
 * so a missing day is a collection that did not happen, and the chart says so.
 *
 * Bounded: a period is at most 370 days (contract.ts MAX_REPORT_DAYS); beyond
 * WEEKLY_AFTER_DAYS days the series is one point a week (the last reading of
 * the week), so an account's line holds at most 120 points and a frozen
 * report carries at most 120 × accounts numbers.
 */
export const WEEKLY_AFTER_DAYS = 120;

export interface FollowerSeries {
  /** a point a day, or a week (longer periods) */
  step: 'day' | 'week';
  /** the zone the days are counted in */
  timezone: string;
  /** each point's first day, YYYY-MM-DD on that zone's calendar */
  days: string[];
  /** one line per account whose network gives figures, in the dashboard's order */
  accounts: Array<{ accountId: string; name: string; network: string; followers: Array<number | null> }>;
}

export interface AccountReadings {
  accountId: string;
  name: string;
  network: string;
  /** readings in any order; `followers` null: the network gave none that time */
  readings: Array<{ t: number; followers: number | null }>;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (ms: number, zone: string) => {
  const l = utcToLocal(new Date(ms), zone);
  return `${l.year}-${pad(l.month)}-${pad(l.day)}`;
};
/** The calendar day after `day` (calendar arithmetic only: no zone, no clock change). */
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The period's days on `zone`'s calendar: from the day holding `from` to the one holding the last instant before `to`. */
export function daysOf(period: Period, zone: string): string[] {
  const first = dayOf(Date.parse(period.from), zone);
  const last = dayOf(Date.parse(period.to) - 1, zone);
  const days: string[] = [];
  // 372 at most: a 370-day period spans 371 calendar days, a clock change one more at the very worst.
  for (let day = first; day <= last && days.length < 372; day = nextDay(day)) days.push(day);
  return days;
}

export function followerSeries(period: Period, zone: string, accounts: AccountReadings[]): FollowerSeries {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const days = daysOf(period, zone);
  const index = new Map(days.map((d, i) => [d, i]));
  const daily = accounts.map((a) => {
    const values: Array<number | null> = days.map(() => null);
    const taken: number[] = days.map(() => -Infinity);
    for (const r of a.readings) {
      if (r.followers === null || r.t < from || r.t >= to) continue;
      const i = index.get(dayOf(r.t, zone));
      // The day's last reading wins (readings may come in any order).
      if (i === undefined || r.t < taken[i]) continue;
      taken[i] = r.t;
      values[i] = r.followers;
    }
    return { accountId: a.accountId, name: a.name, network: a.network, followers: values };
  });
  if (days.length <= WEEKLY_AFTER_DAYS) return { step: 'day', timezone: zone, days, accounts: daily };
  // Weeks from the period's first day; each week's value is its last day with a reading.
  const weeks: string[] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days[i]);
  return {
    step: 'week',
    timezone: zone,
    days: weeks,
    accounts: daily.map((a) => ({
      ...a,
      followers: weeks.map((_, w) => {
        const week = a.followers.slice(w * 7, w * 7 + 7).filter((v): v is number => v !== null);
        return week.length ? week[week.length - 1] : null;
      }),
    })),
  };
}
