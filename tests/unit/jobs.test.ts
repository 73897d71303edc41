import knexFactory, { type Knex } from 'knex';
import { claimBatch, createSlots, createTicker, newInstanceId, pool } from '../../server/core/jobs';

/**
 * The job toolkit on its own: the batch claim on a real (in-memory SQLite)
 * table, the caps, the ticker's passes.
 */

describe('claimBatch', () => {
  let knex: Knex;
  beforeEach(async () => {
    knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    await knex.schema.createTable('jobs', (t) => {
      t.increments('id');
      t.string('state');
      t.bigInteger('due_ms');
      t.string('lease_owner');
      t.bigInteger('lease_until_ms');
      t.integer('attempts').defaultTo(0);
      t.timestamp('updated_at');
    });
    await knex('jobs').insert(Array.from({ length: 10 }, (_, i) => ({ state: 'waiting', due_ms: 1_000 + i })));
  });
  afterEach(() => knex.destroy());

  const claim = (token: string, limit: number, dueBy = 2_000) =>
    claimBatch({
      knex,
      table: 'jobs',
      idColumn: 'id',
      claimable: (q) => q.andWhere('state', 'waiting').andWhere('due_ms', '<=', dueBy),
      orderBy: { column: 'due_ms', order: 'asc' },
      limit,
      set: { state: 'taken', lease_owner: token, lease_until_ms: 9_999, attempts: knex.raw('?? + 1', ['attempts']) },
      mine: async () => (await knex('jobs').select('id').where('lease_owner', token).orderBy('due_ms')).map((r) => Number(r.id)),
    });

  it('gives each row to exactly one of several claimers racing for it', async () => {
    // All four read the same candidates before any UPDATE runs: the first UPDATE takes them, the others change nothing.
    const tokens = ['a#1', 'b#1', 'c#1', 'd#1'];
    const results = await Promise.all(tokens.map((token) => claim(token, 6)));
    const all = results.flat();
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
    // Each claimer's answer is exactly the rows carrying its token, and each claimed row's attempt counted once.
    const rows = await knex('jobs').select('*').orderBy('id');
    results.forEach((ids, i) => expect(rows.filter((r) => r.lease_owner === tokens[i]).map((r) => Number(r.id))).toEqual(ids));
    expect(rows.map((r) => Number(r.attempts))).toEqual([1, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
    // The rows nobody took are claimed by the next round.
    expect(await claim('b#2', 6)).toEqual([7, 8, 9, 10]);
  });

  it('claims only what is due, earliest first, at most `limit`', async () => {
    expect(await claim('a#1', 3, 1_004)).toEqual([1, 2, 3]);
    expect(await claim('a#2', 10, 1_004)).toEqual([4, 5]);
    expect(await claim('a#3', 10, 1_004)).toEqual([]);
  });
});

describe('pool and slots', () => {
  it('runs every item, never more than `limit` at once', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await pool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(n);
      running--;
    });
    expect(most).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('picks what may start under both caps, in order, stopping at the first not eligible', () => {
    const slots = createSlots(4, 2);
    slots.take('a');
    const items = [
      { key: 'a', due: 1 },
      { key: 'a', due: 1 },
      { key: 'b', due: 2 },
      { key: 'b', due: 2 },
      { key: 'b', due: 2 },
      { key: 'c', due: 9 },
    ];
    expect(slots.free).toBe(3);
    // `a` has one running: one more of it; `b` two; `c` is not due.
    expect(
      slots.pick(
        items,
        (i) => i.key,
        10,
        (i) => i.due <= 5
      )
    ).toEqual([0, 2, 3]);
    expect(
      slots.pick(
        items,
        (i) => i.key,
        2,
        (i) => i.due <= 5
      )
    ).toEqual([0, 2]);
    slots.take('a');
    expect(
      slots.pick(
        items,
        (i) => i.key,
        10,
        () => true
      )
    ).toEqual([2, 3, 5]);
    slots.give('a');
    slots.give('a');
    expect(slots.inFlight).toBe(0);
    expect(slots.busy('a')).toBe(0);
  });
});

describe('ticker', () => {
  it('runs a pass once more when called during one, and resolves after its tail', async () => {
    let release!: () => void;
    const tails: Array<() => void> = [];
    let passes = 0;
    const ticker = createTicker<number>({
      pass: async () => {
        const n = ++passes;
        if (n === 1) await new Promise<void>((resolve) => (release = resolve));
        return { result: n, tail: new Promise<void>((resolve) => tails.push(resolve)) };
      },
      failed: () => -1,
      when: { everyMs: () => 60_000, nextAt: async () => Date.now() + 60_000 },
      log: (err) => {
        throw err;
      },
    });
    let settled = 0;
    const calls = [ticker.tick(), ticker.tick(), ticker.tick()].map((p) => p.then((n) => (settled++, n)));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await new Promise((resolve) => setImmediate(resolve));
    // The calls made during the first pass share it and its one extra pass, and wait for both tails.
    expect(passes).toBe(2);
    expect(settled).toBe(0);
    tails[0]();
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(0);
    tails[1]();
    expect(await Promise.all(calls)).toEqual([2, 2, 2]);
    await ticker.stop();
  });

  it('logs a failed pass and gives its fallback result', async () => {
    const logged: unknown[] = [];
    const ticker = createTicker<string>({
      pass: async () => {
        throw new Error('database down');
      },
      failed: () => 'fallback',
      when: { everyMs: () => 60_000, nextAt: async () => Date.now() + 60_000 },
      log: (err) => logged.push(err),
    });
    expect(await ticker.tick()).toBe('fallback');
    expect(String(logged[0])).toContain('database down');
  });

  it('stops: no wake-up left, the running pass awaited', async () => {
    let release!: () => void;
    let ended = false;
    const ticker = createTicker<void>({
      pass: async () => {
        await new Promise<void>((resolve) => (release = resolve));
        ended = true;
        return { result: undefined };
      },
      failed: () => undefined,
      when: { everyMs: () => 60_000, nextAt: async () => Date.now() + 60_000 },
      log: () => undefined,
    });
    ticker.start();
    expect(ticker.running).toBe(true);
    expect(ticker.busy).toBe(true);
    let stopped = false;
    const stopping = ticker.stop(() => undefined).then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(ended).toBe(true);
    expect(ticker.running).toBe(false);
  });
});

it('names an instance by host and process, new each time, short enough for a lease column', () => {
  const a = newInstanceId();
  const b = newInstanceId();
  expect(a).not.toBe(b);
  expect(a).toContain(`:${process.pid}:`);
  expect(`${a}#999999`.length).toBeLessThanOrEqual(64);
});
