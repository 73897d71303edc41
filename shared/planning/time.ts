/**
 * Wall-clock time in IANA zones, for planning posts.
 *
 * A post is planned at a local time in the editor's zone and stored as a UTC
 * instant plus that zone (ARCHITECTURE §4, "Time"). Every offset here comes
 * from Intl for the instant concerned, so the answer never depends on the
 * server process's own zone (`TZ`): no local Date constructors, no
 * getTimezoneOffset().
 *
 * Local times the clock skips (spring forward) are refused with the first valid
 * time after the gap; local times the clock shows twice (fall back) are never
 * guessed: the caller picks the earlier or the later one.
 */

/** A wall-clock reading, to the minute. month is 1-12. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export type Fold = 'earlier' | 'later';

export interface ZonedInstant {
  utc: Date;
  /** minutes east of UTC in effect at that instant */
  offsetMinutes: number;
}

export type LocalResolution =
  | { kind: 'exact'; utc: Date; offsetMinutes: number }
  | { kind: 'nonexistent'; nextValid: LocalDateTime; nextValidUtc: Date }
  | { kind: 'ambiguous'; earlier: ZonedInstant; later: ZonedInstant };

export type TimeErrorCode =
  'nonexistent_local_time' | 'ambiguous_local_time' | 'invalid_time_zone' | 'invalid_local_time' | 'invalid_instant';

export interface AmbiguousChoice extends ZonedInstant {
  fold: Fold;
}

export interface TimeErrorData {
  /** nonexistent_local_time: the first local time after the gap, and its instant */
  nextValid?: LocalDateTime;
  nextValidUtc?: Date;
  /** ambiguous_local_time: both readings of the local time, earlier first */
  choices?: AmbiguousChoice[];
}

export class TimeError extends Error {
  constructor(
    readonly code: TimeErrorCode,
    message: string,
    readonly data?: TimeErrorData
  ) {
    super(message);
    this.name = 'TimeError';
  }
}

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const DAY_MS = 24 * 60 * MINUTE_MS;

// Newer engines accept fixed offsets ("+01:00") as a timeZone; an offset has no
// DST rules, so it cannot stand for the zone a post was planned in.
const OFFSET_ZONE = /^[+\-\u2212]/;

/**
 * Building a DateTimeFormat costs far more than using one, so one is kept per
 * zone. Keyed by the lower-cased name because Intl matches zone names
 * case-insensitively: "europe/paris" and "Europe/Paris" share one entry, and
 * the cache stays bounded by the number of real zone names.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  // ASCII only, like Intl: toLowerCase() would also fold the Kelvin sign "\u212A" onto "k".
  const key = typeof zone === 'string' ? zone.replace(/[A-Z]/g, (letter) => letter.toLowerCase()) : '';
  const cached = formatters.get(key);
  if (cached) return cached;
  const invalid = () => new TimeError('invalid_time_zone', `"${String(zone)}" is not an IANA time zone`);
  if (typeof zone !== 'string' || zone === '' || OFFSET_ZONE.test(zone)) throw invalid();
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw invalid();
  }
  formatters.set(key, formatter);
  return formatter;
}

interface WallClock extends LocalDateTime {
  second: number;
}

/** What a clock in the formatter's zone shows at `ms`, to the second. */
function wallClockAt(ms: number, formatter: Intl.DateTimeFormat): WallClock {
  const wall: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let beforeChrist = false;
  for (const part of formatter.formatToParts(ms)) {
    switch (part.type) {
      case 'year':
      case 'month':
      case 'day':
      case 'minute':
      case 'second':
        wall[part.type] = Number(part.value);
        break;
      case 'hour':
        // Some older ICU builds print midnight as "24" even with h23.
        wall.hour = Number(part.value) % 24;
        break;
      case 'era':
        beforeChrist = part.value === 'BC';
        break;
    }
  }
  // Astronomical numbering, so instants before year 1 still round-trip: 1 BC is year 0.
  if (beforeChrist) wall.year = 1 - wall.year;
  return wall;
}

/** The wall-clock fields read as if they were UTC, in epoch ms. */
function wallAsUtcMs(wall: LocalDateTime & { second?: number }): number {
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second ?? 0, 0);
  return date.getTime();
}

/**
 * Offset in ms at `ms`. Intl prints whole seconds, so the instant is floored to
 * its second first. Historical local mean times (Paris before 1911: +00:09:21)
 * are not whole minutes, hence ms rather than minutes internally.
 */
function offsetMsAt(ms: number, formatter: Intl.DateTimeFormat): number {
  return wallAsUtcMs(wallClockAt(ms, formatter)) - Math.floor(ms / SECOND_MS) * SECOND_MS;
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

export function formatLocalDateTime(local: LocalDateTime): string {
  return `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}:${pad(local.minute)}`;
}

/** Why `local` is not a wall-clock reading, or null when it is one. */
function invalidPartOf(local: LocalDateTime): string | null {
  if (typeof local !== 'object' || local === null) return 'a local date and time is required';
  const ranges: Array<[keyof LocalDateTime, number, number]> = [
    ['year', 1, 9999],
    ['month', 1, 12],
    ['hour', 0, 23],
    ['minute', 0, 59],
  ];
  for (const [part, min, max] of ranges) {
    const value = local[part];
    if (!Number.isInteger(value) || value < min || value > max) {
      return `${part} must be a whole number from ${min} to ${max}, got ${String(value)}`;
    }
  }
  const lastDay = daysInMonth(local.year, local.month);
  if (!Number.isInteger(local.day) || local.day < 1 || local.day > lastDay) {
    return `day must be a whole number from 1 to ${lastDay} in ${pad(local.year, 4)}-${pad(local.month)}, got ${String(local.day)}`;
  }
  return null;
}

function assertValidLocal(local: LocalDateTime): void {
  const problem = invalidPartOf(local);
  if (problem) throw new TimeError('invalid_local_time', `Invalid local date and time: ${problem}`);
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Reads 'YYYY-MM-DDTHH:mm' and nothing else: no seconds, no offset, no 24:00, no February 30th. */
export function parseLocalDateTime(text: string): LocalDateTime {
  const match = typeof text === 'string' ? LOCAL_DATE_TIME.exec(text) : null;
  if (!match) {
    throw new TimeError('invalid_local_time', `"${String(text)}" is not a local date and time (expected YYYY-MM-DDTHH:mm)`);
  }
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const local = { year, month, day, hour, minute };
  const problem = invalidPartOf(local);
  if (problem) throw new TimeError('invalid_local_time', `"${text}" is not a valid local date and time: ${problem}`);
  return local;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

function assertValidInstant(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new TimeError('invalid_instant', 'A valid Date is required');
  return ms;
}

/**
 * Minutes east of UTC in `zone` at `instant` (e.g. 120 for Paris in summer, -300
 * for New York in winter); fractional only for historical local mean times.
 */
export function offsetAt(instant: Date, zone: string): number {
  const formatter = formatterFor(zone);
  return offsetMsAt(assertValidInstant(instant), formatter) / MINUTE_MS;
}

/** What a clock in `zone` shows at `instant`, to the minute (seconds are dropped, not rounded). */
export function utcToLocal(instant: Date, zone: string): LocalDateTime & { offsetMinutes: number } {
  const formatter = formatterFor(zone);
  const ms = assertValidInstant(instant);
  const { year, month, day, hour, minute } = wallClockAt(ms, formatter);
  return { year, month, day, hour, minute, offsetMinutes: offsetMsAt(ms, formatter) / MINUTE_MS };
}

const zoned = (ms: number, offsetMs: number): ZonedInstant => ({ utc: new Date(ms), offsetMinutes: offsetMs / MINUTE_MS });

/**
 * Finds every instant whose wall clock reads `local` in `zone`.
 *
 * Any such instant lies within a day of the wall time read as UTC (real offsets
 * stay within ±16 h), so the offsets in effect a day before, at, and a day after
 * that point are the only candidates; each is kept if it really is the offset
 * at the instant it implies. One survivor: exact; two: the clock went back;
 * none: the clock jumped over this time.
 */
export function resolveLocalTime(local: LocalDateTime, zone: string): LocalResolution {
  const formatter = formatterFor(zone);
  assertValidLocal(local);
  const wallMs = wallAsUtcMs(local);
  const candidates = [...new Set([wallMs - DAY_MS, wallMs, wallMs + DAY_MS].map((ms) => offsetMsAt(ms, formatter)))].sort((a, b) => a - b);
  const solutions = candidates
    .map((offsetMs) => ({ ms: wallMs - offsetMs, offsetMs }))
    .filter(({ ms, offsetMs }) => offsetMsAt(ms, formatter) === offsetMs)
    .sort((a, b) => a.ms - b.ms);

  if (solutions.length === 1) {
    const [only] = solutions;
    return { kind: 'exact', ...zoned(only.ms, only.offsetMs) };
  }
  if (solutions.length > 1) {
    const earlier = solutions[0];
    const later = solutions[solutions.length - 1];
    return { kind: 'ambiguous', earlier: zoned(earlier.ms, earlier.offsetMs), later: zoned(later.ms, later.offsetMs) };
  }
  return { kind: 'nonexistent', ...firstValidAfterGap(wallMs, candidates, formatter) };
}

/**
 * Bisects, to the second, for the instant the clock jumped over `wallMs`. Read
 * with the largest candidate offset the wall clock is still before the gap;
 * with the smallest it is already past it.
 */
function firstValidAfterGap(
  wallMs: number,
  sortedOffsets: number[],
  formatter: Intl.DateTimeFormat
): { nextValid: LocalDateTime; nextValidUtc: Date } {
  let before = wallMs - sortedOffsets[sortedOffsets.length - 1];
  let after = wallMs - sortedOffsets[0];
  while (after - before > SECOND_MS) {
    const middle = before + Math.floor((after - before) / (2 * SECOND_MS)) * SECOND_MS;
    if (middle + offsetMsAt(middle, formatter) < wallMs) before = middle;
    else after = middle;
  }
  // Historical jumps can land mid-minute; a LocalDateTime has no seconds, so move to the next whole minute.
  const landing = wallClockAt(after, formatter);
  const nextValidMs = landing.second === 0 ? after : after + (60 - landing.second) * SECOND_MS;
  const { year, month, day, hour, minute } = wallClockAt(nextValidMs, formatter);
  return { nextValid: { year, month, day, hour, minute }, nextValidUtc: new Date(nextValidMs) };
}

function formatOffset(offsetMinutes: number): string {
  const totalSeconds = Math.round(Math.abs(offsetMinutes) * 60);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return `UTC${offsetMinutes < 0 ? '-' : '+'}${pad(hours)}:${pad(minutes)}${seconds ? `:${pad(seconds)}` : ''}`;
}

/**
 * The instant `local` denotes in `zone`. Throws a TimeError when the zone or
 * the local time is invalid, when the clock skipped that time (with the next
 * valid one), or when it shows it twice and no `fold` says which one is meant.
 */
export function localToUtc(local: LocalDateTime, zone: string, options: { fold?: Fold } = {}): Date {
  const resolution = resolveLocalTime(local, zone);
  const when = `${formatLocalDateTime(local)} in ${zone}`;
  switch (resolution.kind) {
    case 'exact':
      return resolution.utc;
    case 'nonexistent':
      throw new TimeError(
        'nonexistent_local_time',
        `${when} does not exist: the clocks skip it. The next valid time is ${formatLocalDateTime(resolution.nextValid)}`,
        { nextValid: resolution.nextValid, nextValidUtc: resolution.nextValidUtc }
      );
    case 'ambiguous': {
      const { fold } = options;
      if (fold === 'earlier' || fold === 'later') return resolution[fold].utc;
      const { earlier, later } = resolution;
      const sides = `the earlier (${formatOffset(earlier.offsetMinutes)}) or the later (${formatOffset(later.offsetMinutes)}) one`;
      throw new TimeError('ambiguous_local_time', `${when} happens twice: the clocks go back. Choose ${sides}`, {
        choices: [
          { fold: 'earlier', ...earlier },
          { fold: 'later', ...later },
        ],
      });
    }
  }
}
