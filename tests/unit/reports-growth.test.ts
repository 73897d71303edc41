import { daysOf, followerSeries } from '../../shared/reports/growth';

/** The follower-growth chart's series (shared/reports/growth.ts, docs/reports.md "Follower growth"). */
const at = (iso: string) => Date.parse(iso);
const account = (readings: Array<[string, number | null]>) => ({
  accountId: 'a1',
  name: 'Blog',
  network: 'mastodon',
  readings: readings.map(([t, followers]) => ({ t: at(t), followers })),
});

describe('follower growth per day', () => {
  it('keeps each day’s last reading and leaves a day without one as a gap', () => {
    const s = followerSeries({ from: '2027-04-05T00:00:00.000Z', to: '2027-04-09T00:00:00.000Z' }, 'UTC', [
      account([
        // Out of order on purpose; the 6th's later reading wins.
        ['2027-04-06T20:00:00Z', 105],
        ['2027-04-05T09:00:00Z', 100],
        ['2027-04-06T08:00:00Z', 103],
        // The 7th has no reading; the 8th's reading gave no figure (null): both gaps.
        ['2027-04-08T09:00:00Z', null],
        // Before and after the period: not drawn.
        ['2027-04-04T23:00:00Z', 99],
        ['2027-04-09T00:00:00Z', 110],
      ]),
    ]);
    expect(s).toEqual({
      step: 'day',
      timezone: 'UTC',
      days: ['2027-04-05', '2027-04-06', '2027-04-07', '2027-04-08'],
      accounts: [{ accountId: 'a1', name: 'Blog', network: 'mastodon', followers: [100, 105, null, null] }],
    });
  });

  it('counts the days on the editor’s wall clock, across a clock change', () => {
    // Paris local midnights around the spring-forward night of 28 March 2027 (UTC+1 → UTC+2).
    const period = { from: '2027-03-26T23:00:00.000Z', to: '2027-03-29T22:00:00.000Z' };
    expect(daysOf(period, 'Europe/Paris')).toEqual(['2027-03-27', '2027-03-28', '2027-03-29']);
    const s = followerSeries(period, 'Europe/Paris', [
      account([
        // 23:30 UTC on the 27th is 00:30 on the 28th in Paris: the 28th's.
        ['2027-03-27T23:30:00Z', 201],
        ['2027-03-27T12:00:00Z', 200],
        // 22:30 UTC on the 28th is 00:30 on the 29th (summer time by then).
        ['2027-03-28T22:30:00Z', 202],
      ]),
    ]);
    expect(s.accounts[0].followers).toEqual([200, 201, 202]);
    // The same readings in UTC fall on other days.
    expect(followerSeries(period, 'UTC', [account([['2027-03-27T23:30:00Z', 201]])]).days).toEqual([
      '2027-03-26',
      '2027-03-27',
      '2027-03-28',
      '2027-03-29',
    ]);
  });

  it('draws one point a week past 120 days, each the week’s last reading', () => {
    const from = '2027-01-01T00:00:00.000Z';
    const readings: Array<[string, number | null]> = [];
    // A reading a day for 200 days except the third week.
    for (let d = 0; d < 200; d += 1) {
      if (d >= 14 && d < 21) continue;
      readings.push([new Date(at(from) + d * 86_400_000 + 3_600_000).toISOString(), 1000 + d]);
    }
    const s = followerSeries({ from, to: new Date(at(from) + 200 * 86_400_000).toISOString() }, 'UTC', [account(readings)]);
    expect(s.step).toBe('week');
    expect(s.days).toHaveLength(29);
    expect(s.days.slice(0, 3)).toEqual(['2027-01-01', '2027-01-08', '2027-01-15']);
    expect(s.accounts[0].followers.slice(0, 4)).toEqual([1006, 1013, null, 1027]);
    // The last week is short (200 = 28 × 7 + 4 days): its last day's reading.
    expect(s.accounts[0].followers[28]).toBe(1199);
    // A 370-day period stays bounded: 53 points an account.
    expect(followerSeries({ from, to: new Date(at(from) + 370 * 86_400_000).toISOString() }, 'UTC', [account([])]).days).toHaveLength(53);
  });

  it('keeps a 120-day period daily', () => {
    const from = '2027-01-01T00:00:00.000Z';
    const s = followerSeries({ from, to: new Date(at(from) + 120 * 86_400_000).toISOString() }, 'UTC', []);
    expect(s).toMatchObject({ step: 'day', accounts: [] });
    expect(s.days).toHaveLength(120);
  });
});
