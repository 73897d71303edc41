import { resolveLocalTime, utcToLocal, type LocalDateTime } from '../../shared/planning/time';

const pad = (n: number) => String(n).padStart(2, '0');

/** The first instant of a local day in `zone`: midnight, or the first minute after a clock change that skipped it. */
function startOfDay(year: number, month: number, day: number, zone: string): number {
  const normal = new Date(Date.UTC(year, month - 1, day));
  const local: LocalDateTime = {
    year: normal.getUTCFullYear(),
    month: normal.getUTCMonth() + 1,
    day: normal.getUTCDate(),
    hour: 0,
    minute: 0,
  };
  const resolution = resolveLocalTime(local, zone);
  if (resolution.kind === 'exact') return resolution.utc.getTime();
  return resolution.kind === 'ambiguous' ? resolution.earlier.utc.getTime() : resolution.nextValidUtc.getTime();
}

export interface DayOverflow {
  /** the local day, YYYY-MM-DD in the asked zone */
  day: string;
  /** how many posts the day holds in all (the answer carries only the first dayMax - 1) */
  total: number;
}

/**
 * What a month cell shows, like Google Calendar or FullCalendar's `dayMaxEvents`:
 * a day with at most `dayMax` posts keeps them all; a fuller day keeps its
 * first `dayMax - 1` and leaves room for "+N more". `items` come in time order;
 * days are the editor's days (`zone`), found with a few Intl calls per day
 * rather than one per post.
 */
export function limitPerDay<T extends { at: number }>(items: T[], dayMax: number, zone: string): { kept: T[]; overflow: DayOverflow[] } {
  const kept: T[] = [];
  const overflow: DayOverflow[] = [];
  let end = -Infinity;
  let key = '';
  let bucket: T[] = [];
  const flush = () => {
    if (bucket.length <= dayMax) kept.push(...bucket);
    else {
      kept.push(...bucket.slice(0, dayMax - 1));
      overflow.push({ day: key, total: bucket.length });
    }
    bucket = [];
  };
  for (const item of items) {
    if (item.at >= end) {
      flush();
      const local = utcToLocal(new Date(item.at), zone);
      key = `${local.year}-${pad(local.month)}-${pad(local.day)}`;
      end = startOfDay(local.year, local.month, local.day + 1, zone);
    }
    bucket.push(item);
  }
  flush();
  return { kept, overflow };
}
