import { capabilities, MB, type NetworkProfile } from './types';

/**
 * Threads, signed in with Threads (its own OAuth, a 60-day token the plugin
 * renews): text, an image or video, or a carousel of up to 20, through media
 * containers; a first comment as a reply; reads the replies to its posts,
 * answers and hides them (`manage_reply`) (server/networks/threads/).
 */
export const threads = {
  id: 'threads',
  label: { id: 'network.threads', defaultMessage: 'Threads' },
  icon: 'Discuss',
  color: '#4a4a6a',
  // A post's text: 500 characters.
  length: { unit: 'characters', limit: 500 },
  media: { max: 20, required: false, kinds: ['image', 'video'], maxBytes: { image: 8 * MB, video: 1024 * MB }, videoAlone: false },
  credentialFields: [],
  // Post insights: views, likes, replies, reposts, quotes; the account: followers (threads_insights).
  figures: { posts: ['views', 'likes', 'replies', 'reposts', 'quotes'], account: ['followers'] },
  help: {
    id: 'accounts.help.threads',
    defaultMessage:
      'Threads connects by signing in with Threads: an administrator first adds the Threads use case to a Meta app and enters its Threads app id and secret in Settings. Threads fetches images from the site, which needs a public address.',
  },
  capabilities: capabilities({
    connect: true,
    oauth: true,
    publish: true,
    firstComment: true,
    comments: true,
    reply: true,
    hide: true,
    metrics: true,
    lint: true,
  }),
} as const satisfies NetworkProfile<'threads'>;
