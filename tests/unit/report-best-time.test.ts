import { bestSlots, bestTimeQuery, heatmap } from '../../shared/reports/best-time';

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
});
