import { capabilities, MB, type NetworkProfile } from './types';

/**
 * LinkedIn organization pages, signed in with LinkedIn (OAuth 2.0): a member
 * signs in and one page they administer becomes the account.
 *
 * What LinkedIn cannot do: hide a comment. Its Comments API only creates,
 * edits and deletes comments (and a page may turn comments off for a whole
 * post), so `hide` stays off for good, not for lack of time.
 */
export const linkedin = {
  id: 'linkedin',
  label: { id: 'network.linkedin', defaultMessage: 'LinkedIn' },
  icon: 'Briefcase',
  color: '#0a66c2',
  // The Posts API caps `commentary` at 3000 characters.
  length: { unit: 'characters', limit: 3000 },
  // Images API: JPEG, PNG, GIF; a post takes one image, or 2 to 20 (multiImage). Videos API: one MP4
  // of up to 500 MB, alone. Documents API: one PDF of up to 100 MB (300 pages), alone, shown as a carousel.
  media: {
    max: 20,
    required: false,
    kinds: ['image', 'video', 'document'],
    maxBytes: { image: 36 * MB, video: 500 * MB, document: 100 * MB },
    videoAlone: true,
  },
  rateLimits: 'perEndpoint',
  credentialFields: [],
  // Organic share statistics (rolling 12 months); the page: followers and its shares' totals.
  figures: {
    posts: ['impressions', 'reach', 'clicks', 'likes', 'replies', 'reposts'],
    account: ['followers', 'impressions', 'reach', 'clicks', 'likes', 'replies', 'reposts'],
  },
  help: {
    id: 'accounts.help.linkedin',
    defaultMessage:
      'LinkedIn pages connect by signing in as a member who administers the page: an administrator first registers an app in the LinkedIn developer portal and enters its client id and secret in Settings.',
  },
  // The page picker's fields (shared/networks/linkedin.pages.ts).
  pages: { key: 'urn', detail: 'vanityName', body: 'urns', noun: 'page' },
  capabilities: capabilities({
    connect: true,
    oauth: true,
    publish: true,
    firstComment: true,
    comments: true,
    reply: true,
    metrics: true,
    lint: true,
    pagePicker: true,
  }),
} as const satisfies NetworkProfile<'linkedin'>;
