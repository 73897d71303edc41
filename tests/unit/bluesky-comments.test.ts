import { guardedFetch } from '../../server/core/http/guarded-fetch';
import {
  MAX_PAGES,
  PAGE_SIZE,
  comments,
  notification,
  readCursor,
  threadContext,
  toComment,
  writeCursor,
} from '../../server/networks/bluesky/comments';
import type { AdapterContext, NetworkFetch } from '../../server/networks/types';
import { sendJson, startRecordingServer, type RecordingServer } from '../fakes/recording-server';

/**
 * Bluesky's comments port: the parsing against bodies shaped as the lexicons
 * answer them (app.bsky.notification.listNotifications, app.bsky.feed.getPostThread:
 * field for field as api.bsky.app sends them), and the paging and cursor
 * carry-on against a loopback server answering a long notification list.
 */

const BOB = {
  did: 'did:plc:bobbobbobbobbobbobbobbob',
  handle: 'bob.bsky.social',
  displayName: 'Bob',
  avatar: 'https://cdn.bsky.app/img/avatar/plain/did:plc:bobbobbobbobbobbobbobbob/bafkreiavatar@jpeg',
  viewer: { muted: false, blockedBy: false },
  labels: [],
  createdAt: '2024-02-01T10:00:00.000Z',
};
const OURS = { uri: 'at://did:plc:brandbrandbrandbrandbran/app.bsky.feed.post/3lbrandpost22', cid: 'bafyreiours' };

// As listNotifications answers them (lexicon app.bsky.notification.listNotifications#notification).
const REPLY = {
  uri: 'at://did:plc:bobbobbobbobbobbobbobbob/app.bsky.feed.post/3lreplyreply2',
  cid: 'bafyreireply',
  author: BOB,
  reason: 'reply',
  reasonSubject: OURS.uri,
  record: {
    $type: 'app.bsky.feed.post',
    createdAt: '2026-12-04T09:00:00.000Z',
    langs: ['fr'],
    reply: { parent: OURS, root: OURS },
    text: 'Bravo pour le lancement !',
  },
  isRead: false,
  indexedAt: '2026-12-04T09:00:01.123Z',
  labels: [],
};
const QUOTE = {
  ...REPLY,
  uri: 'at://did:plc:bobbobbobbobbobbobbobbob/app.bsky.feed.post/3lquotequote2',
  cid: 'bafyreiquote',
  reason: 'quote',
  record: {
    $type: 'app.bsky.feed.post',
    createdAt: '2026-12-04T09:05:00.000Z',
    text: 'Look at this',
    embed: {
      $type: 'app.bsky.embed.recordWithMedia',
      media: { $type: 'app.bsky.embed.images', images: [] },
      record: { $type: 'app.bsky.embed.record', record: OURS },
    },
  },
  indexedAt: '2026-12-04T09:05:00.500Z',
};
const MENTION = {
  ...REPLY,
  uri: 'at://did:plc:bobbobbobbobbobbobbobbob/app.bsky.feed.post/3lmentionmen2',
  cid: 'bafyreimention',
  reason: 'mention',
  reasonSubject: undefined,
  record: {
    $type: 'app.bsky.feed.post',
    createdAt: '2026-12-04T09:10:00.000Z',
    text: 'Hey @brand.example',
    facets: [
      {
        index: { byteStart: 4, byteEnd: 18 },
        features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:brandbrandbrandbrandbran' }],
      },
    ],
  },
  indexedAt: '2026-12-04T09:10:00.000Z',
};
const LIKE = {
  ...REPLY,
  uri: 'at://did:plc:bobbobbobbobbobbobbobbob/app.bsky.feed.like/3llikelikeli2',
  reason: 'like',
  record: { $type: 'app.bsky.feed.like', subject: OURS, createdAt: '2026-12-04T09:11:00.000Z' },
};

describe('parsing what the AppView answers', () => {
  it('turns a reply, a quote and a mention into comments, with their kinds, parents and authors; a like is none', () => {
    const parse = (body: unknown) => toComment(notification.parse(body));
    expect(parse(REPLY)).toEqual({
      externalId: REPLY.uri,
      parentId: OURS.uri,
      author: {
        id: BOB.did,
        handle: '@bob.bsky.social',
        displayName: 'Bob',
        avatarUrl: BOB.avatar,
        profileUrl: 'https://bsky.app/profile/bob.bsky.social',
      },
      text: 'Bravo pour le lancement !',
      language: 'fr',
      createdAt: '2026-12-04T09:00:00.000Z',
      url: 'https://bsky.app/profile/bob.bsky.social/post/3lreplyreply2',
      kind: 'reply',
    });
    // recordWithMedia: the quoted post is one level deeper.
    expect(parse(QUOTE)).toMatchObject({ kind: 'quote', parentId: OURS.uri, language: null });
    // A mention outside a thread answers nothing: its own uri, as the other adapters do.
    expect(parse(MENTION)).toMatchObject({ kind: 'mention', parentId: MENTION.uri, text: 'Hey @brand.example' });
    expect(parse(LIKE)).toBeNull();
    // A reason we read but a record that is no post (damaged, or a newer lexicon): skipped, not thrown.
    expect(parse({ ...REPLY, record: { text: 42 } })).toBeNull();
  });

  it('keeps the cursor as the newest seen and where a catch-up stopped; anything else reads from the newest', () => {
    const since = { at: REPLY.indexedAt, uri: REPLY.uri };
    expect(readCursor(writeCursor({ since, pending: null }))).toEqual({ since, pending: null });
    const pending = { newest: { at: MENTION.indexedAt, uri: MENTION.uri }, cursor: '1733302800000::bafyrei' };
    expect(readCursor(writeCursor({ since, pending }))).toEqual({ since, pending });
    expect(writeCursor({ since: null, pending: null })).toBeNull();
    for (const raw of [null, '', '110234', '{"s":3}', 'not json {']) expect(readCursor(raw)).toEqual({ since: null, pending: null });
  });

  it('reads a getPostThread answer: parents oldest first, replies depth first, missing and blocked posts left out', () => {
    const view = (uri: string, text: string, parent?: string) => ({
      uri,
      cid: `cid-${text}`,
      author: BOB,
      record: {
        $type: 'app.bsky.feed.post',
        text,
        createdAt: '2026-12-04T09:00:00.000Z',
        ...(parent ? { reply: { root: OURS, parent: { uri: parent, cid: 'x' } } } : {}),
      },
      indexedAt: '2026-12-04T09:00:00.000Z',
      replyCount: 0,
      likeCount: 0,
    });
    const at = (rkey: string) => `at://did:plc:bobbobbobbobbobbobbobbob/app.bsky.feed.post/${rkey}`;
    const body = {
      thread: {
        $type: 'app.bsky.feed.defs#threadViewPost',
        post: view(at('b'), 'middle', at('a')),
        parent: {
          $type: 'app.bsky.feed.defs#threadViewPost',
          post: view(at('a'), 'first', OURS.uri),
          parent: { $type: 'app.bsky.feed.defs#notFoundPost', uri: OURS.uri, notFound: true },
        },
        replies: [
          {
            $type: 'app.bsky.feed.defs#threadViewPost',
            post: view(at('c'), 'under', at('b')),
            replies: [{ $type: 'app.bsky.feed.defs#threadViewPost', post: view(at('d'), 'deeper', at('c')) }],
          },
          { $type: 'app.bsky.feed.defs#blockedPost', uri: at('e'), blocked: true, author: { did: BOB.did } },
        ],
      },
    };
    const context = threadContext(body);
    expect(context.ancestors.map((p) => p.text)).toEqual(['first']);
    expect(context.ancestors[0]).toMatchObject({ externalId: at('a'), inReplyToId: OURS.uri, author: { handle: '@bob.bsky.social' } });
    expect(context.descendants.map((p) => [p.text, p.inReplyToId])).toEqual([
      ['under', at('b')],
      ['deeper', at('c')],
    ]);
    expect(threadContext({ thread: { $type: 'app.bsky.feed.defs#notFoundPost', uri: at('z'), notFound: true } })).toEqual({
      ancestors: [],
      descendants: [],
    });
  });
});

describe('paging the notifications', () => {
  let server: RecordingServer;
  /** the list, newest first, as the AppView holds it */
  let list: Array<Omit<typeof REPLY, 'record'> & { record: unknown }>;
  const fetch: NetworkFetch = (url, req = {}) =>
    guardedFetch(url, { timeoutMs: 5_000, ...req }, { policy: { allowedHosts: ['127.0.0.1'] } });
  const jwt = `e30.${Buffer.from(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url')}.sig`;
  let ctx: AdapterContext;

  /** n replies, one a second after `from` */
  const replies = (n: number, from: number, tag: string) =>
    Array.from({ length: n }, (_, i) => ({
      ...REPLY,
      uri: `${REPLY.uri}-${tag}${i}`,
      cid: `${tag}${i}`,
      indexedAt: new Date(from + i * 1000).toISOString(),
    })).reverse();

  beforeAll(async () => {
    server = await startRecordingServer((req, res) => {
      const url = new URL(req.path, 'http://x');
      if (url.pathname !== '/xrpc/app.bsky.notification.listNotifications') return sendJson(res, 404, { error: 'NotFound' });
      const limit = Number(url.searchParams.get('limit'));
      // An opaque keyset cursor, as the AppView's is (newer items arriving do not shift it): here the last uri answered.
      const after = url.searchParams.get('cursor');
      const start = after ? list.findIndex((n) => n.uri === after) + 1 : 0;
      const page = list.slice(start, start + limit);
      sendJson(res, 200, { notifications: page, ...(start + limit < list.length ? { cursor: page[page.length - 1].uri } : {}) });
    });
    ctx = {
      account: {
        documentId: 'a1',
        network: 'bluesky',
        instanceUrl: server.url,
        networkAccountId: 'did:plc:brandbrandbrandbrandbran',
        handle: '@brand.example',
        settings: { identifier: 'brand.example' },
        limits: null,
      },
      secrets: { appPassword: 'x', accessJwt: jwt, refreshJwt: jwt, did: 'did:plc:brandbrandbrandbrandbran', handle: 'brand.example' },
      saveSecrets: async () => undefined,
      fetch,
      now: Date.now,
      publicationId: 'p1',
    };
  });
  afterAll(() => server.stop());

  it('reads at most MAX_PAGES pages a pass and carries on where it stopped; then only what is newer than the newest seen', async () => {
    const t0 = Date.parse('2026-12-01T00:00:00Z');
    const total = PAGE_SIZE * MAX_PAGES * 2 + 30;
    list = replies(total, t0, 'a');
    // A like among them: read past, not stored.
    list.splice(7, 0, { ...LIKE, indexedAt: list[7].indexedAt });
    const seen = new Set<string>();
    const reads = () => server.requests.length;

    let before = reads();
    const first = await comments.listSince(ctx, null);
    expect(reads() - before).toBe(MAX_PAGES);
    expect(first.comments).toHaveLength(PAGE_SIZE * MAX_PAGES - 1);
    first.comments.forEach((c) => seen.add(c.externalId));
    const stopped = readCursor(first.cursor);
    // Nothing older than what a pass reached is known yet: `since` stays empty until the gap is filled.
    expect(stopped.since).toBeNull();
    expect(stopped.pending?.newest.uri).toBe(list[0].uri);

    // Newer ones arrive meanwhile: read by a later pass, not lost behind the catch-up.
    list.unshift(...replies(3, t0 + total * 1000 + 5000, 'b'));
    let cursor = first.cursor;
    for (let pass = 0; pass < 5 && readCursor(cursor).pending; pass++) {
      const page = await comments.listSince(ctx, cursor);
      page.comments.forEach((c) => seen.add(c.externalId));
      cursor = page.cursor;
    }
    const done = readCursor(cursor);
    expect(done).toEqual({
      since: { at: new Date(t0 + (total - 1) * 1000).toISOString(), uri: `${REPLY.uri}-a${total - 1}` },
      pending: null,
    });
    // Every old one read; the three newer are read now, from the newest mark down to it, in one page.
    expect([...seen].filter((id) => id.includes('-a'))).toHaveLength(total);
    before = reads();
    const next = await comments.listSince(ctx, cursor);
    expect(reads() - before).toBe(1);
    expect(next.comments.map((c) => c.externalId)).toEqual([`${REPLY.uri}-b2`, `${REPLY.uri}-b1`, `${REPLY.uri}-b0`]);
    expect(readCursor(next.cursor).since?.uri).toBe(`${REPLY.uri}-b2`);
    expect(await comments.listSince(ctx, next.cursor)).toEqual({ comments: [], cursor: next.cursor });
  });

  it('asks for replies, mentions and quotes only, and fails the pass (the inbox backs off) on an AppView error', async () => {
    list = [];
    await comments.listSince(ctx, null);
    const asked = new URL(server.requests.at(-1)!.path, 'http://x');
    expect(asked.searchParams.getAll('reasons')).toEqual(['reply', 'mention', 'quote']);
    expect(asked.searchParams.get('limit')).toBe(String(PAGE_SIZE));
    expect(server.requests.at(-1)!.headers.authorization).toBe(`Bearer ${jwt}`);
    const broken = { ...ctx, account: { ...ctx.account, instanceUrl: `${server.url}/nowhere` } };
    await expect(comments.listSince(broken, null)).rejects.toMatchObject({ kind: 'permanent' });
  });
});
