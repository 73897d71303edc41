import { coalesce } from '../../server/core/coalesce';

/** The write-gathering behind the published rows' one UPDATE (server/publishing/runner.ts). */
describe('coalesce', () => {
  it('gathers calls made together into one flush and answers each caller with its own result', async () => {
    const flushes: number[][] = [];
    const double = coalesce<number, number>(
      async (items) => {
        flushes.push(items);
        return items.map((n) => n * 2);
      },
      { max: 10, delayMs: 5 }
    );
    expect(await Promise.all([double(1), double(2), double(3)])).toEqual([2, 4, 6]);
    expect(flushes).toEqual([[1, 2, 3]]);
  });

  it('flushes at once when `max` calls are waiting, without waiting for the delay', async () => {
    const flushes: number[][] = [];
    const echo = coalesce<number, number>(async (items) => (flushes.push(items), items), { max: 2, delayMs: 60_000 });
    const started = Date.now();
    expect(await Promise.all([echo(1), echo(2)])).toEqual([1, 2]);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(flushes).toEqual([[1, 2]]);
  });

  it('a call made after a flush goes into the next one', async () => {
    const flushes: number[][] = [];
    const echo = coalesce<number, number>(async (items) => (flushes.push(items), items), { max: 100, delayMs: 1 });
    await echo(1);
    await echo(2);
    expect(flushes).toEqual([[1], [2]]);
  });

  it('gives every caller of a failed flush the error', async () => {
    const fail = coalesce<number, number>(
      async () => {
        throw new Error('database gone');
      },
      { max: 10, delayMs: 1 }
    );
    const results = await Promise.allSettled([fail(1), fail(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason.message).toBe('database gone');
  });
});
