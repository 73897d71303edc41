import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { tokenRenewal } from '../core/oauth/renew';
import type { AdapterContext } from '../networks/types';
import type { RateLimitedWork } from './rate-limit';

/** An account as the works that call a network read it (secrets opened). */
export type CallingAccount = NonNullable<Awaited<ReturnType<ReturnType<typeof getService<'accounts'>>['publishingAccount']>>>;

/**
 * The account's half of an `AdapterContext`, the same for every work that
 * calls a network (publishing, the figures, the inbox): who the account is,
 * its secrets, a refused OAuth token renewed once under the core's claim, and
 * a window the network says is spent stored as `work`'s wait for every
 * instance. `quietRenewal`: the work tells a person itself when the grant is
 * refused (publishing's hold e-mail), so the core does not e-mail too.
 */
export function accountContext(
  strapi: Strapi,
  account: CallingAccount,
  work: RateLimitedWork,
  options: { quietRenewal?: boolean } = {}
): Pick<AdapterContext, 'account' | 'secrets' | 'saveSecrets' | 'renewToken' | 'windowSpent'> {
  const accounts = () => getService(strapi, 'accounts');
  return {
    account: {
      documentId: account.documentId,
      network: account.network,
      instanceUrl: account.instanceUrl,
      networkAccountId: account.networkAccountId,
      handle: account.handle,
      settings: account.settings,
      limits: account.limits,
    },
    secrets: { ...(account.secrets ?? {}) },
    saveSecrets: (secrets) => accounts().saveSecrets(account.documentId, secrets),
    ...(account.settings.oauth === true ? { renewToken: tokenRenewal(strapi, account.documentId, { quiet: options.quietRenewal }) } : {}),
    windowSpent: (until) => accounts().setRateLimit(account.documentId, work, { until, reason: 'window_spent' }),
  };
}
