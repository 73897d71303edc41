import type { NetworkAdapter } from '../types';
import { credentials } from '../credentials';
import { webhook as profile } from '../../../shared/networks/webhook';
import { webhookCredentials as schema } from '../../../shared/networks/webhook.credentials';
import { auth } from './auth';
import { publish } from './publish';

/** Slack, Discord, Teams, Mattermost or any JSON endpoint: one signed POST per post. */
export const webhook: NetworkAdapter = {
  id: profile.id,
  profile,
  credentials: credentials({
    fields: schema.fields,
    update: schema.update,
    // A Slack or Discord webhook URL is itself a credential: only its origin is shown.
    store: (input) => ({
      instanceUrl: new URL(input.url).origin,
      settings: { flavor: input.flavor },
      secrets: { url: input.url, ...(input.secret ? { secret: input.secret } : {}) },
    }),
    // A new webhook URL moves the account's shown origin with it.
    address: (secrets) => (secrets.url ? new URL(secrets.url).origin : undefined),
  }),
  auth,
  publish,
};
