import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import type { RecordedRequest } from './recording-server';

/**
 * X API v2 as docs.x.com describes it, on a loopback port:
 *
 * - OAuth 2.0 Authorization Code with PKCE: `GET /i/oauth2/authorize`
 *   (client, redirect URI, S256 challenge, scopes), `POST /2/oauth2/token`
 *   (HTTP Basic for the confidential client; `unauthorized_client` without it;
 *   codes single use; access tokens for `expiresIn` seconds, 7200 as X's;
 *   a refresh token only with `offline.access`, rotated on every refresh: the
 *   old one is refused afterwards);
 * - `GET /2/users/me`, `POST /2/tweets` (text, media ids, reply), `DELETE
 *   /2/tweets/:id`, `GET /2/users/:id/tweets` (newest first, replies and
 *   reposts excluded on request);
 * - media upload v2: `POST /2/media/upload/initialize`, `/{id}/append`
 *   (multipart `segment_index`, `media`), `/{id}/finalize`, `GET
 *   /2/media/upload?command=STATUS&media_id=` — and the older
 *   `POST /2/media/upload` with `command=INIT|APPEND|FINALIZE`; videos and GIFs
 *   are `pending` → `in_progress` → `succeeded` over STATUS calls;
 *   `POST /2/media/metadata` for the alt text;
 * - `GET /2/users/:id/mentions` (since_id, paging, authors in `includes`),
 *   `PUT /2/tweets/:id/hidden` (only under the account's own conversations),
 *   `GET /2/tweets?ids=` with `public_metrics` (and `non_public_metrics` for
 *   the account's own posts of the last 30 days; the others named in
 *   `errors`), users/me's `public_metrics`;
 * - bearer auth on every call (401 problem body once the 2-hour token ends),
 *   `x-rate-limit-limit/remaining/reset` on every answer, 429 when spent,
 *   403 "duplicate content" for the same text twice in a row, and faults.
 *
 * The clock can be moved (`clock.offsetMs`) so a test can outlive a token.
 */

export type XFault =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** the connection is dropped before anything is stored */
  | { kind: 'reset' }
  /** the post is stored, then the connection is dropped */
  | { kind: 'apply-then-reset' }
  /** the post is stored, and the answer never comes (the caller's deadline ends it) */
  | { kind: 'apply-then-hang' };

export interface XPost {
  id: string;
  authorId: string;
  text: string;
  mediaIds: string[];
  inReplyTo: string | null;
  /** the post that started the conversation (itself for a post that answers none) */
  conversationId: string;
  createdAt: string;
  hidden: boolean;
  metrics: { like_count: number; retweet_count: number; reply_count: number; quote_count: number; impression_count: number };
  /** `non_public_metrics`: given to the author only, for 30 days after the post was made */
  privateMetrics: { impression_count: number; url_link_clicks: number; user_profile_clicks: number };
}

export interface XMedia {
  id: string;
  mime: string;
  category: string;
  totalBytes: number;
  segments: Map<number, Buffer>;
  state: 'initialized' | 'pending' | 'in_progress' | 'succeeded' | 'failed';
  polls: number;
  alt: string | null;
}

export interface XRequest extends RecordedRequest {
  raw: Buffer;
}

export interface FakeX {
  url: string;
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  user: { id: string; username: string; name: string };
  requests: XRequest[];
  posts: XPost[];
  media: Map<string, XMedia>;
  /** the token endpoint's calls by grant type */
  grants(type: 'authorization_code' | 'refresh_token'): XRequest[];
  /** the access tokens issued, in order */
  issuedAccessTokens: string[];
  /** the refresh tokens issued, in order */
  issuedRefreshTokens: string[];
  /** the token endpoint's error answers (`error: description`) */
  tokenErrors: string[];
  clock: { offsetMs: number };
  options: {
    /** expires_in of the next tokens, seconds */
    expiresIn: number;
    /** the OAuth error for a refresh token that was rotated out or revoked */
    refusedRefreshError: 'invalid_grant' | 'invalid_request';
    /** STATUS calls a video or GIF stays in processing */
    processingPolls: number;
    /** check_after_secs in processing_info */
    checkAfterSecs: number;
    /** the next processing ends `failed` */
    failProcessing: boolean;
    /** calls each endpoint window allows, and its length in seconds */
    rateLimit: number;
    rateWindowSecs: number;
    /** how long each post takes to be made (POST /2/tweets), ms: a crash can land while one is on the wire */
    latencyMs: number;
  };
  /** decides, per POST /2/tweets, whether to misbehave */
  fault: ((req: XRequest) => XFault | null) | null;
  /** someone else's post mentioning the account, or replying to one of its posts */
  mention(author: { id: string; username: string; name: string }, text: string, inReplyTo?: string): XPost;
  /** the account's followers, following and posts, as users/me's public_metrics gives them */
  userMetrics: { followers_count: number; following_count: number; tweet_count: number; listed_count: number };
  /** issues an access token outright (a unit test that skips the sign-in) */
  grant(options?: { expiresIn?: number }): { accessToken: string; refreshToken: string };
  /** revokes every token (the user removed the app) */
  revokeAll(): void;
  /** revokes the access tokens issued so far, not the refresh tokens (a token revoked, the grant alive) */
  revokeAccessTokens(): void;
  /**
   * Spends an endpoint's window (`GET /2/users/me`; ids as `:id`), as the user's other apps may: its calls answer
   * 429 with the window's headers until its reset, which is returned (epoch seconds). Other endpoints are untouched.
   * `left`: calls the window still takes (the last of them answers `x-rate-limit-remaining: 0`).
   */
  spendWindow(key: string, left?: number): number;
  /** a new window for the endpoint, as at its reset */
  renewWindow(key: string): void;
  /** every token revoked once the account holds this many posts (the app removed mid-schedule) */
  revokeAfter: { posts: number } | null;
  stop(): Promise<void>;
}

const b64url = (buf: Buffer) => buf.toString('base64url');
const s256 = (verifier: string) => b64url(createHash('sha256').update(verifier, 'ascii').digest());
const token = (prefix: string) => `${prefix}${randomBytes(18).toString('base64url')}`;

/** The parts of a multipart/form-data body, binary-safe. */
function parseMultipart(raw: Buffer, contentType: string): Map<string, Buffer> {
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

export async function startFakeX(): Promise<FakeX> {
  const clientId = 'cm-x-client';
  const clientSecret = `x-secret-${randomBytes(8).toString('hex')}`;
  const user = { id: '1600000000000000001', username: 'brand', name: 'Brand on X' };
  const requests: XRequest[] = [];
  const posts: XPost[] = [];
  const media = new Map<string, XMedia>();
  const codes = new Map<string, { redirectUri: string; challenge: string; scopes: string[]; used: boolean; expiresAt: number }>();
  const accessTokens = new Map<string, { expiresAt: number; scopes: string[]; revoked: boolean }>();
  const refreshTokens = new Map<string, { scopes: string[]; revoked: boolean }>();
  const issuedAccessTokens: string[] = [];
  const issuedRefreshTokens: string[] = [];
  const tokenErrors: string[] = [];
  const windows = new Map<string, { remaining: number; reset: number }>();
  const clock = { offsetMs: 0 };
  const others = new Map<string, { id: string; username: string; name: string }>();
  const userMetrics = { followers_count: 1200, following_count: 80, tweet_count: 345, listed_count: 3 };
  const now = () => Date.now() + clock.offsetMs;
  const options: FakeX['options'] = {
    expiresIn: 7200,
    refusedRefreshError: 'invalid_grant',
    processingPolls: 2,
    checkAfterSecs: 0,
    failProcessing: false,
    rateLimit: 300,
    rateWindowSecs: 900,
    latencyMs: 0,
  };
  let nextId = BigInt('1800000000000000000');
  const newId = () => String(++nextId);
  const state = { fault: null as FakeX['fault'], revokeAfter: null as FakeX['revokeAfter'] };

  function spendWindow(key: string, left = 0) {
    const reset = Math.ceil(now() / 1000) + options.rateWindowSecs;
    windows.set(key, { remaining: left, reset });
    return reset;
  }

  function renewWindow(key: string) {
    windows.delete(key);
  }

  function revokeAccessTokens() {
    for (const t of accessTokens.values()) t.revoked = true;
  }
  function revokeAll() {
    revokeAccessTokens();
    for (const t of refreshTokens.values()) t.revoked = true;
  }

  function issue(scopes: string[], expiresIn = options.expiresIn) {
    const accessToken = token('at-');
    accessTokens.set(accessToken, { expiresAt: now() + expiresIn * 1000, scopes, revoked: false });
    issuedAccessTokens.push(accessToken);
    const body: Record<string, unknown> = {
      token_type: 'bearer',
      expires_in: expiresIn,
      access_token: accessToken,
      scope: scopes.join(' '),
    };
    if (scopes.includes('offline.access')) {
      const refresh = token('rt-');
      refreshTokens.set(refresh, { scopes, revoked: false });
      issuedRefreshTokens.push(refresh);
      body.refresh_token = refresh;
    }
    return body;
  }

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  /** X's problem body (RFC 7807 style) */
  const problem = (res: http.ServerResponse, status: number, title: string, detail: string, headers: Record<string, string> = {}) =>
    send(res, status, { title, detail, type: 'about:blank', status }, headers);
  const oauthError = (res: http.ServerResponse, status: number, error: string, description: string) => {
    tokenErrors.push(`${error}: ${description}`);
    send(res, status, { error, error_description: description });
  };

  /** The endpoint's rate-limit window: headers on every answer, 429 once spent. */
  function limit(key: string): { headers: Record<string, string>; spent: boolean } {
    let w = windows.get(key);
    if (!w || w.reset * 1000 <= now()) {
      w = { remaining: options.rateLimit, reset: Math.ceil(now() / 1000) + options.rateWindowSecs };
      windows.set(key, w);
    }
    const spent = w.remaining <= 0;
    if (!spent) w.remaining--;
    return {
      spent,
      headers: {
        'x-rate-limit-limit': String(options.rateLimit),
        'x-rate-limit-remaining': String(w.remaining),
        'x-rate-limit-reset': String(w.reset),
      },
    };
  }

  function authorized(req: XRequest, scope: string): { ok: true } | { ok: false; status: number; title: string; detail: string } {
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
    const t = accessTokens.get(bearer);
    if (!t || t.revoked || t.expiresAt <= now()) return { ok: false, status: 401, title: 'Unauthorized', detail: 'Unauthorized' };
    if (!t.scopes.includes(scope)) return { ok: false, status: 403, title: 'Forbidden', detail: `Missing scope ${scope}` };
    return { ok: true };
  }

  /** X's text as it hands it back: &, < and > escaped, every link shortened to t.co, and one more t.co link for attached media. */
  const shown = (p: XPost) =>
    p.text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/https?:\/\/\S+/g, () => `https://t.co/${randomBytes(5).toString('hex')}`) +
    (p.mediaIds.length ? ` https://t.co/${randomBytes(5).toString('hex')}` : '');
  const toJson = (p: XPost) => ({ id: p.id, text: shown(p), created_at: p.createdAt, edit_history_tweet_ids: [p.id] });

  function finalize(m: XMedia, res: http.ServerResponse, headers: Record<string, string>) {
    const received = [...m.segments.values()].reduce((n, b) => n + b.length, 0);
    if (received !== m.totalBytes) return problem(res, 400, 'Invalid Request', `Received ${received} bytes of ${m.totalBytes}`, headers);
    const processed = m.category === 'tweet_video' || m.category === 'tweet_gif';
    m.state = processed ? 'pending' : 'succeeded';
    send(
      res,
      200,
      {
        data: {
          id: m.id,
          media_key: `3_${m.id}`,
          size: m.totalBytes,
          expires_after_secs: 86400,
          ...(processed ? { processing_info: { state: 'pending', check_after_secs: options.checkAfterSecs } } : {}),
        },
      },
      headers
    );
  }

  function append(m: XMedia | undefined, parts: Map<string, Buffer>, res: http.ServerResponse, headers: Record<string, string>) {
    if (!m) return problem(res, 400, 'Invalid Request', 'Unknown media id', headers);
    const index = Number(parts.get('segment_index')?.toString('utf8'));
    const bytes = parts.get('media');
    if (!Number.isInteger(index) || index < 0 || index > 999 || !bytes) {
      return problem(res, 400, 'Invalid Request', 'segment_index and media are required', headers);
    }
    m.segments.set(index, Buffer.from(bytes));
    send(res, 200, { data: { expires_at: Math.floor(now() / 1000) + 86400 } }, headers);
  }

  function initialize(fields: Record<string, string>, res: http.ServerResponse, headers: Record<string, string>) {
    const total = Number(fields.total_bytes);
    const mime = fields.media_type ?? '';
    const category = fields.media_category ?? 'tweet_image';
    if (!mime || !Number.isInteger(total) || total <= 0)
      return problem(res, 400, 'Invalid Request', 'media_type and total_bytes are required', headers);
    const max = category === 'tweet_video' ? 512 * 1024 * 1024 : category === 'tweet_gif' ? 15 * 1024 * 1024 : 5 * 1024 * 1024;
    if (total > max) return problem(res, 400, 'Invalid Request', `File size exceeds ${max} bytes`, headers);
    const id = newId();
    media.set(id, { id, mime, category, totalBytes: total, segments: new Map(), state: 'initialized', polls: 0, alt: null });
    send(res, 200, { data: { id, media_key: `3_${id}`, expires_after_secs: 86400 } }, headers);
  }

  function status(m: XMedia | undefined, res: http.ServerResponse, headers: Record<string, string>) {
    if (!m || m.state === 'initialized') return problem(res, 400, 'Invalid Request', 'Unknown media id', headers);
    if (m.state === 'pending' || m.state === 'in_progress') {
      m.polls++;
      if (m.polls >= options.processingPolls) {
        m.state = options.failProcessing ? 'failed' : 'succeeded';
        options.failProcessing = false;
      } else m.state = 'in_progress';
    }
    const info =
      m.state === 'failed'
        ? { state: 'failed', error: { code: 1, name: 'InvalidMedia', message: 'Unsupported video format' } }
        : m.state === 'succeeded'
          ? { state: 'succeeded', progress_percent: 100 }
          : { state: m.state, check_after_secs: options.checkAfterSecs, progress_percent: 50 };
    send(res, 200, { data: { id: m.id, media_key: `3_${m.id}`, processing_info: info } }, headers);
  }

  async function route(req: XRequest, res: http.ServerResponse) {
    const url = new URL(req.path, 'http://fake');
    const path = url.pathname;

    if (req.method === 'GET' && path === '/i/oauth2/authorize') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri');
      if (q.get('client_id') !== clientId || !redirectUri) return oauthError(res, 400, 'invalid_request', 'unknown client or redirect_uri');
      const back = new URL(redirectUri);
      const st = q.get('state');
      if (st) back.searchParams.set('state', st);
      const challenge = q.get('code_challenge');
      const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
      if (q.get('response_type') !== 'code') back.searchParams.set('error', 'unsupported_response_type');
      else if (!challenge || q.get('code_challenge_method') !== 'S256') back.searchParams.set('error', 'invalid_request');
      else if (!scopes.length) back.searchParams.set('error', 'invalid_scope');
      else {
        const code = token('code-');
        codes.set(code, { redirectUri, challenge, scopes, used: false, expiresAt: now() + 30_000 });
        back.searchParams.set('code', code);
      }
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }

    if (req.method === 'POST' && path === '/2/oauth2/token') {
      const form = new URLSearchParams(req.body);
      const basic = /^Basic (.+)$/i.exec(String(req.headers.authorization ?? ''));
      // The app is a confidential client: X wants its credentials as HTTP Basic.
      if (!basic) return oauthError(res, 401, 'unauthorized_client', 'Missing valid authorization header');
      const [u, p] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      if (decodeURIComponent(u) !== clientId || decodeURIComponent(p ?? '') !== clientSecret) {
        return oauthError(res, 401, 'unauthorized_client', 'Missing valid authorization header');
      }
      const grant = form.get('grant_type');
      if (grant === 'authorization_code') {
        const code = codes.get(form.get('code') ?? '');
        if (!code || code.used || code.expiresAt < now())
          return oauthError(res, 400, 'invalid_request', 'Value passed for the authorization code was invalid.');
        code.used = true;
        if (form.get('redirect_uri') !== code.redirectUri)
          return oauthError(
            res,
            400,
            'invalid_request',
            'Value passed for the redirect uri did not match the uri of the authorization code.'
          );
        const verifier = form.get('code_verifier') ?? '';
        if (s256(verifier) !== code.challenge)
          return oauthError(res, 400, 'invalid_grant', 'Value passed for the code verifier did not match the code challenge.');
        return send(res, 200, issue(code.scopes));
      }
      if (grant === 'refresh_token') {
        const presented = refreshTokens.get(form.get('refresh_token') ?? '');
        if (!presented || presented.revoked)
          return oauthError(res, 400, options.refusedRefreshError, 'Value passed for the token was invalid.');
        // Rotation: this refresh token is spent; the answer carries the next one.
        presented.revoked = true;
        return send(res, 200, issue(presented.scopes));
      }
      return oauthError(res, 400, 'invalid_request', 'Missing required parameter [grant_type].');
    }

    // --- the API: bearer and a rate-limit window on every call ---
    const { headers, spent } = limit(`${req.method} ${path.replace(/\d{6,}/g, ':id')}`);
    const need =
      req.method === 'GET'
        ? path.startsWith('/2/users') && !path.endsWith('/tweets')
          ? 'users.read'
          : 'tweet.read'
        : path.startsWith('/2/media')
          ? 'media.write'
          : path.endsWith('/hidden')
            ? 'tweet.moderate.write'
            : 'tweet.write';
    const auth = authorized(req, need);
    if (!auth.ok) return problem(res, auth.status, auth.title, auth.detail, headers);
    if (spent) return problem(res, 429, 'Too Many Requests', 'Too Many Requests', headers);

    if (req.method === 'GET' && path === '/2/users/me') {
      const fields = (url.searchParams.get('user.fields') ?? '').split(',');
      return send(
        res,
        200,
        {
          data: {
            ...user,
            profile_image_url: `${fake.url}/avatar.png`,
            ...(fields.includes('public_metrics') ? { public_metrics: { ...userMetrics, tweet_count: userMetrics.tweet_count } } : {}),
          },
        },
        headers
      );
    }

    const mentions = /^\/2\/users\/(\d+)\/mentions$/.exec(path);
    if (req.method === 'GET' && mentions) {
      const target = mentions[1] === user.id ? user.username : null;
      const mine = new Set(posts.filter((p) => p.authorId === user.id).map((p) => p.id));
      const sinceId = url.searchParams.get('since_id');
      const max = Math.min(100, Math.max(5, Number(url.searchParams.get('max_results') ?? 10)));
      const all = posts
        .filter((p) => p.authorId !== user.id && target && (p.text.includes(`@${target}`) || (p.inReplyTo && mine.has(p.inReplyTo))))
        .filter((p) => !sinceId || BigInt(p.id) > BigInt(sinceId))
        .reverse();
      const start = Number(url.searchParams.get('pagination_token') ?? 0);
      const slice = all.slice(start, start + max);
      if (!slice.length) return send(res, 200, { meta: { result_count: 0 } }, headers);
      const authors = [...new Set(slice.map((p) => p.authorId))].map((id) => others.get(id)!);
      return send(
        res,
        200,
        {
          data: slice.map((p) => ({
            id: p.id,
            text: shown(p),
            author_id: p.authorId,
            created_at: p.createdAt,
            conversation_id: p.conversationId,
            edit_history_tweet_ids: [p.id],
            ...(p.inReplyTo ? { referenced_tweets: [{ type: 'replied_to', id: p.inReplyTo }] } : {}),
          })),
          includes: { users: authors.map((a) => ({ ...a, profile_image_url: `${fake.url}/u/${a.id}.png` })) },
          meta: {
            result_count: slice.length,
            newest_id: slice[0].id,
            oldest_id: slice.at(-1)!.id,
            ...(start + max < all.length ? { next_token: String(start + max) } : {}),
          },
        },
        headers
      );
    }

    if (req.method === 'GET' && path === '/2/tweets') {
      const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
      if (!ids.length || ids.length > 100) return problem(res, 400, 'Invalid Request', 'ids: between 1 and 100 ids', headers);
      const found = ids.map((id) => posts.find((p) => p.id === id)).filter((p): p is XPost => Boolean(p));
      const missing = ids.filter((id) => !posts.some((p) => p.id === id));
      // non_public_metrics: the author's own posts of the last 30 days only; the others are named in `errors`, as X does.
      const askPrivate = (url.searchParams.get('tweet.fields') ?? '').split(',').includes('non_public_metrics');
      const privateOk = (p: XPost) => p.authorId === user.id && now() - Date.parse(p.createdAt) < 30 * 86_400_000;
      const refused = askPrivate ? found.filter((p) => !privateOk(p)) : [];
      const errors = [
        ...missing.map((id) => ({ value: id, detail: `Could not find tweet with ids: [${id}].`, title: 'Not Found Error' })),
        ...refused.map((p) => ({
          value: p.id,
          detail: 'Sorry, you are not authorized to see the field `non_public_metrics` on this Tweet.',
          title: 'Field Authorization Error',
          field: 'non_public_metrics',
          resource_type: 'tweet',
          type: 'https://api.twitter.com/2/problems/not-authorized-for-field',
        })),
      ];
      return send(
        res,
        200,
        {
          ...(found.length
            ? {
                data: found.map((p) => ({
                  ...toJson(p),
                  public_metrics: { ...p.metrics, bookmark_count: 0 },
                  ...(askPrivate && privateOk(p) ? { non_public_metrics: { ...p.privateMetrics } } : {}),
                })),
              }
            : {}),
          ...(errors.length ? { errors } : {}),
        },
        headers
      );
    }

    const hide = /^\/2\/tweets\/(\d+)\/hidden$/.exec(path);
    if (req.method === 'PUT' && hide) {
      const reply = posts.find((p) => p.id === hide[1]);
      const root = reply && posts.find((p) => p.id === reply.conversationId);
      let body: { hidden?: unknown };
      try {
        body = JSON.parse(req.body);
      } catch {
        body = {};
      }
      if (typeof body.hidden !== 'boolean') return problem(res, 400, 'Invalid Request', 'hidden must be a boolean', headers);
      if (!reply || !reply.inReplyTo) return problem(res, 404, 'Not Found Error', 'Could not find the reply', headers);
      // Only replies under a conversation the account started can be hidden.
      if (!root || root.authorId !== user.id)
        return problem(res, 403, 'Forbidden', 'You cannot hide replies to this conversation', headers);
      reply.hidden = body.hidden;
      return send(res, 200, { data: { hidden: reply.hidden } }, headers);
    }

    const timeline = /^\/2\/users\/(\d+)\/tweets$/.exec(path);
    if (req.method === 'GET' && timeline) {
      const exclude = (url.searchParams.get('exclude') ?? '').split(',');
      const fields = (url.searchParams.get('tweet.fields') ?? '').split(',');
      const max = Math.min(100, Math.max(5, Number(url.searchParams.get('max_results') ?? 10)));
      const found = posts
        .filter((p) => p.authorId === timeline[1] && !(exclude.includes('replies') && p.inReplyTo))
        .slice()
        .reverse()
        .slice(0, max);
      return send(
        res,
        200,
        found.length
          ? {
              // Fields beyond id and text come only when asked for (tweet.fields), as on X.
              data: found.map((p) => ({
                ...toJson(p),
                ...(fields.includes('referenced_tweets') && p.inReplyTo
                  ? { referenced_tweets: [{ type: 'replied_to', id: p.inReplyTo }] }
                  : {}),
              })),
              meta: { result_count: found.length },
            }
          : { meta: { result_count: 0 } },
        headers
      );
    }

    if (req.method === 'POST' && path === '/2/tweets') {
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      const fault = state.fault?.(req) ?? null;
      if (fault?.kind === 'status') return send(res, fault.status, fault.body ?? {}, { ...headers, ...fault.headers });
      if (fault?.kind === 'reset') return void res.socket?.destroy();
      let body: { text?: unknown; media?: { media_ids?: unknown }; reply?: { in_reply_to_tweet_id?: unknown } };
      try {
        body = JSON.parse(req.body);
      } catch {
        return problem(res, 400, 'Invalid Request', 'Request body is not valid JSON', headers);
      }
      const text = typeof body.text === 'string' ? body.text : '';
      const mediaIds = Array.isArray(body.media?.media_ids) ? (body.media.media_ids as string[]) : [];
      if (!text && !mediaIds.length)
        return problem(res, 400, 'Invalid Request', 'One or more parameters to your request was invalid.', headers);
      if (mediaIds.length > 4) return problem(res, 400, 'Invalid Request', 'Your media IDs are invalid.', headers);
      for (const id of mediaIds) {
        if (media.get(id)?.state !== 'succeeded') return problem(res, 400, 'Invalid Request', 'Your media IDs are invalid.', headers);
      }
      const replyTo = body.reply?.in_reply_to_tweet_id;
      if (replyTo !== undefined && !posts.some((p) => p.id === replyTo)) {
        return problem(res, 400, 'Invalid Request', 'The parent post does not exist.', headers);
      }
      // The same text as the account's latest post: refused.
      const latest = posts.filter((p) => p.authorId === user.id).at(-1);
      if (latest && latest.text === text) {
        return problem(res, 403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.', headers);
      }
      const id = newId();
      const post: XPost = {
        id,
        authorId: user.id,
        text,
        mediaIds,
        inReplyTo: (replyTo as string) ?? null,
        conversationId: replyTo ? (posts.find((p) => p.id === replyTo)!.conversationId ?? id) : id,
        createdAt: new Date(now()).toISOString(),
        hidden: false,
        metrics: { like_count: 0, retweet_count: 0, reply_count: 0, quote_count: 0, impression_count: 0 },
        privateMetrics: { impression_count: 0, url_link_clicks: 0, user_profile_clicks: 0 },
      };
      posts.push(post);
      if (state.revokeAfter && posts.filter((p) => p.authorId === user.id).length >= state.revokeAfter.posts) revokeAll();
      if (fault?.kind === 'apply-then-reset') return void res.socket?.destroy();
      if (fault?.kind === 'apply-then-hang') return;
      return send(res, 201, { data: { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] } }, headers);
    }

    const one = /^\/2\/tweets\/(\d+)$/.exec(path);
    if (req.method === 'DELETE' && one) {
      const index = posts.findIndex((p) => p.id === one[1]);
      if (index === -1) return problem(res, 404, 'Not Found Error', 'Could not find tweet', headers);
      posts.splice(index, 1);
      return send(res, 200, { data: { deleted: true } }, headers);
    }

    const contentType = String(req.headers['content-type'] ?? '');
    if (req.method === 'POST' && path === '/2/media/upload/initialize') {
      let fields: Record<string, string> = {};
      try {
        fields = Object.fromEntries(Object.entries(JSON.parse(req.body) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
      } catch {
        return problem(res, 400, 'Invalid Request', 'Request body is not valid JSON', headers);
      }
      return initialize(fields, res, headers);
    }
    const step = /^\/2\/media\/upload\/(\d+)\/(append|finalize)$/.exec(path);
    if (req.method === 'POST' && step) {
      const m = media.get(step[1]);
      if (step[2] === 'append') return append(m, parseMultipart(req.raw, contentType), res, headers);
      if (!m) return problem(res, 400, 'Invalid Request', 'Unknown media id', headers);
      return finalize(m, res, headers);
    }
    if (path === '/2/media/upload') {
      // The older form: one path, `command` in the query or the body.
      if (req.method === 'GET' && url.searchParams.get('command') === 'STATUS')
        return status(media.get(url.searchParams.get('media_id') ?? ''), res, headers);
      if (req.method === 'POST') {
        const parts = contentType.startsWith('multipart/') ? parseMultipart(req.raw, contentType) : new Map<string, Buffer>();
        const field = (name: string) =>
          url.searchParams.get(name) ??
          parts.get(name)?.toString('utf8') ??
          new URLSearchParams(contentType.startsWith('multipart/') ? '' : req.body).get(name) ??
          undefined;
        const command = field('command');
        if (command === 'INIT') {
          return initialize(
            {
              media_type: field('media_type') ?? '',
              total_bytes: field('total_bytes') ?? '',
              media_category: field('media_category') ?? 'tweet_image',
            },
            res,
            headers
          );
        }
        const m = media.get(field('media_id') ?? '');
        if (command === 'APPEND') return append(m, parts, res, headers);
        if (command === 'FINALIZE')
          return m ? finalize(m, res, headers) : problem(res, 400, 'Invalid Request', 'Unknown media id', headers);
        return problem(res, 400, 'Invalid Request', 'Unknown command', headers);
      }
    }
    if (req.method === 'POST' && path === '/2/media/metadata') {
      let body: { id?: string; metadata?: { alt_text?: { text?: unknown } } };
      try {
        body = JSON.parse(req.body);
      } catch {
        return problem(res, 400, 'Invalid Request', 'Request body is not valid JSON', headers);
      }
      const m = media.get(body.id ?? '');
      const alt = body.metadata?.alt_text?.text;
      if (!m) return problem(res, 400, 'Invalid Request', 'Unknown media id', headers);
      if (typeof alt !== 'string' || alt.length > 1000)
        return problem(res, 400, 'Invalid Request', 'alt_text.text must be at most 1000 characters', headers);
      m.alt = alt;
      return send(res, 200, { data: { id: m.id, associated_metadata: true } }, headers);
    }
    return problem(res, 404, 'Not Found Error', `No route ${req.method} ${path}`, headers);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const recorded: XRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: raw.toString('utf8'),
        raw,
        receivedAt: Date.now(),
      };
      requests.push(recorded);
      Promise.resolve(route(recorded, res)).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const fake: FakeX = {
    url: base,
    authorizeUrl: `${base}/i/oauth2/authorize`,
    tokenUrl: `${base}/2/oauth2/token`,
    clientId,
    clientSecret,
    user,
    requests,
    posts,
    media,
    grants: (type) => requests.filter((r) => r.path === '/2/oauth2/token' && new URLSearchParams(r.body).get('grant_type') === type),
    issuedAccessTokens,
    issuedRefreshTokens,
    tokenErrors,
    clock,
    options,
    get fault() {
      return state.fault;
    },
    get revokeAfter() {
      return state.revokeAfter;
    },
    set revokeAfter(value) {
      state.revokeAfter = value;
    },
    set fault(value) {
      state.fault = value;
    },
    userMetrics,
    mention(author, text, inReplyTo) {
      others.set(author.id, author);
      const id = newId();
      const parent = inReplyTo ? posts.find((p) => p.id === inReplyTo) : undefined;
      const post: XPost = {
        id,
        authorId: author.id,
        text,
        mediaIds: [],
        inReplyTo: inReplyTo ?? null,
        conversationId: parent?.conversationId ?? id,
        createdAt: new Date(now()).toISOString(),
        hidden: false,
        metrics: { like_count: 0, retweet_count: 0, reply_count: 0, quote_count: 0, impression_count: 0 },
        privateMetrics: { impression_count: 0, url_link_clicks: 0, user_profile_clicks: 0 },
      };
      posts.push(post);
      if (parent) parent.metrics.reply_count++;
      return post;
    },
    grant(opts = {}) {
      const body = issue(
        ['tweet.read', 'tweet.write', 'users.read', 'offline.access', 'media.write', 'tweet.moderate.write'],
        opts.expiresIn
      );
      return { accessToken: String(body.access_token), refreshToken: String(body.refresh_token) };
    },
    revokeAll,
    revokeAccessTokens,
    spendWindow,
    renewWindow,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
  return fake;
}
