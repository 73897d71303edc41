import { QueryClient, hashKey, replaceEqualDeep } from '../../admin/api/query';

/** The admin's own query cache (admin/api/query.ts), without React: the pages' hooks sit on these calls. */

const noRetry = () => new QueryClient({ staleTime: 10_000, retry: false });

/** A query function whose answers the test releases one by one. */
function deferredFn<T>() {
  const calls: Array<{ resolve: (value: T) => void; reject: (error: unknown) => void; signal: AbortSignal }> = [];
  const fn = ({ signal }: { signal: AbortSignal }) =>
    new Promise<T>((resolve, reject) => {
      calls.push({ resolve, reject, signal });
    });
  return { fn, calls };
}

describe('admin query cache', () => {
  it('names a key the same whatever the order of its object fields', () => {
    expect(hashKey(['cm', { a: 1, b: [2, { d: 1, c: 2 }] }])).toBe(hashKey(['cm', { b: [2, { c: 2, d: 1 }], a: 1 }]));
    expect(hashKey(['cm', { a: 1 }])).not.toBe(hashKey(['cm', { a: 2 }]));
  });

  it('keeps the previous objects where a new answer is equal to them', () => {
    const previous = {
      items: [
        { id: 1, tags: ['a'] },
        { id: 2, tags: ['b'] },
      ],
      total: 2,
    };
    const same = JSON.parse(JSON.stringify(previous)) as typeof previous;
    expect(replaceEqualDeep(previous, same)).toBe(previous);
    const changed = {
      items: [
        { id: 1, tags: ['a'] },
        { id: 2, tags: ['c'] },
      ],
      total: 2,
    };
    const shared = replaceEqualDeep(previous, changed);
    expect(shared).not.toBe(previous);
    expect(shared).toEqual(changed);
    expect(shared.items[0]).toBe(previous.items[0]);
    expect(shared.items[1]).not.toBe(previous.items[1]);
    expect(replaceEqualDeep(previous, { ...same, extra: true })).toEqual({ ...same, extra: true });
    expect(replaceEqualDeep([1, 2], [1])).toEqual([1]);
  });

  it('shares one request between callers of a key and stores its answer', async () => {
    const client = noRetry();
    const { fn, calls } = deferredFn<string>();
    const query = client.build<string>(['cm', 'lines']);
    query.fn = fn;
    const first = query.fetch();
    const second = query.fetch();
    expect(calls).toHaveLength(1);
    expect(query.state.fetching).toBe(true);
    calls[0].resolve('answer');
    await Promise.all([first, second]);
    expect(query.state).toMatchObject({ data: 'answer', status: 'success', fetching: false, error: null });
    expect(query.isStale(10_000)).toBe(false);
    expect(query.isStale(0)).toBe(true);
  });

  it('invalidates by key prefix, or exactly, and refetches only what is on screen', async () => {
    const client = noRetry();
    const keys = [
      ['cm', 'editorial-lines'],
      ['cm', 'editorial-lines', 'doc1'],
      ['cm', 'accounts'],
    ] as const;
    const fetched: string[] = [];
    for (const key of keys) {
      client.setQueryData(key, 'old');
      client.build(key).fn = async () => {
        fetched.push(key.join('/'));
        return 'new';
      };
    }
    // Only the list is observed (mounted); the single line is not.
    const unsubscribe = client.build(keys[0]).subscribe(() => undefined);

    await client.invalidateQueries({ queryKey: ['cm', 'editorial-lines'], exact: true });
    expect(fetched).toEqual(['cm/editorial-lines']);
    expect(client.getQueryState(keys[1])?.invalidated).toBe(false);

    await client.invalidateQueries({ queryKey: ['cm', 'editorial-lines'] });
    expect(fetched).toEqual(['cm/editorial-lines', 'cm/editorial-lines']);
    // Not observed: marked stale for its next mount, not fetched now; a sibling key is untouched.
    expect(client.getQueryState(keys[1])).toMatchObject({ invalidated: true, data: 'old' });
    expect(client.build(keys[1]).isStale(60_000)).toBe(true);
    expect(client.getQueryState(keys[2])).toMatchObject({ invalidated: false, data: 'old' });
    expect(client.getQueryData(keys[0])).toBe('new');
    unsubscribe();
    client.removeQueries({ queryKey: [] });
  });

  it('drops an answer overtaken by an invalidation: the later request wins', async () => {
    const client = noRetry();
    const { fn, calls } = deferredFn<number>();
    const query = client.build<number>(['cm', 'publishing', 'overview']);
    query.fn = fn;
    const unsubscribe = query.subscribe(() => undefined);
    void query.fetch();
    const invalidated = client.invalidateQueries({ queryKey: ['cm', 'publishing'] });
    expect(calls).toHaveLength(2);
    expect(calls[0].signal.aborted).toBe(true);
    calls[1].resolve(2);
    await invalidated;
    calls[0].resolve(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(query.state.data).toBe(2);
    unsubscribe();
    client.removeQueries({ queryKey: [] });
  });

  it('retries as the retry policy says, then keeps the error and the data it had', async () => {
    jest.useFakeTimers();
    try {
      const failures: number[] = [];
      const client = new QueryClient({
        staleTime: 0,
        retry: (failureCount, error) => {
          failures.push(failureCount);
          return (error as { status?: number }).status !== 403 && failureCount < 2;
        },
      });
      const query = client.build<string>(['cm', 'status']);
      client.setQueryData(['cm', 'status'], 'before');
      let attempts = 0;
      query.fn = async () => {
        attempts += 1;
        throw Object.assign(new Error('down'), { status: 503 });
      };
      const done = query.fetch();
      await jest.advanceTimersByTimeAsync(1000 + 2000);
      await done;
      expect(attempts).toBe(3);
      expect(failures).toEqual([0, 1, 2]);
      expect(query.state).toMatchObject({ status: 'error', data: 'before', fetching: false });
      expect(query.state.error?.message).toBe('down');

      // A refusal is not asked again.
      attempts = 0;
      query.fn = async () => {
        attempts += 1;
        throw Object.assign(new Error('forbidden'), { status: 403 });
      };
      await query.fetch();
      expect(attempts).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('setQueryData updates through a function and ignores an undefined result; removeQueries forgets', () => {
    const client = noRetry();
    const key = ['cm', 'accounts'] as const;
    client.setQueryData<number[]>(key, (previous) => previous && [...previous, 1]);
    expect(client.getQueryState(key)?.status).toBe('pending');
    client.setQueryData<number[]>(key, [1]);
    client.setQueryData<number[]>(key, (previous) => previous && [...previous, 2]);
    expect(client.getQueryData(key)).toEqual([1, 2]);
    client.removeQueries({ queryKey: ['cm'] });
    expect(client.getQueryState(key)).toBeUndefined();
  });

  it('prefetches only a stale entry', async () => {
    const client = noRetry();
    let calls = 0;
    const queryFn = async () => (calls += 1);
    await client.prefetchQuery({ queryKey: ['cm', 'calendar', 'events', { from: 'a' }], queryFn });
    await client.prefetchQuery({ queryKey: ['cm', 'calendar', 'events', { from: 'a' }], queryFn });
    expect(calls).toBe(1);
    expect(client.getQueryData(['cm', 'calendar', 'events', { from: 'a' }])).toBe(1);
  });
});
