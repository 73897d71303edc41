import schedule from 'node-schedule';
import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { createTicker } from '../core/jobs';
import { watchConfig } from './outbound';

/**
 * The ticker is only a wake-up: every tick this instance claims the sources
 * that are due (the rows are the schedule, see sources-service `claim`), so
 * any number of instances can run it, and a restart catches up. A second job
 * sends the daily alert digest. Turned off by `watch.enabled: false`
 * (CM_WATCH_ENABLED=false): tests and secondary instances.
 */
export interface WatchScheduler {
  stop(): Promise<void>;
}

export function startWatchScheduler(strapi: Strapi): WatchScheduler | null {
  const config = watchConfig(strapi);
  if (!config.enabled) return null;
  const sources = () => getService(strapi, 'watch-sources');
  const everyMs = () => config.tickSeconds * 1000;
  // A wake-up every tickSeconds after the last pass, not a cron rule: parsing one (cron-parser,
  // luxon) cost up to ~100 ms of the boot (docs/benchmarks.md, issue 19), for a plain interval.
  const ticker = createTicker<void>({
    when: { everyMs, nextAt: async () => Date.now() + everyMs() },
    pass: async () => ({ result: void (await sources().fetchDue(config.concurrency * 4, config.concurrency)) }),
    failed: () => undefined,
    log: (err) => strapi.log.error(`[community-manager] watch tick failed: ${err instanceof Error ? err.message : String(err)}`),
  });
  // The first pass one interval after the boot, as the rule's first tick was: not during the boot itself.
  const first = setTimeout(() => ticker.start(), everyMs());
  const digest = config.digest.to.length
    ? schedule.scheduleJob({ rule: `0 ${config.digest.hourUtc} * * *`, tz: 'Etc/UTC' }, () => {
        getService(strapi, 'watch-alerts')
          .sendDigest()
          .catch((err: Error) => strapi.log.error(`[community-manager] watch digest failed: ${err.message}`));
      })
    : null;
  return {
    async stop() {
      clearTimeout(first);
      digest?.cancel();
      await ticker.stop();
    },
  };
}
