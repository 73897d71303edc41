import { HttpError, fieldError, fieldIssue, type Say } from '../core/errors';
import { TimeError, formatLocalDateTime, isValidTimeZone, localToUtc, parseLocalDateTime } from '../../shared/planning/time';
import type { z } from 'zod';
import type { scheduleInput } from '../../shared/planning/contract';

export interface ResolvedSchedule {
  scheduledAt: Date;
  timezone: string;
  localTime: string;
}

/** An offset from UTC as the English message writes it: UTC+02:00. */
function utcOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `UTC${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(Math.round(abs % 60))}`;
}

/**
 * The editor's wall-clock time in their zone, turned into the instant to store.
 * A time the clocks skip is refused with the next valid one; a time they pass
 * twice must say which one it means. Each refusal is a catalogued code whose
 * parameters are wall-clock readings in `zone` (no zone designator, so the
 * admin shows them as they are, not moved into the reader's zone); the English
 * is the time module's own.
 */
export function resolveSchedule(input: z.infer<typeof scheduleInput>): ResolvedSchedule {
  if (!isValidTimeZone(input.timezone)) {
    throw fieldError('schedule.timezone', { code: 'time_zone_unknown', params: { zone: input.timezone } }, 'invalid_time_zone');
  }
  try {
    const local = parseLocalDateTime(input.local);
    const scheduledAt = localToUtc(local, input.timezone, input.fold ? { fold: input.fold } : {});
    return { scheduledAt, timezone: input.timezone, localTime: formatLocalDateTime(local) };
  } catch (err) {
    if (!(err instanceof TimeError)) throw err;
    const path = ['schedule', 'local'];
    const at = { local: String(input.local), zone: input.timezone };
    const refuse = (say: Say, data: Record<string, unknown> = {}) =>
      new HttpError(400, err.code, say, [fieldIssue(path, say, err.code)], data);
    if (err.code === 'nonexistent_local_time' && err.data?.nextValid) {
      const next = formatLocalDateTime(err.data.nextValid);
      throw refuse(
        { code: 'nonexistent_local_time', params: { ...at, next }, text: err.message },
        { nextValid: next, nextValidUtc: err.data.nextValidUtc }
      );
    }
    if (err.code === 'ambiguous_local_time') {
      const choices = (err.data?.choices ?? []).map((c) => ({ fold: c.fold, utc: c.utc, offsetMinutes: c.offsetMinutes }));
      const [earlier, later] = choices.map((c) => utcOffset(c.offsetMinutes));
      throw refuse(
        { code: 'ambiguous_local_time', params: { ...at, earlier: earlier ?? '', later: later ?? '' }, text: err.message },
        { choices }
      );
    }
    throw refuse({ code: 'invalid_local_time', params: { local: at.local }, text: err.message });
  }
}
