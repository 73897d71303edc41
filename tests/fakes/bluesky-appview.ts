import { sendJson, startRecordingServer, type RecordedRequest, type RecordingServer } from './recording-server';

/**
 * A small AppView that follows the lexicons, for the few `app.bsky.*` reads
 * the plugin makes, built on the fly from the REAL local PDS's repos
 * (tests/fakes/bluesky-pds.ts): every repo the PDS hosts
 * (`com.atproto.sync.listRepos`), its handle (`describeRepo`), profile and
 * posts (`com.atproto.repo.listRecords`). A reply one test account really
 * wrote to the PDS is therefore a notification for the other.
 *
 * Why a fake: the real AppView (`@atproto/bsky`, run by `@atproto/dev-env`)
 * needs its own PostgreSQL schema, Redis-free but a firehose indexer, a
 * Bsync and a data plane, and pins a newer Node than this project's 20 (see
 * docs/networks/bluesky.md). The PDS proxies `app.bsky.*` calls to the AppView
 * it is configured with (`bskyAppViewUrl`/`bskyAppViewDid`), as bsky.social
 * does, with a service-auth JWT whose `iss` is the caller: that is how this
 * fake knows whose notifications to answer. The JWT's signature is not
 * checked (the PDS made it; its `aud` and `lxm` are).
 *
 * Served (query parameters and answers as in the lexicons):
 * - app.bsky.notification.listNotifications: `limit`, `cursor`, `reasons`;
 *   notifications `{uri, cid, author, reason, reasonSubject, record, isRead,
 *   indexedAt}` newest first, for replies (to a post of the viewer's, parent
 *   or root), mentions (a facet naming the viewer's DID) and quotes (an
 *   embedded record of the viewer's). `indexedAt` is the time of the record
 *   key (a TID the PDS chose when it took the record): indexing order.
 *   The cursor is `<ms>::<cid>` like the real AppView's.
 * - app.bsky.feed.getPosts (`uris`) and app.bsky.feed.getPostThread (`uri`,
 *   `depth`, `parentHeight`).
 * Anything else answers 501 MethodNotImplemented.
 */

export const APPVIEW_DID = 'did:web:appview.test';

interface Author {
  did: string;
  handle: string;
  displayName?: string;
  avatar?: string;
}
interface Post {
  uri: string;
  cid: string;
  author: Author;
  record: {
    text?: string;
    createdAt?: string;
    reply?: { root: { uri: string }; parent: { uri: string } };
    facets?: Array<{ features?: Array<{ $type?: string; did?: string }> }>;
    embed?: { record?: { uri?: string; record?: { uri?: string } } };
  };
  indexedAt: string;
}
interface Notification {
  uri: string;
  cid: string;
  author: Author;
  reason: 'reply' | 'mention' | 'quote';
  reasonSubject?: string;
  record: unknown;
  isRead: boolean;
  indexedAt: string;
}

export interface FakeAppView {
  url: string;
  did: string;
  requests: RecordedRequest[];
  /** the PDS whose repos it reads (set once the PDS is up: the PDS needs this address first) */
  setPds(url: string): void;
  /** makes the next `n` calls to `nsid` (by `viewer` only, when given) fail with this status (a flaky AppView) */
  failNext(nsid: string, n: number, options?: { status?: number; viewer?: string }): void;
  stop(): Promise<void>;
}

const TID = '234567abcdefghijklmnopqrstuvwxyz';
/** The microseconds a TID record key holds, as an ISO time (0 for anything else). */
export function tidTime(rkey: string): string {
  if (!/^[2-7a-z]{13}$/.test(rkey)) return new Date(0).toISOString();
  let value = 0n;
  for (const c of rkey) value = (value << 5n) | BigInt(TID.indexOf(c));
  return new Date(Number(value >> 10n) / 1000).toISOString();
}

const didOf = (uri: string) => uri.slice('at://'.length).split('/')[0];

function claims(authorization: string | undefined): { iss?: string; aud?: string; lxm?: string } {
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  if (!token) return {};
  try {
    return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
  } catch {
    return {};
  }
}

export async function startFakeAppView(): Promise<FakeAppView> {
  let pds = '';
  const failures = new Map<string, { n: number; status: number; viewer?: string }>();

  async function xrpc(nsid: string, query: Record<string, string>) {
    const url = new URL(`/xrpc/${nsid}`, pds);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const res = await fetch(url);
    if (res.status !== 200) return null;
    return (await res.json()) as Record<string, unknown>;
  }

  /** Every post of every repo the PDS hosts, with its author's view. */
  async function index(): Promise<Map<string, Post>> {
    const posts = new Map<string, Post>();
    const repos = ((await xrpc('com.atproto.sync.listRepos', { limit: '1000' }))?.repos ?? []) as Array<{ did: string }>;
    for (const { did } of repos) {
      const described = await xrpc('com.atproto.repo.describeRepo', { repo: did });
      if (!described) continue;
      const profile = (await xrpc('com.atproto.repo.getRecord', { repo: did, collection: 'app.bsky.actor.profile', rkey: 'self' }))
        ?.value as { displayName?: string; avatar?: { ref?: { $link?: string } } } | undefined;
      const author: Author = { did, handle: String(described.handle) };
      if (profile?.displayName) author.displayName = profile.displayName;
      const avatar = profile?.avatar?.ref?.$link;
      if (avatar) author.avatar = `${pds}/xrpc/com.atproto.sync.getBlob?did=${did}&cid=${avatar}`;
      let cursor: string | undefined;
      do {
        const page = await xrpc('com.atproto.repo.listRecords', {
          repo: did,
          collection: 'app.bsky.feed.post',
          limit: '100',
          ...(cursor ? { cursor } : {}),
        });
        const records = (page?.records ?? []) as Array<{ uri: string; cid: string; value: Post['record'] }>;
        for (const r of records)
          posts.set(r.uri, { uri: r.uri, cid: r.cid, author, record: r.value, indexedAt: tidTime(r.uri.split('/').pop()!) });
        cursor = records.length ? (page?.cursor as string | undefined) : undefined;
      } while (cursor);
    }
    return posts;
  }

  function notificationsOf(viewer: string, posts: Map<string, Post>): Notification[] {
    const out: Notification[] = [];
    for (const post of posts.values()) {
      if (post.author.did === viewer) continue;
      const r = post.record;
      const base = { uri: post.uri, cid: post.cid, author: post.author, record: r, isRead: false, indexedAt: post.indexedAt };
      const parent = r.reply?.parent.uri;
      const root = r.reply?.root.uri;
      const quoted = r.embed?.record?.uri ?? r.embed?.record?.record?.uri;
      if (parent && didOf(parent) === viewer) out.push({ ...base, reason: 'reply', reasonSubject: parent });
      else if (root && didOf(root) === viewer) out.push({ ...base, reason: 'reply', reasonSubject: root });
      else if (quoted && didOf(quoted) === viewer) out.push({ ...base, reason: 'quote', reasonSubject: quoted });
      else if (r.facets?.some((f) => f.features?.some((x) => x.$type === 'app.bsky.richtext.facet#mention' && x.did === viewer)))
        out.push({ ...base, reason: 'mention' });
    }
    const key = (n: Notification) => Date.parse(n.indexedAt);
    return out.sort((a, b) => key(b) - key(a) || (a.cid < b.cid ? 1 : a.cid > b.cid ? -1 : 0));
  }

  function view(post: Post, posts: Map<string, Post>) {
    const all = [...posts.values()];
    return {
      uri: post.uri,
      cid: post.cid,
      author: post.author,
      record: post.record,
      replyCount: all.filter((p) => p.record.reply?.parent.uri === post.uri).length,
      repostCount: 0,
      likeCount: 0,
      quoteCount: all.filter((p) => (p.record.embed?.record?.uri ?? p.record.embed?.record?.record?.uri) === post.uri).length,
      indexedAt: post.indexedAt,
      labels: [],
    };
  }

  function thread(post: Post, posts: Map<string, Post>, depth: number, height: number): Record<string, unknown> {
    const node: Record<string, unknown> = { $type: 'app.bsky.feed.defs#threadViewPost', post: view(post, posts) };
    const parent = post.record.reply?.parent.uri;
    if (parent && height > 0) {
      const p = posts.get(parent);
      node.parent = p ? thread(p, posts, 0, height - 1) : { $type: 'app.bsky.feed.defs#notFoundPost', uri: parent, notFound: true };
    }
    if (depth > 0) {
      node.replies = [...posts.values()].filter((p) => p.record.reply?.parent.uri === post.uri).map((p) => thread(p, posts, depth - 1, 0));
    }
    return node;
  }

  const server: RecordingServer = await startRecordingServer(async (req, res) => {
    const url = new URL(req.path, 'http://appview.test');
    const nsid = url.pathname.replace(/^\/xrpc\//, '');
    const jwt = claims(req.headers.authorization as string | undefined);
    const viewer = jwt.iss?.split('#')[0];
    const failing = failures.get(nsid);
    if (failing && failing.n > 0 && (!failing.viewer || failing.viewer === viewer)) {
      failing.n--;
      return sendJson(res, failing.status, { error: 'InternalServerError', message: 'the AppView is having a bad day' });
    }
    if (!viewer || jwt.aud?.split('#')[0] !== APPVIEW_DID || (jwt.lxm && jwt.lxm !== nsid)) {
      return sendJson(res, 401, { error: 'AuthMissing', message: 'Authentication Required' });
    }
    const posts = await index();
    if (nsid === 'app.bsky.notification.listNotifications') {
      const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 50)));
      const reasons = url.searchParams.getAll('reasons');
      let list = notificationsOf(viewer, posts).filter((n) => !reasons.length || reasons.includes(n.reason));
      const cursor = url.searchParams.get('cursor');
      if (cursor) {
        const [ms, cid] = cursor.split('::');
        list = list.filter((n) => Date.parse(n.indexedAt) < Number(ms) || (Date.parse(n.indexedAt) === Number(ms) && n.cid < cid));
      }
      const page = list.slice(0, limit);
      const last = page[page.length - 1];
      return sendJson(res, 200, {
        notifications: page,
        ...(list.length > limit && last ? { cursor: `${Date.parse(last.indexedAt)}::${last.cid}` } : {}),
        priority: false,
      });
    }
    if (nsid === 'app.bsky.feed.getPosts') {
      const uris = url.searchParams.getAll('uris');
      return sendJson(res, 200, { posts: uris.flatMap((u) => (posts.get(u) ? [view(posts.get(u)!, posts)] : [])) });
    }
    if (nsid === 'app.bsky.feed.getPostThread') {
      const post = posts.get(url.searchParams.get('uri') ?? '');
      if (!post) return sendJson(res, 400, { error: 'NotFound', message: `Post not found: ${url.searchParams.get('uri')}` });
      const depth = Math.min(1000, Number(url.searchParams.get('depth') ?? 6));
      const height = Math.min(1000, Number(url.searchParams.get('parentHeight') ?? 80));
      return sendJson(res, 200, { thread: thread(post, posts, depth, height) });
    }
    return sendJson(res, 501, { error: 'MethodNotImplemented', message: `Method Not Implemented: ${nsid}` });
  });

  return {
    url: server.url,
    did: APPVIEW_DID,
    requests: server.requests,
    setPds: (url) => void (pds = url),
    failNext: (nsid, n, options = {}) => void failures.set(nsid, { n, status: options.status ?? 500, viewer: options.viewer }),
    stop: () => server.stop(),
  };
}
