import { createDispatcher } from '../../server/publishing/dispatcher';
import type { Batch, Ready, Runner } from '../../server/publishing/runner';

/**
 * The dispatcher alone: a fake runner that records what it is asked, and
 * Jest's fake clock (Date.now and the timers move only when the test moves
 * them), so every instant is exact and nothing sleeps.
 */

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}
const deferred = (): Deferred => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

function fakeRunner() {
  const sent: Array<{ id: number; at: number; account: string }> = [];
  const requeued: number[] = [];
  const finished: Batch[] = [];
  const onWire = new Map<number, Deferred>();
  /** rows a person took back since the claim: `start` does not start them */
  const takenBack = new Set<number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const byAccount = new Map<string, number>();
  let maxOfOneAccount = 0;
  /** when false, a send stays on the wire until the test ends it */
  let instant = true;

  const runner = {
    async start(readies: readonly Ready[]) {
      return readies.filter((r) => !takenBack.has(r.row.id));
    },
    async send(ready: Ready) {
      const account = ready.account.documentId;
      sent.push({ id: ready.row.id, at: Date.now(), account });
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      byAccount.set(account, (byAccount.get(account) ?? 0) + 1);
      maxOfOneAccount = Math.max(maxOfOneAccount, byAccount.get(account)!);
      const wire = deferred();
      onWire.set(ready.row.id, wire);
      if (instant) wire.resolve();
      await wire.promise;
      inFlight--;
      byAccount.set(account, byAccount.get(account)! - 1);
      return { settled: Promise.resolve() };
    },
    async requeue(readies: readonly Ready[]) {
      requeued.push(...readies.map((r) => r.row.id));
    },
    async finish(batch: Batch) {
      finished.push(batch);
    },
  } as unknown as Runner;

  return {
    runner,
    sent,
    requeued,
    finished,
    takenBack,
    answer: (id: number) => onWire.get(id)!.resolve(),
    slow() {
      instant = false;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get maxOfOneAccount() {
      return maxOfOneAccount;
    },
  };
}

const batch = (): Batch => ({ plans: new Map(), siteHosts: [], accounts: new Map(), settledPlans: new Set() });

function ready(id: number, dueMs: number, account = `acc-${id}`, b = batch()): Ready {
  return {
    row: { id, documentId: `pub-${id}` },
    owner: 'test#1',
    batch: b,
    dueMs,
    account: { documentId: account },
    content: { text: `post ${id}`, media: [] },
  } as unknown as Ready;
}

function setUp(options: { concurrency?: number; perAccount?: number; paused?: () => boolean } = {}) {
  const fake = fakeRunner();
  const dispatcher = createDispatcher({
    runner: fake.runner,
    now: () => Date.now(),
    concurrency: options.concurrency ?? 8,
    perAccount: options.perAccount ?? 2,
    lookaheadMs: 2_000,
    paused: async () => options.paused?.() ?? false,
    log: (err) => {
      throw err;
    },
  });
  dispatcher.hold();
  const done = dispatcher.run();
  return { fake, dispatcher, done };
}

/** Lets the dispatcher's promises run without moving the clock. */
const flush = () => jest.advanceTimersByTimeAsync(0);

beforeEach(() => {
  jest.useFakeTimers({ now: T0 });
});
afterEach(() => {
  jest.useRealTimers();
});

it('sends each row at its instant, never a millisecond before', async () => {
  const { fake, dispatcher, done } = setUp();
  const b = batch();
  const added = dispatcher.add(b, [ready(1, T0 + 1_500, 'a', b), ready(2, T0 + 700, 'b', b), ready(3, T0 + 1_500, 'c', b)]);

  await jest.advanceTimersByTimeAsync(699);
  expect(fake.sent).toEqual([]);
  // Another pass hands a row over one millisecond before the first instant: the dispatcher wakes, and still waits.
  const later = batch();
  const addedLater = dispatcher.add(later, [ready(4, T0 + 1_999, 'd', later)]);
  dispatcher.release();
  await flush();
  expect(fake.sent).toEqual([]);
  await jest.advanceTimersByTimeAsync(1);
  expect(fake.sent).toEqual([{ id: 2, at: T0 + 700, account: 'b' }]);
  await jest.advanceTimersByTimeAsync(799);
  expect(fake.sent.map((s) => s.id)).toEqual([2]);
  await jest.advanceTimersByTimeAsync(1);
  expect(fake.sent).toEqual([
    { id: 2, at: T0 + 700, account: 'b' },
    { id: 1, at: T0 + 1_500, account: 'a' },
    { id: 3, at: T0 + 1_500, account: 'c' },
  ]);
  await added;
  await jest.advanceTimersByTimeAsync(498);
  expect(fake.sent.map((s) => s.id)).toEqual([2, 1, 3]);
  await jest.advanceTimersByTimeAsync(1);
  expect(fake.sent[3]).toEqual({ id: 4, at: T0 + 1_999, account: 'd' });
  await addedLater;
  await done;
  // Each batch's plans are rolled up once, after its last row.
  expect(fake.finished).toEqual([b, later]);
  expect(fake.requeued).toEqual([]);
});

it('keeps at most `concurrency` sends on the wire', async () => {
  const { fake, dispatcher, done } = setUp({ concurrency: 3, perAccount: 3 });
  fake.slow();
  dispatcher.add(
    batch(),
    Array.from({ length: 7 }, (_, i) => ready(i + 1, T0))
  );
  dispatcher.release();
  await flush();
  expect(fake.sent.map((s) => s.id)).toEqual([1, 2, 3]);
  await jest.advanceTimersByTimeAsync(5_000);
  // Nothing ends on its own: nothing more starts.
  expect(fake.sent).toHaveLength(3);
  // Two answers free two slots: the next two start (it waits for a few free slots, not one by one).
  fake.answer(1);
  fake.answer(2);
  await flush();
  expect(fake.sent.map((s) => s.id)).toEqual([1, 2, 3, 4, 5]);
  for (const id of [3, 4, 5]) fake.answer(id);
  await flush();
  expect(fake.sent.map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  fake.answer(6);
  fake.answer(7);
  await done;
  expect(fake.maxInFlight).toBe(3);
  expect(fake.requeued).toEqual([]);
});

it('keeps at most `perAccount` sends of one account on the wire; the others go past', async () => {
  const { fake, dispatcher, done } = setUp({ concurrency: 8, perAccount: 2 });
  fake.slow();
  dispatcher.add(batch(), [
    ready(1, T0, 'slow'),
    ready(2, T0, 'slow'),
    ready(3, T0, 'slow'),
    ready(4, T0, 'slow'),
    ready(5, T0 + 10, 'other'),
  ]);
  dispatcher.release();
  await flush();
  expect(fake.sent.map((s) => s.id)).toEqual([1, 2]);
  // A later row of another account is not held behind the slow account's waiting rows: it goes at its
  // instant, or at the dispatcher's next look at the clock (at most 50 ms on) while every due row waits on its account.
  await jest.advanceTimersByTimeAsync(9);
  expect(fake.sent.map((s) => s.id)).toEqual([1, 2]);
  await jest.advanceTimersByTimeAsync(51);
  expect(fake.sent.map((s) => s.id)).toEqual([1, 2, 5]);
  expect(fake.sent[2].at).toBeGreaterThanOrEqual(T0 + 10);
  expect(fake.sent[2].at).toBeLessThanOrEqual(T0 + 60);
  fake.answer(5);
  await jest.advanceTimersByTimeAsync(1_000);
  expect(fake.sent.map((s) => s.id)).toEqual([1, 2, 5]);
  fake.answer(1);
  await flush();
  expect(fake.sent.map((s) => s.id)).toEqual([1, 2, 5, 3]);
  fake.answer(2);
  fake.answer(3);
  await flush();
  fake.answer(4);
  await done;
  expect(fake.sent.map((s) => s.id)).toEqual([1, 2, 5, 3, 4]);
  expect(fake.maxOfOneAccount).toBe(2);
});

it('gives the waiting rows back when publishing is paused, and sends none', async () => {
  let paused = false;
  const { fake, dispatcher, done } = setUp({ paused: () => paused });
  dispatcher.add(batch(), [ready(1, T0 + 1_000), ready(2, T0 + 1_500)]);
  dispatcher.release();
  await jest.advanceTimersByTimeAsync(400);
  paused = true;
  // Read at most every 250 ms while the rows wait, so the instant itself costs no read: at it, they are given back.
  await jest.advanceTimersByTimeAsync(599);
  expect(fake.requeued).toEqual([]);
  await jest.advanceTimersByTimeAsync(1);
  expect(fake.requeued.sort()).toEqual([1, 2]);
  await done;
  await jest.advanceTimersByTimeAsync(2_000);
  expect(fake.sent).toEqual([]);
});

it('on shutdown gives back the claimed rows not started, and lets the sends on the wire finish', async () => {
  const { fake, dispatcher, done } = setUp({ concurrency: 8, perAccount: 2 });
  fake.slow();
  dispatcher.add(batch(), [ready(1, T0), ready(2, T0 + 1_000), ready(3, T0 + 1_900)]);
  await flush();
  expect(fake.sent.map((s) => s.id)).toEqual([1]);
  dispatcher.abort();
  await flush();
  expect(fake.requeued.sort()).toEqual([2, 3]);
  expect(dispatcher.aborted).toBe(true);
  // `run` waits for the send on the wire; nothing else is sent.
  let ended = false;
  void done.then(() => (ended = true));
  await jest.advanceTimersByTimeAsync(3_000);
  expect(ended).toBe(false);
  fake.answer(1);
  await done;
  expect(fake.sent.map((s) => s.id)).toEqual([1]);
  // The claiming does not wait on a stopped dispatcher.
  await expect(dispatcher.backlogAtMost(0)).resolves.toBeUndefined();
});

it('does not send a row a person took back since the claim', async () => {
  const { fake, dispatcher, done } = setUp();
  fake.takenBack.add(2);
  dispatcher.add(batch(), [ready(1, T0 + 100), ready(2, T0 + 100)]);
  dispatcher.release();
  await jest.advanceTimersByTimeAsync(100);
  await done;
  expect(fake.sent.map((s) => s.id)).toEqual([1]);
  expect(fake.requeued).toEqual([]);
});

it('gives rows back when the clock was set back far behind their claim', async () => {
  const { fake, dispatcher, done } = setUp();
  dispatcher.add(batch(), [ready(1, T0 + 10_000)]);
  dispatcher.release();
  await flush();
  expect(fake.requeued).toEqual([1]);
  await done;
  expect(fake.sent).toEqual([]);
});
