import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, randomBytes } from 'node:crypto';

/**
 * Meta's Graph API family on one loopback port, as its documentation
 * describes it (docs/networks/facebook.md, instagram.md, threads.md):
 *
 * - Facebook Login: `GET /{v}/dialog/oauth` (consent → redirect with code and
 *   state), `/{v}/oauth/access_token` for the code (a short-lived user token,
 *   `expires_in` 3600) and for `grant_type=fb_exchange_token` (a long-lived
 *   one, 60 days), both checking the app id and secret; `/{v}/me/permissions`,
 *   `/{v}/me/accounts` (pages with page tokens that do not expire, each with
 *   its `instagram_business_account`);
 * - Pages: `POST /{page}/photos` (multipart, `published=false`), `POST
 *   /{page}/feed` (`message`, `link`, `attached_media[i]`), `GET
 *   /{page}/posts` (newest first, cursor-paged), `GET /{post}?fields=permalink_url`, `POST
 *   /{post}/comments`, `DELETE /{post}`;
 * - A page's webhook subscription (developers.facebook.com/docs/graph-api/reference/page/subscribed_apps):
 *   `POST /{page}/subscribed_apps` (form or query `subscribed_fields`, a comma-separated list of the
 *   page's webhook fields) with that page's token → `{success: true}`; `GET` lists the app with its
 *   `subscribed_fields` (empty `data` when not subscribed); `DELETE` removes it. A user token is
 *   refused (210, a page token is required), another page's token (200), and a token whose person
 *   did not grant `pages_manage_metadata` (`options.declined`: 200, permission error); step
 *   `subscribe` takes faults. Instagram Login's: `POST graph.instagram.com/me/subscribed_apps` with the
 *   account's token and Instagram fields (`comments`, `mentions`…), kept under the account's id;
 * - Page videos (developers.facebook.com/docs/video-api/guides/publishing,
 *   graph-api/reference/page/videos, graph-api/reference/video): `POST
 *   /{page}/videos` (form: `file_url`, `description`, `published`) fetches
 *   `file_url` before it answers `{id}` — a URL it cannot fetch is refused
 *   with 400, code 389 "Unable to fetch video file from URL" — then the video
 *   is `processing` for `processingMs` and `ready` with its feed post (text =
 *   description, id `{page}_{n}`, permalink
 *   `https://www.facebook.com/{page}/videos/{video}`), or `error` when
 *   `options.videoError` (or the video's own `error`) holds Facebook's words;
 *   `GET /{video}?fields=status,post_id,permalink_url,…` (`status` as Graph's
 *   VideoStatus: `video_status` and the uploading, processing and publishing
 *   phases with their `errors`; `permalink_url` a path on www.facebook.com, as
 *   Graph answers it; only the fields asked for); `GET /{page}/videos`
 *   (newest first, cursor-paged, processing ones included);
 * - Instagram: `POST /{ig}/media` (image_url, video_url, media_type REELS,
 *   VIDEO, CAROUSEL with children, is_carousel_item, caption, alt_text), `GET
 *   /{container}?fields=status_code`, `POST /{ig}/media_publish`, `GET
 *   /{ig}/media`, `GET /{ig}/content_publishing_limit`, `POST /{media}/comments`;
 * - Threads under `/threads-api` (graph.threads.net): `/oauth/authorize`,
 *   `POST /oauth/access_token` (short-lived, one hour), `GET /access_token`
 *   (`th_exchange_token`, 60 days), `GET /refresh_access_token`
 *   (`th_refresh_token`, refused before the token is 24 hours old), `/v1.0/me`,
 *   `POST /{user}/threads` (TEXT, IMAGE, VIDEO, CAROUSEL, reply_to_id), `GET
 *   /{container}?fields=status`, `POST /{user}/threads_publish`, `GET
 *   /{user}/threads`, `GET /{user}/threads_publishing_limit`;
 * - Instagram Login under `/ig-login` (www.instagram.com, api.instagram.com and
 *   graph.instagram.com on one port): `/oauth/authorize` (consent → redirect
 *   with code and state), `POST /oauth/access_token` (form: the app's id and
 *   secret, the code, the redirect URI → `{access_token, user_id,
 *   permissions}`, one hour), `GET /access_token` (`ig_exchange_token` with
 *   the secret → `{access_token, token_type, expires_in: 5183944}`), `GET
 *   /refresh_access_token` (`ig_refresh_token`: refused with 100 before the
 *   token is 24 hours old, 190/463 once it has expired), `GET /{v}/me?fields=
 *   user_id,username,name,profile_picture_url,account_type`, and the
 *   Instagram paths above under `/{v}/` with that account's own token (an
 *   account linked to no Facebook page);
 * - Comments (developers.facebook.com/docs/graph-api/reference/object/comments,
 *   instagram-platform/comment-moderation, threads/reply-management): `GET
 *   /{post}/comments` (Facebook: `filter=toplevel|stream`, `order`; Instagram
 *   with the `replies` field), `GET /{media}/replies` (Threads; `GET
 *   /{user}/replies`: the account's own replies, with `replied_to`), each paged
 *   with `limit` and `paging.cursors.after` (`paging.next` only when more
 *   follow); `POST /{comment}/comments` (Facebook) and `/{comment}/replies`
 *   (Instagram) answer one; `POST /{comment}` with `is_hidden` (Facebook) or
 *   `hide` (Instagram), `POST /{reply}/manage_reply` with `hide` (Threads)
 *   hide one — not the account's own (code 100); `DELETE /{comment}`;
 * - Figures: `GET /?ids=a,b&fields=reactions.summary(total_count).limit(0),
 *   comments.summary(total_count).limit(0),shares` (Facebook posts, 50 ids,
 *   error 803 when one id does not exist), `GET /{media}/insights?metric=`
 *   (Instagram, Threads: one metric the version does not know fails the whole
 *   request with 100 `metric[i] must be one of the following values`), `GET
 *   /{page}?fields=followers_count`, `GET /{ig}?fields=followers_count,
 *   follows_count,media_count`, `GET /{user}/threads_insights?metric=followers_count`.
 *
 * Every path carries its version (`/v24.0/…`, `/v1.0/…`); bearer tokens in
 * the Authorization header or `access_token`; errors in Graph's envelope
 * `{error: {message, type, code, error_subcode, fbtrace_id}}` (190 for a dead
 * token, 463 expired, 460 password changed); `X-App-Usage` on every answer,
 * `X-Business-Use-Case-Usage` on page and Instagram calls. Containers are
 * IN_PROGRESS while the fake fetches their media from its URL (ERROR when it
 * cannot) and for `processingMs`, then FINISHED, PUBLISHED once published,
 * EXPIRED after 24 hours. Faults can be injected per step (`video`: `POST
 * /{page}/videos`; `status`: a container's or a video's status read).
 */

export type MetaStep = 'feed' | 'photo' | 'container' | 'publish' | 'comment' | 'status' | 'read' | 'video' | 'subscribe';

export type MetaFault =
  /** a Graph error answer; with `apply`, the action is carried out first (Instagram's 2207051 after success) */
  | { kind: 'error'; status?: number; code: number; subcode?: number; message?: string; apply?: boolean; headers?: Record<string, string> }
  /** the connection dropped before anything is done */
  | { kind: 'reset' }
  /** done, then the connection dropped */
  | { kind: 'apply-then-reset' }
  /** done, and the answer never comes (the caller's deadline ends it) */
  | { kind: 'apply-then-hang' };

export interface MetaContainer {
  id: string;
  network: 'instagram' | 'threads';
  owner: string;
  params: Record<string, string>;
  createdAt: number;
  readyAt: number;
  fetched: 'pending' | 'ok' | 'failed';
  published: string | null;
  polls: number;
}

/** A video posted to a page (`POST /{page}/videos`): processing until `readyAt`, then its feed post, or failed. */
export interface MetaVideo {
  id: string;
  pageId: string;
  params: Record<string, string>;
  createdAt: number;
  readyAt: number;
  /** Facebook's words when processing fails (from `options.videoError` at upload, or set by a test) */
  error: string | null;
  /** the feed post made once processed */
  post: string | null;
  /** status reads */
  polls: number;
}

export interface MetaPost {
  id: string;
  network: 'facebook' | 'instagram' | 'threads';
  owner: string;
  text: string;
  link: string | null;
  /** Facebook: attached photo ids, or a video post's video id; Instagram and Threads: the container published */
  media: string[];
  container: string | null;
  replyTo: string | null;
  createdAt: number;
  permalink: string;
  /** the figures the network counts for it (reactions, shares, likes, saved, views, reach, replies, reposts, quotes…) */
  stats?: Record<string, number>;
}

/** A comment (Facebook, Instagram) or a reply (Threads) under one of the account's posts. */
export interface MetaComment {
  id: string;
  network: 'facebook' | 'instagram' | 'threads';
  /** the post (media) it is under */
  on: string;
  /** the comment it answers; null for a top-level one */
  parent: string | null;
  from: { id: string; name: string };
  text: string;
  createdAt: number;
  hidden: boolean;
  /** written by the account itself (a reply sent from the inbox) */
  own: boolean;
}

/**
 * Someone else's Instagram media or comment that @mentions one of our accounts
 * (developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/mentioned_comment,
 * /mentioned_media): only the webhook says it exists; the account reads it
 * with `GET /{ig-user}?fields=mentioned_comment.comment_id(…){…}` or
 * `mentioned_media.media_id(…){…}`.
 */
export interface MetaMention {
  /** the mentioned account */
  account: string;
  /** the media the mention is in (its caption) or under (a comment) */
  mediaId: string;
  /** the comment holding the mention; null for a caption */
  commentId: string | null;
  /** the media's owner (a caption's author); a comment's author Graph does not give */
  username: string;
  text: string;
  createdAt: number;
  permalink: string;
}

export interface MetaRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  token: string | null;
}

export interface Token {
  kind: 'user-short' | 'user-long' | 'page' | 'threads-short' | 'threads-long' | 'ig-short' | 'ig-long';
  issuedAt: number;
  expiresAt: number | null;
  revoked: boolean;
  pageId?: string;
  /** Instagram Login: the account the token is the user's of */
  igUserId?: string;
}

export interface FakeMeta {
  url: string;
  /** the Graph base without version, as the adapters' `apiUrl` */
  graphUrl: string;
  version: string;
  authorizeUrl: string;
  tokenUrl: string;
  threads: { apiUrl: string; authorizeUrl: string; tokenUrl: string; clientId: string; clientSecret: string };
  /** Instagram Login: its app (the Meta app's Instagram product has its own id and secret) and its account, linked to no page */
  instagramLogin: {
    apiUrl: string;
    authorizeUrl: string;
    tokenUrl: string;
    clientId: string;
    clientSecret: string;
    user: { id: string; username: string; name: string };
  };
  clientId: string;
  clientSecret: string;
  pages: Array<{ id: string; name: string; instagramId: string | null }>;
  instagramUser: { id: string; username: string; name: string };
  /** every Instagram professional account the fake knows (the first is `instagramUser`); link one to a page in `pages` */
  instagramUsers: Array<{ id: string; username: string; name: string }>;
  threadsUser: { id: string; username: string; name: string };
  requests: MetaRequest[];
  posts: MetaPost[];
  containers: Map<string, MetaContainer>;
  photos: Map<string, { pageId: string; published: boolean; bytes: number; alt: string | null }>;
  /** page videos, by id */
  videos: Map<string, MetaVideo>;
  comments: MetaComment[];
  /** the webhook fields the app is subscribed to on each page (`POST /{page}/subscribed_apps`), by page id */
  subscribedApps: Map<string, string[]>;
  /** a post of the account as the network holds it, as if published elsewhere (suites that read comments or figures) */
  seedPost(network: MetaPost['network'], opts?: { at?: number; stats?: Record<string, number> }): MetaPost;
  /** someone comments under a post (or answers a comment, `parent`) */
  comment(on: string, text: string, opts?: { parent?: string; from?: { id: string; name: string }; at?: number }): MetaComment;
  /** each account's followers */
  followers: { facebook: number; instagram: number; threads: number };
  /** access tokens issued, in order (no answer of the plugin may ever hold one) */
  issued: string[];
  clock: { offsetMs: number };
  options: {
    /** how long a container stays IN_PROGRESS after its media arrived */
    processingMs: number;
    /** permissions the person declined at consent */
    declined: string[];
    /** Instagram's 24-hour publishing quota (content_publishing_limit), and Threads' */
    instagramQuota: number;
    threadsQuota: number;
    /** Threads' 24-hour quota of replies (`reply_quota_usage`, `reply_config`): 1,000 */
    threadsReplyQuota: number;
    /** fetch image_url / video_url as Meta does (a container fails when it cannot) */
    fetchMedia: boolean;
    /** the media insights' metric names this Graph version knows; any other fails the whole request */
    instagramMetrics: string[];
    threadsMetrics: string[];
    /** pages `/me/accounts` lists without their `access_token` (the person's role on them gives none) */
    pagesWithoutToken: string[];
    /** Instagram accounts whose `GET /{ig-user}` answers this Graph error (a permission refused, a 500), by id */
    instagramUserErrors: Record<string, { status: number; code: number; message: string }>;
    /** how long a post takes to be made (`feed`, `media_publish`, `threads_publish`), ms: a crash can land while one is on the wire */
    latencyMs: number;
    /** a page video uploaded while this is set fails its processing with these words (`status.video_status: 'error'`) */
    videoError: string | null;
  };
  /** per request step: misbehave or not */
  fault: ((step: MetaStep, req: MetaRequest) => MetaFault | null) | null;
  /** a request whose handling (and answer) waits until the promise settles: a slow network, or a call that outlives its caller's lease */
  hold: ((req: MetaRequest) => Promise<unknown> | null) | null;
  /** a token the plugin can use without signing in (unit tests); `pageId` names an Instagram Login token's account */
  grant(kind: Token['kind'], pageId?: string): string;
  /** what the fake knows of a token it issued (its kind, when it was issued and ends) */
  tokenInfo(value: string): Token | undefined;
  /** every token dies (password changed: 190 / 460) */
  revokeAll(): void;
  /** every token dies once that network holds this many of the account's posts (the password changed mid-schedule) */
  revokeAfter: { network: MetaPost['network']; posts: number } | null;
  /** the requests to a path ending */
  calls(method: string, pathEnd: string): MetaRequest[];
  /**
   * Instagram's webhook delivery of a comment (developers.facebook.com/docs/instagram-platform/webhooks):
   * `{object: 'instagram', entry: [{id, time, changes: [{field: 'comments', value}]}]}` for the account
   * `account`, and its `X-Hub-Signature-256` (HMAC-SHA256 of the body with `secret`, the app's secret).
   * `field: 'mentions'` sends a mention's ids instead, as Meta does.
   */
  instagramWebhook(
    c: MetaComment,
    opts: { account: string; secret: string; field?: 'comments' | 'mentions' }
  ): { body: string; headers: Record<string, string> };
  /** someone else's caption (or, with `inComment`, comment) that @mentions the Instagram account */
  mention(account: string, text: string, opts?: { username?: string; inComment?: boolean }): MetaMention;
  /** the signed `mentions` delivery Meta sends for it: only the ids */
  mentionWebhook(m: MetaMention, opts: { secret: string }): { body: string; headers: Record<string, string> };
  /**
   * A page's `feed` webhook delivery (developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed):
   * `{object: 'page', entry: [{id: page, time, changes: [{field: 'feed', value}]}]}`, one change each, and its
   * `X-Hub-Signature-256` with `secret` (the Meta app's). A comment's change is `{item: 'comment', verb, comment_id,
   * post_id, parent_id (the post, or the comment answered), message, created_time (seconds), from, post}`, `verb`
   * `add` unless said; `item: 'reaction'` is its author's like of the comment's post instead.
   */
  feedWebhook(
    changes: Array<{ comment: MetaComment; verb?: 'add' | 'edited' | 'remove' | 'hide'; item?: 'comment' | 'reaction' }>,
    opts: { page: string; secret: string }
  ): { body: string; headers: Record<string, string> };
  stop(): Promise<void>;
}

const VERSION = 'v24.0';
const THREADS_VERSION = 'v1.0';
const DAY = 86_400_000;
/** Instagram's media metrics since 2025 (`impressions`, `plays` and `video_views` are gone: `views`). */
const INSTAGRAM_METRICS = ['likes', 'comments', 'saved', 'shares', 'reach', 'views', 'total_interactions', 'follows', 'profile_visits'];
const THREADS_METRICS = ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares'];
const LONG_SECONDS = 60 * 86_400;
/** Instagram Login's long-lived token, as its documentation answers it (a minute short of 60 days). */
const IG_LONG_SECONDS = 5_183_944;

/** Meta's webhook POST: the JSON body and its `X-Hub-Signature-256`, the HMAC-SHA256 of those bytes with the app's secret. */
function hubDelivery(secret: string, payload: object): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature } };
}

const token = (prefix: string) => `${prefix}${randomBytes(18).toString('base64url')}`;
const trace = () => randomBytes(8).toString('base64url');

function multipartFields(raw: Buffer, contentType: string): Map<string, Buffer> {
  const parts = new Map<string, Buffer>();
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return parts;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = raw.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) {
      const name = /name="([^"]+)"/.exec(part.subarray(0, split).toString('utf8'))?.[1];
      if (name) parts.set(name, part.subarray(split + 4));
    }
    start = next;
  }
  return parts;
}

export async function startFakeMeta(): Promise<FakeMeta> {
  const clientId = '1234567890123456';
  const clientSecret = `meta-secret-${randomBytes(8).toString('hex')}`;
  const threadsApp = { clientId: '6543210987654321', clientSecret: `threads-secret-${randomBytes(8).toString('hex')}` };
  const pages = [
    { id: '101000000000001', name: 'Harbour Café', instagramId: '17841400000000001' },
    { id: '101000000000002', name: 'Harbour Events', instagramId: null },
  ];
  const instagramUser = { id: '17841400000000001', username: 'harbourcafe', name: 'Harbour Café' };
  // Instagram Login's account: a professional account linked to no Facebook page.
  const igLoginUser = { id: '17841400000000002', username: 'harbourstudio', name: 'Harbour Studio' };
  const igApp = { clientId: '9876543210987654', clientSecret: `instagram-secret-${randomBytes(8).toString('hex')}` };
  const instagramUsers = [instagramUser, igLoginUser];
  const threadsUser = { id: '27000000000000001', username: 'harbourcafe', name: 'Harbour Café' };
  const requests: MetaRequest[] = [];
  const posts: MetaPost[] = [];
  const containers = new Map<string, MetaContainer>();
  const photos: FakeMeta['photos'] = new Map();
  const videos = new Map<string, MetaVideo>();
  const tokens = new Map<string, Token>();
  const pageTokens = new Map<string, string>();
  const codes = new Map<string, { app: 'facebook' | 'threads' | 'instagram'; redirectUri: string; used: boolean; scope: string }>();
  const issued: string[] = [];
  const clock = { offsetMs: 0 };
  const now = () => Date.now() + clock.offsetMs;
  const options: FakeMeta['options'] = {
    processingMs: 300,
    declined: [],
    instagramQuota: 100,
    threadsQuota: 250,
    threadsReplyQuota: 1000,
    fetchMedia: true,
    instagramMetrics: [...INSTAGRAM_METRICS],
    threadsMetrics: [...THREADS_METRICS],
    pagesWithoutToken: [],
    instagramUserErrors: {},
    latencyMs: 0,
    videoError: null,
  };
  const comments: MetaComment[] = [];
  const subscribedApps = new Map<string, string[]>();
  const mentions: MetaMention[] = [];
  const followers = { facebook: 1200, instagram: 3400, threads: 560 };
  const state = { fault: null as FakeMeta['fault'], hold: null as FakeMeta['hold'], revokeAfter: null as FakeMeta['revokeAfter'] };
  const revokeAll = () => {
    for (const t of tokens.values()) t.revoked = true;
  };
  /** A post was made: the tokens die here when `revokeAfter` says so. */
  const posted = (network: MetaPost['network']) => {
    const revoke = state.revokeAfter;
    if (revoke?.network === network && posts.filter((p) => p.network === network && !p.replyTo).length >= revoke.posts) revokeAll();
  };
  let appCalls = 0;
  let nextId = 18000000000000000n;
  const newId = () => String(++nextId);

  /** A processed video's feed post appears (any request looks): Facebook makes it once processing ends. */
  function settleVideos() {
    for (const video of videos.values()) {
      if (video.post || video.error || now() < video.readyAt) continue;
      video.post = `${video.pageId}_${newId()}`;
      posts.push({
        id: video.post,
        network: 'facebook',
        owner: video.pageId,
        text: video.params.description ?? '',
        link: null,
        media: [video.id],
        container: null,
        replyTo: null,
        createdAt: now(),
        permalink: `https://www.facebook.com/${video.pageId}/videos/${video.id}`,
      });
      posted('facebook');
    }
  }
  const videoStatus = (video: MetaVideo) => (video.post ? 'ready' : video.error && now() >= video.readyAt ? 'error' : 'processing');
  /** A video as Graph's Video node describes it. */
  function videoJson(video: MetaVideo): Record<string, unknown> {
    const status = videoStatus(video);
    return {
      id: video.id,
      description: video.params.description ?? '',
      created_time: iso(video.createdAt),
      updated_time: iso(Math.min(now(), Math.max(video.createdAt, video.readyAt))),
      status: {
        video_status: status,
        uploading_phase: { status: 'complete' },
        processing_phase:
          status === 'error'
            ? { status: 'error', errors: [{ message: video.error }] }
            : { status: status === 'ready' ? 'complete' : 'in_progress' },
        publishing_phase: { status: status === 'ready' ? 'complete' : 'not_started', publish_status: 'published' },
      },
      ...(video.post ? { post_id: video.post } : {}),
      // Graph answers a video's link as a path on www.facebook.com.
      permalink_url: `/${video.pageId}/videos/${video.id}`,
    };
  }

  function grant(kind: Token['kind'], pageId?: string): string {
    const ig = kind.startsWith('ig-');
    const value = token(kind.startsWith('threads') ? 'TH' : ig ? 'IGAA' : 'EAA');
    const short = kind === 'user-short' || kind === 'threads-short' || kind === 'ig-short';
    const life = short ? 3600_000 : kind === 'page' ? null : (kind === 'ig-long' ? IG_LONG_SECONDS : LONG_SECONDS) * 1000;
    tokens.set(value, {
      kind,
      issuedAt: now(),
      expiresAt: life === null ? null : now() + life,
      revoked: false,
      ...(ig ? { igUserId: pageId ?? igLoginUser.id } : { pageId }),
    });
    issued.push(value);
    return value;
  }

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    appCalls++;
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-fb-trace-id': trace(),
      'x-app-usage': JSON.stringify({ call_count: Math.min(100, appCalls % 100), total_cputime: 1, total_time: 1 }),
      ...headers,
    });
    res.end(JSON.stringify(body));
  };
  const graphError = (
    res: http.ServerResponse,
    status: number,
    code: number,
    message: string,
    extra: { subcode?: number; type?: string; headers?: Record<string, string> } = {}
  ) =>
    send(
      res,
      status,
      {
        error: {
          message,
          type: extra.type ?? (code === 190 ? 'OAuthException' : 'GraphMethodException'),
          code,
          ...(extra.subcode ? { error_subcode: extra.subcode } : {}),
          fbtrace_id: trace(),
        },
      },
      extra.headers
    );
  const buc = (id: string, type: string) => ({
    'x-business-use-case-usage': JSON.stringify({
      [id]: [{ type, call_count: 1, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 0 }],
    }),
  });

  /** The caller's token, checked: 190 for an unknown, expired or revoked one. */
  function authed(req: MetaRequest, res: http.ServerResponse, kinds: Token['kind'][]): Token | null {
    const t = req.token ? tokens.get(req.token) : undefined;
    if (!t) return (graphError(res, 400, 190, 'Invalid OAuth access token - Cannot parse access token'), null);
    if (t.revoked)
      return (
        graphError(
          res,
          400,
          190,
          'Error validating access token: The session has been invalidated because the user changed their password.',
          {
            subcode: 460,
          }
        ),
        null
      );
    if (t.expiresAt !== null && t.expiresAt <= now())
      return (graphError(res, 400, 190, 'Error validating access token: Session has expired.', { subcode: 463 }), null);
    if (!kinds.includes(t.kind)) return (graphError(res, 400, 190, `This call needs another kind of token than ${t.kind}`), null);
    return t;
  }

  function containerStatus(c: MetaContainer): 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED' {
    if (c.published) return 'PUBLISHED';
    if (c.fetched === 'failed') return 'ERROR';
    if (now() - c.createdAt > DAY) return 'EXPIRED';
    if (c.fetched === 'pending' || now() < c.readyAt) return 'IN_PROGRESS';
    const children = (c.params.children ?? '').split(',').filter(Boolean);
    if (children.some((id) => containers.get(id) && containerStatus(containers.get(id)!) !== 'FINISHED')) return 'IN_PROGRESS';
    return 'FINISHED';
  }

  /** Meta fetches the media from its URL when the container is made. */
  function fetchMedia(c: MetaContainer) {
    const url = c.params.image_url ?? c.params.video_url;
    if (!url || !options.fetchMedia) {
      c.fetched = 'ok';
      return;
    }
    fetch(url)
      .then(async (r) => {
        const ok = r.status === 200 && (await r.arrayBuffer()).byteLength > 0;
        c.fetched = ok ? 'ok' : 'failed';
        c.readyAt = now() + options.processingMs;
      })
      .catch(() => {
        c.fetched = 'failed';
      });
  }

  function recent(network: MetaPost['network'], owner: string) {
    return posts.filter((p) => p.network === network && p.owner === owner && !p.replyTo).sort((a, b) => b.createdAt - a.createdAt);
  }
  /** The replies an account published in the last 24 hours (Threads counts them apart from its posts). */
  const repliesToday = (network: MetaPost['network'], owner: string) =>
    posts.filter((p) => p.network === network && p.owner === owner && p.replyTo && now() - p.createdAt < DAY).length;
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');

  /** The top-level names of a `fields` parameter (`a,b{c,d},e.limit(0)` → a, b, e). */
  function fieldNames(fields: string): Set<string> {
    const names = new Set<string>();
    let depth = 0;
    let current = '';
    for (const ch of `${fields},`) {
      if (ch === '{' || ch === '(') depth++;
      if (ch === '}' || ch === ')') depth--;
      if (ch === ',' && depth === 0) {
        const name = /^\s*(\w+)/.exec(current)?.[1];
        if (name) names.add(name);
        current = '';
      } else current += ch;
    }
    return names;
  }
  /** Graph answers the fields asked for (and the id), nothing else. */
  function only(fields: string, full: Record<string, unknown>): Record<string, unknown> {
    const names = fieldNames(fields);
    return Object.fromEntries(Object.entries(full).filter(([key]) => key === 'id' || names.has(key)));
  }

  /** A cursor-paged list as Graph answers one: `data`, `paging.cursors`, `paging.next` only when more follow. */
  function paged(req: MetaRequest, all: unknown[], map: (item: unknown) => unknown) {
    const limit = Math.min(100, Math.max(1, Number(req.query.get('limit') ?? 25) || 25));
    const after = req.query.get('after');
    const start = after ? Number(Buffer.from(after, 'base64url').toString('utf8')) || 0 : 0;
    const slice = all.slice(start, start + limit);
    const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
    const paging: Record<string, unknown> = { cursors: { before: cursor(start), after: cursor(start + slice.length) } };
    if (start + slice.length < all.length) {
      const next = new URL(`http://fake${req.path}`);
      req.query.forEach((value, key) => next.searchParams.set(key, value));
      next.searchParams.set('after', cursor(start + slice.length));
      paging.next = `${next.pathname}${next.search}`;
    }
    return { data: slice.map(map), paging };
  }

  /** The comments under a post, oldest first: others' (the store) and the account's own (a first comment). */
  function commentsUnder(post: string): MetaComment[] {
    const own = posts
      .filter((p) => p.replyTo === post)
      .map((p): MetaComment => ({
        id: p.id,
        network: p.network,
        on: post,
        parent: null,
        from: ownerOf(p.network, p.owner),
        text: p.text,
        createdAt: p.createdAt,
        hidden: false,
        own: true,
      }));
    return [...comments.filter((c) => c.on === post), ...own].sort((a, b) => a.createdAt - b.createdAt);
  }
  function ownerOf(network: MetaComment['network'], owner: string) {
    if (network === 'facebook') return { id: owner, name: pages.find((p) => p.id === owner)?.name ?? owner };
    if (network === 'instagram') return { id: owner, name: instagramUser.username };
    return { id: owner, name: threadsUser.username };
  }

  function commentJson(c: MetaComment, fields: string): Record<string, unknown> {
    if (c.network === 'facebook')
      return only(fields, {
        id: c.id,
        message: c.text,
        created_time: iso(c.createdAt),
        from: c.from,
        is_hidden: c.hidden,
        can_hide: !c.own,
        permalink_url: `https://www.facebook.com/${c.on.replace('_', '/posts/')}?comment_id=${c.id}`,
        ...(c.parent ? { parent: { id: c.parent } } : {}),
      });
    if (c.network === 'instagram')
      return only(fields, {
        id: c.id,
        text: c.text,
        timestamp: iso(c.createdAt),
        username: c.from.name,
        from: { id: c.from.id, username: c.from.name },
        hidden: c.hidden,
        ...(c.parent ? { parent_id: c.parent } : {}),
        replies: {
          data: comments
            .filter((r) => r.parent === c.id)
            .map((r) =>
              only(/replies\{([^}]*)\}/.exec(fields)?.[1] ?? 'id', commentJson(r, 'id,text,timestamp,username,from,hidden,parent_id'))
            ),
        },
      });
    return only(fields, {
      id: c.id,
      text: c.text,
      username: c.from.name,
      timestamp: iso(c.createdAt),
      permalink: `https://www.threads.net/@${c.from.name}/post/${c.id}`,
      hide_status: c.hidden ? 'HIDDEN' : 'NOT_HUSHED',
      replied_to: { id: c.parent ?? c.on },
      root_post: { id: c.on },
      is_reply_owned_by_me: c.own,
    });
  }

  /** `POST /{comment}` (hide), `/{comment}/comments` or `/replies` (answer), `DELETE /{comment}`: true when answered. */
  function commentAction(req: MetaRequest, res: http.ServerResponse, node: string, edge: string | undefined): boolean {
    const target = comments.find((c) => c.id === node);
    if (!target) return false;
    if (req.method === 'POST' && (edge === 'comments' || edge === 'replies' || edge === 'manage_reply' || !edge)) {
      if (edge === 'comments' || edge === 'replies') {
        // Threads answers a reply with a container (`reply_to_id`), not here.
        const wanted = target.network === 'facebook' ? 'comments' : target.network === 'instagram' ? 'replies' : null;
        if (edge !== wanted) return (graphError(res, 400, 100, `Unsupported post request on ${edge}`), true);
        const message = req.form.get('message') ?? '';
        if (!message) return (graphError(res, 400, 100, '(#100) Missing message'), true);
        const reply: MetaComment = {
          id: `${target.on}_c${newId()}`,
          network: target.network,
          on: target.on,
          parent: target.id,
          from: ownerOf(target.network, target.network === 'facebook' ? target.on.split('_')[0] : instagramUser.id),
          text: message,
          createdAt: now(),
          hidden: false,
          own: true,
        };
        const apply = () => comments.push(reply);
        if (faulted('comment', req, res, apply)) return true;
        apply();
        return (send(res, 200, { id: reply.id }), true);
      }
      const flag = target.network === 'facebook' ? 'is_hidden' : 'hide';
      if ((edge === 'manage_reply') !== (target.network === 'threads') || !req.form.has(flag))
        return (graphError(res, 400, 100, `(#100) Unsupported post request: ${flag} expected`), true);
      if (target.own) return (graphError(res, 400, 100, '(#100) You cannot hide your own comment'), true);
      target.hidden = req.form.get(flag) === 'true';
      return (send(res, 200, { success: true }), true);
    }
    if (!edge && req.method === 'DELETE') {
      if (!target.own) return (graphError(res, 403, 200, '(#200) Only the author may delete this comment'), true);
      comments.splice(comments.indexOf(target), 1);
      return (send(res, 200, { success: true }), true);
    }
    return false;
  }

  /** `GET /{post}/comments` (Facebook, Instagram) or `/{media}/replies` (Threads). */
  function listComments(req: MetaRequest, res: http.ServerResponse, post: MetaPost) {
    if (faulted('read', req, res, () => undefined)) return;
    const fields = req.query.get('fields') ?? 'id,message,created_time';
    let list = commentsUnder(post.id);
    if (post.network === 'facebook') {
      if (req.query.get('filter') !== 'stream') list = list.filter((c) => !c.parent);
      if (req.query.get('order') === 'reverse_chronological') list = list.reverse();
    } else if (post.network === 'instagram') {
      list = list.filter((c) => !c.parent).reverse();
    } else {
      list = list.filter((c) => !c.parent);
      if (req.query.get('reverse') !== 'false') list = list.reverse();
    }
    return send(
      res,
      200,
      paged(req, list, (c) => commentJson(c as MetaComment, fields))
    );
  }

  /** `GET /{media}/insights?metric=`: one name the version does not know fails the whole request. */
  function insights(req: MetaRequest, res: http.ServerResponse, post: MetaPost) {
    const known = post.network === 'threads' ? options.threadsMetrics : options.instagramMetrics;
    const asked = (req.query.get('metric') ?? '').split(',').filter(Boolean);
    if (!asked.length) return graphError(res, 400, 100, '(#100) The parameter metric is required');
    const bad = asked.findIndex((m) => !known.includes(m));
    if (bad !== -1) return graphError(res, 400, 100, `(#100) metric[${bad}] must be one of the following values: ${known.join(', ')}`);
    const counted = (name: string) => {
      if (name === 'comments' || name === 'replies') return post.stats?.[name] ?? commentsUnder(post.id).length;
      return post.stats?.[name] ?? 0;
    };
    return send(res, 200, {
      data: asked.map((name) => ({
        name,
        period: 'lifetime',
        values: [{ value: counted(name) }],
        title: name,
        id: `${post.id}/insights/${name}/lifetime`,
      })),
    });
  }

  /** A Facebook post's counters, as field expansions ask them. */
  function postFields(post: MetaPost, fields: string) {
    const summary = (n: number) => ({ data: [], summary: { total_count: n } });
    return only(fields, {
      id: post.id,
      permalink_url: post.permalink,
      reactions: summary(post.stats?.reactions ?? 0),
      comments: summary(post.stats?.comments ?? commentsUnder(post.id).length),
      ...(post.stats?.shares ? { shares: { count: post.stats.shares } } : {}),
    });
  }

  /** Runs a step's fault, if any: true when the answer was already given. */
  function faulted(step: MetaStep, req: MetaRequest, res: http.ServerResponse, apply: () => unknown): boolean {
    const fault = state.fault?.(step, req);
    if (!fault) return false;
    if (fault.kind === 'reset') return (res.socket?.destroy(), true);
    if (fault.kind === 'apply-then-reset') return (apply(), res.socket?.destroy(), true);
    if (fault.kind === 'apply-then-hang') return (apply(), true);
    if (fault.apply) apply();
    graphError(res, fault.status ?? 400, fault.code, fault.message ?? 'An unknown error occurred', {
      subcode: fault.subcode,
      headers: fault.headers,
    });
    return true;
  }

  /** A page's webhook fields a Meta app may subscribe to (the Page object's, a few of them). */
  const PAGE_FIELDS = ['feed', 'mention', 'messages', 'ratings', 'name', 'picture', 'live_videos'];
  /** `/{page}/subscribed_apps`: the app's webhook subscription on the page, with the page's own token. */
  function subscriptions(req: MetaRequest, res: http.ServerResponse, page: string) {
    const t = authed(req, res, ['page', 'user-long', 'user-short']);
    if (!t) return;
    if (t.kind !== 'page') return graphError(res, 400, 210, '(#210) A page access token is required to request this resource.');
    if (t.pageId !== page) return graphError(res, 403, 200, '(#200) Permissions error');
    if (options.declined.includes('pages_manage_metadata'))
      return graphError(res, 403, 200, '(#200) The user must grant pages_manage_metadata to manage the subscriptions of this page');
    if (req.method === 'GET') {
      const fields = subscribedApps.get(page);
      return send(res, 200, {
        data: fields
          ? [{ category: 'Business', link: 'https://harbour.example/', name: 'Harbour Community', id: clientId, subscribed_fields: fields }]
          : [],
      });
    }
    if (req.method === 'DELETE') {
      subscribedApps.delete(page);
      return send(res, 200, { success: true });
    }
    if (req.method !== 'POST') return graphError(res, 400, 100, `Unsupported ${req.method} request on subscribed_apps`);
    const asked = (req.form.get('subscribed_fields') ?? req.query.get('subscribed_fields') ?? '').split(',').filter(Boolean);
    if (!asked.length) return graphError(res, 400, 100, '(#100) The parameter subscribed_fields is required');
    const bad = asked.findIndex((f) => !PAGE_FIELDS.includes(f));
    if (bad !== -1)
      return graphError(
        res,
        400,
        100,
        `(#100) Param subscribed_fields[${bad}] must be one of {${PAGE_FIELDS.join(', ')}} - got "${asked[bad]}"`
      );
    // The fields given replace the app's earlier ones on the page: one subscription, however often it is made.
    const apply = () => subscribedApps.set(page, asked);
    if (faulted('subscribe', req, res, apply)) return;
    apply();
    return send(res, 200, { success: true });
  }

  function consent(req: MetaRequest, res: http.ServerResponse, app: 'facebook' | 'threads' | 'instagram') {
    const expected = app === 'facebook' ? clientId : app === 'threads' ? threadsApp.clientId : igApp.clientId;
    const redirect = req.query.get('redirect_uri');
    if (req.query.get('client_id') !== expected || !redirect) return graphError(res, 400, 100, 'Invalid client_id or redirect_uri');
    // Instagram Login asks for `response_type=code` and at least one scope.
    if (app === 'instagram' && (req.query.get('response_type') !== 'code' || !req.query.get('scope')))
      return graphError(res, 400, 100, 'Invalid response_type or scope', { type: 'OAuthException' });
    const code = token('code-');
    codes.set(code, { app, redirectUri: redirect, used: false, scope: req.query.get('scope') ?? '' });
    const to = new URL(redirect);
    to.searchParams.set('code', code);
    to.searchParams.set('state', req.query.get('state') ?? '');
    res.writeHead(302, { location: to.toString() });
    res.end();
  }

  function exchange(req: MetaRequest, res: http.ServerResponse, app: 'facebook' | 'threads' | 'instagram') {
    const params = req.method === 'POST' ? req.form : req.query;
    const expected =
      app === 'facebook'
        ? { id: clientId, secret: clientSecret }
        : app === 'threads'
          ? { id: threadsApp.clientId, secret: threadsApp.clientSecret }
          : { id: igApp.clientId, secret: igApp.clientSecret };
    if (params.get('client_id') !== expected.id || params.get('client_secret') !== expected.secret)
      return graphError(res, 400, 101, 'Error validating client secret.', { type: 'OAuthException' });
    const code = codes.get(params.get('code') ?? '');
    if (!code || code.used || code.app !== app || code.redirectUri !== params.get('redirect_uri'))
      return graphError(res, 400, 100, 'This authorization code has been used or is invalid.', { subcode: 36009, type: 'OAuthException' });
    code.used = true;
    if (app === 'threads') return send(res, 200, { access_token: grant('threads-short'), user_id: Number(threadsUser.id) });
    if (app === 'instagram') {
      // The short-lived token, the account's id (a string: it does not fit a double) and the permissions granted.
      const granted = code.scope.split(',').filter((p) => p && !options.declined.includes(p));
      return send(res, 200, { access_token: grant('ig-short'), user_id: igLoginUser.id, permissions: granted.join(',') });
    }
    return send(res, 200, { access_token: grant('user-short'), token_type: 'bearer', expires_in: 3600 });
  }

  async function handle(req: MetaRequest, res: http.ServerResponse, raw: Buffer) {
    const threads = req.path.startsWith('/threads-api/');
    const igLogin = req.path.startsWith('/ig-login/');
    const path = threads ? req.path.slice('/threads-api'.length) : igLogin ? req.path.slice('/ig-login'.length) : req.path;
    const fields = req.query.get('fields') ?? '';
    if (options.latencyMs && req.method === 'POST' && /\/(feed|media_publish|threads_publish)$/.test(path))
      await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    const held = state.hold?.(req);
    if (held) await held;
    settleVideos();

    if (igLogin) {
      if (path === '/oauth/authorize' && req.method === 'GET') return consent(req, res, 'instagram');
      if (path === '/oauth/access_token' && req.method === 'POST') return exchange(req, res, 'instagram');
      if (path === '/access_token' && req.method === 'GET') {
        if (req.query.get('grant_type') !== 'ig_exchange_token' || req.query.get('client_secret') !== igApp.clientSecret)
          return graphError(res, 400, 101, 'Error validating client secret.', { type: 'OAuthException' });
        const t = authed(req, res, ['ig-short']);
        if (!t) return;
        return send(res, 200, { access_token: grant('ig-long', t.igUserId), token_type: 'bearer', expires_in: IG_LONG_SECONDS });
      }
      if (path === '/refresh_access_token' && req.method === 'GET') {
        const t = authed(req, res, ['ig-long']);
        if (!t) return;
        if (req.query.get('grant_type') !== 'ig_refresh_token') return graphError(res, 400, 100, 'Unsupported grant_type');
        if (now() - t.issuedAt < DAY)
          return graphError(res, 400, 100, 'The access token can be refreshed once it is at least 24 hours old', {
            type: 'OAuthException',
          });
        return send(res, 200, { access_token: grant('ig-long', t.igUserId), token_type: 'bearer', expires_in: IG_LONG_SECONDS });
      }
      // Instagram Login's own subscription (developers.facebook.com/docs/instagram-platform/webhooks, step 3):
      // `POST /me/subscribed_apps` with `subscribed_fields` (the Instagram account's fields), the account's token.
      if (/^\/v\d+\.\d\/me\/subscribed_apps$/.test(path)) {
        const t = authed(req, res, ['ig-long']);
        if (!t) return;
        if (req.method !== 'POST') return graphError(res, 400, 100, `Unsupported ${req.method} request on subscribed_apps`);
        const asked = (req.form.get('subscribed_fields') ?? req.query.get('subscribed_fields') ?? '').split(',').filter(Boolean);
        const allowed = ['comments', 'live_comments', 'mentions', 'messages', 'message_reactions', 'messaging_seen', 'story_insights'];
        if (!asked.length || asked.some((f) => !allowed.includes(f)))
          return graphError(res, 400, 100, `(#100) Param subscribed_fields must be some of {${allowed.join(', ')}}`);
        const apply = () => subscribedApps.set(t.igUserId!, asked);
        if (faulted('subscribe', req, res, apply)) return;
        apply();
        return send(res, 200, { success: true });
      }
      if (/^\/v\d+\.\d\/me$/.test(path) && req.method === 'GET') {
        const t = authed(req, res, ['ig-long']);
        if (!t) return;
        const user = instagramUsers.find((u) => u.id === t.igUserId)!;
        return send(
          res,
          200,
          only(fields || 'user_id,username', {
            // `id` is the app-scoped id; `user_id` the professional account's, which the API's paths take.
            id: `app-${user.id}`,
            user_id: user.id,
            username: user.username,
            name: user.name,
            profile_picture_url: 'https://example.test/ig-login.jpg',
            account_type: 'BUSINESS',
            followers_count: followers.instagram,
            follows_count: 80,
            media_count: recent('instagram', user.id).length,
          }),
          buc(user.id, 'instagram')
        );
      }
    }

    if (threads) {
      if (path === '/oauth/authorize' && req.method === 'GET') return consent(req, res, 'threads');
      if (path === '/oauth/access_token' && req.method === 'POST') return exchange(req, res, 'threads');
      if (path === '/access_token' && req.method === 'GET') {
        if (req.query.get('grant_type') !== 'th_exchange_token' || req.query.get('client_secret') !== threadsApp.clientSecret)
          return graphError(res, 400, 101, 'Error validating client secret.', { type: 'OAuthException' });
        if (!authed(req, res, ['threads-short'])) return;
        return send(res, 200, { access_token: grant('threads-long'), token_type: 'bearer', expires_in: LONG_SECONDS });
      }
      if (path === '/refresh_access_token' && req.method === 'GET') {
        const t = authed(req, res, ['threads-long']);
        if (!t) return;
        if (req.query.get('grant_type') !== 'th_refresh_token') return graphError(res, 400, 100, 'Unsupported grant_type');
        if (now() - t.issuedAt < DAY) return graphError(res, 400, 190, 'A long-lived token can be refreshed once it is 24 hours old');
        return send(res, 200, { access_token: grant('threads-long'), token_type: 'bearer', expires_in: LONG_SECONDS });
      }
      const m = /^\/v1\.0\/(\w+)(?:\/(\w+))?$/.exec(path);
      if (!m) return graphError(res, 400, 2500, `Unknown path components: ${path}`);
      if (!authed(req, res, ['threads-long'])) return;
      const [, node, edge] = m;
      const user = node === 'me' || node === threadsUser.id;
      if (commentAction(req, res, node, edge)) return;
      const own = posts.find((p) => p.id === node && p.network === 'threads');
      if (own && edge === 'replies' && req.method === 'GET') return listComments(req, res, own);
      if (own && edge === 'insights' && req.method === 'GET') return insights(req, res, own);
      if (user && edge === 'threads_insights' && req.method === 'GET') {
        const asked = (req.query.get('metric') ?? '').split(',').filter(Boolean);
        const bad = asked.findIndex((name) => !['views', 'likes', 'replies', 'reposts', 'quotes', 'followers_count'].includes(name));
        if (!asked.length || bad !== -1) return graphError(res, 400, 100, `(#100) metric[${Math.max(0, bad)}] is not a valid metric`);
        return send(res, 200, {
          data: asked.map((name) => ({
            name,
            period: 'day',
            total_value: { value: name === 'followers_count' ? followers.threads : 0 },
            id: `${threadsUser.id}/insights/${name}/day`,
          })),
        });
      }
      if (user && !edge && req.method === 'GET')
        return send(res, 200, {
          id: threadsUser.id,
          username: threadsUser.username,
          name: threadsUser.name,
          threads_profile_picture_url: 'https://example.test/th.jpg',
        });
      if (user && edge === 'threads' && req.method === 'POST') return createContainer(req, res, 'threads', threadsUser.id);
      if (user && edge === 'threads_publish' && req.method === 'POST') return publishContainer(req, res, 'threads', threadsUser.id);
      if (user && edge === 'threads' && req.method === 'GET')
        return send(res, 200, {
          data: recent('threads', threadsUser.id)
            .slice(0, Number(req.query.get('limit') ?? 25))
            .map((p) => ({ id: p.id, text: p.text, timestamp: iso(p.createdAt), permalink: p.permalink })),
        });
      // The account's own replies, newest first (threads_read_replies): a thread's next parts, its first comments.
      if (user && edge === 'replies' && req.method === 'GET')
        return send(res, 200, {
          data: posts
            .filter((p) => p.network === 'threads' && p.owner === threadsUser.id && p.replyTo)
            .sort((a, b) => b.createdAt - a.createdAt)
            .slice(0, Number(req.query.get('limit') ?? 25))
            .map((p) => ({ id: p.id, text: p.text, timestamp: iso(p.createdAt), permalink: p.permalink, replied_to: { id: p.replyTo } })),
        });
      if (user && edge === 'threads_publishing_limit')
        return send(res, 200, {
          data: [
            // What `fields` asks: the posts' quota and (another pair of fields) the replies'.
            only(fields, {
              quota_usage: recent('threads', threadsUser.id).filter((p) => now() - p.createdAt < DAY).length,
              config: { quota_total: options.threadsQuota, quota_duration: 86400 },
              reply_quota_usage: repliesToday('threads', threadsUser.id),
              reply_config: { quota_total: options.threadsReplyQuota, quota_duration: 86400 },
            }),
          ],
        });
      return readNode(req, res, node, fields, 'threads');
    }

    const m = /^\/(v\d+\.\d)\/(?:(\w+)(?:\/(\w+))?)?$/.exec(path);
    if (!m || m[1] !== VERSION) return graphError(res, 400, 2500, `Unknown path components: ${path}`);
    const [, , node = '', edge] = m;
    if (!igLogin && node === 'dialog' && edge === 'oauth') return consent(req, res, 'facebook');
    if (!igLogin && node === 'oauth' && edge === 'access_token') {
      const params = req.method === 'POST' ? req.form : req.query;
      if (params.get('grant_type') === 'fb_exchange_token') {
        if (params.get('client_id') !== clientId || params.get('client_secret') !== clientSecret)
          return graphError(res, 400, 101, 'Error validating client secret.', { type: 'OAuthException' });
        const short = tokens.get(params.get('fb_exchange_token') ?? '');
        if (!short || short.kind !== 'user-short' || short.revoked || (short.expiresAt ?? 0) <= now())
          return graphError(res, 400, 190, 'Invalid OAuth access token.');
        return send(res, 200, { access_token: grant('user-long'), token_type: 'bearer', expires_in: LONG_SECONDS });
      }
      return exchange(req, res, 'facebook');
    }
    if (!igLogin && node === 'me' && edge === 'permissions' && req.method === 'GET') {
      if (!authed(req, res, ['user-short', 'user-long'])) return;
      const all = [
        'pages_show_list',
        'pages_read_engagement',
        'pages_manage_posts',
        'pages_read_user_content',
        'pages_manage_engagement',
        'pages_manage_metadata',
        'business_management',
        'instagram_manage_comments',
        'instagram_manage_insights',
        'instagram_basic',
        'instagram_content_publish',
        'public_profile',
      ];
      return send(res, 200, {
        data: all.map((permission) => ({ permission, status: options.declined.includes(permission) ? 'declined' : 'granted' })),
      });
    }
    if (!igLogin && node === 'me' && edge === 'accounts' && req.method === 'GET') {
      if (!authed(req, res, ['user-long', 'user-short'])) return;
      return send(res, 200, {
        data: pages.map((p) => {
          if (!pageTokens.has(p.id)) pageTokens.set(p.id, grant('page', p.id));
          return {
            id: p.id,
            name: p.name,
            access_token: options.pagesWithoutToken.includes(p.id) ? undefined : pageTokens.get(p.id),
            tasks: ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MODERATE', 'MANAGE'],
            ...(p.instagramId ? { instagram_business_account: { id: p.instagramId } } : {}),
          };
        }),
        paging: { cursors: { before: 'b', after: 'a' } },
      });
    }
    if (!igLogin && edge === 'subscribed_apps' && pages.some((p) => p.id === node)) return subscriptions(req, res, node);
    // graph.instagram.com takes the account's own Instagram Login token; graph.facebook.com a page token.
    const t = authed(req, res, igLogin ? ['ig-long'] : ['page']);
    if (!t) return;
    if (!node && req.method === 'GET') {
      // Several objects in one call (`?ids=`): one id that does not exist fails them all (803).
      const ids = (req.query.get('ids') ?? '').split(',').filter(Boolean);
      if (!ids.length || ids.length > 50) return graphError(res, 400, 100, '(#100) ids takes 1 to 50 ids');
      const found = ids.map((id) => posts.find((p) => p.id === id && p.network === 'facebook'));
      if (found.some((p) => !p)) return graphError(res, 404, 803, '(#803) Some of the aliases you requested do not exist');
      if (faulted('read', req, res, () => undefined)) return;
      return send(res, 200, Object.fromEntries(found.map((p) => [p!.id, postFields(p!, fields)])));
    }
    const page = pages.find((p) => p.id === node);
    if (page) {
      if (t.pageId !== page.id) return graphError(res, 403, 200, 'Permissions error: this page token is for another page');
      const headers = buc(page.id, 'pages');
      if (!edge && req.method === 'GET')
        return send(
          res,
          200,
          only(fields || 'id,name,link', {
            id: page.id,
            name: page.name,
            link: `https://www.facebook.com/${page.id}`,
            followers_count: followers.facebook,
            fan_count: followers.facebook - 7,
          }),
          headers
        );
      if (edge === 'photos' && req.method === 'POST') {
        const parts = multipartFields(raw, String(req.headers['content-type'] ?? ''));
        const source = parts.get('source');
        if (!source?.length) return graphError(res, 400, 324, 'Requires upload file', { headers });
        const id = newId();
        const apply = () =>
          photos.set(id, {
            pageId: page.id,
            published: parts.get('published')?.toString() !== 'false',
            bytes: source.length,
            alt: parts.get('alt_text_custom')?.toString() ?? null,
          });
        if (faulted('photo', req, res, apply)) return;
        apply();
        return send(res, 200, { id }, headers);
      }
      if (edge === 'feed' && req.method === 'POST') {
        const media: string[] = [];
        for (let i = 0; req.form.has(`attached_media[${i}]`); i++) {
          const fbid = (JSON.parse(req.form.get(`attached_media[${i}]`)!) as { media_fbid: string }).media_fbid;
          const photo = photos.get(fbid);
          if (!photo || photo.pageId !== page.id) return graphError(res, 400, 100, `Invalid media_fbid ${fbid}`, { headers });
          media.push(fbid);
        }
        if (!req.form.get('message') && !media.length && !req.form.get('link'))
          return graphError(res, 400, 100, 'Missing message or attachment', { headers });
        const id = `${page.id}_${newId()}`;
        const apply = () => {
          posts.push({
            id,
            network: 'facebook',
            owner: page.id,
            text: req.form.get('message') ?? '',
            link: req.form.get('link'),
            media,
            container: null,
            replyTo: null,
            createdAt: now(),
            permalink: `https://www.facebook.com/${page.id}/posts/${id.split('_')[1]}`,
          });
          posted('facebook');
        };
        if (faulted('feed', req, res, apply)) return;
        apply();
        return send(res, 200, { id }, headers);
      }
      if (edge === 'videos' && req.method === 'POST') {
        const fileUrl = req.form.get('file_url');
        if (!fileUrl) return graphError(res, 400, 100, '(#100) file_url or an uploaded file is required', { headers });
        // Facebook fetches the file before it answers; one it cannot fetch is refused (code 389).
        if (options.fetchMedia) {
          const fetched = await fetch(fileUrl)
            .then(async (r) => r.status === 200 && (await r.arrayBuffer()).byteLength > 0)
            .catch(() => false);
          if (!fetched) return graphError(res, 400, 389, '(#389) Unable to fetch video file from URL.', { headers });
        }
        const id = newId();
        const apply = () =>
          videos.set(id, {
            id,
            pageId: page.id,
            params: Object.fromEntries(req.form.entries()),
            createdAt: now(),
            readyAt: now() + options.processingMs,
            error: options.videoError,
            post: null,
            polls: 0,
          });
        if (faulted('video', req, res, apply)) return;
        apply();
        return send(res, 200, { id }, headers);
      }
      if (edge === 'videos' && req.method === 'GET')
        return send(
          res,
          200,
          paged(
            req,
            [...videos.values()].filter((v) => v.pageId === page.id).sort((a, b) => b.createdAt - a.createdAt),
            (item) => only(fields || 'id,description,updated_time', videoJson(item as MetaVideo))
          ),
          headers
        );
      if (edge === 'posts' && req.method === 'GET')
        return send(
          res,
          200,
          paged(req, recent('facebook', page.id), (item) => {
            const p = item as MetaPost;
            return { id: p.id, message: p.text, created_time: iso(p.createdAt), permalink_url: p.permalink };
          }),
          headers
        );
      return graphError(res, 400, 100, `Unsupported ${req.method} request on ${edge}`, { headers });
    }
    const igUser = instagramUsers.find((u) => u.id === node);
    if (igUser) {
      const pageOfIg = pages.find((p) => p.instagramId === node);
      if (igLogin ? t.igUserId !== node : t.pageId !== pageOfIg?.id)
        return graphError(res, 403, 10, 'Application does not have permission for this action');
      const headers = buc(node, 'instagram');
      const refused = options.instagramUserErrors[node];
      if (!edge && req.method === 'GET' && refused) return graphError(res, refused.status, refused.code, refused.message, { headers });
      // A mention read by its ids (the webhook's): the comment's text and time (Graph gives no commenter), or the caption's.
      const asked = /^mentioned_(comment|media)\.(comment_id|media_id)\((\d+)\)\{(.*)\}$/.exec(fields);
      if (!edge && req.method === 'GET' && asked) {
        const [, kind, , id, subFields] = asked;
        if (faulted('read', req, res, () => undefined)) return;
        const m = mentions.find((x) => x.account === node && (kind === 'comment' ? x.commentId === id : x.mediaId === id && !x.commentId));
        if (!m) return graphError(res, 400, 100, `(#100) Invalid ${kind === 'comment' ? 'comment_id' : 'media_id'}: ${id}`, { headers });
        const value =
          kind === 'comment'
            ? only(subFields.replace(/media\{[^}]*\}/, 'media'), {
                id: m.commentId,
                text: m.text,
                timestamp: iso(m.createdAt),
                like_count: 0,
                media: { id: m.mediaId, permalink: m.permalink },
              })
            : only(subFields, {
                id: m.mediaId,
                caption: m.text,
                timestamp: iso(m.createdAt),
                username: m.username,
                permalink: m.permalink,
                media_type: 'IMAGE',
              });
        return send(res, 200, { id: node, [`mentioned_${kind}`]: value }, headers);
      }
      if (!edge && req.method === 'GET')
        return send(
          res,
          200,
          only(fields || 'id,username,name,profile_picture_url', {
            id: node,
            username: igUser.username,
            name: igUser.name,
            profile_picture_url: 'https://example.test/ig.jpg',
            followers_count: followers.instagram,
            follows_count: 80,
            media_count: recent('instagram', node).length,
          }),
          headers
        );
      // An answer to a mention, on the other account's media (or under its comment): ig-user/mentions.
      if (edge === 'mentions' && req.method === 'POST') {
        const mediaId = req.form.get('media_id') ?? '';
        const commentId = req.form.get('comment_id') ?? null;
        const m = mentions.find((x) => x.account === node && x.mediaId === mediaId && (!commentId || x.commentId === commentId));
        if (!m) return graphError(res, 400, 100, '(#100) The mention could not be found', { headers });
        if (!req.form.get('message')) return graphError(res, 400, 100, '(#100) message is required', { headers });
        const id = newId();
        const apply = () =>
          comments.push({
            id,
            network: 'instagram',
            on: mediaId,
            parent: commentId,
            from: { id: node, name: igUser.username },
            text: req.form.get('message')!,
            createdAt: now(),
            hidden: false,
            own: true,
          });
        if (faulted('comment', req, res, apply)) return;
        apply();
        return send(res, 200, { id }, headers);
      }
      if (edge === 'media' && req.method === 'POST') return createContainer(req, res, 'instagram', node);
      if (edge === 'media_publish' && req.method === 'POST') return publishContainer(req, res, 'instagram', node);
      if (edge === 'media' && req.method === 'GET')
        return send(
          res,
          200,
          {
            data: recent('instagram', node)
              .slice(0, Number(req.query.get('limit') ?? 25))
              .map((p) => ({ id: p.id, caption: p.text, timestamp: iso(p.createdAt), permalink: p.permalink })),
          },
          headers
        );
      if (edge === 'content_publishing_limit')
        return send(
          res,
          200,
          {
            data: [
              {
                quota_usage: recent('instagram', node).filter((p) => now() - p.createdAt < DAY).length,
                config: { quota_total: options.instagramQuota, quota_duration: 86400 },
              },
            ],
          },
          headers
        );
      return graphError(res, 400, 100, `Unsupported ${req.method} request on ${edge}`, { headers });
    }
    if (commentAction(req, res, node, edge)) return;
    const target = posts.find((p) => p.id === node && p.network !== 'threads');
    if (target && edge === 'comments' && req.method === 'GET') return listComments(req, res, target);
    if (target && edge === 'insights' && req.method === 'GET' && target.network === 'instagram') return insights(req, res, target);
    if (edge === 'comments' && req.method === 'POST') {
      const parent = posts.find((p) => p.id === node);
      if (!parent) return graphError(res, 400, 100, `Unsupported post request. Object with ID '${node}' does not exist`);
      const id = `${node}_c${newId()}`;
      const apply = () =>
        posts.push({
          id,
          network: parent.network,
          owner: parent.owner,
          text: req.form.get('message') ?? '',
          link: null,
          media: [],
          container: null,
          replyTo: parent.id,
          createdAt: now(),
          permalink: `${parent.permalink}?comment_id=${id}`,
        });
      if (faulted('comment', req, res, apply)) return;
      apply();
      return send(res, 200, { id });
    }
    if (!edge && req.method === 'DELETE') {
      const at = posts.findIndex((p) => p.id === node);
      if (at === -1) return graphError(res, 404, 100, 'Object does not exist');
      posts.splice(at, 1);
      return send(res, 200, { success: true });
    }
    return readNode(req, res, node, fields, 'graph');
  }

  function readNode(req: MetaRequest, res: http.ServerResponse, node: string, fields: string, _api: 'graph' | 'threads') {
    const video = videos.get(node);
    if (video) {
      if (faulted('status', req, res, () => undefined)) return;
      video.polls++;
      return send(res, 200, only(fields || 'id,description,updated_time', videoJson(video)));
    }
    const container = containers.get(node);
    if (container) {
      if (faulted('status', req, res, () => undefined)) return;
      container.polls++;
      const status = containerStatus(container);
      const error = status === 'ERROR' ? { error_message: 'Media download has failed. The media URI doesn’t meet our requirements.' } : {};
      if (container.network === 'threads') return send(res, 200, { id: node, status, ...error });
      return send(res, 200, { id: node, status_code: status, status: `${status[0]}${status.slice(1).toLowerCase()}`, ...error });
    }
    const post = posts.find((p) => p.id === node);
    if (post) {
      if (faulted('read', req, res, () => undefined)) return;
      if (post.network === 'facebook' && /reactions|comments|shares/.test(fields)) return send(res, 200, postFields(post, fields));
      return send(res, 200, {
        id: post.id,
        ...(fields.includes('permalink_url') ? { permalink_url: post.permalink } : {}),
        ...(fields.includes('permalink') && !fields.includes('permalink_url') ? { permalink: post.permalink } : {}),
      });
    }
    return graphError(
      res,
      400,
      100,
      `Unsupported get request. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      {
        subcode: 33,
      }
    );
  }

  function createContainer(req: MetaRequest, res: http.ServerResponse, network: 'instagram' | 'threads', owner: string) {
    const p = Object.fromEntries(req.form.entries());
    const type = p.media_type ?? (p.image_url ? 'IMAGE' : '');
    if (network === 'instagram') {
      if (type === 'CAROUSEL') {
        const children = (p.children ?? '').split(',').filter(Boolean);
        if (children.length < 2 || children.length > 10)
          return graphError(res, 400, 100, 'A carousel takes 2 to 10 children', { subcode: 2207036 });
        if (children.some((id) => !containers.get(id)?.params.is_carousel_item))
          return graphError(res, 400, 100, 'Invalid children', { subcode: 2207013 });
      } else if (!p.image_url && !p.video_url)
        return graphError(res, 400, 100, 'Only photo or video can be accepted as media type.', { subcode: 2207023 });
      if ((p.caption ?? '').length > 2200) return graphError(res, 400, 100, 'The caption is too long', { subcode: 2207010 });
      if (((p.caption ?? '').match(/#/g) ?? []).length > 30) return graphError(res, 400, 100, 'Too many hashtags', { subcode: 2207010 });
    } else {
      if (!['TEXT', 'IMAGE', 'VIDEO', 'CAROUSEL'].includes(type))
        return graphError(res, 400, 100, 'Param media_type must be one of TEXT, IMAGE, VIDEO, CAROUSEL');
      if ([...(p.text ?? '')].length > 500) return graphError(res, 400, 100, 'The text is longer than 500 characters');
      if (type === 'CAROUSEL' && (p.children ?? '').split(',').filter(Boolean).length < 2)
        return graphError(res, 400, 100, 'A carousel takes 2 to 20 children');
    }
    const id = newId();
    const container: MetaContainer = {
      id,
      network,
      owner,
      params: p,
      createdAt: now(),
      readyAt: now() + options.processingMs,
      fetched: 'pending',
      published: null,
      polls: 0,
    };
    const apply = () => {
      containers.set(id, container);
      fetchMedia(container);
    };
    if (faulted('container', req, res, apply)) return;
    apply();
    return send(res, 200, { id }, network === 'instagram' ? buc(owner, 'instagram') : {});
  }

  function publishContainer(req: MetaRequest, res: http.ServerResponse, network: 'instagram' | 'threads', owner: string) {
    const container = containers.get(req.form.get('creation_id') ?? '');
    if (!container || container.owner !== owner) return graphError(res, 400, 100, 'Invalid creation_id', { subcode: 2207032 });
    const status = containerStatus(container);
    if (status === 'PUBLISHED') return graphError(res, 400, 9007, 'The media has already been published', { subcode: 2207006 });
    if (status !== 'FINISHED') return graphError(res, 400, 9007, 'Media ID is not available', { subcode: 2207027 });
    // A Threads reply spends the replies' quota, a post the posts'.
    const reply = network === 'threads' && Boolean(container.params.reply_to_id);
    const used = reply ? repliesToday(network, owner) : recent(network, owner).filter((p) => now() - p.createdAt < DAY).length;
    if (used >= (network === 'instagram' ? options.instagramQuota : reply ? options.threadsReplyQuota : options.threadsQuota))
      return graphError(res, 400, 9, 'Application request limit reached', { subcode: 2207042 });
    const id = newId();
    const apply = () => {
      container.published = id;
      const reply = container.params.reply_to_id ?? null;
      posts.push({
        id,
        network,
        owner,
        text: container.params.caption ?? container.params.text ?? '',
        link: null,
        media: (container.params.children ?? '').split(',').filter(Boolean),
        container: container.id,
        replyTo: reply,
        createdAt: now(),
        permalink:
          network === 'instagram'
            ? `https://www.instagram.com/p/${Buffer.from(id).toString('base64url').slice(0, 11)}/`
            : `https://www.threads.net/@${threadsUser.username}/post/${id}`,
      });
      posted(network);
    };
    if (faulted('publish', req, res, apply)) return;
    apply();
    return send(res, 200, { id }, network === 'instagram' ? buc(owner, 'instagram') : {});
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://fake');
      const type = String(req.headers['content-type'] ?? '');
      const form = type.includes('application/x-www-form-urlencoded') ? new URLSearchParams(raw.toString('utf8')) : new URLSearchParams();
      const bearer = /^(?:Bearer|OAuth) (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1] ?? null;
      const recorded: MetaRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        form,
        headers: req.headers,
        token: bearer ?? url.searchParams.get('access_token') ?? form.get('access_token'),
      };
      requests.push(recorded);
      Promise.resolve(handle(recorded, res, raw)).catch((err: unknown) => {
        if (!res.headersSent) graphError(res, 500, 1, `An unknown error occurred (${err instanceof Error ? err.message : String(err)})`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let seeded = 0;
  const seedPost: FakeMeta['seedPost'] = (network, opts = {}) => {
    const owner = network === 'facebook' ? pages[0].id : network === 'instagram' ? instagramUser.id : threadsUser.id;
    const id = network === 'facebook' ? `${owner}_9${++seeded}` : `9${++seeded}0000`;
    const post: MetaPost = {
      id,
      network,
      owner,
      text: `Post ${seeded}`,
      link: null,
      media: [],
      container: null,
      replyTo: null,
      createdAt: opts.at ?? Date.now(),
      permalink: `https://example.test/${network}/${id}`,
      stats: opts.stats,
    };
    posts.push(post);
    return post;
  };

  return {
    seedPost,
    url,
    graphUrl: url,
    version: VERSION,
    authorizeUrl: `${url}/${VERSION}/dialog/oauth`,
    tokenUrl: `${url}/${VERSION}/oauth/access_token`,
    instagramLogin: {
      apiUrl: `${url}/ig-login`,
      authorizeUrl: `${url}/ig-login/oauth/authorize`,
      tokenUrl: `${url}/ig-login/oauth/access_token`,
      clientId: igApp.clientId,
      clientSecret: igApp.clientSecret,
      user: igLoginUser,
    },
    threads: {
      apiUrl: `${url}/threads-api`,
      authorizeUrl: `${url}/threads-api/oauth/authorize`,
      tokenUrl: `${url}/threads-api/oauth/access_token`,
      clientId: threadsApp.clientId,
      clientSecret: threadsApp.clientSecret,
    },
    clientId,
    clientSecret,
    pages,
    instagramUser,
    instagramUsers,
    threadsUser,
    requests,
    posts,
    containers,
    photos,
    videos,
    comments,
    subscribedApps,
    followers,
    comment(on, text, opts = {}) {
      const post = posts.find((p) => p.id === on);
      if (!post) throw new Error(`no post ${on}`);
      const c: MetaComment = {
        id: post.network === 'threads' ? newId() : `${on}_${newId()}`,
        network: post.network,
        on,
        parent: opts.parent ?? null,
        from: opts.from ?? { id: '5550001', name: 'ada' },
        text,
        createdAt: opts.at ?? now(),
        hidden: false,
        own: false,
      };
      comments.push(c);
      return c;
    },
    mention(account, text, { username = 'harbour_fan', inComment = false } = {}) {
      const mediaId = newId();
      const m: MetaMention = {
        account,
        mediaId,
        commentId: inComment ? newId() : null,
        username,
        text,
        createdAt: now(),
        permalink: `https://www.instagram.com/p/${Buffer.from(mediaId).toString('base64url').slice(0, 11)}/`,
      };
      mentions.push(m);
      return m;
    },
    mentionWebhook(m, { secret }) {
      const body = JSON.stringify({
        object: 'instagram',
        entry: [
          {
            id: m.account,
            time: Math.floor(m.createdAt / 1000),
            changes: [{ field: 'mentions', value: { media_id: m.mediaId, ...(m.commentId ? { comment_id: m.commentId } : {}) } }],
          },
        ],
      });
      const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
      return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature } };
    },
    instagramWebhook(c, { account, secret, field = 'comments' }) {
      const value =
        field === 'mentions'
          ? { media_id: c.on, comment_id: c.id }
          : {
              from: { id: c.from.id, username: c.from.name },
              media: { id: c.on, media_product_type: 'FEED' },
              id: c.id,
              ...(c.parent ? { parent_id: c.parent } : {}),
              text: c.text,
            };
      return hubDelivery(secret, {
        object: 'instagram',
        entry: [{ id: account, time: Math.floor(c.createdAt / 1000), changes: [{ field, value }] }],
      });
    },
    feedWebhook(changes, { page, secret }) {
      const values = changes.map(({ comment: c, verb = 'add', item = 'comment' }) => {
        const created_time = Math.floor(c.createdAt / 1000);
        if (item === 'reaction') return { item, verb, reaction_type: 'like', post_id: c.on, parent_id: c.on, from: c.from, created_time };
        const post = posts.find((p) => p.id === c.on);
        return {
          item,
          verb,
          comment_id: c.id,
          post_id: c.on,
          parent_id: c.parent ?? c.on,
          ...(verb === 'remove' ? {} : { message: c.text }),
          created_time,
          from: c.from,
          post: { id: c.on, status_type: 'mobile_status_update', is_published: true, permalink_url: post?.permalink ?? null },
        };
      });
      return hubDelivery(secret, {
        object: 'page',
        entry: [{ id: page, time: Math.floor(now() / 1000), changes: values.map((value) => ({ field: 'feed', value })) }],
      });
    },
    issued,
    clock,
    options,
    get fault() {
      return state.fault;
    },
    set fault(value) {
      state.fault = value;
    },
    get hold() {
      return state.hold;
    },
    set hold(value) {
      state.hold = value;
    },
    grant(kind, pageId) {
      if (kind === 'page' && pageId) {
        if (!pageTokens.has(pageId)) pageTokens.set(pageId, grant('page', pageId));
        return pageTokens.get(pageId)!;
      }
      return grant(kind, pageId);
    },
    tokenInfo: (value) => tokens.get(value),
    revokeAll,
    get revokeAfter() {
      return state.revokeAfter;
    },
    set revokeAfter(value) {
      state.revokeAfter = value;
    },
    calls(method, pathEnd) {
      return requests.filter((r) => r.method === method && r.path.endsWith(pathEnd));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { THREADS_VERSION };
