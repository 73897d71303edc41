import { startApp, bearer, type TestApp } from '../helpers/strapi';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLocalPds, type LocalPds } from '../fakes/bluesky-pds';
import { startFakeAppView, type FakeAppView } from '../fakes/bluesky-appview';
import { startRecordingServer, type RecordingServer } from '../fakes/recording-server';
import { createAccount, publicationsOf, schedulePlan, tickAt } from '../helpers/publishing';
import { publish as bluesky } from '../../server/networks/bluesky/publish';
import { newTid } from '../../server/networks/bluesky/richtext';
import type { AdapterContext } from '../../server/networks/types';
import { guardedFetch } from '../../server/core/http/guarded-fetch';

/**
 * Bluesky publishing against a REAL PDS (@atproto/pds) on loopback: records read back with getRecord.
 * The inbox's cases (last describe) read notifications through the PDS, which proxies them to the
 * fake AppView (tests/fakes/bluesky-appview.ts) built from the PDS's own repos.
 */
let app: TestApp;
let pds: LocalPds;
let appView: FakeAppView;
let site: RecordingServer;
let alice: { did: string; handle: string; appPassword: string };
let bob: { did: string };
let accountId: string;

// A 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  appView = await startFakeAppView();
  [app, pds, site] = await Promise.all([
    startApp({ CM_SCHEDULER_ENABLED: 'false' }),
    startLocalPds({ appView }),
    startRecordingServer((req, res) => {
      if (req.path === '/card.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          '<html><head><title>Fallback</title><meta property="og:title" content="Spring launch &amp; more"><meta property="og:description" content="All the news"><meta property="og:image" content="/card.png"></head><body>Hi</body></html>'
        );
    }),
  ]);
  appView.setPds(pds.url);
  alice = await pds.createAccount('alice.test', 'alice-main-password');
  bob = await pds.createAccount('bob.test', 'bob-main-password');
  accountId = (
    await createAccount(app, {
      network: 'bluesky',
      name: 'Alice',
      identifier: 'alice.test',
      service: pds.url,
      appPassword: alice.appPassword,
    })
  ).documentId;
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await pds?.stop();
  await site?.stop();
  await appView?.stop();
  await proxy?.stop();
});

const rkeyOf = (uri: string) => uri.split('/').pop()!;

describe('publishing to Bluesky', () => {
  it('publishes a post with a link card, link/mention/tag facets at byte offsets, and the first comment as a self-reply', async () => {
    const link = `${site.url}/article`;
    const text = `Café ☕ news: ${link} with @bob.test #launch`;
    const plan = await schedulePlan(app, [accountId], { body: text, firstComment: 'Thread below 👇' });
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    const [row] = await publicationsOf(app, plan.documentId);
    expect(row.state).toBe('published');
    expect(row.externalId).toMatch(new RegExp(`^at://${alice.did}/app.bsky.feed.post/`));

    const record = (await pds.getRecord(alice.did, 'app.bsky.feed.post', rkeyOf(row.externalId!))) as {
      text: string;
      facets: Array<{ index: { byteStart: number; byteEnd: number }; features: Array<Record<string, string>> }>;
      embed: { $type: string; external: { uri: string; title: string; thumb?: unknown } };
    };
    expect(record.text).toBe(text);
    const bytes = Buffer.from(text, 'utf8');
    const slice = (f: { index: { byteStart: number; byteEnd: number } }) =>
      bytes.subarray(f.index.byteStart, f.index.byteEnd).toString('utf8');
    expect(record.facets.map((f) => [slice(f), f.features[0].$type])).toEqual([
      [link, 'app.bsky.richtext.facet#link'],
      ['@bob.test', 'app.bsky.richtext.facet#mention'],
      ['#launch', 'app.bsky.richtext.facet#tag'],
    ]);
    expect(record.facets[1].features[0].did).toBe(bob.did);
    expect(record.embed).toMatchObject({ $type: 'app.bsky.embed.external', external: { uri: link, title: 'Spring launch & more' } });
    expect(record.embed.external.thumb).toBeDefined();

    const page = await fetch(`${pds.url}/xrpc/com.atproto.repo.listRecords?repo=${alice.did}&collection=app.bsky.feed.post&limit=10`);
    const replies = (
      (await page.json()) as { records: Array<{ uri: string; value: { text: string; reply?: { parent: { uri: string } } } }> }
    ).records.filter((r) => r.value.reply);
    expect(replies).toHaveLength(1);
    expect(replies[0].value).toMatchObject({ text: 'Thread below 👇', reply: { parent: { uri: row.externalId } } });
  });

  it('uploads an image with its alt text, with the record key chosen before the call, and reconciles with getRecord', async () => {
    const secrets: Record<string, string> = { appPassword: alice.appPassword };
    const ctx: AdapterContext = {
      account: {
        documentId: 'x',
        network: 'bluesky',
        instanceUrl: pds.url,
        networkAccountId: alice.did,
        handle: '@alice.test',
        settings: { identifier: 'alice.test' },
        limits: null,
      },
      secrets,
      saveSecrets: async (next) => void Object.assign(secrets, next),
      fetch: (url, req = {}) => guardedFetch(url, { timeoutMs: 10_000, ...req }, { policy: { allowedHosts: ['127.0.0.1'] } }),
      now: () => Date.now(),
      publicationId: 'test',
    };
    const content = {
      text: 'A tiny picture',
      firstComment: null,
      media: [{ bytes: PNG, mime: 'image/png', alt: 'One red pixel', filename: 'pixel.png' }],
    };
    const rkey = bluesky.newAttemptId!(Date.now());
    expect(await bluesky.findExisting(ctx, content, rkey, Date.now())).toBe('absent');
    const result = await bluesky.publish(ctx, content, rkey);
    expect(rkeyOf(result.externalId)).toBe(rkey);
    expect(secrets.accessJwt).toBeTruthy();
    const record = (await pds.getRecord(alice.did, 'app.bsky.feed.post', rkey)) as {
      embed: { $type: string; images: Array<{ alt: string; image: { mimeType: string } }> };
    };
    expect(record.embed).toMatchObject({
      $type: 'app.bsky.embed.images',
      images: [{ alt: 'One red pixel', image: { mimeType: 'image/png' } }],
    });
    expect(await bluesky.findExisting(ctx, content, rkey, Date.now())).toMatchObject({ found: { externalId: result.externalId } });
    expect(await bluesky.findExisting(ctx, content, newTid(Date.now()), Date.now())).toBe('absent');
  });

  it('a post over 300 graphemes that reaches the publisher is refused before any call, with the reason stored', async () => {
    const plan = await schedulePlan(app, [accountId], { body: 'Short for now', local: `${new Date().getUTCFullYear() + 1}-06-12T09:00` });
    // The planner checks lengths when scheduling; a text changed behind its back is caught at publish time.
    await app.strapi.db
      .query('plugin::community-manager.post-plan')
      .update({ where: { documentId: plan.documentId }, data: { body: 'é'.repeat(301) } });
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    const [row] = await publicationsOf(app, plan.documentId);
    expect(row).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'too_long' } });
  });
});

/**
 * A pass-through to the PDS that can lose answers: the request reaches the PDS
 * and is carried out, then the connection is cut before the answer (an
 * unknown outcome).
 */
let proxy: { url: string; cut: ((path: string) => boolean) | null; stop(): Promise<void> } | undefined;
async function startCuttingProxy(target: string) {
  const state = { cut: null as ((path: string) => boolean) | null };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          ([k, v]) => typeof v === 'string' && !['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive'].includes(k)
        )
      ) as Record<string, string>;
      const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, body: body.length ? body : undefined }).catch(
        () => null
      );
      if (!upstream) return void res.writeHead(502).end();
      const answer = Buffer.from(await upstream.arrayBuffer());
      if (state.cut?.(req.url ?? '')) return void req.socket.destroy();
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

describe('the inbox reads Bluesky (notifications from the AppView, replies and hides on the PDS)', () => {
  const api = '/community-manager/inbox';
  const NOTIFICATIONS = '/xrpc/app.bsky.notification.listNotifications';
  let carol: { did: string; handle: string; appPassword: string };
  let source: string;
  let ours: { uri: string; cid: string; publication: string };
  let bobJwt: string;
  const written: Record<string, { uri: string; cid: string }> = {};
  /** carol's notification reads as the AppView saw them (the PDS's service token names who asks) */
  const carolReads = () =>
    appView.requests.filter(
      (r) =>
        r.path.startsWith(NOTIFICATIONS) &&
        String(JSON.parse(Buffer.from(String(r.headers.authorization).split('.')[1], 'base64url').toString()).iss).split('#')[0] ===
          carol.did
    );

  interface Item {
    documentId: string;
    externalId: string;
    kind: string;
    status: string;
    text: string;
    publication: { documentId: string } | null;
    can: { reply: boolean; hide: boolean; hideReplies: boolean };
    author: { handle: string | null; profileUrl: string | null };
    replies: Array<{ attemptId: string; state: string; externalId: string | null }>;
    replyState: string;
  }
  const poll = () => app.http.post(`${api}/poll`).set(bearer(app.token)).send({});
  const createdFor = (res: { body: { data: { sources: Array<{ source: string; created: number; error?: string }> } } }) =>
    res.body.data.sources.find((s) => s.source === source);
  const items = async () => {
    const res = await app.http.get(`${api}/items?status=all&pageSize=100&source=${source}`).set(bearer(app.token));
    expect(res.status).toBe(200);
    return res.body.data.results as Item[];
  };
  /** A post bob writes straight to the PDS, as any Bluesky app would. */
  async function bobPosts(name: string, record: Record<string, unknown>) {
    const res = await fetch(`${pds.url}/xrpc/com.atproto.repo.createRecord`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bobJwt}` },
      body: JSON.stringify({
        repo: bob.did,
        collection: 'app.bsky.feed.post',
        record: { $type: 'app.bsky.feed.post', createdAt: new Date().toISOString(), ...record },
      }),
    });
    expect(res.status).toBe(200);
    written[name] = (await res.json()) as { uri: string; cid: string };
    return written[name];
  }
  const carolReplies = async () => {
    const page = await fetch(`${pds.url}/xrpc/com.atproto.repo.listRecords?repo=${carol.did}&collection=app.bsky.feed.post&limit=100`);
    const { records } = (await page.json()) as {
      records: Array<{
        uri: string;
        value: { text: string; reply?: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } } };
      }>;
    };
    return records.filter((r) => r.value.reply);
  };

  beforeAll(async () => {
    proxy = await startCuttingProxy(pds.url);
    carol = await pds.createAccount('carol.test', 'carol-main-password');
    source = (
      await createAccount(app, {
        network: 'bluesky',
        name: 'Carol',
        identifier: 'carol.test',
        service: proxy.url,
        appPassword: carol.appPassword,
      })
    ).documentId;
    const session = await fetch(`${pds.url}/xrpc/com.atproto.server.createSession`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: 'bob.test', password: 'bob-main-password' }),
    });
    bobJwt = ((await session.json()) as { accessJwt: string }).accessJwt;
    const plan = await schedulePlan(app, [source], {
      body: 'Our Bluesky launch is live',
      local: `${new Date().getUTCFullYear() + 1}-05-02T09:00`,
    });
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    const [row] = await publicationsOf(app, plan.documentId);
    expect(row.state).toBe('published');
    const record = await fetch(
      `${pds.url}/xrpc/com.atproto.repo.getRecord?repo=${carol.did}&collection=app.bsky.feed.post&rkey=${rkeyOf(row.externalId!)}`
    );
    ours = { ...((await record.json()) as { uri: string; cid: string }), publication: row.documentId };
  }, 60_000);

  it('stores a reply to our post, a mention and a quote once each, linked to the publication; a second pass adds nothing', async () => {
    const text = 'Hello @carol.test!';
    await bobPosts('reply', { text: 'Congrats on the launch, great work', reply: { root: ours, parent: ours } });
    await bobPosts('mention', {
      text,
      facets: [{ index: { byteStart: 6, byteEnd: 17 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: carol.did }] }],
    });
    await bobPosts('quote', { text: 'Look at this', embed: { $type: 'app.bsky.embed.record', record: { uri: ours.uri, cid: ours.cid } } });
    // Not about carol: no notification.
    await bobPosts('other', { text: 'Just bob talking' });

    const first = await poll();
    expect(first.status).toBe(200);
    expect(createdFor(first)).toEqual({ source, created: 3 });
    const found = await items();
    const byId = Object.fromEntries(found.map((i) => [i.externalId, i]));
    expect(found).toHaveLength(3);
    expect(byId[written.reply.uri]).toMatchObject({
      kind: 'reply',
      status: 'new',
      text: 'Congrats on the launch, great work',
      publication: { documentId: ours.publication },
      can: { reply: true, hide: true },
      author: { handle: '@bob.test', profileUrl: 'https://bsky.app/profile/bob.test' },
    });
    expect(byId[written.mention.uri]).toMatchObject({ kind: 'mention', text, publication: null });
    expect(byId[written.quote.uri]).toMatchObject({ kind: 'quote', publication: { documentId: ours.publication } });

    // The reads were carol's, through her PDS (the AppView saw a service token issued for her), for the three reasons only.
    const reads = carolReads();
    expect(reads.length).toBeGreaterThan(0);
    expect(new URL(reads.at(-1)!.path, 'http://x').searchParams.getAll('reasons')).toEqual(['reply', 'mention', 'quote']);

    expect(createdFor(await poll())).toEqual({ source, created: 0 });
    expect(await items()).toHaveLength(3);
  });

  it('reads a reply’s thread from the AppView when it is opened: our post above it, as text', async () => {
    const reply = (await items()).find((i) => i.externalId === written.reply.uri)!;
    const threadReads = () => appView.requests.filter((r) => r.path.startsWith('/xrpc/app.bsky.feed.getPostThread')).length;
    const before = threadReads();
    const res = await app.http.get(`${api}/items/${reply.documentId}/context`).set(bearer(app.token));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      supported: true,
      ancestors: [{ externalId: ours.uri, ours: true, text: 'Our Bluesky launch is live', author: { handle: '@carol.test' } }],
      descendants: [],
    });
    expect(threadReads()).toBe(before + 1);
  });

  it('carries on from the stored cursor (the newest notification), backs off when the AppView fails, and a lost cursor stores nothing twice', async () => {
    const sources = (await app.http.get(`${api}/sources`).set(bearer(app.token))).body.data as Array<{
      source: string;
      cursor: string | null;
    }>;
    const stored = JSON.parse(sources.find((s) => s.source === source)!.cursor!) as { s: { uri: string } };
    expect(stored.s.uri).toBe(written.quote.uri);

    appView.failNext('app.bsky.notification.listNotifications', 1, { viewer: carol.did });
    const failed = await poll();
    expect(createdFor(failed)?.created).toBe(0);
    expect(createdFor(failed)?.error).toBeTruthy();
    const row = await app.strapi.db.query('plugin::community-manager.inbox-cursor').findOne({ where: { sourceRef: source } });
    expect(row.failures).toBe(1);
    // The default poll interval is 300 s; the first failure waits at least that long.
    expect(new Date(row.nextPollAt).getTime()).toBeGreaterThanOrEqual(Date.now() + 290_000);
    expect(row.cursor).toBe(sources.find((s) => s.source === source)!.cursor);

    const before = carolReads().length;
    await bobPosts('later', { text: 'One more question', reply: { root: ours, parent: written.reply } });
    expect(createdFor(await poll())).toEqual({ source, created: 1 });
    // One page: it met the stored mark and stopped.
    expect(carolReads().length - before).toBe(1);
    expect((await items()).find((i) => i.externalId === written.later.uri)).toMatchObject({ kind: 'reply' });

    await app.strapi.db
      .query('plugin::community-manager.inbox-cursor')
      .updateMany({ where: { sourceRef: source }, data: { cursor: null } });
    expect(createdFor(await poll())).toEqual({ source, created: 0 });
    expect(await items()).toHaveLength(4);
  });

  it('replies from the inbox once, with root and parent strong refs, under the attempt record key', async () => {
    const target = (await items()).find((i) => i.externalId === written.later.uri)!;
    const click = { text: 'Thanks Bob, the answer is yes', requestId: 'bsky-reply-0001' };
    const res = await app.http.post(`${api}/items/${target.documentId}/reply`).set(bearer(app.token)).send(click);
    expect(res.status).toBe(200);
    const item = res.body.data as Item;
    const sent = (await carolReplies()).filter((r) => r.value.reply!.parent.uri === written.later.uri);
    expect(sent).toHaveLength(1);
    expect(sent[0].value).toMatchObject({
      text: click.text,
      reply: { root: { uri: ours.uri, cid: ours.cid }, parent: { uri: written.later.uri, cid: written.later.cid } },
    });
    expect(item.replies).toEqual([expect.objectContaining({ state: 'sent', externalId: sent[0].uri })]);
    expect(rkeyOf(sent[0].uri)).toBe(item.replies[0].attemptId);
    // The same click again (a retry after a lost answer): nothing more goes out.
    expect((await app.http.post(`${api}/items/${target.documentId}/reply`).set(bearer(app.token)).send(click)).status).toBe(200);
    expect((await carolReplies()).filter((r) => r.value.reply!.parent.uri === written.later.uri)).toHaveLength(1);
  });

  it('after an unknown outcome (the answer lost, the record written), the resend finds the record: one post', async () => {
    const target = (await items()).find((i) => i.externalId === written.mention.uri)!;
    proxy!.cut = (path) => /com\.atproto\.repo\.(createRecord|getRecord)/.test(path);
    let res;
    try {
      res = await app.http
        .post(`${api}/items/${target.documentId}/reply`)
        .set(bearer(app.token))
        .send({ text: 'Hi Bob, thanks for the mention' });
    } finally {
      proxy!.cut = null;
    }
    expect([res.status, res.body.error?.details?.code]).toEqual([502, 'reply_unknown']);
    const toMention = async () => (await carolReplies()).filter((r) => r.value.reply!.parent.uri === written.mention.uri);
    expect(await toMention()).toHaveLength(1);

    const resent = await app.http.post(`${api}/items/${target.documentId}/resend`).set(bearer(app.token)).send({});
    expect(resent.status).toBe(200);
    const sent = await toMention();
    expect(sent).toHaveLength(1);
    // A mention outside any thread: it is both root and parent.
    const ref = { uri: written.mention.uri, cid: written.mention.cid };
    expect(sent[0].value.reply).toEqual({ root: ref, parent: ref });
    expect((resent.body.data as Item).replies).toEqual([expect.objectContaining({ state: 'sent', externalId: sent[0].uri })]);
  });

  it('hides a reply with the threadgate of our root post, shows it again, and says plainly when it cannot', async () => {
    const items_ = await items();
    const reply = items_.find((i) => i.externalId === written.reply.uri)!;
    const later = items_.find((i) => i.externalId === written.later.uri)!;
    const hide = (id: string, hidden: boolean) => app.http.post(`${api}/items/${id}/hide`).set(bearer(app.token)).send({ hidden });
    const gate = () => pds.getRecord(carol.did, 'app.bsky.feed.threadgate', rkeyOf(ours.uri)) as Promise<Record<string, unknown> | null>;

    expect(await gate()).toBeNull();
    const hidden = await hide(reply.documentId, true);
    expect(hidden.status).toBe(200);
    expect(hidden.body.data.status).toBe('hidden');
    expect(await gate()).toMatchObject({ $type: 'app.bsky.feed.threadgate', post: ours.uri, hiddenReplies: [written.reply.uri] });
    // Hiding only: no `allow`, everyone may still reply.
    expect(await gate()).not.toHaveProperty('allow');
    // A deeper reply of the same thread joins the same gate.
    expect((await hide(later.documentId, true)).status).toBe(200);
    expect((await gate())?.hiddenReplies).toEqual([written.reply.uri, written.later.uri]);

    const shown = await hide(reply.documentId, false);
    expect(shown.status).toBe(200);
    expect(shown.body.data.status).toBe('done');
    expect((await gate())?.hiddenReplies).toEqual([written.later.uri]);

    // A mention is not a reply in a thread of ours: not offered (the admin says why), refused if asked, nothing written.
    const mention = items_.find((i) => i.externalId === written.mention.uri)!;
    expect(mention.can).toEqual({ reply: true, hide: false, hideReplies: true });
    const refused = await hide(mention.documentId, true);
    expect([refused.status, refused.body.error.details.code]).toEqual([400, 'hide_unsupported']);
    expect(refused.body.error.message).toMatch(/only replies in a thread this account started/);
    expect((await items()).find((i) => i.externalId === written.mention.uri)!.status).not.toBe('hidden');
  });
});
