/**
 * A network's profile: the facts about it that the server and the admin both
 * read (how it counts length, which media it takes, what its account form
 * asks, what it can do). One file per network beside this one; `index.ts`
 * lists them. Pure data: no Node, no DOM, no import from server/ or admin/.
 */

export interface LengthRule {
  /**
   * How the network measures a post:
   * - graphemes: user-perceived characters (Intl.Segmenter), as Mastodon and Bluesky do;
   * - weighted: X's weighted length from `twitter-text` (CJK and emoji count 2, URLs 23);
   * - characters: Unicode code points. LinkedIn, Facebook, Instagram and Threads only
   *   document "characters"; a code point is the closest reading of that word and, unlike
   *   UTF-16 code units, does not count an emoji such as 😀 twice.
   */
  unit: 'graphemes' | 'weighted' | 'characters';
  /** Maximum counted length. */
  limit: number;
  /** Bluesky also caps the post record at 3000 UTF-8 bytes. */
  byteLimit?: number;
  /** Mastodon counts every URL as this many characters, whatever its real length. */
  urlLength?: number;
  /** Instagram refuses captions with more hashtags than this. */
  maxHashtags?: number;
}

/**
 * Whose grammar finds what a network makes of a post's text, so the linter,
 * the UTM tagging and the preview see the links and hashtags the network will
 * (issue 13). Absent: `DEFAULT_TEXT_RULE`.
 */
export interface TextRule {
  /**
   * The links it makes: the AT Protocol's detection (bare domains too), a
   * Mastodon server's grammar (twitter-text with Mastodon's overrides, scheme
   * required), twitter-text with or without a scheme required.
   */
  links: 'atproto' | 'mastodonServer' | 'twitterText' | 'twitterTextWithScheme';
  /** The hashtags it links: the AT Protocol's tag facets or twitter-text's. */
  hashtags: 'atproto' | 'twitterText';
  /** The plugin sends rich-text facets it computes itself: the preview highlights them. */
  facets: boolean;
}

/** A network that publishes no grammar of its own: twitter-text, links with a scheme only. */
export const DEFAULT_TEXT_RULE: TextRule = { links: 'twitterTextWithScheme', hashtags: 'twitterText', facets: false };

/** `document`: a PDF, which LinkedIn posts as a carousel of its pages. */
export type MediaKind = 'image' | 'video' | 'audio' | 'document';

export interface MediaRule {
  /** most attachments in one post */
  max: number;
  /** the network refuses a post without media (Instagram) */
  required: boolean;
  kinds: readonly MediaKind[];
  /** largest file per kind, in bytes */
  maxBytes: Partial<Record<MediaKind, number>>;
  /** a video (or audio) must be the post's only attachment */
  videoAlone: boolean;
}

/** A translatable text: the admin's message id (without the plugin prefix) and its English. */
export interface Message {
  id: string;
  defaultMessage: string;
}

/** One field of a network's account form; its `name` is the API's field name. */
export interface CredentialField {
  name: string;
  kind: 'url' | 'text' | 'secret' | 'choice';
  required: boolean;
  /** stored encrypted, typed in a password input, never shown again */
  secret: boolean;
  /** a person may replace it on an existing account (an empty field keeps the stored value) */
  replaceable: boolean;
  label: Message;
  /** how the Edit dialog names it in "stored: …" */
  storedLabel?: Message;
  /** the Edit dialog's label for a replacement ("New access token") */
  replaceLabel?: Message;
  hint?: Message;
  placeholder?: string;
  /** for `choice`: the values, each with its label */
  choices?: readonly { value: string; label: Message }[];
  /** for `choice`: the value a new form starts with */
  initial?: string;
}

/** A figure a network's metrics port can give (docs/reports.md, "What each network gives"). */
export type Figure =
  'likes' | 'reposts' | 'replies' | 'quotes' | 'impressions' | 'reach' | 'clicks' | 'views' | 'saves' | 'followers' | 'following' | 'posts';

/** What a network can do here; services and the admin ask these, never a network's name. */
export interface Capabilities {
  /** an account can be added in this version (a server adapter exists) */
  connect: boolean;
  /** the account form asks for secrets, so an encryption key must be configured */
  secrets: boolean;
  /** can sign in through OAuth 2.0 (the server's OAuth core, with the adapter's provider) */
  oauth: boolean;
  publish: boolean;
  /** a first comment goes out as a reply under the post */
  firstComment: boolean;
  /** comments can be read */
  comments: boolean;
  /** comments can be answered */
  reply: boolean;
  /** comments can be hidden */
  hide: boolean;
  metrics: boolean;
  /** the account lives on an instance of its own choosing, part of its address (`@alice@mastodon.social`) */
  instanceUrl: boolean;
  /** the account's address is itself a secret: only its origin is shown (a webhook URL) */
  secretAddress: boolean;
  /** the post linter's "try it" box offers the network (a real network with a length that matters) */
  lint: boolean;
  /** one sign-in can connect several pages the member runs, each its own account, picked after signing in */
  pagePicker: boolean;
}

export interface NetworkProfile<Id extends string = string> {
  id: Id;
  /** the display name: the admin translates `network.<id>`; English messages use `defaultMessage` */
  label: Message;
  /** the admin's glyph for it, from Strapi's icon set (which has no brand logos): always shown with the name */
  icon: 'Message' | 'Cloud' | 'Feather' | 'Briefcase' | 'ThumbUp' | 'Image' | 'Discuss' | 'Webhooks' | 'PuzzlePiece';
  /** its colour in the calendar, readable with white text in the light and the dark theme */
  color: string;
  length: LengthRule;
  /** how it finds links and hashtags in a text; absent: `DEFAULT_TEXT_RULE` */
  text?: TextRule;
  media: MediaRule;
  /**
   * Posts as a thread: a text split by `---` lines (shared/networks/thread.ts)
   * goes out part by part, each a reply to the one before; each part is
   * measured on its own. Absent: the text is one post.
   */
  thread?: { maxParts: number };
  /**
   * The network's API bills per request (X): the composer shows the cost
   * class of each post it will create (`shared/networks/<network>.cost.ts`).
   */
  billing?: 'perRequest';
  /**
   * Its API counts each endpoint's calls apart (X's 15-minute windows, LinkedIn's
   * daily limits per resource): a 429 met while reading figures or the inbox
   * holds only that work, and posts still go out (server/accounts/rate-limit.ts).
   * Absent: one budget for the account, and a 429 anywhere holds every call.
   */
  rateLimits?: 'perEndpoint';
  credentialFields: readonly CredentialField[];
  /**
   * With capability `metrics`: the figures its API gives, per post and per
   * account; any other stays empty in the reports (not a zero). Absent: not written down yet.
   */
  figures?: { posts: readonly Figure[]; account: readonly Figure[] };
  /** how to get the credentials, shown above the form */
  help?: Message;
  /**
   * A network reached by more than one sign-in, each with its own app there:
   * the sign-ins (`id` as the OAuth routes take it, the network's own first)
   * with a one-line explanation each; "Add an account" offers those the
   * server has set up, as a choice when there are two or more.
   */
  signIns?: ReadonlyArray<{ id: string; label: Message; hint: Message }>;
  /**
   * With capability `pagePicker`: how its picker's routes
   * (`/<network>/accounts/:id/pages`) name a page — the answer's field that
   * keys it, the one shown beside its name (or none), the request's list of
   * keys to connect, and what the picker calls what it lists (Instagram's
   * are accounts, reached through pages) — so the admin's one picker serves
   * every such network.
   */
  pages?: { key: string; detail: string | null; body: string; noun: 'page' | 'account' };
  capabilities: Capabilities;
}

const NONE: Capabilities = {
  connect: false,
  secrets: false,
  oauth: false,
  publish: false,
  firstComment: false,
  comments: false,
  reply: false,
  hide: false,
  metrics: false,
  instanceUrl: false,
  secretAddress: false,
  lint: false,
  pagePicker: false,
};

/** Everything off but what is named: a new capability is absent until a network declares it. */
export const capabilities = (on: Partial<Capabilities>): Capabilities => ({ ...NONE, ...on });

export const MB = 1024 * 1024;
