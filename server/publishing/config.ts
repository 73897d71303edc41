import { z } from 'zod';

/**
 * The scheduler's knobs. Every instance reads the same database; these only
 * say how this instance takes part (or not) and how patient it is.
 */
export const publishingConfigSchema = z.object({
  /** false on secondary instances and in tests that drive ticks themselves */
  scheduler: z.boolean(),
  /** how often an instance looks for due rows even without a wake-up */
  tickMs: z.number().int().min(50),
  /** wake up at the earliest due row's exact time (off only to measure plain polling, bench/publish-latency) */
  exactWakeUp: z.boolean(),
  /**
   * do before the due time what a network needs time for and that publishes
   * nothing (Instagram's and Threads' containers, `PublishPort.ahead`); off
   * only to measure without it (bench/publish-latency/networks.js)
   */
  ahead: z.boolean(),
  /**
   * how long before its instant a row is claimed and made ready (plans read,
   * account decrypted, text checked), so that at the instant only the sending
   * is left; 0 claims rows only once due
   */
  lookaheadMs: z.number().int().min(0).max(60_000),
  /** how long a claim stays owned before the reaper may hand it back */
  leaseMs: z.number().int().min(1000),
  /** beyond this delay after its due time a never-tried publication is `missed`, not sent */
  latenessMs: z.number().int().min(0),
  /** retryable failures before a publication is given up as failed */
  maxAttempts: z.number().int().min(1),
  /** first retry delay; doubled each attempt, capped at backoffMaxMs */
  backoffBaseMs: z.number().int().min(0),
  backoffMaxMs: z.number().int().min(0),
  /** publications one instance sends at the same time */
  concurrency: z.number().int().min(1).max(64),
  /** publications of one account one instance sends at the same time (a slow account holds at most these slots) */
  accountConcurrency: z.number().int().min(1).max(64),
  /** rows claimed by one conditional update */
  batchSize: z.number().int().min(1).max(500),
  /** who is e-mailed failures and re-authorization needs (with Strapi's email plugin) */
  notifyEmails: z.array(z.string()),
});

export type PublishingConfig = z.infer<typeof publishingConfigSchema>;

type Env = ((key: string, fallback?: string) => string | undefined) & {
  int: (key: string, fallback?: number) => number;
  bool?: (key: string, fallback?: boolean) => boolean;
};

export function publishingDefaults(env: Env): PublishingConfig {
  const flag = env('CM_SCHEDULER_ENABLED', 'true');
  return {
    scheduler: !['false', '0', 'off', 'no'].includes(String(flag).toLowerCase()),
    tickMs: env.int('CM_SCHEDULER_TICK_MS', 5_000),
    exactWakeUp: !['false', '0', 'off', 'no'].includes(String(env('CM_SCHEDULER_EXACT_WAKEUP', 'true')).toLowerCase()),
    ahead: !['false', '0', 'off', 'no'].includes(String(env('CM_PUBLISH_AHEAD', 'true')).toLowerCase()),
    lookaheadMs: env.int('CM_SCHEDULER_LOOKAHEAD_MS', 2_000),
    leaseMs: env.int('CM_SCHEDULER_LEASE_MS', 120_000),
    latenessMs: env.int('CM_PUBLISH_LATENESS_MINUTES', 180) * 60_000,
    maxAttempts: env.int('CM_PUBLISH_MAX_ATTEMPTS', 8),
    backoffBaseMs: env.int('CM_PUBLISH_BACKOFF_MS', 5_000),
    backoffMaxMs: env.int('CM_PUBLISH_BACKOFF_MAX_MS', 15 * 60_000),
    concurrency: env.int('CM_PUBLISH_CONCURRENCY', 8),
    accountConcurrency: env.int('CM_PUBLISH_ACCOUNT_CONCURRENCY', 2),
    batchSize: env.int('CM_PUBLISH_BATCH', 50),
    notifyEmails: String(env('CM_PUBLISH_NOTIFY_EMAILS', '') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}
