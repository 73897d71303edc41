/**
 * When a source is fetched next. Healthy: its interval, with ±10 % jitter so
 * sources added together (an OPML import) spread out instead of hitting the
 * network in one burst forever. Failing: the interval doubled per consecutive
 * failure, capped at a day, jittered too.
 */
export const MAX_BACKOFF_MINUTES = 24 * 60;

export function nextFetchTime(now: Date, intervalMinutes: number, failures: number, random: () => number = Math.random): Date {
  const base = failures > 0 ? Math.min(MAX_BACKOFF_MINUTES, intervalMinutes * 2 ** Math.min(failures, 10)) : intervalMinutes;
  const jitter = 1 + (random() * 0.2 - 0.1);
  return new Date(now.getTime() + Math.round(base * jitter * 60_000));
}

/** How long one instance owns a source it claimed: a crash mid-fetch frees it after this. */
export const LEASE_MS = 2 * 60_000;
