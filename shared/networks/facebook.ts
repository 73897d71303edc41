import { capabilities, MB, type NetworkProfile } from './types';

/**
 * Facebook pages, signed in with Facebook Login (one Meta app for Facebook
 * and Instagram): posts as the page with its page token — text with its
 * link, up to 10 photos in one post, or one video alone (fetched by Facebook
 * from the site's public address), a first comment; reads the comments
 * under its posts, answers and hides them (`is_hidden`) (server/networks/facebook/).
 */
export const facebook = {
  id: 'facebook',
  label: { id: 'network.facebook', defaultMessage: 'Facebook' },
  icon: 'ThumbUp',
  color: '#1877f2',
  // A page post's message: 63,206 characters.
  length: { unit: 'characters', limit: 63206 },
  // Up to 10 photos attached to one post (10 MB each), or one video alone (MP4 or MOV): Facebook fetches it from
  // `file_url`, a non-resumable upload, which its Video API takes up to 1 GB (larger needs the resumable upload).
  media: { max: 10, required: false, kinds: ['image', 'video'], maxBytes: { image: 10 * MB, video: 1024 * MB }, videoAlone: true },
  credentialFields: [],
  // Page posts: reactions (as likes), comments, shares; the page: its followers. Views need page insights (not read yet).
  figures: { posts: ['likes', 'replies', 'reposts'], account: ['followers'] },
  help: {
    id: 'accounts.help.facebook',
    defaultMessage:
      'Facebook pages connect by signing in with Facebook as a person who manages the page: an administrator first creates a Meta app and enters its app id and secret in Settings. Facebook fetches videos from the site, which needs a public address.',
  },
  // The page picker's fields (shared/networks/facebook.pages.ts).
  pages: { key: 'id', detail: null, body: 'ids', noun: 'page' },
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
    pagePicker: true,
  }),
} as const satisfies NetworkProfile<'facebook'>;
