import { randomBytes } from 'node:crypto';
import { startRecordingServer, sendJson, type RecordingServer, type RecordedRequest } from './recording-server';

/**
 * A Mastodon server as its API documentation describes it: Bearer tokens checked on
 * every call (401 `{"error": …}`), verify_credentials, the v2 instance
 * document with the instance's own post length, rate-limit headers
 * (X-RateLimit-Reset is an ISO time), statuses with `Idempotency-Key` (the
 * same key hands back the original status), replies, media (images 200,
 * videos 202 then 206 while processing), an account's recent statuses, and
 * fault injection for the reliability tests.
 */
export type Fault =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** the connection is dropped before anything is stored */
  | { kind: 'reset' }
  /** the status is stored, then the connection is dropped (the client cannot know) */
  | { kind: 'apply-then-reset' }
  /** the status is stored, the answer never comes */
  | { kind: 'apply-then-hang' };

export interface FakeStatus {
  id: string;
  accountId: string;
  text: string;
  inReplyToId: string | null;
  mediaIds: string[];
  createdAt: string;
  idempotencyKey: string | null;
}

export interface FakeMastodon extends RecordingServer {
  /** token -> account; revoke a token by deleting it */
  tokens: Map<string, { id: string; username: string; displayName: string }>;
  maxCharacters: number;
  /** every status created, once each (an idempotent replay creates none) */
  statuses: FakeStatus[];
  media: Map<string, { description: string; processing: number; mime: string }>;
  /** decides, per POST /api/v1/statuses, whether to misbehave */
  fault: ((req: RecordedRequest) => Fault | null) | null;
  /** time the instance takes to answer a new status, in ms */
  latencyMs: number;
  /** when set, every media upload is refused with 422 and this message (a file the instance cannot process) */
  rejectMedia: string | null;
  /** when set, a hostile instance: every account's and status's `url` and `avatar` is this (e.g. `javascript:…`) */
  hostileUrl: string | null;
  /**
   * when set, the token is revoked on the instance right after it created
   * this many statuses: a revocation at a set point of a schedule, whatever
   * the machine's speed (a test polling for it can see it too late)
   */
  revokeAfter: { token: string; statuses: number } | null;
}

const htmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export async function startFakeMastodon(options: { maxCharacters?: number } = {}): Promise<FakeMastodon> {
  const tokens: FakeMastodon['tokens'] = new Map();
  const state = {
    maxCharacters: options.maxCharacters ?? 500,
    fault: null as FakeMastodon['fault'],
    latencyMs: 0,
    rejectMedia: null as string | null,
    hostileUrl: null as string | null,
    revokeAfter: null as FakeMastodon['revokeAfter'],
  };
  const statuses: FakeStatus[] = [];
  const byKey = new Map<string, FakeStatus>();
  const media: FakeMastodon['media'] = new Map();
  const limit = 300;
  let remaining = limit;
  let nextId = 100000;

  const toJson = (s: FakeStatus) => ({
    id: s.id,
    uri: `${fake.url}/users/u${s.accountId}/statuses/${s.id}`,
    url: state.hostileUrl ?? `${fake.url}/@u${s.accountId}/${s.id}`,
    content: `<p>${htmlEscape(s.text).replace(/\n/g, '<br />')}</p>`,
    created_at: s.createdAt,
    in_reply_to_id: s.inReplyToId,
    visibility: 'public',
    media_attachments: s.mediaIds.map((id) => ({
      id,
      type: media.get(id)?.mime.startsWith('video') ? 'video' : 'image',
      description: media.get(id)?.description,
    })),
  });

  const server = await startRecordingServer(async (req, res) => {
    const url = new URL(req.path, 'http://fake');
    const rate = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, --remaining)),
      'x-ratelimit-reset': new Date(Date.now() + 5 * 60_000).toISOString(),
    };
    if (req.method === 'GET' && url.pathname === '/api/v2/instance') {
      return sendJson(
        res,
        200,
        {
          domain: new URL(fake.url).host,
          title: 'Fake Mastodon',
          version: '4.3.0',
          configuration: { statuses: { max_characters: state.maxCharacters, max_media_attachments: 4, characters_reserved_per_url: 23 } },
        },
        rate
      );
    }
    const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const account = token ? tokens.get(token) : undefined;
    if (!account) return sendJson(res, 401, { error: 'The access token is invalid' }, rate);
    if (req.method === 'GET' && url.pathname === '/api/v1/accounts/verify_credentials') {
      return sendJson(
        res,
        200,
        {
          id: account.id,
          username: account.username,
          acct: account.username,
          display_name: account.displayName,
          avatar: state.hostileUrl ?? `${fake.url}/avatars/${account.id}.png`,
          url: state.hostileUrl ?? `${fake.url}/@${account.username}`,
          followers_count: 42,
        },
        rate
      );
    }
    if (req.method === 'POST' && url.pathname === '/api/v2/media') {
      const description = /name="description"\r\n\r\n([^\r]*)\r\n/.exec(req.body)?.[1] ?? '';
      const mime = /name="file"; filename="[^"]*"\r\nContent-Type: ([^\r]+)\r\n/.exec(req.body)?.[1] ?? 'application/octet-stream';
      if (!/^(image|video)\//.test(mime)) return sendJson(res, 422, { error: 'Validation failed: File content type is invalid' }, rate);
      if (state.rejectMedia) return sendJson(res, 422, { error: state.rejectMedia }, rate);
      const id = String(nextId++);
      const video = mime.startsWith('video/');
      media.set(id, { description, processing: video ? 2 : 0, mime });
      return sendJson(
        res,
        video ? 202 : 200,
        { id, type: video ? 'video' : 'image', url: video ? null : `${fake.url}/media/${id}`, description },
        rate
      );
    }
    const mediaMatch = /^\/api\/v1\/media\/(\w+)$/.exec(url.pathname);
    if (req.method === 'GET' && mediaMatch) {
      const item = media.get(mediaMatch[1]);
      if (!item) return sendJson(res, 404, { error: 'Record not found' }, rate);
      if (item.processing > 0) {
        item.processing--;
        return sendJson(res, 206, { id: mediaMatch[1], url: null }, rate);
      }
      return sendJson(res, 200, { id: mediaMatch[1], url: `${fake.url}/media/${mediaMatch[1]}`, description: item.description }, rate);
    }
    const accountStatuses = /^\/api\/v1\/accounts\/(\w+)\/statuses$/.exec(url.pathname);
    if (req.method === 'GET' && accountStatuses) {
      const mine = statuses.filter(
        (s) => s.accountId === accountStatuses[1] && (url.searchParams.get('exclude_replies') !== 'true' || !s.inReplyToId)
      );
      return sendJson(
        res,
        200,
        mine
          .slice(-Number(url.searchParams.get('limit') ?? 20))
          .reverse()
          .map(toJson),
        rate
      );
    }
    if (req.method === 'POST' && url.pathname === '/api/v1/statuses') {
      const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
      const replay = key ? byKey.get(`${account.id}:${key}`) : undefined;
      if (replay) return sendJson(res, 200, toJson(replay), rate);
      if (state.latencyMs) await new Promise((resolve) => setTimeout(resolve, state.latencyMs));
      const again = key ? byKey.get(`${account.id}:${key}`) : undefined;
      if (again) return sendJson(res, 200, toJson(again), rate);
      const fault = state.fault?.(req) ?? null;
      if (fault?.kind === 'status')
        return sendJson(res, fault.status, fault.body ?? { error: `Injected ${fault.status}` }, { ...rate, ...fault.headers });
      if (fault?.kind === 'reset') return void res.socket?.destroy();
      let body: { status?: string; in_reply_to_id?: string; media_ids?: string[] };
      try {
        body = JSON.parse(req.body);
      } catch {
        return sendJson(res, 422, { error: 'Validation failed: Text can’t be blank' }, rate);
      }
      const text = String(body.status ?? '');
      if (!text.trim() && !body.media_ids?.length) return sendJson(res, 422, { error: 'Validation failed: Text can’t be blank' }, rate);
      if ([...new Intl.Segmenter().segment(text)].length > state.maxCharacters) {
        return sendJson(res, 422, { error: `Validation failed: Text character limit of ${state.maxCharacters} exceeded` }, rate);
      }
      for (const id of body.media_ids ?? []) {
        if (!media.has(id)) return sendJson(res, 422, { error: 'Validation failed: Media is invalid' }, rate);
      }
      const status: FakeStatus = {
        id: String(nextId++),
        accountId: account.id,
        text,
        inReplyToId: body.in_reply_to_id ?? null,
        mediaIds: body.media_ids ?? [],
        createdAt: new Date().toISOString(),
        idempotencyKey: key,
      };
      statuses.push(status);
      if (key) byKey.set(`${account.id}:${key}`, status);
      const revoke = state.revokeAfter;
      if (revoke && token === revoke.token && statuses.filter((s) => s.accountId === account.id).length >= revoke.statuses)
        tokens.delete(revoke.token);
      if (fault?.kind === 'apply-then-reset') return void res.socket?.destroy();
      if (fault?.kind === 'apply-then-hang') return;
      return sendJson(res, 200, toJson(status), rate);
    }
    return sendJson(res, 404, { error: 'Record not found' }, rate);
  });
  // Accessors, not Object.assign: assign would copy the getter's value once and the setter would never reach the route.
  const fake = Object.defineProperties(server, {
    tokens: { value: tokens },
    statuses: { value: statuses },
    media: { value: media },
    maxCharacters: { get: () => state.maxCharacters, set: (value: number) => (state.maxCharacters = value), enumerable: true },
    fault: { get: () => state.fault, set: (value: FakeMastodon['fault']) => (state.fault = value), enumerable: true },
    latencyMs: { get: () => state.latencyMs, set: (value: number) => (state.latencyMs = value), enumerable: true },
    rejectMedia: { get: () => state.rejectMedia, set: (value: string | null) => (state.rejectMedia = value), enumerable: true },
    hostileUrl: { get: () => state.hostileUrl, set: (value: string | null) => (state.hostileUrl = value), enumerable: true },
    revokeAfter: {
      get: () => state.revokeAfter,
      set: (value: FakeMastodon['revokeAfter']) => (state.revokeAfter = value),
      enumerable: true,
    },
  }) as FakeMastodon;
  return fake;
}

export const newToken = () => randomBytes(16).toString('hex');
