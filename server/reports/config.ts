import { z } from 'zod';
import { DEFAULT_POST_OFFSETS_HOURS } from '../../shared/reports/schedule';

/** Metric collection (docs/reports.md, "Collection"): how this instance takes part and when figures are read. */
export const reportsConfigSchema = z.object({
  /** false on secondary instances and in tests: nothing is collected on a timer (a pass can still be run on demand) */
  collect: z.boolean(),
  /** how often this instance looks for figures due, in seconds */
  tickSeconds: z.number().int().min(1).max(86_400),
  /** the ages of a post at which its figures are read, in hours; after the last one, never again */
  postOffsetsHours: z
    .array(
      z
        .number()
        .int()
        .min(1)
        .max(24 * 366)
    )
    .min(1)
    .max(24),
  /** how often an account's followers are read, in hours */
  accountEveryHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 31),
  /**
   * how long an hour of the collection schedule lasts, in ms (post ages, the account period, the window of
   * posts tracked): 3,600,000; the reliability suite shortens it so collection happens within a scenario
   */
  hourMs: z.number().int().min(1000).max(3_600_000),
  /** rows claimed by one pass */
  batchSize: z.number().int().min(1).max(1000),
  /** false on instances that must not send scheduled reports (any number may: each period is sent once) */
  deliver: z.boolean(),
  /** how often this instance looks for scheduled reports due, in seconds */
  deliveryTickSeconds: z.number().int().min(1).max(86_400),
});

export type ReportsConfig = z.infer<typeof reportsConfigSchema>;

type Env = ((key: string, fallback?: string) => string | undefined) & { int: (key: string, fallback?: number) => number };

export function reportsDefaults(env: Env): ReportsConfig {
  const offsets = String(env('CM_METRICS_POST_OFFSETS_HOURS', DEFAULT_POST_OFFSETS_HOURS.join(',')))
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isFinite(n));
  return {
    collect: !['false', '0', 'off', 'no'].includes(String(env('CM_METRICS_ENABLED', 'true')).toLowerCase()),
    tickSeconds: env.int('CM_METRICS_TICK_SECONDS', 300),
    postOffsetsHours: offsets.length ? offsets : [...DEFAULT_POST_OFFSETS_HOURS],
    accountEveryHours: env.int('CM_METRICS_ACCOUNT_EVERY_HOURS', 24),
    hourMs: env.int('CM_METRICS_HOUR_MS', 3_600_000),
    batchSize: env.int('CM_METRICS_BATCH', 200),
    deliver: !['false', '0', 'off', 'no'].includes(String(env('CM_REPORTS_DELIVERY_ENABLED', 'true')).toLowerCase()),
    deliveryTickSeconds: env.int('CM_REPORTS_DELIVERY_TICK_SECONDS', 300),
  };
}
