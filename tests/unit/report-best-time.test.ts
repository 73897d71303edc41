import { bestSlots, bestTimeQuery, bestTimeSlotsQuery, heatmap, nextFreeSlots, type HeatCell } from '../../shared/reports/best-time';

/** Best time to post: the weekday × hour grid in the editor's zone, and the slots suggested from it. */
const at = (iso: string, engagements: number) => ({ publishedMs: Date.parse(iso), engagements });
const cell = (cells: ReturnType<typeof heatmap>, weekday: number, hour: number) => cells[weekday * 24 + hour];

describe('best time to post', () => {
  it('places each post at its weekday and hour in the editor’s zone, across a clock change', () => {
    const posts = [
      at('2027-03-22T08:30:00Z', 10), // Monday 09:30 in Paris (winter, UTC+1)
      at('2027-03-29T07:30:00Z', 20), // Monday 09:30 in Paris (summer, UTC+2)
      at('2027-03-28T23:30:00Z', 4), // Sunday 23:30 UTC, Monday 01:30 in Paris
    ];
    const paris = heatmap(posts, 'Europe/Paris');
    expect(paris).toHaveLength(168);
    expect(cell(paris, 0, 9)).toEqual({ weekday: 0, hour: 9, posts: 2, engagements: 30, engagementPerPost: 15 });
    expect(cell(paris, 0, 1)).toMatchObject({ posts: 1, engagementPerPost: 4 });
    expect(paris.filter((c) => c.posts > 0)).toHaveLength(2);
    // The same posts in UTC fall elsewhere.
    const utc = heatmap(posts, 'UTC');
    expect(cell(utc, 0, 8)).toMatchObject({ posts: 1, engagements: 10 });
    expect(cell(utc, 0, 7)).toMatchObject({ posts: 1, engagements: 20 });
    expect(cell(utc, 6, 23)).toMatchObject({ posts: 1, engagements: 4 });
    expect(cell(utc, 3, 12)).toMatchObject({ posts: 0, engagementPerPost: null });
  });

  it('suggests the three best slots with enough posts behind them', () => {
    const posts = [
      // Tuesday 10:00: 2 posts, 30 each
      at('2027-04-06T10:05:00Z', 30),
      at('2027-04-13T10:40:00Z', 30),
      // Thursday 18:00: 3 posts, 30 each (ties Tuesday on average, more posts)
      at('2027-04-08T18:00:00Z', 25),
      at('2027-04-15T18:00:00Z', 35),
      at('2027-04-22T18:00:00Z', 30),
      // Friday 07:00: 2 posts, 12 each
      at('2027-04-09T07:00:00Z', 12),
      at('2027-04-16T07:00:00Z', 12),
      // Saturday 12:00: 1 post of 500, not enough to suggest
      at('2027-04-10T12:00:00Z', 500),
      // Wednesday 09:00: 2 posts, 5 each
      at('2027-04-07T09:00:00Z', 5),
      at('2027-04-14T09:00:00Z', 5),
    ];
    const best = bestSlots(heatmap(posts, 'UTC'));
    expect(best.map((c) => [c.weekday, c.hour, c.engagementPerPost])).toEqual([
      [3, 18, 30],
      [1, 10, 30],
      [4, 7, 12],
    ]);
    expect(bestSlots(heatmap(posts, 'UTC'), 3, 1)[0]).toMatchObject({ weekday: 5, hour: 12, posts: 1 });
    expect(bestSlots(heatmap([], 'UTC'))).toEqual([]);
  });

  it('reads its query with defaults and names a bad field', () => {
    expect(bestTimeQuery.parse({ accountId: 'abc123def456ghi789jkl012' })).toEqual({
      accountId: 'abc123def456ghi789jkl012',
      timezone: 'UTC',
      days: 90,
    });
    const bad = bestTimeQuery.safeParse({ accountId: 'x y', timezone: 'Nowhere/City', days: '3' });
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['accountId', 'days', 'timezone']);
  });

  describe('the composer’s next free slots', () => {
    /** A grid with these cells filled: [weekday, hour, posts, engagement per post]. */
    const grid = (...filled: Array<[number, number, number, number]>): HeatCell[] => {
      const cells = heatmap([], 'UTC');
      for (const [weekday, hour, posts, perPost] of filled)
        cells[weekday * 24 + hour] = { weekday, hour, posts, engagements: posts * perPost, engagementPerPost: perPost };
      return cells;
    };
    const ms = Date.parse;
    const at = (slots: ReturnType<typeof nextFreeSlots>) => slots.map((s) => s.at);
    // Thursday 18:00 (3 posts, 30 each), Tuesday 10:00 (2, 30), Friday 07:00 (2, 12), Wednesday 09:00 (2, 5), Saturday noon (1 post).
    const cells = grid([3, 18, 3, 30], [1, 10, 2, 30], [4, 7, 2, 12], [2, 9, 2, 5], [5, 12, 1, 500]);

    it('gives each of the three best hours at its next occurrence, best first', () => {
      // Wednesday 21 April 2027, noon UTC.
      const slots = nextFreeSlots(cells, { fromMs: ms('2027-04-21T12:00:00Z'), zone: 'UTC', taken: [] });
      expect(slots).toEqual([
        { at: '2027-04-22T18:00:00.000Z', local: '2027-04-22T18:00', fold: null, weekday: 3, hour: 18, posts: 3, engagementPerPost: 30 },
        { at: '2027-04-27T10:00:00.000Z', local: '2027-04-27T10:00', fold: null, weekday: 1, hour: 10, posts: 2, engagementPerPost: 30 },
        { at: '2027-04-23T07:00:00.000Z', local: '2027-04-23T07:00', fold: null, weekday: 4, hour: 7, posts: 2, engagementPerPost: 12 },
      ]);
      // Strictly after `from`: at Thursday 18:00 sharp that hour is next week's.
      expect(at(nextFreeSlots(cells, { fromMs: ms('2027-04-22T18:00:00Z'), zone: 'UTC', taken: [], n: 1 }))).toEqual([
        '2027-04-29T18:00:00.000Z',
      ]);
      expect(at(nextFreeSlots(cells, { fromMs: ms('2027-04-22T17:59:00Z'), zone: 'UTC', taken: [], n: 1 }))).toEqual([
        '2027-04-22T18:00:00.000Z',
      ]);
      expect(nextFreeSlots(heatmap([], 'UTC'), { fromMs: ms('2027-04-21T12:00:00Z'), zone: 'UTC', taken: [] })).toEqual([]);
    });

    it('skips an hour that already holds a post of the account, to the same hour a week later', () => {
      const from = ms('2027-04-21T12:00:00Z');
      // A post planned at 18:40 takes Thursday's 18:00 hour; one at 19:00 takes nothing ranked.
      const taken = [ms('2027-04-22T18:40:00Z'), ms('2027-04-22T19:00:00Z')];
      expect(at(nextFreeSlots(cells, { fromMs: from, zone: 'UTC', taken }))).toEqual([
        '2027-04-29T18:00:00.000Z',
        '2027-04-27T10:00:00.000Z',
        '2027-04-23T07:00:00.000Z',
      ]);
      // Taken four weeks running: past the horizon, the next best hour comes up instead.
      const month = [0, 1, 2, 3, 4].map((w) => ms('2027-04-22T18:00:00Z') + w * 7 * 86_400_000);
      expect(nextFreeSlots(cells, { fromMs: from, zone: 'UTC', taken: month }).map((s) => [s.weekday, s.hour])).toEqual([
        [1, 10],
        [4, 7],
        [2, 9],
      ]);
    });

    it('breaks a tie on the figures with the sooner slot', () => {
      // Monday and Friday 09:00, the same figures: from a Wednesday, Friday comes sooner.
      const even = grid([0, 9, 2, 10], [4, 9, 2, 10]);
      expect(nextFreeSlots(even, { fromMs: ms('2027-04-21T12:00:00Z'), zone: 'UTC', taken: [] }).map((s) => s.local)).toEqual([
        '2027-04-23T09:00',
        '2027-04-26T09:00',
      ]);
      // From a Saturday, Monday does.
      expect(nextFreeSlots(even, { fromMs: ms('2027-04-24T12:00:00Z'), zone: 'UTC', taken: [] }).map((s) => s.local)).toEqual([
        '2027-04-26T09:00',
        '2027-04-30T09:00',
      ]);
    });

    it('works on the editor’s wall clock across both clock changes', () => {
      const paris = { zone: 'Europe/Paris', taken: [] as number[] };
      // Monday 09:00 in Paris: before the spring change 08:00 UTC, after it 07:00 UTC.
      const monday = grid([0, 9, 2, 10]);
      expect(at(nextFreeSlots(monday, { ...paris, fromMs: ms('2027-03-20T12:00:00Z') }))).toEqual(['2027-03-22T08:00:00.000Z']);
      expect(at(nextFreeSlots(monday, { ...paris, fromMs: ms('2027-03-26T12:00:00Z') }))).toEqual(['2027-03-29T07:00:00.000Z']);
      // A post at 09:30 Paris time (07:30 UTC) takes that Monday's hour.
      expect(
        nextFreeSlots(monday, { zone: 'Europe/Paris', taken: [ms('2027-03-29T07:30:00Z')], fromMs: ms('2027-03-26T12:00:00Z') })
      ).toMatchObject([{ at: '2027-04-05T07:00:00.000Z', local: '2027-04-05T09:00' }]);
      // Sunday 02:00 does not exist on 28 March 2027 (the clocks jump to 03:00): the next Sunday's.
      const sunday = grid([6, 2, 2, 10]);
      expect(nextFreeSlots(sunday, { ...paris, fromMs: ms('2027-03-27T12:00:00Z') })).toMatchObject([
        { at: '2027-04-04T00:00:00.000Z', local: '2027-04-04T02:00', fold: null },
      ]);
      // On 31 October 2027 it happens twice: the first one (summer time, 00:00 UTC), said so.
      expect(nextFreeSlots(sunday, { ...paris, fromMs: ms('2027-10-30T12:00:00Z') })).toEqual([
        expect.objectContaining({ at: '2027-10-31T00:00:00.000Z', local: '2027-10-31T02:00', fold: 'earlier' }),
      ]);
      // A post in the second 02:00 (01:30 UTC, winter time) takes that hour too.
      expect(
        at(nextFreeSlots(sunday, { zone: 'Europe/Paris', taken: [ms('2027-10-31T01:30:00Z')], fromMs: ms('2027-10-30T12:00:00Z') }))
      ).toEqual(['2027-11-07T01:00:00.000Z']);
    });

    it('reads its query and names a bad field', () => {
      expect(bestTimeSlotsQuery.parse({ accountId: 'abc123', from: '2027-04-21T12:00:00Z' })).toEqual({
        accountId: 'abc123',
        timezone: 'UTC',
        days: 90,
        from: '2027-04-21T12:00:00Z',
      });
      const bad = bestTimeSlotsQuery.safeParse({ accountId: 'abc', timezone: 'Nowhere/City', from: 'tomorrow', exclude: 'a b' });
      expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['exclude', 'from', 'timezone']);
    });
  });
});
