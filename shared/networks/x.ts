import { capabilities, MB, type NetworkProfile } from './types';

/**
 * X (API v2): connected by signing in with OAuth 2.0 and PKCE (no form
 * fields); publishes text, up to 4 images with alt text (or one video), and a
 * first comment as a reply; reads replies and mentions, answers and hides
 * them; reads post and account metrics (server/networks/x/).
 */
export const x = {
  id: 'x',
  label: { id: 'network.x', defaultMessage: 'X' },
  icon: 'Feather',
  color: '#32324d',
  // X's weighted length (twitter-text): most characters count 1, CJK and emoji 2, every link 23.
  length: { unit: 'weighted', limit: 280 },
  // twitter-text is X's own grammar; X links bare domains too.
  text: { links: 'twitterText', hashtags: 'twitterText', facets: false },
  // Media upload: 4 images of 5 MB (a GIF up to 15 MB), or one video of 512 MB (or one GIF) alone; no audio.
  media: { max: 4, required: false, kinds: ['image', 'video'], maxBytes: { image: 5 * MB, video: 512 * MB }, videoAlone: true },
  // A thread: each part a reply to the one before (POST /2/tweets with reply.in_reply_to_tweet_id). X sets no
  // documented cap on a thread's length; 25 keeps one publication within a few minutes of calls.
  thread: { maxParts: 25 },
  // Pay-per-usage, per request, a post with a link far dearer: the composer shows each post's class (x.cost.ts).
  billing: 'perRequest',
  rateLimits: 'perEndpoint',
  credentialFields: [],
  // public_metrics: likes, reposts + quotes, replies, impressions; the user: followers, following, posts.
  figures: { posts: ['likes', 'reposts', 'replies', 'impressions', 'clicks'], account: ['followers', 'following', 'posts'] },
  help: {
    id: 'accounts.help.x',
    defaultMessage:
      'X connects by signing in: an administrator first registers an app in the X developer portal and enters its client id (and secret) in Settings.',
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
} as const satisfies NetworkProfile<'x'>;
