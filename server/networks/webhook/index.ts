import { z } from 'zod';
import type { NetworkAdapter } from '../types';
import { credentials, httpUrl } from '../credentials';
import { WEBHOOK_FLAVORS } from '../../../shared/networks/webhook';
import { webhook as profile } from '../../../shared/networks/webhook';
import { auth } from './auth';
import { publish } from './publish';

const signingSecret = z.string().max(512, 'At most 512 characters').optional();

/** Slack, Discord, Teams, Mattermost or any JSON endpoint: one signed POST per post. */
export const webhook: NetworkAdapter = {
  id: profile.id,
  profile,
  credentials: credentials({
    fields: {
      url: httpUrl,
      flavor: z.enum(WEBHOOK_FLAVORS, 'Choose Slack, Discord, Teams, Mattermost or generic JSON'),
      secret: signingSecret,
    },
    update: z.strictObject({ url: httpUrl.optional(), secret: signingSecret }),
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
