import { z } from 'zod';
import { WEBHOOK_FLAVORS } from './webhook-flavors';

const documentId = z.string().regex(/^[a-z0-9]{1,64}$/, 'Must be a document id');
const name = z.string().trim().min(1, 'The account needs a name').max(120, 'At most 120 characters');
const secret = (label: string, max = 4096) => z.string().trim().min(1, `${label} is required`).max(max, `At most ${max} characters`);

export const httpUrl = z
  .string()
  .trim()
  .max(2048, 'At most 2048 characters')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'Must be an http(s) URL such as https://mastodon.social');

export { WEBHOOK_FLAVORS, type WebhookFlavor } from './webhook-flavors';

const common = { name, editorialLineId: documentId.nullish() };

export const accountInput = z.discriminatedUnion(
  'network',
  [
    z.strictObject({ network: z.literal('mastodon'), ...common, instanceUrl: httpUrl, accessToken: secret('The access token') }),
    z.strictObject({
      network: z.literal('bluesky'),
      ...common,
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
      appPassword: secret('The app password', 256),
    }),
    z.strictObject({
      network: z.literal('webhook'),
      ...common,
      url: httpUrl,
      flavor: z.enum(WEBHOOK_FLAVORS, 'Choose Slack, Discord, Teams, Mattermost or generic JSON'),
      secret: z.string().max(512, 'At most 512 characters').optional(),
    }),
    z.strictObject({ network: z.literal('sandbox'), ...common, handle: z.string().trim().max(100, 'At most 100 characters').optional() }),
  ],
  'Choose a network: mastodon, bluesky, webhook or sandbox (the others connect through OAuth in a later version)'
);

export type AccountInput = z.infer<typeof accountInput>;

export const accountUpdate = z.strictObject({
  name: name.optional(),
  editorialLineId: documentId.nullish(),
  disabled: z.boolean().optional(),
  credentials: z
    .union([
      z.strictObject({ accessToken: secret('The access token') }),
      z.strictObject({ appPassword: secret('The app password', 256) }),
      z.strictObject({ url: httpUrl.optional(), secret: z.string().max(512, 'At most 512 characters').optional() }),
    ])
    .optional(),
});

export type AccountUpdate = z.infer<typeof accountUpdate>;
