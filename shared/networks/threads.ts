import { capabilities, MB, type NetworkProfile } from './types';

/**
 * Threads, signed in with Threads (its own OAuth, a 60-day token the plugin
 * renews): text, an image or video, or a carousel of up to 20, through media
 * containers; a thread of several posts; a first comment as a reply; reads the replies to its posts,
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
  // A thread: each next part a reply to the one before (a TEXT container with reply_to_id), spending the replies'
  // quota (1,000 a day). Threads documents no cap on a chain's length; 25 keeps one publication within minutes.
  thread: { maxParts: 25 },
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
