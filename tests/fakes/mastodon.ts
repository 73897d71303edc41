import { randomBytes } from 'node:crypto';
import { startRecordingServer, sendJson, type RecordingServer, type RecordedRequest } from './recording-server';

/**
 * A Mastodon server as its API documentation describes it: Bearer tokens checked on
 * every call (401 `{"error": …}`), verify_credentials, the v2 instance
 * document with the instance's own post length, rate-limit headers
 * (X-RateLimit-Reset is an ISO time), statuses with `Idempotency-Key` (the
 * same key hands back the original status), replies, media (images 200,
 * videos 202 then 206 while processing), an account's recent statuses, statuses
 * by id with their counts (one, or several with `id[]` from 4.3 on),
 * notifications (`GET /api/v1/notifications`: `types[]`/`exclude_types[]`,
 * `since_id`, `max_id`, `min_id`, `limit` 40 by default and 80 at most,
 * newest first, paged by the `Link` header's `rel="next"` (`max_id`) and
 * `rel="prev"` (`min_id`)), a status's thread (`GET /api/v1/statuses/:id/context`:
 * `ancestors` oldest first, `descendants` in reply order), the streaming API
 * as Server-Sent Events (`GET /api/v1/streaming/user/notification`, the token
 * in the `Authorization` header or the `access_token` query parameter: `:)`
 * on opening, `event: notification` with the Notification entity as `data`
 * for each new notification, a `:thump` comment every `heartbeatMs`; a test
 * can drop every open stream), and fault injection for the reliability tests.
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
  /** the status's language (ISO 639-1), as its author's client declared it */
  language?: string | null;
  /** the status's HTML `content` as the instance serves it, when a test sets it (default: the text, escaped, in a paragraph) */
  html?: string;
  /** what people did with it (the Status entity's `favourites_count`…); a test sets them to see them read */
  counts?: { favourites: number; reblogs: number; replies: number; quotes: number };
}

/** `html`: the status's content exactly as served, e.g. a hostile instance's markup (issue 15's XSS story). */
export interface MentionOptions {
  inReplyToId?: string;
  language?: string;
  html?: string;
}

/** Someone else on the fediverse, who mentions or answers the account. */
export interface FakeAuthor {
  id: string;
  username: string;
  displayName: string;
}

export interface FakeNotification {
  id: string;
  type: 'mention' | 'favourite' | 'reblog' | 'follow';
  /** the account notified */
  accountId: string;
  from: FakeAuthor;
  statusId: string | null;
  createdAt: string;
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
  /** decides, per read of statuses by id (`GET /api/v1/statuses?id[]=` or `/:id`, the figures), whether to misbehave (`status` only) */
  readFault: ((req: RecordedRequest) => Fault | null) | null;
  /** time the instance takes to answer a read of statuses by id, in ms */
  statusReadLatencyMs: number;
  /** every read of statuses by id, as answered: when it arrived, the ids asked, the HTTP status given */
  statusReads: Array<{ receivedAt: number; ids: string[]; status: number }>;
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
  notifications: FakeNotification[];
  /**
   * `from` writes a status mentioning the account (`inReplyToId`: in answer
   * to that status), which notifies the account as Mastodon does: the status
   * and its `mention` notification.
   */
  mention(accountId: string, from: FakeAuthor, text: string, options?: MentionOptions): FakeStatus;
  /** another kind of notification (favourite, reblog, follow): what a `types[]=mention` reading must leave out */
  notify(accountId: string, type: Exclude<FakeNotification['type'], 'mention'>, from: FakeAuthor, statusId?: string): FakeNotification;
  /** false: an instance older than Mastodon 4.3, without `GET /api/v1/statuses?id[]=` (404): statuses are read one by one */
  batchStatuses: boolean;
  /** an account's `followers_count` and `following_count` by account id (default 42 and 10) */
  audience: Map<string, { followers: number; following: number }>;
  /** the streams open now (`GET /api/v1/streaming/user/notification`), by account id */
  streams(accountId?: string): number;
  /** drops every open stream (the connection reset, nothing more sent): what is notified next reaches no stream */
  dropStreams(): void;
  /** the time between two `:thump` heartbeats (default 15 s, as Mastodon's streaming server) */
  heartbeatMs: number;
  /** when set, the streaming endpoint answers this status (e.g. 503, or 404: an instance without streaming) */
  streamRefusal: number | null;
  /** time the instance takes to answer `GET /api/v1/notifications`, in ms (readings then overlap when two run at once) */
  readLatencyMs: number;
  /**
   * the most notifications one page holds, whatever `limit` asks (Mastodon
   * may answer fewer than asked): a small one makes a reading many pages
   * long, so a kill -9 lands between its pages
   */
  pageLimit: number;
  /**
   * an account's notification readings: how many, how many at most at once
   * (the reliability suite's "one reader at a time"), how many from a cursor
   * (`since_id` / `min_id`); its streams: how many opened, how many at most open at once
   */
  activity(accountId: string): {
    reads: number;
    maxReadsAtOnce: number;
    readsFromCursor: number;
    streamsOpened: number;
    maxStreamsAtOnce: number;
  };
}

const htmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export async function startFakeMastodon(options: { maxCharacters?: number; rateLimit?: number } = {}): Promise<FakeMastodon> {
  const tokens: FakeMastodon['tokens'] = new Map();
  const state = {
    maxCharacters: options.maxCharacters ?? 500,
    fault: null as FakeMastodon['fault'],
    latencyMs: 0,
    readFault: null as FakeMastodon['readFault'],
    statusReadLatencyMs: 0,
    rejectMedia: null as string | null,
    hostileUrl: null as string | null,
    revokeAfter: null as FakeMastodon['revokeAfter'],
    batchStatuses: true,
    heartbeatMs: 15_000,
    streamRefusal: null as number | null,
    readLatencyMs: 0,
    pageLimit: 80,
  };
  const activity = new Map<
    string,
    { reads: number; readsNow: number; maxReadsAtOnce: number; readsFromCursor: number; streamsOpened: number; maxStreamsAtOnce: number }
  >();
  const activityOf = (accountId: string) => {
    let a = activity.get(accountId);
    if (!a)
      activity.set(
        accountId,
        (a = { reads: 0, readsNow: 0, maxReadsAtOnce: 0, readsFromCursor: 0, streamsOpened: 0, maxStreamsAtOnce: 0 })
      );
    return a;
  };
  const open = new Set<{ accountId: string; res: import('node:http').ServerResponse; beat: NodeJS.Timeout }>();
  const audience: FakeMastodon['audience'] = new Map();
  const statuses: FakeStatus[] = [];
  const statusReads: FakeMastodon['statusReads'] = [];
  const byKey = new Map<string, FakeStatus>();
  const media: FakeMastodon['media'] = new Map();
  const notifications: FakeNotification[] = [];
  const authors = new Map<string, FakeAuthor>();
  // Mastodon's default: 300 calls per account in 5 minutes (an instance's admin may raise it: bench/reports does).
  const limit = options.rateLimit ?? 300;
  let remaining = limit;
  let nextId = 100000;

  const accountJson = (id: string) => {
    const who = authors.get(id) ?? [...tokens.values()].find((a) => a.id === id);
    const username = who?.username ?? `u${id}`;
    return {
      id,
      username,
      acct: authors.has(id) ? `${username}@elsewhere.example` : username,
      display_name: who?.displayName ?? '',
      avatar: state.hostileUrl ?? `${fake.url}/avatars/${id}.png`,
      url: state.hostileUrl ?? `${fake.url}/@${username}`,
    };
  };
  const order = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

  const toJson = (s: FakeStatus) => ({
    id: s.id,
    uri: `${fake.url}/users/u${s.accountId}/statuses/${s.id}`,
    url: state.hostileUrl ?? `${fake.url}/@u${s.accountId}/${s.id}`,
    content: s.html ?? `<p>${htmlEscape(s.text).replace(/\n/g, '<br />')}</p>`,
    created_at: s.createdAt,
    in_reply_to_id: s.inReplyToId,
    language: s.language ?? null,
    account: accountJson(s.accountId),
    visibility: 'public',
    favourites_count: s.counts?.favourites ?? 0,
    reblogs_count: s.counts?.reblogs ?? 0,
    replies_count: s.counts?.replies ?? 0,
    quotes_count: s.counts?.quotes ?? 0,
    media_attachments: s.mediaIds.map((id) => ({
      id,
      type: media.get(id)?.mime.startsWith('video') ? 'video' : 'image',
      description: media.get(id)?.description,
    })),
  });

  const notificationJson = (n: FakeNotification) => {
    const status = n.statusId ? statuses.find((s) => s.id === n.statusId) : undefined;
    return {
      id: n.id,
      type: n.type,
      group_key: `ungrouped-${n.id}`,
      created_at: n.createdAt,
      account: accountJson(n.from.id),
      ...(status ? { status: toJson(status) } : {}),
    };
  };
  /** A new notification reaches the account's open streams at once, as Mastodon's streaming server pushes it. */
  const push = (n: FakeNotification) => {
    for (const client of open)
      if (client.accountId === n.accountId) client.res.write(`event: notification\ndata: ${JSON.stringify(notificationJson(n))}\n\n`);
  };

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
    const streaming = url.pathname.startsWith('/api/v1/streaming');
    // The streaming API also takes the token as `access_token` (browsers' EventSource cannot set a header).
    const token =
      /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? (streaming ? url.searchParams.get('access_token') : null);
    const account = token ? tokens.get(token) : undefined;
    if (!account) return sendJson(res, 401, { error: 'The access token is invalid' }, rate);
    if (req.method === 'GET' && url.pathname === '/api/v1/streaming/user/notification') {
      if (state.streamRefusal) return sendJson(res, state.streamRefusal, { error: 'Streaming is unavailable' });
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'transfer-encoding': 'chunked' });
      res.write(':)\n');
      const client = { accountId: account.id, res, beat: setInterval(() => res.write(':thump\n'), state.heartbeatMs) };
      client.beat.unref();
      open.add(client);
      const seen = activityOf(account.id);
      seen.streamsOpened++;
      seen.maxStreamsAtOnce = Math.max(seen.maxStreamsAtOnce, [...open].filter((c) => c.accountId === account.id).length);
      res.on('close', () => {
        clearInterval(client.beat);
        open.delete(client);
      });
      return;
    }
    const contextOf = /^\/api\/v1\/statuses\/(\w+)\/context$/.exec(url.pathname);
    if (req.method === 'GET' && contextOf) {
      const found = statuses.find((s) => s.id === contextOf[1]);
      if (!found) return sendJson(res, 404, { error: 'Record not found' }, rate);
      const ancestors: FakeStatus[] = [];
      for (let up = found.inReplyToId; up;) {
        const parent = statuses.find((s) => s.id === up);
        if (!parent) break;
        ancestors.unshift(parent);
        up = parent.inReplyToId;
      }
      const descendants: FakeStatus[] = [];
      const below = (id: string) => {
        for (const child of statuses.filter((s) => s.inReplyToId === id)) {
          descendants.push(child);
          below(child.id);
        }
      };
      below(found.id);
      return sendJson(res, 200, { ancestors: ancestors.map(toJson), descendants: descendants.map(toJson) }, rate);
    }
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
          followers_count: audience.get(account.id)?.followers ?? 42,
          following_count: audience.get(account.id)?.following ?? 10,
          statuses_count: statuses.filter((s) => s.accountId === account.id).length,
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
    // Statuses by id (the figures): latency and faults first, then each answer recorded as given.
    const oneStatus = /^\/api\/v1\/statuses\/(\w+)$/.exec(url.pathname);
    if (req.method === 'GET' && (url.pathname === '/api/v1/statuses' || oneStatus)) {
      const ids = oneStatus ? [oneStatus[1]] : url.searchParams.getAll('id[]');
      const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        statusReads.push({ receivedAt: req.receivedAt, ids, status });
        return sendJson(res, status, body, { ...rate, ...headers });
      };
      if (state.statusReadLatencyMs) await new Promise((resolve) => setTimeout(resolve, state.statusReadLatencyMs));
      const fault = state.readFault?.(req) ?? null;
      if (fault?.kind === 'status') return answer(fault.status, fault.body ?? { error: `Injected ${fault.status}` }, fault.headers);
      // Several statuses by id (Mastodon 4.3+): the ones that exist, deleted ones left out.
      if (!oneStatus) {
        if (!state.batchStatuses) return answer(404, { error: 'Record not found' });
        return answer(200, statuses.filter((s) => ids.includes(s.id)).map(toJson));
      }
      const found = statuses.find((s) => s.id === oneStatus[1]);
      return found ? answer(200, toJson(found)) : answer(404, { error: 'Record not found' });
    }
    if (req.method === 'GET' && url.pathname === '/api/v1/notifications') {
      const seen = activityOf(account.id);
      seen.reads++;
      seen.maxReadsAtOnce = Math.max(seen.maxReadsAtOnce, ++seen.readsNow);
      if (url.searchParams.has('since_id') || url.searchParams.has('min_id')) seen.readsFromCursor++;
      try {
        if (state.readLatencyMs) await new Promise((resolve) => setTimeout(resolve, state.readLatencyMs));
      } finally {
        seen.readsNow--;
      }
      const types = url.searchParams.getAll('types[]');
      const excluded = url.searchParams.getAll('exclude_types[]');
      const limit = Math.min(state.pageLimit, Math.max(1, Number(url.searchParams.get('limit') ?? 40) || 40));
      const since = url.searchParams.get('since_id');
      const max = url.searchParams.get('max_id');
      const min = url.searchParams.get('min_id');
      let mine = notifications
        .filter((n) => n.accountId === account.id)
        .filter((n) => (!types.length || types.includes(n.type)) && !excluded.includes(n.type))
        .filter((n) => (!since || order(n.id, since) > 0) && (!max || order(n.id, max) < 0) && (!min || order(n.id, min) > 0))
        .sort((a, b) => order(b.id, a.id));
      // min_id: the page right above it (the oldest ones first taken), still shown newest first.
      mine = min ? mine.slice(-limit) : mine.slice(0, limit);
      const headers: Record<string, string> = { ...rate };
      if (mine.length) {
        const link = (key: string, value: string) => {
          const next = new URLSearchParams();
          next.set('limit', String(limit));
          for (const t of types) next.append('types[]', t);
          for (const t of excluded) next.append('exclude_types[]', t);
          next.set(key, value);
          return `${fake.url}/api/v1/notifications?${next}`;
        };
        headers.link = `<${link('max_id', mine[mine.length - 1].id)}>; rel="next", <${link('min_id', mine[0].id)}>; rel="prev"`;
      }
      return sendJson(res, 200, mine.map(notificationJson), headers);
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
  const closeServer = server.stop;
  // Accessors, not Object.assign: assign would copy the getter's value once and the setter would never reach the route.
  const fake = Object.defineProperties(server, {
    tokens: { value: tokens },
    statuses: { value: statuses },
    notifications: { value: notifications },
    mention: {
      value: (accountId: string, from: FakeAuthor, text: string, options: MentionOptions = {}) => {
        authors.set(from.id, from);
        const createdAt = new Date().toISOString();
        const status: FakeStatus = {
          id: String(nextId++),
          accountId: from.id,
          text,
          inReplyToId: options.inReplyToId ?? null,
          mediaIds: [],
          createdAt,
          idempotencyKey: null,
          language: options.language ?? null,
          ...(options.html !== undefined ? { html: options.html } : {}),
        };
        statuses.push(status);
        const notification: FakeNotification = { id: String(nextId++), type: 'mention', accountId, from, statusId: status.id, createdAt };
        notifications.push(notification);
        push(notification);
        return status;
      },
    },
    notify: {
      value: (accountId: string, type: Exclude<FakeNotification['type'], 'mention'>, from: FakeAuthor, statusId?: string) => {
        authors.set(from.id, from);
        const notification: FakeNotification = {
          id: String(nextId++),
          type,
          accountId,
          from,
          statusId: statusId ?? null,
          createdAt: new Date().toISOString(),
        };
        notifications.push(notification);
        push(notification);
        return notification;
      },
    },
    media: { value: media },
    audience: { value: audience },
    streams: { value: (accountId?: string) => [...open].filter((c) => !accountId || c.accountId === accountId).length },
    dropStreams: {
      value: () => {
        for (const client of [...open]) {
          open.delete(client);
          clearInterval(client.beat);
          client.res.socket?.destroy();
        }
      },
    },
    stop: {
      // Open streams would hold the server's close forever.
      value: () => {
        fake.dropStreams();
        return closeServer();
      },
    },
    heartbeatMs: { get: () => state.heartbeatMs, set: (value: number) => (state.heartbeatMs = value), enumerable: true },
    streamRefusal: { get: () => state.streamRefusal, set: (value: number | null) => (state.streamRefusal = value), enumerable: true },
    readLatencyMs: { get: () => state.readLatencyMs, set: (value: number) => (state.readLatencyMs = value), enumerable: true },
    pageLimit: { get: () => state.pageLimit, set: (value: number) => (state.pageLimit = value), enumerable: true },
    activity: {
      value: (accountId: string) => {
        const { readsNow: _, ...seen } = activityOf(accountId);
        return seen;
      },
    },
    batchStatuses: { get: () => state.batchStatuses, set: (value: boolean) => (state.batchStatuses = value), enumerable: true },
    maxCharacters: { get: () => state.maxCharacters, set: (value: number) => (state.maxCharacters = value), enumerable: true },
    fault: { get: () => state.fault, set: (value: FakeMastodon['fault']) => (state.fault = value), enumerable: true },
    latencyMs: { get: () => state.latencyMs, set: (value: number) => (state.latencyMs = value), enumerable: true },
    readFault: { get: () => state.readFault, set: (value: FakeMastodon['readFault']) => (state.readFault = value), enumerable: true },
    statusReadLatencyMs: {
      get: () => state.statusReadLatencyMs,
      set: (value: number) => (state.statusReadLatencyMs = value),
      enumerable: true,
    },
    statusReads: { value: statusReads, enumerable: true },
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
