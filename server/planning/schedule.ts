import { HttpError, fieldError } from '../core/errors';
import { TimeError, formatLocalDateTime, isValidTimeZone, localToUtc, parseLocalDateTime } from '../../shared/planning/time';
import type { z } from 'zod';
import type { scheduleInput } from '../../shared/planning/contract';

export interface ResolvedSchedule {
  scheduledAt: Date;
  timezone: string;
  localTime: string;
}

/**
 * The editor's wall-clock time in their zone, turned into the instant to store.
 * A time the clocks skip is refused with the next valid one; a time they pass
 * twice must say which one it means.
 */
export function resolveSchedule(input: z.infer<typeof scheduleInput>): ResolvedSchedule {
  if (!isValidTimeZone(input.timezone)) {
    throw fieldError(
      'schedule.timezone',
      `"${input.timezone}" is not a time zone; use an IANA name such as Europe/Paris`,
      'invalid_time_zone'
    );
  }
  try {
    const local = parseLocalDateTime(input.local);
    const scheduledAt = localToUtc(local, input.timezone, input.fold ? { fold: input.fold } : {});
    return { scheduledAt, timezone: input.timezone, localTime: formatLocalDateTime(local) };
  } catch (err) {
    if (!(err instanceof TimeError)) throw err;
    const path = ['schedule', 'local'];
    if (err.code === 'nonexistent_local_time' && err.data?.nextValid) {
      const next = formatLocalDateTime(err.data.nextValid);
      throw new HttpError(400, err.code, err.message, [{ path, message: err.message, code: err.code }], {
        nextValid: next,
        nextValidUtc: err.data.nextValidUtc,
      });
    }
    if (err.code === 'ambiguous_local_time') {
      const choices = (err.data?.choices ?? []).map((c) => ({ fold: c.fold, utc: c.utc, offsetMinutes: c.offsetMinutes }));
      throw new HttpError(400, err.code, err.message, [{ path, message: err.message, code: err.code }], { choices });
    }
    throw new HttpError(400, err.code, err.message, [{ path, message: err.message, code: err.code }]);
  }
}
