import { limitedUntil, withWait } from '../../server/accounts/rate-limit';

const NOW = Date.UTC(2026, 11, 4, 12);
const wait = (minutes: number, reason = 'rate_limited') => ({ until: NOW + minutes * 60_000, reason });

describe('the shared rate-limit state of an account', () => {
  it('on a network with one budget per account, a 429 met by any work holds every work', () => {
    const state = withWait(null, 'mastodon', 'metrics', wait(5), NOW);
    expect(state).toEqual(wait(5));
    for (const work of ['publish', 'metrics', 'inbox'] as const) expect(limitedUntil(state, work)).toBe(NOW + 5 * 60_000);
  });

  it('on a network that counts endpoints apart, a 429 holds only the work that met it', () => {
    const state = withWait(null, 'x', 'metrics', wait(15), NOW);
    expect(state).toEqual({ work: { metrics: wait(15) } });
    expect(limitedUntil(state, 'metrics')).toBe(NOW + 15 * 60_000);
    expect(limitedUntil(state, 'publish')).toBe(0);
    expect(limitedUntil(state, 'inbox')).toBe(0);
    // The mentions' own 429 beside it: each work keeps its own wait.
    const both = withWait(state, 'x', 'inbox', wait(3), NOW);
    expect(both).toEqual({ work: { metrics: wait(15), inbox: wait(3) } });
    expect(limitedUntil(both, 'publish')).toBe(0);
    // The same on LinkedIn (daily limits per resource).
    expect(withWait(null, 'linkedin', 'inbox', wait(60), NOW)).toEqual({ work: { inbox: wait(60) } });
  });

  it('reads the state stored before per-work waits (until, reason) as the account’s', () => {
    expect(limitedUntil({ until: NOW + 1000, reason: 'rate_limited' }, 'publish')).toBe(NOW + 1000);
    expect(limitedUntil(null, 'publish')).toBe(0);
  });

  it('drops the waits already over, and a wait cleared leaves nothing behind', () => {
    const old = { until: NOW - 1, reason: 'rate_limited', work: { inbox: { until: NOW - 1, reason: 'rate_limited' } } };
    expect(withWait(old, 'x', 'metrics', wait(1), NOW)).toEqual({ work: { metrics: wait(1) } });
    expect(withWait({ work: { metrics: wait(1) } }, 'x', 'metrics', null, NOW)).toBeNull();
    expect(withWait(wait(1), 'mastodon', 'publish', null, NOW)).toBeNull();
  });
});
