import { isoWeekOf, pillarMix, weeklyFrequency, type SummaryPost } from '../../server/calendar/summary';

const targets = [
  { name: 'Product', targetShare: 50 },
  { name: 'Community', targetShare: 30, color: '#00aa00' },
  { name: 'Culture', targetShare: 20 },
];

describe('pillar mix', () => {
  it('counts each pillar, shows targets with no post as 0 %, and posts without a pillar last', () => {
    const posts = [
      { pillar: 'Product' },
      { pillar: 'product ' },
      { pillar: 'Community' },
      { pillar: null },
      { pillar: 'Events' },
      { pillar: '  ' },
    ];
    expect(pillarMix(posts, targets)).toEqual({
      total: 6,
      rows: [
        { pillar: 'Product', count: 2, share: 33.3, targetShare: 50, color: null },
        { pillar: 'Community', count: 1, share: 16.7, targetShare: 30, color: '#00aa00' },
        { pillar: 'Culture', count: 0, share: 0, targetShare: 20, color: null },
        { pillar: 'Events', count: 1, share: 16.7, targetShare: null, color: null },
        { pillar: null, count: 2, share: 33.3, targetShare: null, color: null },
      ],
    });
  });

  it('gives 0 % everywhere for an empty period instead of dividing by zero', () => {
    expect(pillarMix([], targets).rows.map((r) => r.share)).toEqual([0, 0, 0]);
  });
});

describe('ISO weeks', () => {
  it.each([
    [{ year: 2026, month: 11, day: 24 }, '2026-W48'],
    [{ year: 2027, month: 1, day: 1 }, '2026-W53'],
    [{ year: 2024, month: 12, day: 30 }, '2025-W01'],
    [{ year: 2021, month: 1, day: 3 }, '2020-W53'],
    [{ year: 2031, month: 6, day: 2 }, '2031-W23'],
  ])('%j is in %s', (date, week) => {
    expect(isoWeekOf(date).week).toBe(week);
  });
});

describe('weekly frequency', () => {
  const post = (scheduledAt: string, networks: string[]): SummaryPost => ({ scheduledAt, pillar: null, networks });

  it('buckets posts by the zone’s Monday-to-Sunday weeks and counts a post once per network', () => {
    const posts = [
      post('2026-11-23T08:00:00Z', ['linkedin', 'linkedin', 'mastodon']),
      // Sunday 23:30 in Paris is still week 48, although it is Sunday 22:30 UTC.
      post('2026-11-29T22:30:00Z', ['linkedin']),
      // Monday 00:30 in Paris: week 49.
      post('2026-11-29T23:30:00Z', ['linkedin']),
    ];
    const weeks = weeklyFrequency(posts, [{ network: 'linkedin', perWeek: 5 }], {
      from: new Date('2026-11-22T23:00:00Z'),
      to: new Date('2026-12-06T23:00:00Z'),
      zone: 'Europe/Paris',
    });
    expect(weeks).toEqual([
      {
        week: '2026-W48',
        start: '2026-11-23',
        end: '2026-11-29',
        networks: [
          { network: 'linkedin', count: 2, target: 5 },
          { network: 'mastodon', count: 1, target: null },
        ],
      },
      { week: '2026-W49', start: '2026-11-30', end: '2026-12-06', networks: [{ network: 'linkedin', count: 1, target: 5 }] },
    ]);
  });

  it('lists every week the period touches, across a year boundary', () => {
    const weeks = weeklyFrequency([], [], { from: new Date('2026-12-27T00:00:00Z'), to: new Date('2027-01-12T00:00:00Z'), zone: 'UTC' });
    expect(weeks.map((w) => w.week)).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
  });
});
