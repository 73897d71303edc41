import { yearAgoEdge, yearAgoPeriod } from '../../shared/reports/periods';
import { dashboardQuery, generateInput, campaignQuery } from '../../shared/reports/contract';
import { resolveLocalTime, utcToLocal } from '../../shared/planning/time';

/** The periods a dashboard is compared with (docs/reports.md, "Comparison"). */
const DAY = 86_400_000;

describe('the same period a year ago', () => {
  it('keeps the calendar days of a month, a week and a day in UTC', () => {
    expect(yearAgoPeriod({ from: '2027-06-01T00:00:00.000Z', to: '2027-07-01T00:00:00.000Z' })).toEqual({
      from: '2026-06-01T00:00:00.000Z',
      to: '2026-07-01T00:00:00.000Z',
    });
    // A week from Monday to Monday is compared with the same dates, whatever weekday they fell on.
    expect(yearAgoPeriod({ from: '2027-04-05T00:00:00.000Z', to: '2027-04-12T00:00:00.000Z' })).toEqual({
      from: '2026-04-05T00:00:00.000Z',
      to: '2026-04-12T00:00:00.000Z',
    });
    // Seconds and milliseconds stay as they were.
    expect(yearAgoPeriod({ from: '2027-03-10T08:15:42.123Z', to: '2027-03-10T09:00:00.000Z' })).toEqual({
      from: '2026-03-10T08:15:42.123Z',
      to: '2026-03-10T09:00:00.000Z',
    });
  });

  it('counts on the wall clock of the reader’s zone across a clock change', () => {
    // July 2027 in Paris (UTC+2) against July 2026 (UTC+2 too): local midnights.
    expect(yearAgoPeriod({ from: '2027-06-30T22:00:00.000Z', to: '2027-07-31T22:00:00.000Z' }, 'Europe/Paris')).toEqual({
      from: '2026-06-30T22:00:00.000Z',
      to: '2026-07-31T22:00:00.000Z',
    });
    // 27 March 2027 to 3 April 2027 in Paris: winter time at the start (UTC+1), summer at the end (UTC+2); the same
    // dates of 2026 (clocks changed on 29 March 2026), still local midnights, not the same UTC hours.
    const week = { from: '2027-03-26T23:00:00.000Z', to: '2027-04-02T22:00:00.000Z' };
    const before = yearAgoPeriod(week, 'Europe/Paris');
    expect(before).toEqual({ from: '2026-03-26T23:00:00.000Z', to: '2026-04-02T22:00:00.000Z' });
    for (const edge of [before.from, before.to]) expect(utcToLocal(new Date(edge), 'Europe/Paris')).toMatchObject({ hour: 0, minute: 0 });
    // New York: a December (UTC-5) against the December before, the same local midnights.
    expect(yearAgoPeriod({ from: '2027-12-01T05:00:00.000Z', to: '2028-01-01T05:00:00.000Z' }, 'America/New_York')).toEqual({
      from: '2026-12-01T05:00:00.000Z',
      to: '2027-01-01T05:00:00.000Z',
    });
  });

  it('moves a wall time the clocks skip a year earlier to the first one that exists', () => {
    // 29 March 2027, 02:30 in Paris → 29 March 2026, 02:30, skipped that day (clocks went 02:00 → 03:00): 03:00 CEST.
    const at = Date.parse('2027-03-29T00:30:00.000Z'); // 02:30 in Paris, summer time
    expect(resolveLocalTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Paris').kind).toBe('nonexistent');
    expect(new Date(yearAgoEdge(at, 'Europe/Paris', 'start')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // A wall time shown twice a year earlier (25 October 2026, 02:30 in Paris) is the first of the two (summer time).
    const twice = Date.parse('2027-10-25T00:30:00.000Z'); // 02:30 in Paris, summer time (clocks change on the 31st in 2027)
    expect(new Date(yearAgoEdge(twice, 'Europe/Paris', 'start')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('reads 29 February as the end of February: a start becomes the 28th, an end the 1st of March', () => {
    // The leap day alone is compared with the last day of February a year before.
    expect(yearAgoPeriod({ from: '2028-02-29T00:00:00.000Z', to: '2028-03-01T00:00:00.000Z' })).toEqual({
      from: '2027-02-28T00:00:00.000Z',
      to: '2027-03-01T00:00:00.000Z',
    });
    // 1 to 28 February 2028 (ending before the 29th) keeps all of February 2027's 28 days.
    const feb = yearAgoPeriod({ from: '2028-02-01T00:00:00.000Z', to: '2028-02-29T00:00:00.000Z' });
    expect(feb).toEqual({ from: '2027-02-01T00:00:00.000Z', to: '2027-03-01T00:00:00.000Z' });
    expect((Date.parse(feb.to) - Date.parse(feb.from)) / DAY).toBe(28);
    // The whole of February 2028 (29 days) against February 2027 (28): months, not day counts.
    expect(yearAgoPeriod({ from: '2028-02-01T00:00:00.000Z', to: '2028-03-01T00:00:00.000Z' })).toEqual({
      from: '2027-02-01T00:00:00.000Z',
      to: '2027-03-01T00:00:00.000Z',
    });
    // A year after a leap year, February 2029 is compared with February 2028, its leap day included.
    expect(yearAgoPeriod({ from: '2029-02-01T00:00:00.000Z', to: '2029-03-01T00:00:00.000Z' })).toEqual({
      from: '2028-02-01T00:00:00.000Z',
      to: '2028-03-01T00:00:00.000Z',
    });
    // A leap day in Paris: local midnight of the 29th (23:00 UTC on the 28th) becomes the local midnight of 28 February 2027.
    expect(yearAgoPeriod({ from: '2028-02-28T23:00:00.000Z', to: '2028-02-29T23:00:00.000Z' }, 'Europe/Paris')).toEqual({
      from: '2027-02-27T23:00:00.000Z',
      to: '2027-02-28T23:00:00.000Z',
    });
  });

  it('always starts before the period it is compared with, and never longer than a year and a day apart', () => {
    // Every local midnight of 2028 (a leap year) in four zones, as a one-day period.
    for (const zone of ['UTC', 'Europe/Paris', 'America/New_York', 'Australia/Sydney']) {
      for (let d = 0; d < 366; d++) {
        const start = new Date(Date.UTC(2028, 0, 1 + d));
        const from = resolveLocalTime(
          { year: start.getUTCFullYear(), month: start.getUTCMonth() + 1, day: start.getUTCDate(), hour: 0, minute: 0 },
          zone
        );
        if (from.kind !== 'exact') continue;
        const p = { from: from.utc.toISOString(), to: new Date(from.utc.getTime() + DAY).toISOString() };
        const y = yearAgoPeriod(p, zone);
        expect(Date.parse(y.from)).toBeLessThan(Date.parse(p.from));
        expect(Date.parse(y.to)).toBeGreaterThan(Date.parse(y.from));
        const shift = Date.parse(p.from) - Date.parse(y.from);
        expect(shift).toBeGreaterThanOrEqual(365 * DAY - 2 * 3_600_000);
        expect(shift).toBeLessThanOrEqual(366 * DAY + 2 * 3_600_000);
      }
    }
  });
});

describe('the comparison asked for', () => {
  const june = { from: '2031-06-01T00:00:00Z', to: '2031-07-01T00:00:00Z' };
  it('takes compare=yearAgo with a time zone, and refuses it beside named dates or with an unknown zone', () => {
    expect(dashboardQuery.safeParse({ ...june, compare: 'yearAgo', timezone: 'Europe/Paris' }).success).toBe(true);
    const both = dashboardQuery.safeParse({
      ...june,
      compare: 'yearAgo',
      compareFrom: '2031-05-01T00:00:00Z',
      compareTo: '2031-06-01T00:00:00Z',
    });
    expect(both.success).toBe(false);
    expect(both.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['compare', 'compare_dates_and_year']]);
    const zone = generateInput.safeParse({ title: 'June', ...june, compare: 'yearAgo', timezone: 'Mars/Olympus' });
    expect(zone.error!.issues.map((i) => i.path.join('.'))).toEqual(['timezone']);
    expect(dashboardQuery.safeParse({ ...june, compare: 'lastYear' }).error!.issues.map((i) => i.path.join('.'))).toEqual(['compare']);
  });

  it('names up to four distinct campaigns, and a period by both ends', () => {
    expect(campaignQuery.parse({ campaigns: ['Spring', 'Autumn, 2031'] }).campaigns).toEqual(['Spring', 'Autumn, 2031']);
    expect(campaignQuery.parse({ campaigns: 'Spring' }).campaigns).toEqual(['Spring']);
    expect(campaignQuery.parse({}).campaigns).toEqual([]);
    const paths = (input: object) => campaignQuery.safeParse(input).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ campaigns: ['a', 'b', 'c', 'd', 'e'] })).toEqual(['campaigns']);
    expect(paths({ campaigns: ['Spring', 'Spring'] })).toEqual(['campaigns']);
    expect(paths({ campaigns: ['  '] })).toEqual(['campaigns.0']);
    expect(paths({ campaigns: ['a'], from: june.from })).toEqual(['to']);
    expect(paths({ campaigns: ['a'], from: june.to, to: june.from })).toEqual(['to']);
    expect(paths({ campaigns: ['a'], from: '2029-01-01T00:00:00Z', to: june.to })).toEqual(['to']);
  });
});
