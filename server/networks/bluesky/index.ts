import type { NetworkAdapter } from '../types';
import { credentials } from '../credentials';
import { bluesky as profile } from '../../../shared/networks/bluesky';
import { blueskyCredentials as schema } from '../../../shared/networks/bluesky.credentials';
import { auth } from './auth';
import { publish } from './publish';
import { metrics } from './metrics';
import { comments } from './comments';
import { DEFAULT_BLUESKY_SERVICE } from './session';

/** Bluesky (AT Protocol): a handle and an app password, on bsky.social or the account's own PDS. */
export const bluesky: NetworkAdapter = {
  id: profile.id,
  profile,
  credentials: credentials({
    fields: schema.fields,
    update: schema.update,
    store: (input) => ({
      instanceUrl: input.service ? new URL(input.service).origin : DEFAULT_BLUESKY_SERVICE,
      settings: { identifier: input.identifier },
      secrets: { appPassword: input.appPassword },
    }),
    // A new app password invalidates the session opened with the old one.
    replace: (_stored, update) => ({ appPassword: update.appPassword }),
    sessionSecrets: ['accessJwt', 'refreshJwt'],
  }),
  auth,
  publish,
  comments,
  metrics,
};
