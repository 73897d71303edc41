import schedule, { type Job } from 'node-schedule';

/** The closest a one-off wake-up is set in the future. */
const MIN_WAKE_MS = 50;

export interface TickerOptions<R> {
  /**
   * One pass: its result, and what it leaves running (`tail`): the next pass
   * may start as soon as this one returns, but `tick()` resolves once the tail
   * is done too (publishing: the rows a pass claimed are sent).
   */
  pass: () => Promise<{ result: R; tail?: Promise<unknown> }>;
  /** The result of a pass that threw (the error is logged). */
  failed: () => R;
  /**
   * When to run: a cron rule (`*\/5 * * * * *`; a tick that comes while a pass
   * runs is skipped), or one-off wake-ups re-armed after each pass at
   * `nextAt()` (a real epoch ms; calls that come while a pass runs make it run
   * once more). `everyMs` is the fallback when `nextAt` fails or lies in the past.
   */
  when: { rule: string } | { everyMs: () => number; nextAt: () => Promise<number> };
  log: (err: unknown) => void;
}

/**
 * node-schedule is only a wake-up: the rows are the schedule (each pass asks
 * the database what is due and claims it), so any number of instances can
 * tick side by side and a restart catches up.
 */
export function createTicker<R>(options: TickerOptions<R>) {
  const { when } = options;
  const oneOff = 'nextAt' in when;
  let job: Job | null = null;
  let running: Promise<R> | null = null;
  let again = false;
  let stopped = true;

  async function arm() {
    if (stopped || !oneOff) return;
    let wake = Date.now() + when.everyMs();
    try {
      wake = await when.nextAt();
    } catch (err) {
      options.log(err);
    }
    job?.cancel();
    if (stopped) return;
    const run = () => void tick();
    // node-schedule refuses (returns null for) a date that has passed by the time it parses it,
    // which a wake-up a few ms ahead can be: keep a margin, and fall back to the plain tick.
    job =
      schedule.scheduleJob(new Date(Math.max(wake, Date.now() + MIN_WAKE_MS)), run) ??
      schedule.scheduleJob(new Date(Date.now() + Math.max(when.everyMs(), MIN_WAKE_MS)), run);
  }

  /**
   * One pass. With one-off wake-ups, overlapping calls wait for the running
   * pass and then run once more; with a rule, they share the running pass.
   */
  function tick(): Promise<R> {
    if (running) {
      if (oneOff) again = true;
      return running;
    }
    running = (async () => {
      let result: R;
      const tails: Array<Promise<unknown>> = [];
      try {
        do {
          again = false;
          const pass = await options.pass();
          result = pass.result;
          if (pass.tail) tails.push(pass.tail);
        } while (again);
      } catch (err) {
        options.log(err);
        result = options.failed();
      } finally {
        running = null;
      }
      await arm();
      // A tail that fails (a write timing out on a starved pool) is logged like a failed pass: the rows it
      // held are reclaimed when their lease ends. Thrown, it would reach \`void tick()\` as an unhandled
      // rejection and end the process.
      await Promise.all(tails.map((tail) => tail.catch((err: unknown) => options.log(err))));
      return result;
    })();
    return running;
  }

  return {
    tick,
    start() {
      stopped = false;
      if (oneOff) void tick();
      else
        job = schedule.scheduleJob(when.rule, () => {
          // A slow pass is never overlapped by the next one.
          if (!running && !stopped) void tick();
        });
    },
    /** Something changed the schedule on this instance: recompute the next wake-up now. */
    poke() {
      if (!stopped && !running) void arm();
    },
    /**
     * No more passes; `stopping` runs at once (a dispatcher gives back what
     * waits), then this resolves when the running pass is over.
     */
    async stop(stopping?: () => void) {
      stopped = true;
      job?.cancel();
      job = null;
      stopping?.();
      if (running) await running.catch(() => undefined);
    },
    get running() {
      return !stopped;
    },
    /** A pass is running now. */
    get busy() {
      return running !== null;
    },
  };
}

export type Ticker = ReturnType<typeof createTicker>;
