import { randomBytes } from 'node:crypto';
import os from 'node:os';
import schedule, { type Job } from 'node-schedule';
import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import type { PublicationStore } from './store';
import type { Ready, Runner } from './runner';
import { createDispatcher, type Dispatcher } from './dispatcher';
import type { PublishingConfig } from './config';
import type { createPauseSwitch } from './pause';

export interface SchedulerDeps {
  strapi: Strapi;
  store: PublicationStore;
  runner: Runner;
  pause: ReturnType<typeof createPauseSwitch>;
  config: () => PublishingConfig;
  now: () => number;
}

export interface TickReport {
  paused: boolean;
  claimed: number;
  missed: number;
  reaped: number;
  reconciled: number;
  released: number;
}

/** The closest a wake-up is set in the future. */
const MIN_WAKE_MS = 50;
/** How soon a row handed back inside its lookahead is claimed again. */
const REARM_SOON_MS = 250;

/** Runs `fn` over `items` with at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The database is the schedule: no job per post in memory. A short tick and
 * one exact wake-up for the earliest due row (both node-schedule one-off jobs)
 * only ask the database what is due and claim it; any number of instances can
 * run this side by side.
 */
export function createScheduler(deps: SchedulerDeps) {
  const { strapi, store, runner } = deps;
  /** who holds a lease: host, process and a random part, so a restarted process is someone new */
  const instanceId = `${os.hostname().slice(0, 40)}:${process.pid}:${randomBytes(3).toString('hex')}`;
  let batchCount = 0;
  let job: Job | null = null;
  let running: Promise<TickReport> | null = null;
  let again = false;
  let stopped = true;
  /** the dispatcher passes hand their rows to, while it has work; stopping gives its waiting rows back */
  let dispatching: Dispatcher | null = null;
  /** dispatchers still running (an ended one may still be writing its last outcomes): stopping waits for them */
  const dispatchers = new Map<Dispatcher, Promise<void>>();

  const log = (err: unknown) =>
    strapi.log.error(`community-manager scheduler: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);

  /** Claimed rows whose owner vanished go back to the queue; a publish whose owner vanished is an unknown outcome. */
  async function reap(now: number): Promise<number> {
    let count = 0;
    for (const row of await store.expiredLeases('claimed', now)) {
      if (await runner.settle(row, ['claimed'], 'scheduled', { leaseOwner: null, leaseUntilMs: null }, 'lease_expired')) count++;
    }
    for (const row of await store.expiredLeases('publishing', now)) {
      const done = await runner.settle(
        row,
        ['publishing'],
        'unknown',
        {
          leaseOwner: null,
          leaseUntilMs: now,
          errorCode: 'lease_expired',
          lastError: 'The instance sending this post stopped before it knew the outcome',
        },
        'outcome_unknown',
        { code: 'lease_expired' }
      );
      if (done) count++;
    }
    return count;
  }

  async function sweepMissed(now: number): Promise<number> {
    const lateness = deps.config().latenessMs;
    let count = 0;
    for (const row of await store.overdue(now - lateness)) {
      const message = `Due at ${new Date(Number(row.dueMs)).toISOString()}; publishing was not running, and it is now later than the allowed lateness of ${Math.round(lateness / 60_000)} minutes`;
      if (
        await runner.settle(row, ['scheduled'], 'missed', { errorCode: 'missed', lastError: message }, 'missed', {
          code: 'missed',
          message,
        })
      )
        count++;
    }
    return count;
  }

  async function reconcileDue(now: number): Promise<number> {
    const rows = await store.findMany({ state: 'unknown', leaseUntilMs: { $lte: now } }, { leaseUntilMs: 'asc' }, 50);
    await pool(rows, deps.config().concurrency, (row) => runner.reconcile(row));
    return rows.length;
  }

  /** Held posts go back to the queue once their account is connected again. */
  async function releaseHeld(now: number): Promise<number> {
    const held = await store.accountsIn('held');
    if (!held.length) return 0;
    const statuses = await getService(strapi, 'accounts').statusOf(held);
    let count = 0;
    for (const id of held) {
      const status = statuses.get(id)?.status;
      if (status === 'connected') count += await store.releaseAccount(id, now);
    }
    return count;
  }

  /**
   * Claims what is due now or within the lookahead, batch by batch, makes each
   * row ready (plans, accounts, checks) and hands it to a dispatcher that sends
   * it at its instant. The claiming stays at most two batches ahead of the
   * sending, so a backlog after downtime is claimed as it goes out.
   */
  /** The running dispatcher, or a new one, held for this pass: every pass shares the same slots. */
  function dispatcherFor(cfg: PublishingConfig): Dispatcher {
    if (dispatching && !dispatching.ended) {
      dispatching.hold();
      return dispatching;
    }
    const dispatcher = createDispatcher({
      runner,
      now: deps.now,
      concurrency: cfg.concurrency,
      perAccount: cfg.accountConcurrency,
      lookaheadMs: cfg.lookaheadMs,
      paused: async () => (await deps.pause.get()).paused,
      log,
    });
    dispatching = dispatcher;
    // Held before it runs: a dispatcher with nothing to do and no holder ends at once.
    dispatcher.hold();
    dispatchers.set(
      dispatcher,
      dispatcher.run().finally(() => {
        dispatchers.delete(dispatcher);
        if (dispatching === dispatcher) dispatching = null;
      })
    );
    return dispatcher;
  }

  /**
   * Claims and hands over; `sent` resolves once this pass's rows are done
   * with. The pass itself ends with the claiming, so a network that keeps a
   * send waiting holds that send's slot, never the next pass's claim.
   */
  async function claimAndPublish(): Promise<{ total: number; sent: Promise<unknown> }> {
    const cfg = deps.config();
    const dispatcher = dispatcherFor(cfg);
    const batches: Array<Promise<void>> = [];
    let total = 0;
    try {
      for (;;) {
        await dispatcher.backlogAtMost(2 * cfg.batchSize);
        if (dispatcher.aborted) break;
        const now = deps.now();
        const excludeAccounts = await getService(strapi, 'accounts').rateLimitedIds(now);
        const token = `${instanceId}#${++batchCount}`;
        const rows = await store.claimDue({
          dueBy: now + cfg.lookaheadMs,
          leaseToken: token,
          leaseUntil: now + cfg.lookaheadMs + cfg.leaseMs,
          limit: cfg.batchSize,
          excludeAccounts,
        });
        if (!rows.length) break;
        total += rows.length;
        const batch = await runner.prepare(rows);
        const readies: Ready[] = [];
        for (const row of rows) {
          try {
            const ready = await runner.ready(row, token, batch);
            if (ready) readies.push(ready);
          } catch (err) {
            // A database error: the row's lease runs out and the reaper hands it back.
            log(err);
          }
        }
        batches.push(dispatcher.add(batch, readies));
        if (rows.length < cfg.batchSize) break;
      }
    } finally {
      dispatcher.release();
    }
    return { total, sent: Promise.all(batches) };
  }

  async function runTick(): Promise<{ report: TickReport; sent: Promise<unknown> }> {
    const now = deps.now();
    const report: TickReport = { paused: false, claimed: 0, missed: 0, reaped: 0, reconciled: 0, released: 0 };
    report.reaped = await reap(now);
    report.reconciled = await reconcileDue(now);
    report.released = await releaseHeld(now);
    report.paused = (await deps.pause.get()).paused;
    if (report.paused) return { report, sent: Promise.resolve() };
    report.missed = await sweepMissed(now);
    const { total, sent } = await claimAndPublish();
    report.claimed = total;
    return { report, sent };
  }

  async function armNextWakeUp() {
    if (stopped) return;
    const now = Date.now();
    let wake = now + deps.config().tickMs;
    try {
      const next = deps.config().exactWakeUp ? await store.nextDue() : null;
      const offset = deps.now() - now;
      // The earliest due row, in real time (the clock may be offset in tests), less the lookahead: it is claimed and made ready first.
      const due = next === null ? null : next - offset;
      if (due !== null && due > now) {
        const at = due - deps.config().lookaheadMs;
        // Inside the lookahead already (handed back by a plan's change since its claim): claim it again soon, before its instant.
        wake = Math.min(wake, at > now ? at : now + REARM_SOON_MS);
      }
    } catch (err) {
      log(err);
    }
    job?.cancel();
    if (stopped) return;
    const run = () => void tick();
    // node-schedule refuses (returns null for) a date that has passed by the time it parses it,
    // which a wake-up a few ms ahead can be: keep a margin, and fall back to the plain tick.
    job =
      schedule.scheduleJob(new Date(Math.max(wake, Date.now() + MIN_WAKE_MS)), run) ??
      schedule.scheduleJob(new Date(Date.now() + Math.max(deps.config().tickMs, MIN_WAKE_MS)), run);
  }

  /**
   * One pass; overlapping calls wait for the running pass and then run once
   * more. The pass resolves once the rows it claimed are sent, but the next
   * one may start as soon as its claiming is over (the wake-up is armed then).
   */
  async function tick(): Promise<TickReport> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let report: TickReport;
      const sending: Array<Promise<unknown>> = [];
      try {
        do {
          again = false;
          const pass = await runTick();
          report = pass.report;
          sending.push(pass.sent);
        } while (again);
      } catch (err) {
        log(err);
        report = { paused: false, claimed: 0, missed: 0, reaped: 0, reconciled: 0, released: 0 };
      } finally {
        running = null;
      }
      await armNextWakeUp();
      await Promise.all(sending);
      return report;
    })();
    return running;
  }

  return {
    instanceId,
    tick,
    start() {
      stopped = false;
      void tick();
    },
    /** Something changed the schedule on this instance: recompute the next wake-up now. */
    poke() {
      if (!stopped && !running) void armNextWakeUp();
    },
    async stop() {
      stopped = true;
      job?.cancel();
      job = null;
      for (const dispatcher of dispatchers.keys()) dispatcher.abort();
      if (running) await running.catch(() => undefined);
      await Promise.all(dispatchers.values());
    },
    get running() {
      return !stopped;
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
