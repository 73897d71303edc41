import type { Duration } from '@fullcalendar/core';
import { formatLocalDateTime, parseLocalDateTime, resolveLocalTime, utcToLocal } from '../../../shared/planning/time';
import type { CalendarEvent } from '../../api/calendar';

export interface Schedule {
  local: string;
  timezone: string;
  fold?: 'earlier' | 'later';
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Where a post is now, in the zone it was planned in: what Undo sends back.
 * A wall time the clocks pass twice carries which of the two it was, so Undo
 * returns to the very instant it left.
 */
export function currentSchedule(event: CalendarEvent, editorZone: string): Schedule {
  const timezone = event.timezone ?? editorZone;
  const local = event.localTime ?? formatLocalDateTime(utcToLocal(new Date(event.scheduledAt), timezone));
  const resolution = resolveLocalTime(parseLocalDateTime(local), timezone);
  if (resolution.kind !== 'ambiguous') return { local, timezone };
  const fold = resolution.later.utc.getTime() === Date.parse(event.scheduledAt) ? 'later' : 'earlier';
  return { local, timezone, fold };
}

/**
 * Where a dropped post goes, in the zone it was planned in (a post planned for
 * 09:00 New York stays a New York post, whoever moves it). Moved by whole days
 * (month view): same wall-clock time on the new day, even across a clock
 * change. Moved to a time slot (week view): the instant dropped on, read in
 * the post's zone.
 */
export function droppedSchedule(event: CalendarEvent, delta: Duration, droppedAt: Date, editorZone: string): Schedule {
  const { local, timezone } = currentSchedule(event, editorZone);
  // A new day's wall time is resolved afresh by the server: the old fold does not carry over.
  if (delta.milliseconds === 0 && delta.months === 0 && delta.years === 0) {
    const [date, time] = local.split('T');
    return { local: `${addDays(date, delta.days)}T${time}`, timezone };
  }
  return { local: formatLocalDateTime(utcToLocal(droppedAt, timezone)), timezone };
}

/** The editor's own zone, as the browser reports it. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** A local calendar day of the browser, YYYY-MM-DD. */
export const dayKey = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/**
 * The range FullCalendar will show for a view and date, computed before it
 * mounts (Monday-first weeks, six-week months), so the events query starts
 * with the page instead of after the grid's first render. The same instants as
 * FullCalendar's own `datesSet`, so the query is not repeated when it fires.
 */
export function expectedRange(view: string, date: string | undefined, now = new Date()): { from: string; to: string } {
  const [y, m, d] = date ? date.split('-').map(Number) : [now.getFullYear(), now.getMonth() + 1, now.getDate()];
  const mondayOf = (day: Date) => new Date(day.getFullYear(), day.getMonth(), day.getDate() - ((day.getDay() + 6) % 7));
  const plusDays = (day: Date, n: number) => new Date(day.getFullYear(), day.getMonth(), day.getDate() + n);
  let from: Date;
  let to: Date;
  if (view === 'timeGridWeek') {
    from = mondayOf(new Date(y, m - 1, d));
    to = plusDays(from, 7);
  } else if (view === 'listMonth') {
    from = new Date(y, m - 1, 1);
    to = new Date(y, m, 1);
  } else {
    from = mondayOf(new Date(y, m - 1, 1));
    to = plusDays(from, 42);
  }
  return { from: from.toISOString(), to: to.toISOString() };
}
