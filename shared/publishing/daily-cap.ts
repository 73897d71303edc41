/**
 * The admin's cap on posts a day per account, for networks that bill per
 * request (X: `billing: 'perRequest'` in its profile). A day is a UTC day;
 * a post counts on the day it is due. The server holds a post over the cap
 * (server/publishing/daily-cap.ts); the composer shows what is left.
 * Pure: the server and the admin both import it.
 */
import { profileOf } from '../networks';

const DAY = 86_400_000;

/** The networks the cap applies to. */
export const isCapped = (network: string) => profileOf(network)?.billing === 'perRequest';

/** The UTC day holding an instant: its start (inclusive) and end (exclusive), and its name. */
export function utcDay(at: number): { start: number; end: number; day: string } {
  const start = Math.floor(at / DAY) * DAY;
  return { start, end: start + DAY, day: new Date(start).toISOString().slice(0, 10) };
}

/** What is left of a day's cap; null when no cap is set. */
export const remaining = (cap: number | null, used: number): number | null => (cap === null ? null : Math.max(0, cap - used));

/**
 * The publication states that count against the cap: sent, being sent,
 * perhaps sent, or still to go (a row due earlier keeps its place). Held,
 * failed and cancelled rows do not.
 */
export const COUNTED_STATES = ['scheduled', 'claimed', 'publishing', 'published', 'unknown'] as const;
