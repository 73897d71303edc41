import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { createTicker, newInstanceId, pool } from '../core/jobs';
import type { PublicationStore } from './store';
import type { Ready, Runner } from './runner';
import { createDispatcher, type Dispatcher } from './dispatcher';
import type { PublishingConfig } from './config';
import type { createPauseSwitch } from './pause';
import { messageText } from '../../shared/core/messages';

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

/** How soon a row handed back inside its lookahead is claimed again. */
const REARM_SOON_MS = 250;

/**
 * The database is the schedule: no job per post in memory. A short tick and
 * one exact wake-up for the earliest due row (both node-schedule one-off jobs)
 * only ask the database what is due and claim it; any number of instances can
 * run this side by side.
 */
export function createScheduler(deps: SchedulerDeps) {
  const { strapi, store, runner } = deps;
  /** who holds a lease: host, process and a random part, so a restarted process is someone new */
  const instanceId = newInstanceId();
  let batchCount = 0;
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
      if (await runner.settle(row, 'lease_expired', { leaseOwner: null, leaseUntilMs: null })) count++;
    }
    for (const row of await store.expiredLeases('publishing', now)) {
      const done = await runner.settle(
        row,
        'outcome_unknown',
        {
          leaseOwner: null,
          leaseUntilMs: now,
          errorCode: 'lease_expired',
          lastError: messageText('lease_expired'),
        },
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
      const message = messageText('missed', {
        dueAt: new Date(Number(row.dueMs)).toISOString(),
        minutes: Math.round(lateness / 60_000),
      });
      if (await runner.settle(row, 'miss', { errorCode: 'missed', lastError: message }, { code: 'missed', message })) count++;
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
        const excludeAccounts = await getService(strapi, 'accounts').rateLimitedIds(now, 'publish');
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
    // Containers made ahead while the claimed rows go out: a slow answer there holds no claim and no slot.
    const ahead = runner.ahead.pass(now).catch(log);
    return { report, sent: Promise.all([sent, ahead]) };
  }

  /** The next wake-up, in real time: the next tick, or earlier for the earliest due row less the lookahead. */
  async function nextWakeUp(): Promise<number> {
    const now = Date.now();
    let wake = now + deps.config().tickMs;
    const next = deps.config().exactWakeUp ? await store.nextDue() : null;
    const offset = deps.now() - now;
    // The earliest due row, in real time (the clock may be offset in tests), less the lookahead: it is claimed and made ready first.
    const due = next === null ? null : next - offset;
    if (due !== null && due > now) {
      const at = due - deps.config().lookaheadMs;
      // Inside the lookahead already (handed back by a plan's change since its claim): claim it again soon, before its instant.
      wake = Math.min(wake, at > now ? at : now + REARM_SOON_MS);
    }
    return wake;
  }

  /**
   * One pass at a time; overlapping calls wait for the running pass and then
   * run once more. A pass resolves once the rows it claimed are sent, but the
   * next one may start as soon as its claiming is over (the wake-up is armed then).
   */
  const ticker = createTicker<TickReport>({
    pass: async () => {
      const { report, sent } = await runTick();
      return { result: report, tail: sent };
    },
    failed: () => ({ paused: false, claimed: 0, missed: 0, reaped: 0, reconciled: 0, released: 0 }),
    when: { everyMs: () => deps.config().tickMs, nextAt: nextWakeUp },
    log,
  });

  return {
    instanceId,
    tick: ticker.tick,
    start: ticker.start,
    /** Something changed the schedule on this instance: recompute the next wake-up now. */
    poke: ticker.poke,
    /** Stops ticking; what waits for its instant goes back to the queue, what is on the wire finishes. */
    async stop() {
      await ticker.stop(() => {
        for (const dispatcher of dispatchers.keys()) dispatcher.abort();
      });
      await Promise.all(dispatchers.values());
    },
    get running() {
      return ticker.running;
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
