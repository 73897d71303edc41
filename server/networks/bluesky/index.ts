import { z } from 'zod';
import type { NetworkAdapter } from '../types';
import { credentials, httpUrl, secret } from '../credentials';
import { bluesky as profile } from '../../../shared/networks/bluesky';
import { auth } from './auth';
import { publish } from './publish';
import { DEFAULT_BLUESKY_SERVICE } from './session';

const appPassword = secret('The app password', 256);

/** Bluesky (AT Protocol): a handle and an app password, on bsky.social or the account's own PDS. */
export const bluesky: NetworkAdapter = {
  id: profile.id,
  profile,
  credentials: credentials({
    fields: {
      identifier: z
        .string()
        .trim()
        .min(1, 'The handle is required')
        .max(253, 'At most 253 characters')
        .transform((value) => value.replace(/^@/, ''))
        .pipe(
          z.string().regex(/^(did:[a-z]+:[A-Za-z0-9._:%-]+|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)$/, 'A handle looks like alice.bsky.social')
        ),
      service: httpUrl.optional(),
      appPassword,
    },
    update: z.strictObject({ appPassword }),
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
};
