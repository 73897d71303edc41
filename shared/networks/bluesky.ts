import { capabilities, MB, type NetworkProfile } from './types';

export const bluesky = {
  id: 'bluesky',
  label: { id: 'network.bluesky', defaultMessage: 'Bluesky' },
  icon: 'Cloud',
  color: '#0a7aff',
  length: { unit: 'graphemes', limit: 300, byteLimit: 3000 },
  // app.bsky.embed.images holds 4 images of at most 1 MB (the PDS blob limit for images); one video up to 50 MB.
  // Links, mentions and tags are facets the plugin computes with the AT Protocol's own detection (shared/linter/facets.ts).
  text: { links: 'atproto', hashtags: 'atproto', facets: true },
  media: { max: 4, required: false, kinds: ['image', 'video'], maxBytes: { image: 1_000_000, video: 50 * MB }, videoAlone: true },
  credentialFields: [
    {
      name: 'identifier',
      kind: 'text',
      required: true,
      secret: false,
      replaceable: false,
      label: { id: 'accounts.form.identifier', defaultMessage: 'Handle' },
      hint: { id: 'accounts.form.identifierHint', defaultMessage: 'Such as alice.bsky.social, or a DID.' },
      placeholder: 'alice.bsky.social',
    },
    {
      name: 'appPassword',
      kind: 'secret',
      required: true,
      secret: true,
      replaceable: true,
      label: { id: 'accounts.form.appPassword', defaultMessage: 'App password' },
      storedLabel: { id: 'accounts.secret.appPassword', defaultMessage: 'app password' },
      replaceLabel: { id: 'accounts.edit.appPassword', defaultMessage: 'New app password' },
    },
    {
      name: 'service',
      kind: 'url',
      required: false,
      secret: false,
      replaceable: false,
      label: { id: 'accounts.form.service', defaultMessage: 'PDS URL' },
      hint: { id: 'accounts.form.serviceHint', defaultMessage: 'Only for a self-hosted server. Leave empty for https://bsky.social.' },
      placeholder: 'https://bsky.social',
    },
  ],
  // like, repost, reply and quote counts, the profile's followers, follows and posts: no impressions.
  figures: { posts: ['likes', 'reposts', 'replies', 'quotes'], account: ['followers', 'following', 'posts'] },
  help: {
    id: 'accounts.help.bluesky',
    defaultMessage: 'Create an app password in Bluesky (Settings › Privacy and security › App passwords). Never use your main password.',
  },
  // Replies, mentions and quotes are read and answered from the inbox; a reply in a thread the account started can be hidden (threadgate).
  capabilities: capabilities({
    connect: true,
    secrets: true,
    publish: true,
    firstComment: true,
    comments: true,
    reply: true,
    hide: true,
    metrics: true,
    lint: true,
  }),
} as const satisfies NetworkProfile<'bluesky'>;
