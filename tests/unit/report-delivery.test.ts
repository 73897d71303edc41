import { lastSending, nextSending, periodOfSending, scheduleInput } from '../../shared/reports/delivery';

/** When scheduled reports go out and which period each covers, in the recipients' zone (docs/reports.md, "Scheduled reports"). */
const iso = (ms: number) => new Date(ms).toISOString();

describe('scheduled reports’ calendar', () => {
  it('sends weekly on Monday at the hour of the recipients’ zone, covering the week before', () => {
    // Wednesday 2027-04-07 in Paris (UTC+2 in summer time): next Monday 12 April at 08:00 local = 06:00 UTC.
    const wed = Date.parse('2027-04-07T10:00:00Z');
    expect(iso(nextSending('weekly', 8, 'Europe/Paris', wed))).toBe('2027-04-12T06:00:00.000Z');
    expect(iso(lastSending('weekly', 8, 'Europe/Paris', wed))).toBe('2027-04-05T06:00:00.000Z');
    // Exactly at the hour: that sending is the one due now, the next is a week on.
    const monday = Date.parse('2027-04-12T06:00:00Z');
    expect(lastSending('weekly', 8, 'Europe/Paris', monday)).toBe(monday);
    expect(iso(nextSending('weekly', 8, 'Europe/Paris', monday))).toBe('2027-04-19T06:00:00.000Z');
    expect(periodOfSending('weekly', 'Europe/Paris', monday)).toEqual({
      from: '2027-04-04T22:00:00.000Z',
      to: '2027-04-11T22:00:00.000Z',
      key: 'week-2027-04-05',
    });
  });

  it('sends monthly on the 2nd, covering the month before, across a clock change', () => {
    // 2nd of April 2027, 07:00 in New York (UTC-4 since 14 March).
    const march = Date.parse('2027-03-20T12:00:00Z');
    const sending = nextSending('monthly', 7, 'America/New_York', march);
    expect(iso(sending)).toBe('2027-04-02T11:00:00.000Z');
    // March began in winter time (UTC-5) and April in summer time (UTC-4).
    expect(periodOfSending('monthly', 'America/New_York', sending)).toEqual({
      from: '2027-03-01T05:00:00.000Z',
      to: '2027-04-01T04:00:00.000Z',
      key: 'month-2027-03',
      // Compared with February, the calendar month before (28 days), not the 31 days before March.
      compareFrom: '2027-02-01T05:00:00.000Z',
      compareTo: '2027-03-01T05:00:00.000Z',
    });
    // January's sending covers December of the year before.
    expect(periodOfSending('monthly', 'UTC', Date.parse('2027-01-02T09:00:00Z')).key).toBe('month-2026-12');
  });

  it('finds the same period for every instant until the next sending (a retry sends the same report)', () => {
    const first = Date.parse('2027-05-03T09:00:00Z'); // a Monday, 09:00 UTC
    const keys = new Set<string>();
    for (let h = 0; h < 24 * 7; h += 5)
      keys.add(periodOfSending('weekly', 'UTC', lastSending('weekly', 9, 'UTC', first + h * 3_600_000)).key);
    expect([...keys]).toEqual(['week-2027-04-26']);
  });

  it('refuses a schedule without recipients, with a bad address, hour or zone, naming each field', () => {
    const result = scheduleInput.safeParse({
      name: '',
      frequency: 'daily',
      hour: 24,
      timezone: 'Mars/Olympus',
      language: 'de',
      recipients: ['boss@example.com', 'not an address'],
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['frequency', 'hour', 'language', 'name', 'recipients.1', 'timezone']);
    expect(
      scheduleInput.safeParse({ name: 'x', frequency: 'weekly', hour: 8, timezone: 'UTC', language: 'en', recipients: [] }).success
    ).toBe(false);
  });
});
