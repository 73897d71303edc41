import { capabilities, MB, type NetworkProfile } from './types';

/**
 * The id of Instagram's second sign-in, Instagram Login (professional
 * accounts without a Facebook page): its app in Settings and
 * `CM_OAUTH_INSTAGRAM_LOGIN_*`, and the `signIn` its accounts keep.
 */
export const INSTAGRAM_LOGIN = 'instagram-login';

/**
 * Instagram professional accounts linked to a Facebook page, signed in with
 * Facebook Login: one image, a carousel of up to 10, or a reel, through media
 * containers Instagram fetches from the site's public address; a first
 * comment; reads the comments and their replies under its media, answers
 * and hides them (`hide`) (server/networks/instagram/).
 */
export const instagram = {
  id: 'instagram',
  label: { id: 'network.instagram', defaultMessage: 'Instagram' },
  icon: 'Image',
  color: '#c13584',
  // A caption: 2,200 characters and at most 30 hashtags.
  length: { unit: 'characters', limit: 2200, maxHashtags: 30 },
  // A carousel mixes up to 10 images and videos; a post without media is refused; JPEG up to 8 MB.
  media: { max: 10, required: true, kinds: ['image', 'video'], maxBytes: { image: 8 * MB, video: 300 * MB }, videoAlone: false },
  credentialFields: [],
  // Media insights (2025 names: `views` replaced impressions and plays): likes, comments, saves, shares, reach, views.
  figures: { posts: ['likes', 'replies', 'saves', 'reposts', 'reach', 'views'], account: ['followers', 'following', 'posts'] },
  help: {
    id: 'accounts.help.instagram',
    defaultMessage:
      'Instagram professional accounts connect by signing in, through the Facebook page they are linked to or with Instagram Login when they have none: an administrator first sets up the Meta app (and its Instagram product) in Settings. Instagram fetches images from the site, which needs a public address.',
  },
  // Two ways to connect, each with its own app: through the linked Facebook page, or Instagram Login.
  signIns: [
    {
      id: 'instagram',
      label: { id: 'accounts.signIn.instagram.facebook', defaultMessage: 'Through a Facebook page' },
      hint: {
        id: 'accounts.signIn.instagram.facebook.hint',
        defaultMessage: 'For an Instagram account linked to a Facebook page you manage: you sign in with Facebook.',
      },
    },
    {
      id: INSTAGRAM_LOGIN,
      label: { id: 'accounts.signIn.instagram.login', defaultMessage: 'Instagram Login (no Facebook page)' },
      hint: {
        id: 'accounts.signIn.instagram.login.hint',
        defaultMessage:
          'For a professional account without a Facebook page: you sign in with Instagram; its access lasts 60 days and is renewed.',
      },
    },
  ],
  // The account picker's fields (shared/networks/instagram.pages.ts): an Instagram account by id, its user name beside it.
  pages: { key: 'id', detail: 'username', body: 'ids', noun: 'account' },
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
} as const satisfies NetworkProfile<'instagram'>;
