import { z } from 'zod';
import { m } from '../core/messages';
import { httpUrl, secret, type CredentialSchema } from './fields';
import { bluesky } from './bluesky';

const appPassword = secret(256);

/** The account form of the profile's `credentialFields`: a handle (or DID), an app password, the PDS when self-hosted. */
export const blueskyCredentials = {
  network: bluesky.id,
  fields: {
    identifier: z
      .string()
      .trim()
      .min(1, m('required'))
      .max(253, m('too_long'))
      .transform((value) => value.replace(/^@/, ''))
      .pipe(z.string().regex(/^(did:[a-z]+:[A-Za-z0-9._:%-]+|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)$/, m('account_handle'))),
    service: httpUrl.optional(),
    appPassword,
  },
  update: z.strictObject({ appPassword }),
} satisfies CredentialSchema;
