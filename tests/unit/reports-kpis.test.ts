import {
  attainment,
  attainmentOf,
  durationParts,
  engagementRate,
  engagements,
  change,
  kpiValues,
  periodFigures,
  pillarFit,
  previousPeriod,
  topAndBottom,
  type PostInput,
} from '../../shared/reports/kpis';
import { afterCollection, collectionInstants, firstDue, normalizeOffsets } from '../../shared/reports/schedule';
import { csvCell, toCsv } from '../../shared/reports/csv';
import { dashboardQuery, generateInput, type Dashboard } from '../../shared/reports/contract';
import { tableRows } from '../../shared/reports/tables';
import { aggregateFigures } from '../../server/inbox/insights';

const H = 3_600_000;
const post = (over: Partial<PostInput>): PostInput => ({
  publicationId: over.publicationId ?? 'p',
  accountId: 'a1',
  network: 'n1',
  title: 'T',
  pillar: null,
  campaign: null,
  publishedAt: '2026-11-02T10:00:00.000Z',
  url: null,
  figures: null,
  followersAtPost: null,
  ...over,
});

describe('engagements and engagement rate', () => {
  it('adds likes, reposts, replies and quotes, never clicks, impressions or views', () => {
    expect(engagements({ likes: 3, reposts: 2, replies: 1, quotes: 4, clicks: 100, impressions: 1000, views: 50 })).toBe(10);
    expect(engagements({})).toBe(0);
  });

  it('rates per impression when every collected post has impressions', () => {
    const rate = engagementRate([
      post({ figures: { likes: 10, impressions: 200 }, followersAtPost: 1 }),
      post({ figures: { likes: 5, replies: 5, impressions: 300 } }),
      post({ figures: null }),
    ]);
    expect(rate).toEqual({ value: 4, basis: 'impressions', numerator: 20, denominator: 500 });
  });

  it('rates per follower at posting otherwise, leaving out posts without a follower count', () => {
    const rate = engagementRate([
      post({ figures: { likes: 6 }, followersAtPost: 200 }),
      post({ figures: { likes: 2, impressions: 10 }, followersAtPost: 100 }),
      post({ figures: { likes: 9 }, followersAtPost: null }),
    ]);
    expect(rate).toEqual({ value: 2.67, basis: 'followers', numerator: 8, denominator: 300 });
    expect(engagementRate([]).value).toBeNull();
  });
});

describe('a period against its targets', () => {
  const period = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-15T00:00:00.000Z' };
  const targets = {
    pillars: [
      { name: 'Tutorials', targetShare: 50, engagementTarget: 12 },
      { name: 'Community', targetShare: 50 },
    ],
    frequency: [{ network: 'n1', perWeek: 3 }],
  };
  const posts = [
    post({ publicationId: 'a', pillar: 'Tutorials', figures: { likes: 30 }, followersAtPost: 1000 }),
    post({ publicationId: 'b', pillar: 'Tutorials', figures: { likes: 10, reposts: 2 }, followersAtPost: 1000 }),
    post({ publicationId: 'c', pillar: 'Tutorials', figures: null }),
    post({ publicationId: 'd', pillar: 'Community', figures: { replies: 2 }, followersAtPost: 1000 }),
  ];
  const accounts = [{ accountId: 'a1', name: 'Main', network: 'n1', metrics: true, followersStart: 1000, followersEnd: 1030 }];
  const f = periodFigures(period, posts, accounts, targets);

  it('counts posts against the weekly frequency over the weeks of the period', () => {
    expect(f.posts).toBe(4);
    expect(f.targetPosts).toBe(6);
    expect(f.networks[0]).toMatchObject({ network: 'n1', posts: 4, targetPosts: 6, engagements: 44 });
  });

  it('averages engagement over the posts that have figures only', () => {
    expect(f.engagements).toBe(44);
    expect(f.postsWithFigures).toBe(3);
    expect(f.engagementPerPost).toBe(14.7);
  });

  it('tables each pillar with its share against the target share', () => {
    expect(f.pillars).toEqual([
      // "Tutorials: ≥ 12 engagements per post" (the pillar's target); Community has none.
      { pillar: 'Tutorials', posts: 3, share: 75, targetShare: 50, engagements: 42, engagementPerPost: 21, targetEngagementPerPost: 12 },
      { pillar: 'Community', posts: 1, share: 25, targetShare: 50, engagements: 2, engagementPerPost: 2, targetEngagementPerPost: null },
    ]);
    // |75-50| + |25-50| = 50 points of gap, half of it off 100.
    expect(f.pillarFit).toBe(75);
  });

  it('measures follower growth from the first to the last snapshot', () => {
    expect(f.followers).toEqual({ start: 1000, end: 1030, growth: 30, growthPct: 3 });
    expect(f.accounts[0]).toMatchObject({ growth: 30, growthPct: 3 });
  });

  it('compares with the previous period and states attainment', () => {
    const before = periodFigures(previousPeriod(period), [post({ figures: { likes: 11 }, followersAtPost: 1000 })], [], targets);
    const kpis = Object.fromEntries(kpiValues(f, before).map((k) => [k.id, k]));
    expect(kpis.posts).toMatchObject({ value: 4, previous: 1, change: 300, target: 6, attainment: 67 });
    expect(kpis.engagementPerPost).toMatchObject({ value: 14.7, previous: 11, change: 33.6 });
    expect(kpis.engagementRate.value).toBe(1.47);
    expect(kpis.pillarFit).toMatchObject({ value: 75, target: 100, attainment: 75 });
    expect(previousPeriod(period)).toEqual({ from: '2026-10-18T00:00:00.000Z', to: period.from });
  });

  it('rounds percentages as people do: halves up, whatever floating point makes of the ratio', () => {
    // (285 / 1000) * 100 is 28.499999999999996: dividing first rounded it down (seen on MariaDB's figures in CI).
    expect(attainment(285, 1000)).toBe(29);
    expect(attainment(7, 8)).toBe(88);
    expect(change(1145, 1000)).toBe(14.5);
    expect(attainmentOf('firstResponse', 570, 1000)).toBe(175);
  });

  it('sums the reach of the posts whose network gives it; empty, not zero, when none does', () => {
    const reached = periodFigures(
      period,
      [
        post({ figures: { likes: 3, reach: 400 } }),
        post({ figures: { likes: 1, reach: 250, saves: 9 } }),
        post({ figures: { likes: 7 } }),
        post({ figures: null }),
      ],
      [],
      targets
    );
    expect(reached.reach).toBe(650);
    // Saves are not engagements: no one else sees them.
    expect(reached.engagements).toBe(11);
    const none = periodFigures(previousPeriod(period), [post({ figures: { likes: 2 } })], [], targets);
    expect(none.reach).toBeNull();
    const kpis = Object.fromEntries(kpiValues(reached, none).map((k) => [k.id, k]));
    expect(kpis.reach).toMatchObject({ value: 650, previous: null, change: null, target: null });
    // A report frozen before reach was kept reads as empty.
    const { reach: _dropped, ...older } = none;
    expect(kpiValues(reached, older).find((k) => k.id === 'reach')).toMatchObject({ value: 650, previous: null });
  });

  it('reads the community KPIs from the inbox’s figures: volume, median first response, sentiment shares', () => {
    const names = { source: (ref: string) => (ref === 'acc1' ? 'Brand Mastodon' : ref), member: (id: number) => `Member ${id}` };
    const item = (sourceRef: string, sentiment: 'positive' | 'neutral' | 'negative', firstResponseMs: number | null, by = 7) => ({
      sourceRef,
      network: sourceRef === 'site' ? 'site' : 'mastodon',
      assigneeId: null,
      sentiment,
      firstResponseMs,
      replies: firstResponseMs === null ? [] : [{ by, at: '2026-11-03T10:00:00.000Z' }],
    });
    // A person relabelled the last one: it counts as they said, and as an override that changed the label.
    const community = aggregateFigures(
      [
        item('acc1', 'positive', 10 * 60_000),
        item('acc1', 'negative', 30 * 60_000),
        item('acc1', 'neutral', null),
        item('site', 'positive', 3 * 3_600_000, 8),
        { ...item('site', 'negative', null), computed: 'positive' as const },
      ],
      names
    );
    const before = aggregateFigures([item('acc1', 'positive', 60 * 60_000)], names);
    const kpis = Object.fromEntries(
      kpiValues({ ...f, community }, { ...periodFigures(previousPeriod(period), [], [], targets), community: before }).map((k) => [k.id, k])
    );
    expect(kpis.conversations).toMatchObject({ value: 5, previous: 1, change: 400 });
    // Answered: 10 min, 30 min, 3 h; the median is 30 min, against 60 before.
    expect(kpis.firstResponse).toMatchObject({ value: 30 * 60_000, previous: 60 * 60_000, change: -50 });
    expect(kpis.positiveShare).toMatchObject({ value: 40, previous: 100 });
    expect(kpis.negativeShare).toMatchObject({ value: 40, previous: 0 });
    expect(community.total.sentimentOverrides).toEqual({ count: 1, changed: 1 });
    // Nothing received: no share and no time, not zeros; a report frozen before the inbox reads empty.
    const empty = aggregateFigures([], names);
    const none = Object.fromEntries(kpiValues({ ...f, community: empty }, f).map((k) => [k.id, k]));
    expect(none.conversations).toMatchObject({ value: 0, previous: null });
    expect(none.firstResponse.value).toBeNull();
    expect(none.positiveShare.value).toBeNull();

    // The CSV: the total first, then each source; durations in minutes; then each team member.
    const dashboard = { current: { ...f, community } } as unknown as Dashboard;
    const sources = tableRows(dashboard, 'community');
    expect(sources.rows[0]).toEqual(['all', '', 5, 3, 30, 180, 40, 20, 40, 1, 1]);
    expect(sources.rows.find((r) => r[0] === 'Brand Mastodon')).toEqual([
      'Brand Mastodon',
      'mastodon',
      3,
      2,
      10,
      30,
      33.3,
      33.3,
      33.3,
      0,
      0,
    ]);
    expect(tableRows(dashboard, 'team').rows).toEqual([
      ['Member 7', 0, 2, 2, 10, 30],
      ['Member 8', 0, 1, 1, 180, 180],
    ]);
    expect(tableRows({ current: f } as unknown as Dashboard, 'team').rows).toEqual([]);
  });

  it('measures the tiles against the line’s KPI targets, a growth a month prorated, lower-is-better ones inverted', () => {
    const names = { source: (ref: string) => ref, member: (id: number) => String(id) };
    const item = (sentiment: 'positive' | 'negative', minutes: number) => ({
      sourceRef: 'a1',
      network: 'n1',
      assigneeId: null,
      sentiment,
      firstResponseMs: minutes * 60_000,
      replies: [{ by: 1, at: '2026-11-03T10:00:00.000Z' }],
    });
    const community = aggregateFigures([item('positive', 30), item('positive', 60), item('negative', 90), item('positive', 120)], names);
    const before = periodFigures(previousPeriod(period), [], [], targets);
    const kpis = Object.fromEntries(
      kpiValues({ ...f, community }, before, {
        engagementPerPost: 12,
        engagementRate: 2,
        followerGrowthPerMonth: 3,
        conversations: 8,
        firstResponseMinutes: 30,
        positiveShare: 60,
        negativeShare: 50,
      }).map((k) => [k.id, k])
    );
    // 14.7 of 12 is 122.5 %: 123, as people round it (dividing first gave 122.49999999999999, so 122).
    expect(kpis.engagementPerPost).toMatchObject({ value: 14.7, target: 12, attainment: 123 });
    expect(kpis.engagementRate).toMatchObject({ value: 1.47, target: 2, attainment: 74 });
    // 14 days of "+3 % a month" (30.44 days): +1.38 %; the accounts grew 3 %.
    expect(kpis.followerGrowthPct).toMatchObject({ value: 3, target: 1.38, attainment: 217 });
    expect(kpis.conversations).toMatchObject({ value: 4, target: 8, attainment: 50 });
    // At most 30 min, answered in a median of 60: half the way there; at most 50 % negative, 25 % is twice better.
    expect(kpis.firstResponse).toMatchObject({ value: 60 * 60_000, target: 30 * 60_000, attainment: 50 });
    expect(kpis.positiveShare).toMatchObject({ value: 75, target: 60, attainment: 125 });
    expect(kpis.negativeShare).toMatchObject({ value: 25, target: 50, attainment: 200 });
    expect(attainmentOf('negativeShare', 0, 10)).toBe(100);
    // A network's own targets win over the line's, for its rate and its accounts' growth (14 days of 6 % a month).
    const own = periodFigures(period, posts, accounts, {
      ...targets,
      kpis: { followerGrowthPerMonth: 3, networks: { mastodon: { engagementRate: 2 } } },
    });
    expect(own.networks[0]).toMatchObject({ network: 'n1', targetRate: null });
    expect(own.accounts[0].targetGrowthPct).toBe(1.38);
    const n1 = periodFigures(period, posts, accounts, {
      ...targets,
      kpis: { followerGrowthPerMonth: 3, networks: { n1: { engagementRate: 2, followerGrowthPerMonth: 6 } } as never },
    });
    expect(n1.networks[0].targetRate).toBe(2);
    expect(n1.accounts[0].targetGrowthPct).toBe(2.76);
    expect(attainmentOf('firstResponse', null, 10)).toBeNull();
    // No target: no attainment; the default is none.
    expect(kpiValues(f, before).find((k) => k.id === 'engagementPerPost')).toMatchObject({ target: null, attainment: null });
  });

  it('writes a duration in the unit a reader thinks in', () => {
    expect(durationParts(45_000)).toEqual({ value: 1, unit: 'minute' });
    expect(durationParts(119 * 60_000)).toEqual({ value: 119, unit: 'minute' });
    expect(durationParts(150 * 60_000)).toEqual({ value: 2.5, unit: 'hour' });
    expect(durationParts(3 * 86_400_000)).toEqual({ value: 3, unit: 'day' });
  });

  it('takes another period to compare with (the calendar month before a month), earlier and both ends given', () => {
    const month = { from: '2026-12-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' };
    const november = { compareFrom: '2026-11-01T00:00:00.000Z', compareTo: '2026-12-01T00:00:00.000Z' };
    expect(dashboardQuery.parse({ ...month, ...november })).toMatchObject(november);
    expect(generateInput.parse({ title: 'December', ...month, ...november })).toMatchObject(november);
    // Without it, the same length just before (31 days: from 31 October).
    expect(previousPeriod(month)).toEqual({ from: '2026-10-31T00:00:00.000Z', to: month.from });
    const paths = (value: object) => {
      const result = dashboardQuery.safeParse(value);
      return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths({ ...month, compareFrom: november.compareFrom })).toEqual(['compareTo']);
    expect(paths({ ...month, compareTo: november.compareTo })).toEqual(['compareFrom']);
    expect(paths({ ...month, compareFrom: november.compareTo, compareTo: november.compareFrom })).toEqual(['compareTo']);
    expect(paths({ ...month, compareFrom: '2027-01-01T00:00:00.000Z', compareTo: '2027-02-01T00:00:00.000Z' })).toEqual(['compareFrom']);
    expect(paths({ ...month, compareFrom: '2024-01-01T00:00:00.000Z', compareTo: '2026-11-01T00:00:00.000Z' })).toEqual(['compareTo']);
  });

  it('gives no single rate when networks are rated on different bases', () => {
    const mixed = periodFigures(
      period,
      [
        post({ network: 'n1', figures: { likes: 1 }, followersAtPost: 10 }),
        post({ network: 'n2', figures: { likes: 1, impressions: 10 } }),
      ],
      [],
      targets
    );
    const rate = kpiValues(mixed, mixed).find((k) => k.id === 'engagementRate')!;
    expect(rate.value).toBeNull();
    expect(mixed.networks.map((n) => n.rate.basis)).toEqual(['followers', 'impressions']);
  });

  it('counts posts outside the line’s pillars and pillars never posted to as gaps', () => {
    const rows = [{ pillar: '', posts: 1, share: 100, targetShare: null, engagements: 0, engagementPerPost: null }];
    expect(pillarFit(rows, targets)).toBe(0);
    expect(pillarFit(rows, { pillars: [], frequency: [] })).toBeNull();
  });

  it('ranks top and bottom posts without listing one twice', () => {
    expect(f.postRows.map((r) => r.publicationId)).toEqual(['a', 'b', 'd', 'c']);
    const { top, bottom } = topAndBottom(f.postRows, 2);
    expect(top.map((r) => r.publicationId)).toEqual(['a', 'b']);
    expect(bottom.map((r) => r.publicationId)).toEqual(['d']);
  });
});

describe('the collection schedule', () => {
  const offsets = [1, 6, 24, 72, 168, 720];
  const published = Date.UTC(2026, 10, 2, 10);

  it('collects at each age, then stops', () => {
    expect(firstDue(published, offsets)).toBe(published + H);
    expect(collectionInstants(published, offsets)).toHaveLength(6);
    expect(afterCollection(published, published + H, offsets)).toEqual({ slotHours: 1, nextMs: published + 6 * H });
    expect(afterCollection(published, published + 720 * H, offsets)).toEqual({ slotHours: 720, nextMs: null });
  });

  it('takes one snapshot after a downtime and goes on with the next age ahead', () => {
    expect(afterCollection(published, published + 80 * H, offsets)).toEqual({ slotHours: 72, nextMs: published + 168 * H });
  });

  it('does nothing before the first age, and cleans the configured offsets', () => {
    expect(afterCollection(published, published + H - 1, offsets)).toBeNull();
    expect(normalizeOffsets([24, 1, 1, -3, Number.NaN, 6])).toEqual([1, 6, 24]);
    expect(firstDue(published, [])).toBeNull();
  });
});

describe('CSV', () => {
  it('quotes as RFC 4180 says, with CRLF line ends', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', 3],
        ]
      )
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",3\r\n');
  });

  it('defuses spreadsheet formulas in text cells, not in numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell('plain')).toBe('plain');
  });
});
