import { createSlots } from '../core/jobs';
import type { Batch, Ready, Runner } from './runner';

export interface DispatcherDeps {
  runner: Runner;
  now: () => number;
  /** publications sent at the same time */
  concurrency: number;
  /** publications of one account sent at the same time: a slow account cannot take every slot */
  perAccount: number;
  /** how far ahead of its instant a row may have been claimed */
  lookaheadMs: number;
  /** the "pause all publishing" switch, read at most every PAUSE_READ_MS while sending */
  paused: () => Promise<boolean>;
  log: (err: unknown) => void;
}

/** A pause set while rows wait for their instant stops them within this long. */
const PAUSE_READ_MS = 250;
/** The longest nap while waiting for an instant: the clock is looked at again after it. */
const MAX_NAP_MS = 50;

/**
 * Sends the scheduler's claimed rows, each at its own instant and never
 * before, at most `concurrency` at a time and at most `perAccount` of one
 * account: rows of an account whose slots are all taken wait, and the rows of
 * the others go past them. The scheduler claims and prepares
 * rows a little ahead of their time (`lookaheadMs`) and adds them here; at the
 * instant only the sending is left to do, so a thousand posts due in the same
 * second are not queued behind their own reads (bench/publish-latency).
 *
 * Rows that will not be sent by this pass go back to the queue (`requeue`):
 * publishing was paused, the instance is stopping, or the clock does not bring
 * their instant (a test's clock that stands still, a clock set back).
 *
 * One dispatcher serves every scheduler pass while it has work (`hold` /
 * `release`): a pass hands its rows over and the next pass can claim while
 * slow sends are still on the wire, under the same slot counts.
 */
export function createDispatcher(deps: DispatcherDeps) {
  const { runner } = deps;
  /** waiting rows, earliest first */
  const queue: Ready[] = [];
  /** rows of each batch not done with yet: its plans are rolled up when none is left */
  const open = new Map<Batch, number>();
  /** resolves each batch's `add` once its rows are done with and its plans rolled up */
  const finishing = new Map<Batch, () => void>();
  /** writes and roll-ups still running after their slot was freed */
  const tails = new Set<Promise<void>>();
  /** sends on the wire, in all and by account */
  const slots = createSlots(deps.concurrency, deps.perAccount);
  /** passes still adding rows: the dispatcher ends once there are none and it has nothing left */
  let holds = 0;
  let ended = false;
  let aborted = false;
  let pausedAt = -Infinity;
  let pausedNow = false;
  let wake: (() => void) | null = null;
  let backlogWaiters: Array<{ limit: number; resolve: () => void }> = [];

  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  /** Resolves after `ms` (true) or at the next signal (false), whichever comes first. */
  const nap = (ms?: number) =>
    new Promise<boolean>((resolve) => {
      const timer = ms === undefined ? null : setTimeout(() => ((wake = null), resolve(true)), ms);
      wake = () => {
        if (timer) clearTimeout(timer);
        resolve(false);
      };
    });

  const track = (p: Promise<void>) => {
    const t = p.catch(deps.log).finally(() => tails.delete(t));
    tails.add(t);
  };

  function doneWith(ready: Ready) {
    const left = (open.get(ready.batch) ?? 1) - 1;
    if (left > 0) return void open.set(ready.batch, left);
    open.delete(ready.batch);
    const resolve = finishing.get(ready.batch);
    finishing.delete(ready.batch);
    track(runner.finish(ready.batch).finally(() => resolve?.()));
  }

  const dueCount = (now: number) => {
    let n = 0;
    while (n < queue.length && queue[n].dueMs <= now) n++;
    return n;
  };

  function checkBacklog() {
    const backlog = dueCount(deps.now());
    const still = backlogWaiters.filter((w) => backlog > w.limit);
    for (const w of backlogWaiters) if (backlog <= w.limit || aborted) w.resolve();
    backlogWaiters = aborted ? [] : still;
  }

  async function requeue(readies: Ready[]) {
    if (!readies.length) return;
    try {
      await runner.requeue(readies);
    } catch (err) {
      // Their lease runs out and the reaper hands them back instead.
      deps.log(err);
    }
    for (const ready of readies) doneWith(ready);
    checkBacklog();
  }

  async function isPaused() {
    if (Date.now() - pausedAt >= PAUSE_READ_MS) {
      try {
        pausedNow = await deps.paused();
      } catch (err) {
        // The switch cannot be read: send nothing until it can (the rows go back to the queue).
        deps.log(err);
        pausedNow = true;
      }
      pausedAt = Date.now();
    }
    return pausedNow;
  }

  const accountOf = (ready: Ready) => ready.account.documentId;

  function launch(ready: Ready) {
    slots.take(accountOf(ready));
    runner
      .send(ready)
      .then(
        ({ settled }) => track(settled.finally(() => doneWith(ready))),
        (err) => {
          // A database error mid-publish: the lease runs out and the reaper decides.
          deps.log(err);
          doneWith(ready);
        }
      )
      .finally(() => {
        slots.give(accountOf(ready));
        signal();
      });
  }

  /** Positions of the due rows that may start, earliest first: at most `limit`, no account beyond `perAccount`. */
  const startable = (now: number, limit: number) => slots.pick(queue, accountOf, limit, (ready) => ready.dueMs <= now);

  /** Sends what is due, as slots free up; a few rows per conditional UPDATE. */
  async function sendDue(now: number) {
    if (await isPaused()) return requeue(queue.splice(0));
    const free = slots.free;
    const can = startable(now, deps.concurrency);
    // Every due row waits on its account's slots: look again when a send ends, or soon if a later row may fall due.
    if (!can.length) return void (await nap(queue.some((r) => r.dueMs > now) ? MAX_NAP_MS : undefined));
    // Wait for a few free slots rather than start rows one by one: each start is one statement.
    if (free <= 0 || (slots.inFlight > 0 && free < Math.min(can.length, Math.ceil(deps.concurrency / 2)))) return void (await nap());
    const chosen = new Set(can.slice(0, free));
    const taken = queue.filter((_, i) => chosen.has(i));
    const waiting = queue.filter((_, i) => !chosen.has(i));
    queue.splice(0, queue.length, ...waiting);
    checkBacklog();
    const texts = taken.filter((r) => r.content);
    let started: Set<Ready>;
    try {
      started = new Set(await runner.start(texts));
    } catch (err) {
      deps.log(err);
      started = new Set();
    }
    for (const ready of taken) {
      if (!ready.content || started.has(ready)) launch(ready);
      // A person moved or cancelled it since the claim: it is theirs now.
      else doneWith(ready);
    }
  }

  return {
    /**
     * A prepared batch's rows (possibly none: its failures still roll its
     * plans up). Resolves once they are all done with and the batch's plans
     * rolled up.
     */
    add(batch: Batch, readies: Ready[]): Promise<void> {
      if (!readies.length) {
        const finished = runner.finish(batch);
        track(finished);
        return finished.catch(() => undefined);
      }
      const finished = new Promise<void>((resolve) => finishing.set(batch, resolve));
      open.set(batch, (open.get(batch) ?? 0) + readies.length);
      queue.push(...readies);
      queue.sort((a, b) => a.dueMs - b.dueMs);
      signal();
      return finished;
    },

    /** Resolves once no more than `limit` rows wait that are already due (the claiming waits for the sending). */
    backlogAtMost(limit: number): Promise<void> {
      if (aborted || dueCount(deps.now()) <= limit) return Promise.resolve();
      return new Promise((resolve) => backlogWaiters.push({ limit, resolve }));
    },

    /** A pass is about to add rows: the dispatcher stays up until it lets go. */
    hold() {
      holds++;
    },

    /** That pass has added all its rows: `run` ends once no pass holds it and everything is sent. */
    release() {
      holds--;
      signal();
    },

    /** No row may be added any more (its loop has stopped): the next pass makes a new dispatcher. */
    get ended() {
      return ended;
    },

    /** The instance is stopping: what waits goes back to the queue; what is on the wire finishes. */
    abort() {
      aborted = true;
      checkBacklog();
      signal();
    },

    get aborted() {
      return aborted;
    },

    async run(): Promise<void> {
      try {
        await loop();
      } catch (err) {
        // Whatever went wrong, the claiming must not wait on a dispatcher that stopped.
        deps.log(err);
        aborted = true;
        ended = true;
        checkBacklog();
        await requeue(queue.splice(0));
      }
      while (slots.inFlight) await nap();
      while (tails.size) await Promise.all([...tails]);
    },
  };

  async function loop(): Promise<void> {
    for (;;) {
      if (aborted && queue.length) await requeue(queue.splice(0));
      if (!queue.length) {
        if ((holds === 0 || aborted) && slots.inFlight === 0) {
          ended = true;
          break;
        }
        await nap();
        continue;
      }
      const now = deps.now();
      const wait = queue[0].dueMs - now;
      if (wait <= 0) {
        await sendDue(now);
        continue;
      }
      if (wait > 2 * deps.lookaheadMs) {
        // The clock was set back since the claim: these rows are not due for a while.
        await requeue(queue.splice(0));
        continue;
      }
      // Read the pause switch while waiting, so the instant itself costs no read.
      await isPaused();
      const napped = await nap(Math.max(0, Math.min(queue[0].dueMs - deps.now(), MAX_NAP_MS)));
      if (napped && deps.now() === now) {
        // A clock that stands still (a test's) never brings the instant: never send early, give them back.
        await requeue(queue.splice(0));
      }
    }
  }
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
