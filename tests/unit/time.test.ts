import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  formatLocalDateTime,
  isValidTimeZone,
  localToUtc,
  offsetAt,
  parseLocalDateTime,
  resolveLocalTime,
  TimeError,
  utcToLocal,
  type LocalDateTime,
  type LocalResolution,
} from '../../shared/planning/time';

/*
 * Every expected value below was worked out by hand from the published rules,
 * not read back from the code:
 * - EU: clocks go forward on the last Sunday of March at 01:00 UTC and back on
 *   the last Sunday of October at 01:00 UTC (2026-03-29, 2026-10-25,
 *   2027-03-28, 2027-10-31). Paris is +01:00 in winter, +02:00 in summer.
 * - US: forward on the second Sunday of March at 02:00 local, back on the first
 *   Sunday of November at 02:00 local (2026-03-08, 2026-11-01, 2027-03-14,
 *   2027-11-07). New York is -05:00 in winter, -04:00 in summer.
 * - Sydney (+10:00/+11:00): forward on the first Sunday of October at 02:00
 *   standard time, back on the first Sunday of April at 03:00 summer time
 *   (2026-10-04, 2026-04-05). Lord Howe shifts by only 30 minutes
 *   (+10:30/+11:00), both ways at 02:00 local. Chatham (+12:45/+13:45)
 *   follows New Zealand's days at 02:45 standard / 03:45 summer time
 *   (forward 2026-09-27, back 2026-04-05).
 * - Kolkata (+05:30) and Kathmandu (+05:45) have no DST.
 */

const at = (text: string): LocalDateTime => parseLocalDateTime(text);
const instant = (iso: string) => new Date(iso);
/** Dates as ISO strings, the way an API response (or a child process) carries them. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function timeErrorOf(fn: () => unknown): TimeError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TimeError);
    return err as TimeError;
  }
  throw new Error('expected a TimeError, but nothing was thrown');
}

const nonexistent = (nextValid: string, nextValidUtc: string): LocalResolution => ({
  kind: 'nonexistent',
  nextValid: at(nextValid),
  nextValidUtc: instant(nextValidUtc),
});
const ambiguous = (earlierUtc: string, earlierOffset: number, laterUtc: string, laterOffset: number): LocalResolution => ({
  kind: 'ambiguous',
  earlier: { utc: instant(earlierUtc), offsetMinutes: earlierOffset },
  later: { utc: instant(laterUtc), offsetMinutes: laterOffset },
});
const exact = (utc: string, offsetMinutes: number): LocalResolution => ({ kind: 'exact', utc: instant(utc), offsetMinutes });

/** One table for the stories below and for the process-TZ check at the end. */
const KNOWN_RESOLUTIONS: Array<[zone: string, local: string, expected: LocalResolution]> = [
  ['Europe/Paris', '2026-03-29T02:30', nonexistent('2026-03-29T03:00', '2026-03-29T01:00:00Z')],
  ['Europe/Paris', '2026-10-25T02:30', ambiguous('2026-10-25T00:30:00Z', 120, '2026-10-25T01:30:00Z', 60)],
  ['Europe/Paris', '2026-03-29T09:00', exact('2026-03-29T07:00:00Z', 120)],
  ['Europe/Paris', '2026-10-25T09:00', exact('2026-10-25T08:00:00Z', 60)],
  ['Europe/Paris', '2027-03-28T02:30', nonexistent('2027-03-28T03:00', '2027-03-28T01:00:00Z')],
  ['Europe/Paris', '2027-10-31T02:30', ambiguous('2027-10-31T00:30:00Z', 120, '2027-10-31T01:30:00Z', 60)],
  ['Europe/Paris', '2027-03-28T09:00', exact('2027-03-28T07:00:00Z', 120)],
  ['Europe/Paris', '2027-10-31T09:00', exact('2027-10-31T08:00:00Z', 60)],
  ['America/New_York', '2026-03-08T02:30', nonexistent('2026-03-08T03:00', '2026-03-08T07:00:00Z')],
  ['America/New_York', '2026-11-01T01:30', ambiguous('2026-11-01T05:30:00Z', -240, '2026-11-01T06:30:00Z', -300)],
  ['America/New_York', '2026-03-08T09:00', exact('2026-03-08T13:00:00Z', -240)],
  ['America/New_York', '2026-11-01T09:00', exact('2026-11-01T14:00:00Z', -300)],
  ['America/New_York', '2027-03-14T02:30', nonexistent('2027-03-14T03:00', '2027-03-14T07:00:00Z')],
  ['America/New_York', '2027-11-07T01:30', ambiguous('2027-11-07T05:30:00Z', -240, '2027-11-07T06:30:00Z', -300)],
  ['America/New_York', '2027-03-14T09:00', exact('2027-03-14T13:00:00Z', -240)],
  ['America/New_York', '2027-11-07T09:00', exact('2027-11-07T14:00:00Z', -300)],
  ['Asia/Kolkata', '2026-03-29T09:00', exact('2026-03-29T03:30:00Z', 330)],
  ['Asia/Kolkata', '2026-10-25T02:30', exact('2026-10-24T21:00:00Z', 330)],
  ['Asia/Kathmandu', '2026-03-29T09:00', exact('2026-03-29T03:15:00Z', 345)],
  ['Australia/Sydney', '2026-10-04T02:30', nonexistent('2026-10-04T03:00', '2026-10-03T16:00:00Z')],
  ['Australia/Sydney', '2026-04-05T02:30', ambiguous('2026-04-04T15:30:00Z', 660, '2026-04-04T16:30:00Z', 600)],
  ['Australia/Sydney', '2026-07-01T09:00', exact('2026-06-30T23:00:00Z', 600)],
  ['Australia/Lord_Howe', '2026-10-04T02:15', nonexistent('2026-10-04T02:30', '2026-10-03T15:30:00Z')],
  ['Australia/Lord_Howe', '2026-04-05T01:45', ambiguous('2026-04-04T14:45:00Z', 660, '2026-04-04T15:15:00Z', 630)],
  ['Pacific/Chatham', '2026-09-27T03:00', nonexistent('2026-09-27T03:45', '2026-09-26T14:00:00Z')],
  ['Pacific/Chatham', '2026-04-05T03:00', ambiguous('2026-04-04T13:15:00Z', 825, '2026-04-04T14:15:00Z', 765)],
];

/** Instants read back as local time, for the stories and the process-TZ check. */
const KNOWN_READINGS: Array<[iso: string, zone: string, expected: LocalDateTime & { offsetMinutes: number }]> = [
  ['2026-03-29T01:00:00Z', 'Europe/Paris', { ...at('2026-03-29T03:00'), offsetMinutes: 120 }],
  ['2026-03-29T00:59:59.999Z', 'Europe/Paris', { ...at('2026-03-29T01:59'), offsetMinutes: 60 }],
  ['2026-06-30T22:00:00Z', 'Europe/Paris', { ...at('2026-07-01T00:00'), offsetMinutes: 120 }],
  ['2026-11-01T06:30:00Z', 'America/New_York', { ...at('2026-11-01T01:30'), offsetMinutes: -300 }],
  ['2026-12-31T23:30:00Z', 'Asia/Kathmandu', { ...at('2027-01-01T05:15'), offsetMinutes: 345 }],
  ['2026-10-03T15:30:00Z', 'Australia/Lord_Howe', { ...at('2026-10-04T02:30'), offsetMinutes: 660 }],
];

describe('an editor plans a post at a local time in her own zone', () => {
  it.each(KNOWN_RESOLUTIONS)('in %s, %s resolves as the published rules say', (zone, local, expected) => {
    expect(resolveLocalTime(at(local), zone)).toEqual(expected);
  });

  it.each(KNOWN_READINGS)('the instant %s reads in %s as the clock on the wall shows it', (iso, zone, expected) => {
    expect(utcToLocal(instant(iso), zone)).toEqual(expected);
  });
});

describe('a post scheduled for 09:00 Paris on the day clocks change is published at 09:00 Paris', () => {
  it.each([
    ['2026-03-29T09:00', '2026-03-29T07:00:00.000Z'],
    ['2026-10-25T09:00', '2026-10-25T08:00:00.000Z'],
    ['2027-03-28T09:00', '2027-03-28T07:00:00.000Z'],
    ['2027-10-31T09:00', '2027-10-31T08:00:00.000Z'],
  ])('%s Paris is stored as %s and reads back as 09:00', (local, iso) => {
    const due = localToUtc(at(local), 'Europe/Paris');
    expect(due.toISOString()).toBe(iso);
    expect(formatLocalDateTime(utcToLocal(due, 'Europe/Paris'))).toBe(local);
  });

  it('the same 09:00 is an hour apart in UTC either side of the spring change, and a day apart on the wall', () => {
    const saturday = localToUtc(at('2026-03-28T09:00'), 'Europe/Paris');
    const sunday = localToUtc(at('2026-03-29T09:00'), 'Europe/Paris');
    expect(sunday.getTime() - saturday.getTime()).toBe(23 * 3600_000);
  });
});

describe('an editor picks a time the clock skips on the spring change', () => {
  it('02:30 Paris on 2026-03-29 is refused and 03:00 is proposed instead', () => {
    const error = timeErrorOf(() => localToUtc(at('2026-03-29T02:30'), 'Europe/Paris'));
    expect(error.code).toBe('nonexistent_local_time');
    expect(error.data).toEqual({ nextValid: at('2026-03-29T03:00'), nextValidUtc: instant('2026-03-29T01:00:00Z') });
    expect(error.message).toContain('2026-03-29T02:30');
    expect(error.message).toContain('2026-03-29T03:00');
  });

  it('choosing a fold does not make a skipped time exist', () => {
    const error = timeErrorOf(() => localToUtc(at('2026-03-08T02:30'), 'America/New_York', { fold: 'earlier' }));
    expect(error.code).toBe('nonexistent_local_time');
  });

  it('the proposed time is valid and is the instant the clocks jumped', () => {
    const proposal = resolveLocalTime(at('2026-03-08T02:59'), 'America/New_York');
    expect(proposal).toEqual(nonexistent('2026-03-08T03:00', '2026-03-08T07:00:00Z'));
    if (proposal.kind !== 'nonexistent') throw new Error('unreachable');
    expect(localToUtc(proposal.nextValid, 'America/New_York')).toEqual(proposal.nextValidUtc);
    expect(offsetAt(new Date(proposal.nextValidUtc.getTime() - 1000), 'America/New_York')).toBe(-300);
    expect(offsetAt(proposal.nextValidUtc, 'America/New_York')).toBe(-240);
  });
});

describe('an editor picks a time the clock shows twice on the autumn change', () => {
  it('01:30 New York on 2026-11-01 is not guessed: both readings are offered', () => {
    const error = timeErrorOf(() => localToUtc(at('2026-11-01T01:30'), 'America/New_York'));
    expect(error.code).toBe('ambiguous_local_time');
    expect(error.data).toEqual({
      choices: [
        { fold: 'earlier', utc: instant('2026-11-01T05:30:00Z'), offsetMinutes: -240 },
        { fold: 'later', utc: instant('2026-11-01T06:30:00Z'), offsetMinutes: -300 },
      ],
    });
    expect(error.message).toContain('UTC-04:00');
    expect(error.message).toContain('UTC-05:00');
  });

  it('once she chooses, the earlier or the later 02:30 Paris is the one stored', () => {
    expect(localToUtc(at('2026-10-25T02:30'), 'Europe/Paris', { fold: 'earlier' })).toEqual(instant('2026-10-25T00:30:00Z'));
    expect(localToUtc(at('2026-10-25T02:30'), 'Europe/Paris', { fold: 'later' })).toEqual(instant('2026-10-25T01:30:00Z'));
  });

  it('on Lord Howe the two readings are only 30 minutes apart', () => {
    const earlier = localToUtc(at('2026-04-05T01:45'), 'Australia/Lord_Howe', { fold: 'earlier' });
    const later = localToUtc(at('2026-04-05T01:45'), 'Australia/Lord_Howe', { fold: 'later' });
    expect(later.getTime() - earlier.getTime()).toBe(30 * 60_000);
  });

  it('a fold on an ordinary time changes nothing', () => {
    expect(localToUtc(at('2026-10-25T09:00'), 'Europe/Paris', { fold: 'earlier' })).toEqual(instant('2026-10-25T08:00:00Z'));
    expect(localToUtc(at('2026-10-25T09:00'), 'Europe/Paris', { fold: 'later' })).toEqual(instant('2026-10-25T08:00:00Z'));
  });
});

describe('an editor in India or Nepal never meets a skipped or doubled time', () => {
  const days = (year: number): LocalDateTime[] => {
    const result: LocalDateTime[] = [];
    for (let month = 1; month <= 12; month += 1) {
      const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
      for (let day = 1; day <= last; day += 1) result.push({ year, month, day, hour: 9, minute: 0 });
    }
    return result;
  };

  it.each([2026, 2027])('09:00 Kolkata is 03:30Z and 09:00 Kathmandu is 03:15Z on every day of %i', (year) => {
    for (const local of days(year)) {
      const date = formatLocalDateTime(local).slice(0, 10);
      expect(resolveLocalTime(local, 'Asia/Kolkata')).toEqual(exact(`${date}T03:30:00Z`, 330));
      expect(resolveLocalTime(local, 'Asia/Kathmandu')).toEqual(exact(`${date}T03:15:00Z`, 345));
    }
  });

  it('the Kolkata offset is +05:30 at every hour of 2026 and 2027, so no local time there can be skipped or doubled', () => {
    const offsets = new Set<number>();
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 3600_000) offsets.add(offsetAt(new Date(ms), 'Asia/Kolkata'));
    expect([...offsets]).toEqual([330]);
  });
});

describe('every hour of the days clocks change reads back as the time that was planned', () => {
  /** [zone, day, kind of the odd local times, first odd time, last odd time, on a 15-minute grid] */
  const CHANGE_DAYS: Array<[string, string, 'nonexistent' | 'ambiguous', string, string]> = [
    ['Europe/Paris', '2026-03-29', 'nonexistent', '02:00', '02:45'],
    ['Europe/Paris', '2026-10-25', 'ambiguous', '02:00', '02:45'],
    ['Europe/Paris', '2027-03-28', 'nonexistent', '02:00', '02:45'],
    ['Europe/Paris', '2027-10-31', 'ambiguous', '02:00', '02:45'],
    ['America/New_York', '2026-03-08', 'nonexistent', '02:00', '02:45'],
    ['America/New_York', '2026-11-01', 'ambiguous', '01:00', '01:45'],
    ['America/New_York', '2027-03-14', 'nonexistent', '02:00', '02:45'],
    ['America/New_York', '2027-11-07', 'ambiguous', '01:00', '01:45'],
    ['Australia/Sydney', '2026-10-04', 'nonexistent', '02:00', '02:45'],
    ['Australia/Sydney', '2026-04-05', 'ambiguous', '02:00', '02:45'],
    ['Australia/Lord_Howe', '2026-10-04', 'nonexistent', '02:00', '02:15'],
    ['Australia/Lord_Howe', '2026-04-05', 'ambiguous', '01:30', '01:45'],
    ['Pacific/Chatham', '2026-09-27', 'nonexistent', '02:45', '03:30'],
    ['Pacific/Chatham', '2026-04-05', 'ambiguous', '02:45', '03:30'],
  ];

  const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  const hhmmOf = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  /** 'HH:mm' every 15 minutes from `first` to `last`, both included. */
  const quarterHours = (first: string, last: string): string[] =>
    Array.from({ length: (minutesOf(last) - minutesOf(first)) / 15 + 1 }, (_, i) => hhmmOf(minutesOf(first) + i * 15));

  it.each(CHANGE_DAYS)('%s on %s: only %s between %s and %s are odd, every other time round-trips', (zone, day, oddKind, first, last) => {
    const odd: string[] = [];
    for (const hhmm of quarterHours('00:00', '23:45')) {
      const local = at(`${day}T${hhmm}`);
      const resolution = resolveLocalTime(local, zone);
      if (resolution.kind === 'exact') {
        expect(utcToLocal(resolution.utc, zone)).toEqual({ ...local, offsetMinutes: resolution.offsetMinutes });
        expect(localToUtc(local, zone)).toEqual(resolution.utc);
        continue;
      }
      odd.push(hhmm);
      expect(resolution.kind).toBe(oddKind);
      if (resolution.kind === 'ambiguous') {
        for (const fold of ['earlier', 'later'] as const) {
          const { utc, offsetMinutes } = resolution[fold];
          expect(utcToLocal(utc, zone)).toEqual({ ...local, offsetMinutes });
          expect(localToUtc(local, zone, { fold })).toEqual(utc);
        }
        const { earlier, later } = resolution;
        expect(later.utc.getTime() - earlier.utc.getTime()).toBe((earlier.offsetMinutes - later.offsetMinutes) * 60_000);
      } else {
        // The gap ends a quarter-hour after its last skipped quarter-hour on every day in the table.
        expect(formatLocalDateTime(resolution.nextValid)).toBe(`${day}T${hhmmOf(minutesOf(last) + 15)}`);
        const { offsetMinutes: _, ...landing } = utcToLocal(resolution.nextValidUtc, zone);
        expect(landing).toEqual(resolution.nextValid);
      }
    }
    expect(odd).toEqual(quarterHours(first, last));
  });

  it.each(CHANGE_DAYS)('%s on %s: every instant of the day, read on the wall, resolves back to itself', (zone, day) => {
    const start = new Date(`${day}T00:00:00Z`).getTime() - 18 * 3600_000;
    for (let ms = start; ms <= start + 48 * 3600_000; ms += 15 * 60_000) {
      const reading = utcToLocal(new Date(ms), zone);
      const { offsetMinutes, ...local } = reading;
      const resolution = resolveLocalTime(local, zone);
      const readings =
        resolution.kind === 'exact'
          ? [{ utc: resolution.utc, offsetMinutes: resolution.offsetMinutes }]
          : resolution.kind === 'ambiguous'
            ? [resolution.earlier, resolution.later]
            : [];
      expect(readings).toContainEqual({ utc: new Date(ms), offsetMinutes });
    }
  });
});

describe('a time zone that is not a real IANA zone is refused', () => {
  it.each(['Mars/Olympus', '', '+01:00', '-05:00', 'Europe/Paris ', 'CET+1'])('%j is not a valid zone', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
    expect(timeErrorOf(() => localToUtc(at('2026-06-01T09:00'), zone)).code).toBe('invalid_time_zone');
    expect(timeErrorOf(() => resolveLocalTime(at('2026-06-01T09:00'), zone)).code).toBe('invalid_time_zone');
    expect(timeErrorOf(() => utcToLocal(instant('2026-06-01T07:00:00Z'), zone)).code).toBe('invalid_time_zone');
    expect(timeErrorOf(() => offsetAt(instant('2026-06-01T07:00:00Z'), zone)).code).toBe('invalid_time_zone');
  });

  it.each(['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'])('"%s" is valid', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });

  it('zone names are matched without regard to ASCII case, as Intl does', () => {
    expect(isValidTimeZone('Asia/Kolkata')).toBe(true);
    expect(isValidTimeZone('europe/paris')).toBe(true);
    expect(localToUtc(at('2026-06-01T09:00'), 'europe/paris')).toEqual(instant('2026-06-01T07:00:00Z'));
  });

  it('a look-alike letter does not pass for a real zone name once that zone is in use', () => {
    expect(isValidTimeZone('Asia/Kolkata')).toBe(true);
    // U+212A KELVIN SIGN lower-cases to "k" in Unicode, but Intl compares zone names in ASCII only.
    expect(isValidTimeZone('Asia/\u212Aolkata')).toBe(false);
  });

  it('a date that is not a date is refused rather than read as some time', () => {
    expect(timeErrorOf(() => utcToLocal(new Date(Number.NaN), 'Europe/Paris')).code).toBe('invalid_instant');
    expect(timeErrorOf(() => offsetAt(new Date('not a date'), 'Europe/Paris')).code).toBe('invalid_instant');
  });
});

describe('an editor types a local date and time', () => {
  it.each([
    '2026-02-30T09:00',
    '2026-02-29T09:00',
    '2026-04-31T09:00',
    '2026-03-29T24:00',
    '2026-03-29T09:60',
    '2026-13-01T09:00',
    '2026-00-10T09:00',
    '2026-03-00T09:00',
    '0000-01-01T00:00',
    '2026-03-29 09:00',
    '2026-03-29T9:00',
    '2026-3-29T09:00',
    '2026-03-29T09:00:00',
    '2026-03-29T09:00Z',
    '2026-03-29T09:00+01:00',
    ' 2026-03-29T09:00',
    '2026-03-29T09:00\n',
    '+002026-03-29T09:00',
    '２０２６-03-29T09:00',
    '',
  ])('%j is refused as an invalid local time', (text) => {
    expect(timeErrorOf(() => parseLocalDateTime(text)).code).toBe('invalid_local_time');
  });

  it.each(['2028-02-29T23:59', '2000-02-29T00:00', '2026-12-31T00:00', '0001-01-01T00:00', '9999-12-31T23:59'])(
    '"%s" is read and written back unchanged',
    (text) => {
      expect(formatLocalDateTime(parseLocalDateTime(text))).toBe(text);
    }
  );

  it('the fields come out as numbers, month counted from 1', () => {
    expect(parseLocalDateTime('2026-03-29T02:30')).toEqual({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 });
  });

  it.each<[string, LocalDateTime]>([
    ['February 30th', { year: 2026, month: 2, day: 30, hour: 9, minute: 0 }],
    ['hour 24', { year: 2026, month: 3, day: 29, hour: 24, minute: 0 }],
    ['a fractional minute', { year: 2026, month: 3, day: 29, hour: 9, minute: 30.5 }],
    ['month 0', { year: 2026, month: 0, day: 1, hour: 9, minute: 0 }],
  ])('a local time object with %s is refused too', (_, local) => {
    expect(timeErrorOf(() => resolveLocalTime(local, 'Europe/Paris')).code).toBe('invalid_local_time');
    expect(timeErrorOf(() => localToUtc(local, 'Europe/Paris')).code).toBe('invalid_local_time');
  });
});

describe("the server's own time zone never changes a schedule", () => {
  const SERVER_ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'];
  const repoRoot = path.resolve(__dirname, '../..');
  const moduleFile = path.join(repoRoot, 'shared/planning/time.ts');

  // Runs in a fresh node with its own TZ: compiles time.ts with @swc/core and evaluates it as CommonJS.
  const CHILD = `
    const { transformFileSync } = require('@swc/core');
    const [file, casesJson] = process.argv.slice(1);
    const { code } = transformFileSync(file, {
      swcrc: false,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    const mod = { exports: {} };
    new Function('module', 'exports', 'require', code)(mod, mod.exports, require);
    const time = mod.exports;
    const { resolutions, readings } = JSON.parse(casesJson);
    process.stdout.write(JSON.stringify({
      processZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      resolutions: resolutions.map(([zone, text]) => time.resolveLocalTime(time.parseLocalDateTime(text), zone)),
      readings: readings.map(([iso, zone]) => time.utcToLocal(new Date(iso), zone)),
    }));
  `;

  const cases = {
    resolutions: KNOWN_RESOLUTIONS.map(([zone, local]) => [zone, local]),
    readings: KNOWN_READINGS.map(([iso, zone]) => [iso, zone]),
  };
  const expected = asJson({
    resolutions: KNOWN_RESOLUTIONS.map(([, , resolution]) => resolution),
    readings: KNOWN_READINGS.map(([, , reading]) => reading),
  });

  it.each(SERVER_ZONES)('a server running with TZ=%s resolves every known case the same, correct way', (tz) => {
    const output = execFileSync(process.execPath, ['-e', CHILD, moduleFile, JSON.stringify(cases)], {
      cwd: repoRoot,
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    });
    const { processZone, ...results } = JSON.parse(output) as { processZone: string };
    // Proves the child really ran in that zone (ICU may name it by an alias: Asia/Kolkata is Asia/Calcutta),
    // so the agreement below is not a coincidence of defaults.
    expect(processZone).toBe(new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone);
    expect(results).toEqual(expected);
  });
});
