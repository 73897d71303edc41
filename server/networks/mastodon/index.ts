import { z } from 'zod';
import type { NetworkAdapter } from '../types';
import { credentials, httpUrl, secret } from '../credentials';
import { mastodon as profile } from '../../../shared/networks/mastodon';
import { auth } from './auth';
import { publish } from './publish';

const accessToken = secret('The access token');

/** Mastodon and compatible servers: an instance URL and an access token with write:statuses. */
export const mastodon: NetworkAdapter = {
  id: profile.id,
  profile,
  credentials: credentials({
    fields: { instanceUrl: httpUrl, accessToken },
    update: z.strictObject({ accessToken }),
    store: (input) => ({ instanceUrl: new URL(input.instanceUrl).origin, settings: {}, secrets: { accessToken: input.accessToken } }),
  }),
  auth,
  publish,
};
