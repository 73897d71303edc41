/**
 * Feed dates, read strictly. `new Date(text)` is too lenient for feeds: V8
 * guesses at garbage (a trailing word, a 61st second, a bad zone) and returns
 * a wrong instant that then sorts the item among the wrong ones. Here a date
 * is either read whole, every part in range, or refused; a refused date makes
 * the item fall back to its fetch time (normalize.ts).
 *
 * Accepted, following the formats feedparser and Miniflux read:
 * - W3C-DTF / ISO 8601 / RFC 3339 (`2003-12-31T10:14:55.12+08:00`, also a space
 *   instead of `T`, reduced precision `2003-12` / `2003`, no zone = UTC);
 * - RFC 822 / 1123 and the usual deviations (`Thu, 01 Jan 04 19:48 GMT`, no
 *   weekday, long month names, `Aug 30 2012`, `16th`, `1:55 PM`, a stray comma);
 * - asctime (`Sun Jan  4 16:29:06 2004`, also with a zone before the year);
 * - a Unix timestamp of 9 or 10 digits;
 * and for zones: numeric offsets (`+0100`, `-01:01`, `GMT-07:00`), the
 * North American and European abbreviations feedparser knows (`EST`, `PT`,
 * `MET`, `MEST`…), `Etc/GMT±N` (POSIX sign: `Etc/GMT+5` is five hours behind)
 * and IANA names (`America/Los_Angeles`), resolved with the ICU time zone data.
 */
import { offsetAt } from '../../shared/planning/time';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Offsets in minutes east of UTC (feedparser's table, plus CET/CEST/BST which feeds also write). */
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  'etc/gmt': 0,
  'etc/utc': 0,
  adt: -180,
  ast: -240,
  at: -240,
  edt: -240,
  est: -300,
  et: -300,
  cdt: -300,
  cst: -360,
  ct: -360,
  mdt: -360,
  mst: -420,
  mt: -420,
  pdt: -420,
  pst: -480,
  pt: -480,
  met: 60,
  mest: 120,
  cet: 60,
  cest: 120,
  bst: 60,
};

function monthOf(token: string): number | null {
  const word = token.replace(/\.$/, '');
  if (MONTHS[word]) return MONTHS[word];
  const full = MONTH_NAMES.indexOf(word);
  return full >= 0 ? full + 1 : null;
}

const isWeekday = (token: string) => {
  const word = token.replace(/\.$/, '');
  return word.length >= 2 && WEEKDAYS.some((day) => day.startsWith(word) && (word.length >= 3 || day === 'thursday'));
};

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLength = (year: number, month: number) => (month === 2 && isLeap(year) ? 29 : DAYS[month - 1]);

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

/** UTC instant of a wall time at a fixed offset; null when any part is out of range. */
function instant(p: Parts, offsetMinutes: number): Date | null {
  if (p.year < 1 || p.year > 9999 || p.month < 1 || p.month > 12 || p.day < 1 || p.day > monthLength(p.year, p.month)) return null;
  if (p.hour > 23 || p.minute > 59 || p.second > 60) return null;
  const date = new Date(0);
  date.setUTCFullYear(p.year, p.month - 1, p.day);
  date.setUTCHours(p.hour, p.minute, Math.min(p.second, 59), p.ms);
  const time = date.getTime() - offsetMinutes * 60_000;
  return Number.isFinite(time) ? new Date(time) : null;
}

/** A numeric offset: `+0100`, `-01:01`, `+05`; hours ≤ 23 and minutes ≤ 59 or it is not an offset. */
function numericOffset(token: string): number | null {
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(token);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 23 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

const zoneValid = new Map<string, boolean>();
function ianaZone(name: string): string | null {
  if (!/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+){1,2}$/.test(name)) return null;
  let valid = zoneValid.get(name);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      valid = true;
    } catch {
      valid = false;
    }
    if (zoneValid.size < 1000) zoneValid.set(name, valid);
  }
  return valid ? name : null;
}

/** Offset of an IANA zone at a wall time (two passes settle the DST edges), in whole minutes. */
function offsetInZone(zone: string, p: Parts): number | null {
  const asUtc = instant(p, 0);
  if (!asUtc) return null;
  const first = Math.round(offsetAt(asUtc, zone));
  return Math.round(offsetAt(new Date(asUtc.getTime() - first * 60_000), zone));
}

type Zone = { offset: number } | { iana: string };

/** The zone named by one or two tokens (`GMT -07:00` is written with a space by some feeds). */
function zoneOf(tokens: string[], original: string[]): Zone | null {
  if (tokens.length === 0) return { offset: 0 };
  const joined = tokens.join('');
  if (tokens.length > 2) return null;
  const numeric = numericOffset(joined);
  if (numeric !== null) return { offset: numeric };
  if (ZONES[joined] !== undefined) return { offset: ZONES[joined] };
  const prefixed = /^(?:gmt|utc|ut)([+-].*)$/.exec(joined);
  if (prefixed) {
    const offset = numericOffset(prefixed[1]);
    return offset === null ? null : { offset };
  }
  // POSIX zones: Etc/GMT+5 is UTC-5.
  const etc = /^etc\/gmt([+-])(\d{1,2})$/.exec(joined);
  if (etc && Number(etc[2]) <= 14) return { offset: (etc[1] === '+' ? -60 : 60) * Number(etc[2]) };
  if (tokens.length === 1) {
    const iana = ianaZone(original[0]);
    if (iana) return { iana };
  }
  return null;
}

function settle(p: Parts, zone: Zone): Date | null {
  if ('offset' in zone) return instant(p, zone.offset);
  const offset = offsetInZone(zone.iana, p);
  return offset === null ? null : instant(p, offset);
}

const W3C = /^(\d{4})(?:-(\d{2,3})(?:-(\d{2}))?)?(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

function parseW3c(value: string): Date | null | undefined {
  const m = W3C.exec(value);
  if (!m) return undefined;
  // Google once wrote a three-digit month (`2003-012-31`); feedparser reads it, so do we, but only with a leading zero.
  if (m[2]?.length === 3 && !m[2].startsWith('0')) return null;
  const parts: Parts = {
    year: Number(m[1]),
    month: Number(m[2] ?? 1),
    day: Number(m[3] ?? 1),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    ms: m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0,
  };
  if (!m[8] || /^z$/i.test(m[8])) return instant(parts, 0);
  const offset = numericOffset(m[8]);
  return offset === null ? null : instant(parts, offset);
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** RFC 822 and its relatives, as tokens; undefined when the shape is not recognized at all. */
function parseTextual(value: string): Date | null | undefined {
  const cleaned = value
    .replace(/\([^()]*\)\s*$/, '') // `GMT+0000 (Coordinated Universal Time)`
    .replace(/,/g, ' ')
    .replace(/\s(?:-|at)\s/gi, ' ') // `December 22, 2017 - 3:09pm`, `June 22, 2023 at 01:11 PM`
    .replace(/(\d)([ap]\.?m\.?)(?=\s|$)/gi, '$1 $2') // `3:09pm`
    .trim();
  const original = cleaned.split(/\s+/);
  let tokens = original.map((t) => t.toLowerCase());
  let orig = original;
  if (tokens.length && isWeekday(tokens[0])) {
    tokens = tokens.slice(1);
    orig = orig.slice(1);
  }
  let i = 0;
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  const dayOf = (t: string) => {
    const m = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(t);
    return m ? Number(m[1]) : null;
  };
  if (dayOf(tokens[0] ?? '') !== null && monthOf(tokens[1] ?? '') !== null) {
    day = dayOf(tokens[0]);
    month = monthOf(tokens[1]);
    i = 2;
  } else if (monthOf(tokens[0] ?? '') !== null && dayOf(tokens[1] ?? '') !== null) {
    month = monthOf(tokens[0]);
    day = dayOf(tokens[1]);
    i = 2;
  } else {
    return undefined;
  }
  let timeToken: string | undefined;
  let asctimeYearLast = false;
  if (/^\d{2}$|^\d{4}$/.test(tokens[i] ?? '')) {
    year = Number(tokens[i]);
    if (tokens[i].length === 2) year += year < 70 ? 2000 : 1900;
    i++;
  } else if (TIME.test(tokens[i] ?? '')) {
    asctimeYearLast = true;
  } else {
    return null;
  }
  if (TIME.test(tokens[i] ?? '')) timeToken = tokens[i++];
  let hour = 0;
  let minute = 0;
  let second = 0;
  if (timeToken) {
    const t = TIME.exec(timeToken)!;
    hour = Number(t[1]);
    minute = Number(t[2]);
    second = Number(t[3] ?? 0);
    const meridiem = /^([ap])\.?m\.?$/.exec(tokens[i] ?? '');
    if (meridiem) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (meridiem[1] === 'p' ? 12 : 0);
      i++;
    }
  }
  let zoneTokens = tokens.slice(i);
  let zoneOriginal = orig.slice(i);
  if (asctimeYearLast) {
    const last = zoneTokens[zoneTokens.length - 1];
    if (!/^\d{4}$/.test(last ?? '')) return null;
    year = Number(last);
    zoneTokens = zoneTokens.slice(0, -1);
    zoneOriginal = zoneOriginal.slice(0, -1);
  }
  if (year === null || day === null || month === null) return null;
  const zone = zoneOf(zoneTokens, zoneOriginal);
  if (!zone) return null;
  return settle({ year, month, day, hour, minute, second, ms: 0 }, zone);
}

/** The instant a feed date names, or null when it cannot be read without guessing. */
export function parseFeedDate(raw: string | null | undefined): Date | null {
  if (typeof raw !== 'string') return null;
  const value = raw.trim();
  if (!value || value.length > 100) return null;
  if (/^\d{9,10}$/.test(value)) return new Date(Number(value) * 1000);
  const w3c = parseW3c(value);
  if (w3c !== undefined) return w3c;
  return parseTextual(value) ?? null;
}
