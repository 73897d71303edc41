import type { PluginConfig } from '../config';
import { guardedFetch, type GuardedRequest } from './guarded-fetch';

/**
 * The fetcher of the calls made for an account (its check, its sign-in, its
 * page picker): the `accountCheck` purpose and its deadline, the outbound
 * policy and limits read from the plugin's settings at each call (a test or an
 * operator may change them while the plugin runs).
 */
export function accountFetch(outbound: () => PluginConfig['outbound']) {
  return (url: string, req: GuardedRequest = {}) =>
    guardedFetch(
      url,
      { purpose: 'accountCheck', timeoutMs: outbound().timeoutMs, maxBytes: outbound().maxResponseBytes, ...req },
      { policy: { allowedHosts: outbound().allowedHosts }, deadlines: outbound().deadlines }
    );
}
