import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

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
 *   /{page}/posts`, `GET /{post}?fields=permalink_url`, `POST
 *   /{post}/comments`, `DELETE /{post}`;
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
 *   /{user}/threads`, `GET /{user}/threads_publishing_limit`.
 *
 * Every path carries its version (`/v24.0/…`, `/v1.0/…`); bearer tokens in
 * the Authorization header or `access_token`; errors in Graph's envelope
 * `{error: {message, type, code, error_subcode, fbtrace_id}}` (190 for a dead
 * token, 463 expired, 460 password changed); `X-App-Usage` on every answer,
 * `X-Business-Use-Case-Usage` on page and Instagram calls. Containers are
 * IN_PROGRESS while the fake fetches their media from its URL (ERROR when it
 * cannot) and for `processingMs`, then FINISHED, PUBLISHED once published,
 * EXPIRED after 24 hours. Faults can be injected per step.
 */

export type MetaStep = 'feed' | 'photo' | 'container' | 'publish' | 'comment' | 'status' | 'read';

export type MetaFault =
  /** a Graph error answer; with `apply`, the action is carried out first (Instagram's 2207051 after success) */
  | { kind: 'error'; status?: number; code: number; subcode?: number; message?: string; apply?: boolean; headers?: Record<string, string> }
  /** the connection dropped before anything is done */
  | { kind: 'reset' }
  /** done, then the connection dropped */
  | { kind: 'apply-then-reset' };

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

export interface MetaPost {
  id: string;
  network: 'facebook' | 'instagram' | 'threads';
  owner: string;
  text: string;
  link: string | null;
  /** Facebook: attached photo ids; Instagram and Threads: the container published */
  media: string[];
  container: string | null;
  replyTo: string | null;
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

interface Token {
  kind: 'user-short' | 'user-long' | 'page' | 'threads-short' | 'threads-long';
  issuedAt: number;
  expiresAt: number | null;
  revoked: boolean;
  pageId?: string;
}

export interface FakeMeta {
  url: string;
  /** the Graph base without version, as the adapters' `apiUrl` */
  graphUrl: string;
  version: string;
  authorizeUrl: string;
  tokenUrl: string;
  threads: { apiUrl: string; authorizeUrl: string; tokenUrl: string; clientId: string; clientSecret: string };
  clientId: string;
  clientSecret: string;
  pages: Array<{ id: string; name: string; instagramId: string | null }>;
  instagramUser: { id: string; username: string; name: string };
  threadsUser: { id: string; username: string; name: string };
  requests: MetaRequest[];
  posts: MetaPost[];
  containers: Map<string, MetaContainer>;
  photos: Map<string, { pageId: string; published: boolean; bytes: number; alt: string | null }>;
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
    /** fetch image_url / video_url as Meta does (a container fails when it cannot) */
    fetchMedia: boolean;
  };
  /** per request step: misbehave or not */
  fault: ((step: MetaStep, req: MetaRequest) => MetaFault | null) | null;
  /** a token the plugin can use without signing in (unit tests) */
  grant(kind: Token['kind'], pageId?: string): string;
  /** every token dies (password changed: 190 / 460) */
  revokeAll(): void;
  /** the requests to a path ending */
  calls(method: string, pathEnd: string): MetaRequest[];
  stop(): Promise<void>;
}

const VERSION = 'v24.0';
const THREADS_VERSION = 'v1.0';
const DAY = 86_400_000;
const LONG_SECONDS = 60 * 86_400;

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
  const threadsUser = { id: '27000000000000001', username: 'harbourcafe', name: 'Harbour Café' };
  const requests: MetaRequest[] = [];
  const posts: MetaPost[] = [];
  const containers = new Map<string, MetaContainer>();
  const photos: FakeMeta['photos'] = new Map();
  const tokens = new Map<string, Token>();
  const pageTokens = new Map<string, string>();
  const codes = new Map<string, { app: 'facebook' | 'threads'; redirectUri: string; used: boolean }>();
  const issued: string[] = [];
  const clock = { offsetMs: 0 };
  const now = () => Date.now() + clock.offsetMs;
  const options: FakeMeta['options'] = { processingMs: 300, declined: [], instagramQuota: 100, threadsQuota: 250, fetchMedia: true };
  const state = { fault: null as FakeMeta['fault'] };
  let appCalls = 0;
  let nextId = 18000000000000000n;
  const newId = () => String(++nextId);

  function grant(kind: Token['kind'], pageId?: string): string {
    const value = token(kind.startsWith('threads') ? 'TH' : 'EAA');
    const life = kind === 'user-short' || kind === 'threads-short' ? 3600_000 : kind === 'page' ? null : LONG_SECONDS * 1000;
    tokens.set(value, { kind, issuedAt: now(), expiresAt: life === null ? null : now() + life, revoked: false, pageId });
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
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');

  /** Runs a step's fault, if any: true when the answer was already given. */
  function faulted(step: MetaStep, req: MetaRequest, res: http.ServerResponse, apply: () => unknown): boolean {
    const fault = state.fault?.(step, req);
    if (!fault) return false;
    if (fault.kind === 'reset') return (res.socket?.destroy(), true);
    if (fault.kind === 'apply-then-reset') return (apply(), res.socket?.destroy(), true);
    if (fault.apply) apply();
    graphError(res, fault.status ?? 400, fault.code, fault.message ?? 'An unknown error occurred', {
      subcode: fault.subcode,
      headers: fault.headers,
    });
    return true;
  }

  function consent(req: MetaRequest, res: http.ServerResponse, app: 'facebook' | 'threads') {
    const expected = app === 'facebook' ? clientId : threadsApp.clientId;
    const redirect = req.query.get('redirect_uri');
    if (req.query.get('client_id') !== expected || !redirect) return graphError(res, 400, 100, 'Invalid client_id or redirect_uri');
    const code = token('code-');
    codes.set(code, { app, redirectUri: redirect, used: false });
    const to = new URL(redirect);
    to.searchParams.set('code', code);
    to.searchParams.set('state', req.query.get('state') ?? '');
    res.writeHead(302, { location: to.toString() });
    res.end();
  }

  function exchange(req: MetaRequest, res: http.ServerResponse, app: 'facebook' | 'threads') {
    const params = req.method === 'POST' ? req.form : req.query;
    const expected =
      app === 'facebook' ? { id: clientId, secret: clientSecret } : { id: threadsApp.clientId, secret: threadsApp.clientSecret };
    if (params.get('client_id') !== expected.id || params.get('client_secret') !== expected.secret)
      return graphError(res, 400, 101, 'Error validating client secret.', { type: 'OAuthException' });
    const code = codes.get(params.get('code') ?? '');
    if (!code || code.used || code.app !== app || code.redirectUri !== params.get('redirect_uri'))
      return graphError(res, 400, 100, 'This authorization code has been used or is invalid.', { subcode: 36009, type: 'OAuthException' });
    code.used = true;
    if (app === 'threads') return send(res, 200, { access_token: grant('threads-short'), user_id: Number(threadsUser.id) });
    return send(res, 200, { access_token: grant('user-short'), token_type: 'bearer', expires_in: 3600 });
  }

  async function handle(req: MetaRequest, res: http.ServerResponse, raw: Buffer) {
    const threads = req.path.startsWith('/threads-api/');
    const path = threads ? req.path.slice('/threads-api'.length) : req.path;
    const fields = req.query.get('fields') ?? '';

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
      if (user && edge === 'threads_publishing_limit')
        return send(res, 200, {
          data: [
            {
              quota_usage: recent('threads', threadsUser.id).filter((p) => now() - p.createdAt < DAY).length,
              config: { quota_total: options.threadsQuota, quota_duration: 86400 },
            },
          ],
        });
      return readNode(req, res, node, fields, 'threads');
    }

    const m = /^\/(v\d+\.\d)\/(\w+)(?:\/(\w+))?$/.exec(path);
    if (!m || m[1] !== VERSION) return graphError(res, 400, 2500, `Unknown path components: ${path}`);
    const [, , node, edge] = m;
    if (node === 'dialog' && edge === 'oauth') return consent(req, res, 'facebook');
    if (node === 'oauth' && edge === 'access_token') {
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
    if (node === 'me' && edge === 'permissions' && req.method === 'GET') {
      if (!authed(req, res, ['user-short', 'user-long'])) return;
      const all = [
        'pages_show_list',
        'pages_read_engagement',
        'pages_manage_posts',
        'business_management',
        'instagram_basic',
        'instagram_content_publish',
        'public_profile',
      ];
      return send(res, 200, {
        data: all.map((permission) => ({ permission, status: options.declined.includes(permission) ? 'declined' : 'granted' })),
      });
    }
    if (node === 'me' && edge === 'accounts' && req.method === 'GET') {
      if (!authed(req, res, ['user-long', 'user-short'])) return;
      return send(res, 200, {
        data: pages.map((p) => {
          if (!pageTokens.has(p.id)) pageTokens.set(p.id, grant('page', p.id));
          return {
            id: p.id,
            name: p.name,
            access_token: pageTokens.get(p.id),
            tasks: ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MODERATE', 'MANAGE'],
            ...(p.instagramId ? { instagram_business_account: { id: p.instagramId } } : {}),
          };
        }),
        paging: { cursors: { before: 'b', after: 'a' } },
      });
    }
    const t = authed(req, res, ['page']);
    if (!t) return;
    const page = pages.find((p) => p.id === node);
    if (page) {
      if (t.pageId !== page.id) return graphError(res, 403, 200, 'Permissions error: this page token is for another page');
      const headers = buc(page.id, 'pages');
      if (!edge && req.method === 'GET')
        return send(res, 200, { id: page.id, name: page.name, link: `https://www.facebook.com/${page.id}` }, headers);
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
        const apply = () =>
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
        if (faulted('feed', req, res, apply)) return;
        apply();
        return send(res, 200, { id }, headers);
      }
      if (edge === 'posts' && req.method === 'GET')
        return send(
          res,
          200,
          {
            data: recent('facebook', page.id)
              .slice(0, Number(req.query.get('limit') ?? 25))
              .map((p) => ({ id: p.id, message: p.text, created_time: iso(p.createdAt), permalink_url: p.permalink })),
          },
          headers
        );
      return graphError(res, 400, 100, `Unsupported ${req.method} request on ${edge}`, { headers });
    }
    if (node === instagramUser.id) {
      const pageOfIg = pages.find((p) => p.instagramId === node);
      if (t.pageId !== pageOfIg?.id) return graphError(res, 403, 10, 'Application does not have permission for this action');
      const headers = buc(node, 'instagram');
      if (!edge && req.method === 'GET')
        return send(
          res,
          200,
          { id: node, username: instagramUser.username, name: instagramUser.name, profile_picture_url: 'https://example.test/ig.jpg' },
          headers
        );
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
    const used = recent(network, owner).filter((p) => now() - p.createdAt < DAY).length;
    if (used >= (network === 'instagram' ? options.instagramQuota : options.threadsQuota))
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

  return {
    url,
    graphUrl: url,
    version: VERSION,
    authorizeUrl: `${url}/${VERSION}/dialog/oauth`,
    tokenUrl: `${url}/${VERSION}/oauth/access_token`,
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
    threadsUser,
    requests,
    posts,
    containers,
    photos,
    issued,
    clock,
    options,
    get fault() {
      return state.fault;
    },
    set fault(value) {
      state.fault = value;
    },
    grant(kind, pageId) {
      if (kind === 'page' && pageId) {
        if (!pageTokens.has(pageId)) pageTokens.set(pageId, grant('page', pageId));
        return pageTokens.get(pageId)!;
      }
      return grant(kind, pageId);
    },
    revokeAll() {
      for (const t of tokens.values()) t.revoked = true;
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
