import { z } from 'zod';
import { m } from '../core/messages';
import { httpUrl, type CredentialSchema } from './fields';
import { WEBHOOK_FLAVORS, webhook } from './webhook';

const signingSecret = z.string().max(512, m('too_long')).optional();

/** The account form of the profile's `credentialFields`: the webhook URL (a secret), its message format, a signing secret. */
export const webhookCredentials = {
  network: webhook.id,
  fields: {
    url: httpUrl,
    flavor: z.enum(WEBHOOK_FLAVORS, m('account_message_format')),
    secret: signingSecret,
  },
  update: z.strictObject({ url: httpUrl.optional(), secret: signingSecret }),
} satisfies CredentialSchema;
