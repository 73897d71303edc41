import type { Strapi } from '../core/strapi';
import type { PluginConfig } from '../core/config';
import { PLUGIN_ID } from '../../shared/core/permissions';
import type { GuardedFetchOptions } from '../core/http/guarded-fetch';
import type { FetchLimits } from './fetcher';

/** The outbound policy and feed limits from the plugin config, read on each use so tests can change them. */
export function feedFetchSettings(strapi: Strapi): { limits: FetchLimits; options: GuardedFetchOptions } {
  const outbound = strapi.plugin(PLUGIN_ID).config('outbound') as PluginConfig['outbound'];
  const watch = strapi.plugin(PLUGIN_ID).config('watch') as PluginConfig['watch'];
  return {
    limits: { timeoutMs: outbound.timeoutMs, maxBytes: outbound.maxResponseBytes, deadlineMs: watch.fetchDeadlineMs },
    // Feeds are polled in bulk: connections are pooled per checked address (guarded-fetch keepAlive).
    options: { policy: { allowedHosts: outbound.allowedHosts }, keepAlive: true },
  };
}

export const watchConfig = (strapi: Strapi) => strapi.plugin(PLUGIN_ID).config('watch') as PluginConfig['watch'];
