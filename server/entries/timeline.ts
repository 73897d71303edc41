import { formatLocalDateTime, resolveLocalTime, utcToLocal, type LocalDateTime } from '../../shared/planning/time';

export interface TimelineStep {
  offset: number;
  /** the wall-clock time in the zone, YYYY-MM-DDTHH:mm */
  local: string;
  /** which reading of a time the clocks pass twice (the earlier one, stated so the planning service need not ask) */
  fold?: 'earlier';
  /** the clocks skip the chosen time that day: the first valid minute after the gap is used */
  shifted: boolean;
  utc: Date;
}

/** Adds whole calendar days to a local date (month and year roll over), independent of any zone. */
function addDays(local: LocalDateTime, days: number): LocalDateTime {
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return { ...local, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * The instants of a share timeline: day N is N calendar days after today in
 * the editor's zone, at the same wall-clock time, whatever the clocks do in
 * between (09:00 stays 09:00 across a DST change). A time the clocks skip moves
 * to the next valid minute; one they show twice takes the earlier reading.
 */
export function timelineSteps(input: { offsets: readonly number[]; time: string; timezone: string; now: Date }): TimelineStep[] {
  const [hour, minute] = input.time.split(':').map(Number);
  const today = utcToLocal(input.now, input.timezone);
  return input.offsets.map((offset) => {
    const day = addDays({ year: today.year, month: today.month, day: today.day, hour, minute }, offset);
    const resolution = resolveLocalTime(day, input.timezone);
    if (resolution.kind === 'nonexistent') {
      return { offset, local: formatLocalDateTime(resolution.nextValid), shifted: true, utc: resolution.nextValidUtc };
    }
    if (resolution.kind === 'ambiguous') {
      return { offset, local: formatLocalDateTime(day), fold: 'earlier', shifted: false, utc: resolution.earlier.utc };
    }
    return { offset, local: formatLocalDateTime(day), shifted: false, utc: resolution.utc };
  });
}
