import type { GuardedRequest, GuardedResponse } from '../core/http/guarded-fetch';
import type { Reason } from '../../shared/accounts/reasons';
import type { RealtimeState } from '../../shared/accounts/realtime';
import type { CredentialSpec } from './credentials';
import type { OAuthPort } from '../core/oauth/types';
import type { NetworkProfile } from '../../shared/networks';

/**
 * One network = one `NetworkAdapter`, in `server/networks/<network>/`. Its
 * ports are what the rest of the plugin may ask of a network; which ports
 * exist is told by the profile's capabilities, so no service has to know a
 * network's name. Every port throws the same four error kinds (`./errors`):
 * retryable (with Retry-After), permanent, auth (needs re-authorization),
 * unknown outcome — one retry, backoff and hold policy for all of them.
 */

export type Secrets = Record<string, string>;

/** The outbound fetcher every port is handed: the plugin's guarded fetcher with its policy and deadlines. */
export type NetworkFetch = (url: string, req?: GuardedRequest) => Promise<GuardedResponse>;

// --- auth --------------------------------------------------------------------

export interface AccountProfile {
  handle?: string;
  displayName?: string;
  avatarUrl?: string;
  profileUrl?: string;
  networkAccountId?: string;
}

export interface ConnectionCheck {
  status: 'connected' | 'needs_reauth' | 'error';
  /** why, as a code the admin translates; never holds a secret */
  reason: Reason | null;
  profile?: AccountProfile;
  limits?: { maxCharacters?: number };
  /** secrets the network handed back (e.g. a fresh session) to store encrypted */
  secrets?: Secrets;
}

export interface CheckContext {
  instanceUrl: string | null;
  settings: Record<string, unknown>;
  secrets: Secrets;
  fetch: NetworkFetch;
}

/** What an account stores from the form's validated input: a public address, settings and secrets. */
export interface StoredAccount {
  instanceUrl: string | null;
  settings: Record<string, unknown>;
  secrets: Secrets;
}

export interface AuthPort {
  /** asks the network whether the stored credentials work, and who the account is */
  check(ctx: CheckContext): Promise<ConnectionCheck>;
  /**
   * OAuth 2.0 networks (profile capability `oauth`): the authorization server
   * this network uses, described from the configuration (null while not set
   * up). The flow itself (state, PKCE, callback, token storage, refresh job)
   * lives once in `server/core/oauth/`.
   */
  oauth?: OAuthPort;
  /**
   * Further ways to sign in to the same network, each with its own app there
   * (Instagram: Instagram Login beside Facebook Login), keyed by the
   * sign-in's id, which names its Settings entry and its `CM_OAUTH_<ID>_*`
   * variables. The account keeps the one it came from (`settings.signIn`)
   * for its refresh and its next sign-in.
   */
  oauthSignIns?: Readonly<Record<string, OAuthPort>>;
}

// --- publish -----------------------------------------------------------------

/** An image or video to attach: type, name and the alt text people rely on. */
export interface MediaRef {
  mime: string;
  alt: string;
  filename: string;
  /** where the site serves the file (an upload path such as /uploads/a.jpg, or an absolute URL): for networks that fetch media themselves */
  url?: string;
}

/** The same, read: its bytes are loaded only at the moment of sending. */
export interface MediaItem extends MediaRef {
  bytes: Buffer;
}

/** What is checked before a post is sent (and compared when looking for it afterwards): the words and which media, not their bytes. */
export interface PostDraft {
  text: string;
  firstComment: string | null;
  media: readonly MediaRef[];
}

/** What is sent. */
export interface PostContent extends PostDraft {
  media: MediaItem[];
}

/** What an adapter may know and do about the account it works for. */
export interface AdapterContext {
  account: {
    documentId: string;
    network: string;
    instanceUrl: string | null;
    networkAccountId: string | null;
    handle: string | null;
    settings: Record<string, unknown>;
    limits: { maxCharacters?: number } | null;
  };
  secrets: Secrets;
  /** stores secrets the network handed back (a refreshed session), encrypted */
  saveSecrets(secrets: Secrets): Promise<void>;
  /**
   * An OAuth account's access token the network has just refused (`refused`),
   * renewed once through the OAuth core's claimed refresh: one instance spends
   * the refresh token, the others wait for it and read what it stored; a token
   * someone already replaced is not refreshed again. Present while publishing
   * an account signed in with OAuth; elsewhere a refused token waits for the
   * refresh job.
   */
  renewToken?(refused: string): Promise<TokenRenewal>;
  /**
   * The network said, on an answer that succeeded, that this work's rate-limit
   * window is spent until `until` (epoch ms; X's `x-rate-limit-remaining: 0`):
   * stored as the work's wait, shared by every instance, so that no one spends
   * a call on a certain 429 before the window resets. Absent in a preview.
   */
  windowSpent?(until: number): Promise<void>;
  /** the guarded fetcher with the plugin's outbound policy */
  fetch: NetworkFetch;
  now(): number;
  /** stable across attempts: lets a receiver de-duplicate deliveries */
  publicationId: string;
  /**
   * What a post made of several calls (an X thread) has created so far, kept
   * in the database per publication: each step is saved before the next call,
   * so a later attempt (after a crash, a retry, a reconciliation) carries on
   * where the last one stopped instead of sending a step twice. Absent where
   * nothing is stored (a preview, a unit test that does not need it).
   */
  steps?: PublishSteps;
  /**
   * What `PublishPort.ahead` made for this publication before its instant (a
   * media container), kept apart from `steps`: the publish adopts it into its
   * own steps before its call, so the steps an unknown outcome is judged by
   * are only ever written by the attempt that holds the lease.
   */
  prepared?: PublishSteps;
  /**
   * How long this attempt may wait, in wall-clock ms, for the network to
   * process an uploaded file (X's media status, LinkedIn's AVAILABLE): inside
   * the publishing lease, so that no reaper hands the row back mid-wait and a
   * second attempt uploads again. Absent: the adapter's own bound.
   */
  processingBudgetMs?: number;
  /** the site's public address (Strapi's `server.url`), null when not set: networks that fetch media by URL need it */
  publicUrl?: string | null;
  /** a short-lived signed address of the site for a file (`MediaRef.url`), null without a public address */
  mediaUrl?(file: string): string | null;
}

/**
 * What `AdapterContext.renewToken` found: a new token to send the call again
 * with; the grant refused for good (the account needs a new sign-in, `message`
 * says why in the network's words); or the token endpoint could not be asked
 * now (down, rate limited), to be tried again after the backoff.
 */
export type TokenRenewal =
  { kind: 'renewed'; secrets: Secrets } | { kind: 'refused'; message: string } | { kind: 'later'; message: string };

export interface PublishSteps {
  /** the steps saved so far, by key */
  load(): Promise<Record<string, string>>;
  save(key: string, value: string): Promise<void>;
  /** once the whole post is out: nothing left to carry on */
  clear(): Promise<void>;
  /**
   * Right before a call that publishes: throws (an unknown outcome, `lease_lost`)
   * when this attempt no longer holds the publication, and extends its lease
   * otherwise. `save` does the same check with its write. Absent or a no-op
   * where nothing is being published under a lease.
   */
  fence?(): Promise<void>;
}

export interface PublishResult {
  externalId: string;
  url: string | null;
  /** what a reply to this post must reference (Bluesky: uri and cid) */
  ref?: Record<string, string>;
}

export type Existing = { found: PublishResult } | 'absent' | 'cannot_tell';

export interface PublishPort {
  /**
   * The attempt id, stored before the call: Mastodon's Idempotency-Key,
   * Bluesky's record key (a TID). Defaults to a random UUID.
   */
  newAttemptId?(now: number): string;
  /** refuses, before any call, what the network would refuse (length, media count) */
  validate(ctx: AdapterContext, content: PostDraft): Promise<void>;
  publish(ctx: AdapterContext, content: PostContent, attemptId: string): Promise<PublishResult>;
  /**
   * Work a network needs time for and that publishes nothing, done before the
   * due time (Instagram's and Threads' containers are processed for seconds
   * to minutes before they can be published): `prepare` is called for a
   * scheduled post from `ms` before its instant, with `ctx.steps` the
   * publication's ahead store, and again if the post changes; the publish at
   * the instant adopts what it made (`ctx.prepared`). A failure here costs
   * nothing but the head start: the publish does the work itself.
   */
  ahead?: { ms: number; prepare(ctx: AdapterContext, content: PostDraft): Promise<void> };
  /** the first comment, as a reply to the post just published (profile capability `firstComment`) */
  reply?(ctx: AdapterContext, parent: PublishResult, text: string, attemptId: string): Promise<PublishResult>;
  /**
   * After an unknown outcome: is the post there? `absent` must be certain
   * enough that sending again (with the same attempt id) cannot duplicate it.
   */
  findExisting(ctx: AdapterContext, content: PostDraft, attemptId: string, since: number): Promise<Existing>;
  /** takes a published post down; absent where the network cannot (a webhook) */
  remove?(ctx: AdapterContext, post: PublishResult): Promise<void>;
}

// --- comments (capability `comments`) ------------------------------------------

export interface NetworkComment {
  externalId: string;
  /** the post (or comment) it answers */
  parentId: string;
  author: { id: string; handle: string | null; displayName: string | null; avatarUrl: string | null; profileUrl?: string | null };
  text: string;
  createdAt: string;
  url: string | null;
  hidden?: boolean;
  /** what it is to the account (the inbox's kind); a reply when left out and `parentId` is another post */
  kind?: 'reply' | 'mention' | 'quote';
  /** the network's own HTML of the text, sanitized by the inbox before it is stored or shown */
  html?: string | null;
  /** the language the network or its author declared (ISO 639-1) */
  language?: string | null;
}

export interface CommentPage {
  comments: NetworkComment[];
  /** where the next call starts; opaque to the caller, stored per account */
  cursor: string | null;
  /** more is waiting than one call reads (a long gap): the caller reads again soon, not after its interval */
  more?: boolean;
}

export interface CommentStream {
  /** the stream's address and headers (its credentials) */
  target(ctx: AdapterContext): Promise<{ url: string; headers: Record<string, string> }>;
  /** one event as a comment; null for anything else (another event type, a notification without a status) */
  parse(event: { event: string; data: string }): NetworkComment | null;
}

/** One post of a thread, as the conversation shows it. */
export interface ThreadPost {
  externalId: string;
  inReplyToId: string | null;
  url: string | null;
  author: { id: string; handle: string | null; displayName: string | null; profileUrl: string | null };
  text: string;
  createdAt: string;
}

export interface CommentContext {
  ancestors: ThreadPost[];
  descendants: ThreadPost[];
}

/**
 * Comments a network delivers to a public endpoint of the site (a webhook),
 * one endpoint per sign-in (`/inbox/push/<sign-in>`): signed with that
 * sign-in's app secret. The inbox's polling stays the catch-up; a comment
 * both deliver is stored once (by its id).
 */
export interface CommentPush {
  /** The subscription handshake: what to answer when the query asks for it with our verify token; null otherwise. */
  challenge(query: Record<string, unknown>, verifyToken: string): string | null;
  /** Whether the raw body carries the network's signature made with the app's secret. */
  signed(raw: Buffer, headers: Record<string, string | string[] | undefined>, appSecret: string): boolean;
  /**
   * The comments a delivery holds, each under the network's id of the account
   * it was sent for (`networkAccountId`); `skipped` counts the changes it does
   * not store (another field, the account's own comment); null when the body
   * is not a delivery of this network.
   */
  parse(
    body: unknown
  ): { accounts: Array<{ accountId: string; comments: NetworkComment[]; mentions?: MentionRef[] }>; skipped: number } | null;
}

/**
 * A mention a webhook announced by its ids only (Instagram's `mentions`: the
 * media, and the comment when the mention is in one), read with the account's
 * token through `CommentsPort.mentioned`.
 */
export interface MentionRef {
  mediaId: string;
  commentId: string | null;
}

export interface CommentsPort {
  /** comments on the account's posts since a cursor (null: the network's recent window) */
  listSince(ctx: AdapterContext, cursor: string | null): Promise<CommentPage>;
  /** a pushed event (webhook) as comments; null when the body is not one of ours */
  parsePush?(body: unknown, headers: Record<string, string | string[] | undefined>): NetworkComment[] | null;
  reply(ctx: AdapterContext, comment: NetworkComment, text: string, attemptId: string): Promise<PublishResult>;
  /** near-real-time: comments the network pushes to the site, signed (Meta's webhooks) */
  push?: CommentPush;
  /**
   * With `push`, for a network that pushes an account's comments only once
   * the app is subscribed on it (a Facebook page's `feed` field): makes the
   * subscription with the account's token. Never throws: a failure is the
   * state's reason (the account stays connected, its comments arrive by the
   * poll). Stored on the account's settings (`realtime`) by the caller.
   */
  subscribe?(ctx: AdapterContext): Promise<RealtimeState>;
  /** a mention `push` announced by ids, read as the account: null when the network no longer has it */
  mentioned?(ctx: AdapterContext, ref: MentionRef): Promise<NetworkComment | null>;
  /** near-real-time: where the network streams new comments as Server-Sent Events, and what one event holds */
  stream?: CommentStream;
  /** the conversation around a comment: the posts it answers (oldest first) and the answers under it */
  context?(ctx: AdapterContext, comment: NetworkComment): Promise<CommentContext>;
  /** capability `hide` */
  hide?(ctx: AdapterContext, comment: NetworkComment, hidden: boolean): Promise<void>;
  remove?(ctx: AdapterContext, comment: NetworkComment): Promise<void>;
}

// --- metrics (capability `metrics`) ----------------------------------------------

export type MetricValues = Partial<
  Record<
    | 'impressions'
    | 'reach'
    | 'likes'
    | 'reposts'
    | 'replies'
    | 'quotes'
    | 'clicks'
    | 'views'
    | 'saves'
    | 'followers'
    | 'following'
    | 'posts',
    number
  >
>;

export interface MetricsPort {
  /**
   * many posts at once; an adapter batches where the network allows, the map is keyed by externalId;
   * a post the network no longer has (deleted) is left out of the map. `ref.publishedAt` (ISO) is the
   * post's publication time, for networks whose figures the plugin makes up (the sandbox).
   */
  forPosts(ctx: AdapterContext, posts: readonly PublishResult[]): Promise<Map<string, MetricValues>>;
  forAccount(ctx: AdapterContext): Promise<MetricValues>;
}

// --- the adapter -------------------------------------------------------------------

export interface NetworkAdapter {
  /** the network's id, as stored on an account row: its profile's */
  readonly id: string;
  /** display name, length and media rules, credential fields, capabilities (shared with the admin) */
  profile: NetworkProfile;
  /** what the account form asks, and how the network splits it into public fields and secrets */
  credentials: CredentialSpec;
  auth: AuthPort;
  publish: PublishPort;
  comments?: CommentsPort;
  metrics?: MetricsPort;
}
