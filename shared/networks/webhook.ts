import { capabilities, type NetworkProfile } from './types';

/** The chat tools a webhook account can post to. */
export const WEBHOOK_FLAVORS = ['slack', 'discord', 'teams', 'mattermost', 'generic'] as const;
export type WebhookFlavor = (typeof WEBHOOK_FLAVORS)[number];

const FLAVOR_LABELS: Record<WebhookFlavor, string> = {
  slack: 'Slack',
  discord: 'Discord',
  teams: 'Microsoft Teams',
  mattermost: 'Mattermost',
  generic: 'Generic JSON',
};

export const webhook = {
  id: 'webhook',
  label: { id: 'network.webhook', defaultMessage: 'Webhook' },
  icon: 'Webhooks',
  color: '#2d7a75',
  length: { unit: 'characters', limit: 40000 },
  // A webhook carries links to the files, whatever they are.
  media: { max: 10, required: false, kinds: ['image', 'video', 'audio'], maxBytes: {}, videoAlone: false },
  credentialFields: [
    {
      name: 'url',
      kind: 'url',
      required: true,
      secret: true,
      replaceable: true,
      label: { id: 'accounts.form.url', defaultMessage: 'Webhook URL' },
      storedLabel: { id: 'accounts.secret.url', defaultMessage: 'webhook URL' },
      replaceLabel: { id: 'accounts.edit.url', defaultMessage: 'New webhook URL' },
      hint: {
        id: 'accounts.form.urlHint',
        defaultMessage: 'Anyone holding this URL can post to the channel: it is stored encrypted, like a password.',
      },
    },
    {
      name: 'flavor',
      kind: 'choice',
      required: true,
      secret: false,
      replaceable: false,
      label: { id: 'accounts.form.flavor', defaultMessage: 'Message format' },
      choices: WEBHOOK_FLAVORS.map((value) => ({ value, label: { id: `accounts.flavor.${value}`, defaultMessage: FLAVOR_LABELS[value] } })),
      initial: 'slack',
    },
    {
      name: 'secret',
      kind: 'secret',
      required: false,
      secret: true,
      replaceable: true,
      label: { id: 'accounts.form.secret', defaultMessage: 'Signing secret' },
      storedLabel: { id: 'accounts.secret.secret', defaultMessage: 'signing secret' },
      replaceLabel: { id: 'accounts.edit.secret', defaultMessage: 'New signing secret' },
      hint: {
        id: 'accounts.form.secretHint',
        defaultMessage: 'Optional. When set, every request carries an HMAC signature the receiver can verify.',
      },
    },
  ],
  help: {
    id: 'accounts.help.webhook',
    defaultMessage:
      'Posts go to a chat channel through its incoming webhook URL (Slack, Discord, Teams, Mattermost) or to any JSON endpoint.',
  },
  // The adapter sends the first comment as a second message (event `first_comment`).
  capabilities: capabilities({ connect: true, secrets: true, publish: true, firstComment: true, secretAddress: true }),
} as const satisfies NetworkProfile<'webhook'>;
