import { capabilities, MB, type NetworkProfile } from './types';

export const mastodon = {
  id: 'mastodon',
  label: { id: 'network.mastodon', defaultMessage: 'Mastodon' },
  icon: 'Message',
  color: '#6364ff',
  // 500 is the stock Mastodon limit; instances may raise it, hence the linter's `overrides.limit`.
  length: { unit: 'graphemes', limit: 500, urlLength: 23 },
  // Up to 4 attachments; images 16 MB, video and audio 99 MB on a stock instance; video/audio alone.
  // The server links URLs with a scheme by twitter-text's grammar with its own overrides (shared/linter/mastodon-text.ts).
  text: { links: 'mastodonServer', hashtags: 'twitterText', facets: false },
  media: {
    max: 4,
    required: false,
    kinds: ['image', 'video', 'audio'],
    maxBytes: { image: 16 * MB, video: 99 * MB, audio: 99 * MB },
    videoAlone: true,
  },
  credentialFields: [
    {
      name: 'instanceUrl',
      kind: 'url',
      required: true,
      secret: false,
      replaceable: false,
      label: { id: 'accounts.form.instanceUrl', defaultMessage: 'Instance URL' },
      placeholder: 'https://mastodon.social',
    },
    {
      name: 'accessToken',
      kind: 'secret',
      required: true,
      secret: true,
      replaceable: true,
      label: { id: 'accounts.form.accessToken', defaultMessage: 'Access token' },
      storedLabel: { id: 'accounts.secret.accessToken', defaultMessage: 'access token' },
      replaceLabel: { id: 'accounts.edit.accessToken', defaultMessage: 'New access token' },
    },
  ],
  // Status counts (quotes_count from 4.4), the account's followers, following and statuses: no impressions.
  figures: { posts: ['likes', 'reposts', 'replies', 'quotes'], account: ['followers', 'following', 'posts'] },
  help: {
    id: 'accounts.help.mastodon',
    defaultMessage:
      'On your instance, open Preferences › Development › New application, give it the read and write:statuses scopes, then copy “Your access token”.',
  },
  // Mentions and replies are read and answered from the inbox; Mastodon cannot hide a reply (no `hide`).
  capabilities: capabilities({
    connect: true,
    secrets: true,
    publish: true,
    firstComment: true,
    comments: true,
    reply: true,
    instanceUrl: true,
    metrics: true,
    lint: true,
  }),
} as const satisfies NetworkProfile<'mastodon'>;
