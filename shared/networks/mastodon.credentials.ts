import { z } from 'zod';
import { httpUrl, secret, type CredentialSchema } from './fields';
import { mastodon } from './mastodon';

const accessToken = secret();

/** The account form of the profile's `credentialFields`: an instance URL and an access token with write:statuses. */
export const mastodonCredentials = {
  network: mastodon.id,
  fields: { instanceUrl: httpUrl, accessToken },
  update: z.strictObject({ accessToken }),
} satisfies CredentialSchema;
