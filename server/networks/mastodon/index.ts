import type { NetworkAdapter } from '../types';
import { credentials } from '../credentials';
import { mastodon as profile } from '../../../shared/networks/mastodon';
import { mastodonCredentials as schema } from '../../../shared/networks/mastodon.credentials';
import { auth } from './auth';
import { publish } from './publish';
import { metrics } from './metrics';
import { comments } from './comments';
import { stream, context } from './stream';

/** Mastodon and compatible servers: an instance URL and an access token with write:statuses. */
export const mastodon: NetworkAdapter = {
  id: profile.id,
  profile,
  credentials: credentials({
    fields: schema.fields,
    update: schema.update,
    store: (input) => ({ instanceUrl: new URL(input.instanceUrl).origin, settings: {}, secrets: { accessToken: input.accessToken } }),
  }),
  auth,
  publish,
  metrics,
  // Read by the notifications poll, in near-real-time by the streaming API, with each item's thread.
  comments: { ...comments, stream, context },
};
