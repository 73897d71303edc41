import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema';
import { documentIdParam as documentId } from '../core/zod';
import { m } from '../core/messages';
import { resolveLocalTime, utcToLocal, type LocalDateTime } from '../planning/time';
import { REPORT_LANGUAGES, timeZone } from './contract';

/**
 * Scheduled reports (docs/reports.md, "Scheduled reports"): when one is sent
 * and which period it covers, in the recipients' time zone. Weekly: every
 * Monday at the hour, covering the week before (Monday 00:00 to Monday
 * 00:00); monthly: every 2nd at the hour, covering the month before (the 1st
 * to the 1st; the 2nd leaves a day for the last figures to come in). Pure
 * functions; the job is server/reports/delivery.ts.
 */

export const REPORT_FREQUENCIES = ['weekly', 'monthly'] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];

/** POST /reports/schedules, PUT /reports/schedules/:documentId. */
export const scheduleInput = lazySchema(() =>
  z.strictObject({
    name: z.string().trim().min(1, m('required')).max(200, m('too_long')),
    frequency: z.enum(REPORT_FREQUENCIES, { message: m('invalid_choice') }),
    /** the hour of sending, in `timezone` */
    hour: z.number().int(m('not_whole_number')).min(0, m('too_low')).max(23, m('too_high')),
    timezone: timeZone,
    language: z.enum(REPORT_LANGUAGES, { message: m('invalid_choice') }),
    recipients: z
      .array(z.email({ message: m('email_address') }).max(254, m('too_long')))
      .min(1, m('too_few'))
      .max(20, m('too_many')),
    editorialLineId: documentId.nullable().default(null),
    accountIds: z.array(documentId).max(50, m('too_many')).default([]),
    enabled: z.boolean().default(true),
  })
);
export type ScheduleInput = z.infer<typeof scheduleInput>;

export interface ReportSchedule extends ScheduleInput {
  documentId: string;
  /** when it is next sent (ISO), null when disabled */
  nextAt: string | null;
  lastSentAt: string | null;
  lastPeriod: string | null;
  lastReportId: string | null;
  lastError: string | null;
}

/** The instant a wall-clock time denotes in `zone`: a skipped time moves on to the next valid one, a repeated one takes the first. */
export function instantOf(local: LocalDateTime, zone: string): number {
  const r = resolveLocalTime(local, zone);
  if (r.kind === 'exact') return r.utc.getTime();
  if (r.kind === 'nonexistent') return r.nextValidUtc.getTime();
  return r.earlier.utc.getTime();
}

/** The local calendar day `days` after (y, m, d). */
function addDays(y: number, mo: number, d: number, days: number) {
  const t = new Date(Date.UTC(y, mo - 1, d + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** The sending instants around `ms`: the one at or before it and the one after, for this frequency, hour and zone. */
function occurrencesAround(frequency: ReportFrequency, hour: number, zone: string, ms: number): { previous: number; next: number } {
  const local = utcToLocal(new Date(ms), zone);
  const candidates: number[] = [];
  if (frequency === 'weekly') {
    // Mondays from two weeks back to two weeks on.
    const weekday = (new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay() + 6) % 7; // Monday = 0
    for (let w = -2; w <= 2; w++) {
      const day = addDays(local.year, local.month, local.day, -weekday + 7 * w);
      candidates.push(instantOf({ ...day, hour, minute: 0 }, zone));
    }
  } else {
    for (let k = -2; k <= 2; k++) {
      const month = new Date(Date.UTC(local.year, local.month - 1 + k, 2));
      candidates.push(instantOf({ year: month.getUTCFullYear(), month: month.getUTCMonth() + 1, day: 2, hour, minute: 0 }, zone));
    }
  }
  return { previous: Math.max(...candidates.filter((c) => c <= ms)), next: Math.min(...candidates.filter((c) => c > ms)) };
}

/** When a schedule next sends after `ms`. */
export const nextSending = (frequency: ReportFrequency, hour: number, zone: string, ms: number) =>
  occurrencesAround(frequency, hour, zone, ms).next;

/** The latest sending at or before `ms` (what is due now). */
export const lastSending = (frequency: ReportFrequency, hour: number, zone: string, ms: number) =>
  occurrencesAround(frequency, hour, zone, ms).previous;

/**
 * The period a sending at `sendMs` reports on, and its key (what makes a
 * sending happen once): the local week before a Monday, the local month before
 * a 2nd, compared with the calendar month before that.
 */
export function periodOfSending(
  frequency: ReportFrequency,
  zone: string,
  sendMs: number
): { from: string; to: string; key: string; compareFrom?: string; compareTo?: string } {
  const local = utcToLocal(new Date(sendMs), zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (frequency === 'weekly') {
    const weekday = (new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay() + 6) % 7;
    const monday = addDays(local.year, local.month, local.day, -weekday);
    const before = addDays(monday.year, monday.month, monday.day, -7);
    const from = instantOf({ ...before, hour: 0, minute: 0 }, zone);
    const to = instantOf({ ...monday, hour: 0, minute: 0 }, zone);
    return {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      key: `week-${before.year}-${pad(before.month)}-${pad(before.day)}`,
    };
  }
  const first = { year: local.year, month: local.month, day: 1 };
  const prev = new Date(Date.UTC(local.year, local.month - 2, 1));
  const before = { year: prev.getUTCFullYear(), month: prev.getUTCMonth() + 1, day: 1 };
  // Compared with the calendar month before it (not the same number of days before).
  const prior = new Date(Date.UTC(local.year, local.month - 3, 1));
  const from = new Date(instantOf({ ...before, hour: 0, minute: 0 }, zone)).toISOString();
  return {
    from,
    to: new Date(instantOf({ ...first, hour: 0, minute: 0 }, zone)).toISOString(),
    key: `month-${before.year}-${pad(before.month)}`,
    compareFrom: new Date(
      instantOf({ year: prior.getUTCFullYear(), month: prior.getUTCMonth() + 1, day: 1, hour: 0, minute: 0 }, zone)
    ).toISOString(),
    compareTo: from,
  };
}
