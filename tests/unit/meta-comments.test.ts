import { createHmac } from 'node:crypto';
import { guardedFetch } from '../../server/core/http/guarded-fetch';
import { adapterFor } from '../../server/networks/registry';
import { toComment as facebookComment } from '../../server/networks/facebook/comments';
import { toComment as instagramComment } from '../../server/networks/instagram/comments';
import { toComment as threadsReply } from '../../server/networks/threads/comments';
import { graphOf } from '../../server/networks/instagram/api';
import type { AdapterContext, NetworkFetch } from '../../server/networks/types';
import { startFakeMeta, type FakeMeta, type MetaPost } from '../fakes/meta';
import { failure } from '../helpers/network-failure';

/**
 * The comments ports of Facebook pages, Instagram and Threads against the
 * fake Graph API (read since a cursor through Graph's paging, answer, hide,
 * delete our own), and their parsing of bodies recorded from Meta's
 * reference pages.
 */
const fetch: NetworkFetch = (url, req = {}) => guardedFetch(url, { timeoutMs: 5_000, ...req }, { policy: { allowedHosts: ['127.0.0.1'] } });
const port = (network: string) => adapterFor(network)!.comments!;

let fake: FakeMeta;
const ctxs: Record<'facebook' | 'instagram' | 'threads', AdapterContext> = {} as never;

beforeAll(async () => {
  fake = await startFakeMeta();
  fake.options.processingMs = 20;
  const page = fake.pages[0];
  const base = { saveSecrets: async () => undefined, fetch, now: Date.now, publicationId: 'inbox' };
  ctxs.facebook = {
    ...base,
    account: {
      documentId: 'acc-fb',
      network: 'facebook',
      instanceUrl: fake.graphUrl,
      networkAccountId: page.id,
      handle: page.name,
      settings: { page: page.id, graphVersion: fake.version },
      limits: null,
    },
    secrets: { accessToken: fake.grant('page', page.id) },
  };
  ctxs.instagram = {
    ...base,
    account: {
      documentId: 'acc-ig',
      network: 'instagram',
      instanceUrl: fake.graphUrl,
      networkAccountId: fake.instagramUser.id,
      handle: '@harbourcafe',
      settings: { instagramId: fake.instagramUser.id, graphVersion: fake.version },
      limits: null,
    },
    secrets: { accessToken: fake.grant('page', page.id) },
  };
  ctxs.threads = {
    ...base,
    account: {
      documentId: 'acc-th',
      network: 'threads',
      instanceUrl: fake.threads.apiUrl,
      networkAccountId: fake.threadsUser.id,
      handle: '@harbourcafe',
      settings: { username: 'harbourcafe' },
      limits: null,
    },
    secrets: { accessToken: fake.grant('threads-long') },
  };
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.fault = null;
});

/** A cursor just before a comment (Graph's times are to the second). */
const before = (c: { createdAt: number }) => String(Math.floor(c.createdAt / 1000) * 1000 - 1);
/** A post of the account, as the network holds it (published by the publishing suites elsewhere). */
const post = (network: MetaPost['network'], at = Date.now() - 60_000) => fake.seedPost(network, { at });

describe('Facebook page comments', () => {
  it('reads every comment and answer through the pages, newest first, then only newer ones; the page’s own are left out', async () => {
    const p = post('facebook');
    const t0 = Date.now() - 50_000;
    const many = Array.from({ length: 130 }, (_, i) => fake.comment(p.id, `Comment ${i}`, { at: t0 + i * 10 }));
    const answer = fake.comment(p.id, 'Me too', { parent: many[0].id, from: { id: '5550002', name: 'Bo' }, at: t0 + 5_000 });
    const pages = fake.calls('GET', `/${p.id}/comments`).length;

    const first = await port('facebook').listSince(ctxs.facebook, null);
    expect(first.comments).toHaveLength(131);
    // 131 comments at 100 a page: two calls, the second from the first's `after` cursor.
    const reads = fake.calls('GET', `/${p.id}/comments`).slice(pages);
    expect(reads).toHaveLength(2);
    expect(reads[0].query.get('filter')).toBe('stream');
    expect(reads[1].query.get('after')).toBeTruthy();
    expect(first.comments.find((c) => c.externalId === answer.id)).toMatchObject({
      parentId: many[0].id,
      author: { id: '5550002', displayName: 'Bo' },
      text: 'Me too',
      hidden: false,
    });
    expect(first.comments.find((c) => c.externalId === many[3].id)).toMatchObject({ parentId: p.id, text: 'Comment 3' });
    expect(first.cursor).toMatch(new RegExp(`^${Math.floor(answer.createdAt / 1000) * 1000}\\|`));

    expect((await port('facebook').listSince(ctxs.facebook, first.cursor)).comments).toEqual([]);
    const later = fake.comment(p.id, 'Later', { at: Date.now() + 2_000 });
    const reply = await port('facebook').reply(ctxs.facebook, first.comments[0], 'Thank you', 'r1');
    expect(fake.comments.find((c) => c.id === reply.externalId)).toMatchObject({ own: true, text: 'Thank you' });
    const next = await port('facebook').listSince(ctxs.facebook, first.cursor);
    expect(next.comments.map((c) => c.externalId)).toEqual([later.id]);
  });

  it('hides and shows a comment with is_hidden; deletes its own answer; cannot hide its own', async () => {
    const p = post('facebook');
    const c = fake.comment(p.id, 'Buy followers at spam.example');
    const [read] = (await port('facebook').listSince(ctxs.facebook, before(c))).comments;
    await port('facebook').hide!(ctxs.facebook, read, true);
    expect(fake.comments.find((x) => x.id === c.id)!.hidden).toBe(true);
    expect(fake.calls('POST', `/${c.id}`).at(-1)!.form.get('is_hidden')).toBe('true');
    expect((await port('facebook').listSince(ctxs.facebook, before(c))).comments[0].hidden).toBe(true);
    await port('facebook').hide!(ctxs.facebook, read, false);
    expect(fake.comments.find((x) => x.id === c.id)!.hidden).toBe(false);

    const mine = await port('facebook').reply(ctxs.facebook, read, 'Please stop', 'r2');
    const ownComment = { ...read, externalId: mine.externalId };
    const refused = await failure(port('facebook').hide!(ctxs.facebook, ownComment, true));
    expect(refused).toMatchObject({ kind: 'permanent', code: 'network_rejected' });
    await port('facebook').remove!(ctxs.facebook, ownComment);
    expect(fake.comments.find((x) => x.id === mine.externalId)).toBeUndefined();
  });

  it('a throttled read waits (Graph code 4), a dead page token asks for a new sign-in (190)', async () => {
    post('facebook');
    fake.fault = (step) => (step === 'read' ? { kind: 'error', code: 4, message: 'Application request limit reached' } : null);
    expect(await failure(port('facebook').listSince(ctxs.facebook, null))).toMatchObject({ kind: 'retryable', code: 'rate_limited' });
    fake.fault = null;
    const ctx = { ...ctxs.facebook, secrets: { accessToken: 'EAAdead' } };
    expect(await failure(port('facebook').listSince(ctx, null))).toMatchObject({ kind: 'auth', code: 'meta_token_revoked' });
  });
});

describe('Instagram comments', () => {
  it('reads comments and their replies since the cursor, answers with /replies, hides with hide', async () => {
    const m = post('instagram');
    const c = fake.comment(m.id, 'Love this! 😍', { from: { id: '178400001', name: 'ada.l' } });
    const r = fake.comment(m.id, 'Same', { parent: c.id, from: { id: '178400002', name: 'bo' }, at: c.createdAt + 1_000 });
    const since = before(c);
    const read = await port('instagram').listSince(ctxs.instagram, since);
    expect(read.comments.map((x) => x.externalId)).toEqual([c.id, r.id]);
    expect(read.comments[0]).toEqual({
      externalId: c.id,
      parentId: m.id,
      author: { id: '178400001', handle: '@ada.l', displayName: 'ada.l', avatarUrl: null, profileUrl: 'https://www.instagram.com/ada.l/' },
      text: 'Love this! 😍',
      createdAt: new Date(Math.floor(c.createdAt / 1000) * 1000).toISOString(),
      url: m.permalink,
      hidden: false,
    });
    expect(read.comments[1].parentId).toBe(c.id);

    const answer = await port('instagram').reply(ctxs.instagram, read.comments[0], 'Thanks Ada', 'a1');
    expect(fake.calls('POST', `/${c.id}/replies`)).toHaveLength(1);
    expect(fake.comments.find((x) => x.id === answer.externalId)).toMatchObject({ parent: c.id, own: true });
    // Our own answer is not read back as a comment to handle.
    expect((await port('instagram').listSince(ctxs.instagram, read.cursor)).comments).toEqual([]);

    await port('instagram').hide!(ctxs.instagram, read.comments[1], true);
    expect(fake.comments.find((x) => x.id === r.id)!.hidden).toBe(true);
    expect(fake.calls('POST', `/${r.id}`).at(-1)!.form.get('hide')).toBe('true');
  });
});

describe('Instagram comments and figures of an Instagram Login account', () => {
  it('the same ports on graph.instagram.com with the account’s own token: read, hide, followers', async () => {
    const studio = fake.instagramLogin.user;
    const token = fake.grant('ig-long', studio.id);
    const ctx: AdapterContext = {
      ...ctxs.instagram,
      account: {
        ...ctxs.instagram.account,
        documentId: 'acc-igl',
        instanceUrl: fake.instagramLogin.apiUrl,
        networkAccountId: studio.id,
        handle: `@${studio.username}`,
        settings: { instagramId: studio.id, username: studio.username, graphVersion: fake.version, signIn: 'instagram-login' },
      },
      secrets: { accessToken: token },
    };
    const m = post('instagram');
    m.owner = studio.id;
    const c = fake.comment(m.id, 'Is Saturday free?', { from: { id: '178400009', name: 'cy' } });
    const from = fake.requests.length;
    const read = await port('instagram').listSince(ctx, before(c));
    expect(read.comments.map((x) => [x.externalId, x.text])).toEqual([[c.id, 'Is Saturday free?']]);
    await port('instagram').hide!(ctx, read.comments[0], true);
    expect(fake.comments.find((x) => x.id === c.id)!.hidden).toBe(true);
    expect(await adapterFor('instagram')!.metrics!.forAccount(ctx)).toMatchObject({ followers: fake.followers.instagram });
    const calls = fake.requests.slice(from);
    expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /ig-login/${fake.version}/${studio.id}/media`,
      `GET /ig-login/${fake.version}/${m.id}/comments`,
      `POST /ig-login/${fake.version}/${c.id}`,
      `GET /ig-login/${fake.version}/${studio.id}`,
    ]);
    for (const call of calls) expect(call.token).toBe(token);
  });

  it('with Meta’s own hosts (no stored base), the account’s sign-in picks graph.instagram.com or graph.facebook.com', () => {
    const account = (settings: Record<string, unknown>) => ({ account: { ...ctxs.instagram.account, instanceUrl: null, settings } });
    expect(graphOf(account({ signIn: 'instagram-login' }))).toBe('https://graph.instagram.com/v24.0');
    expect(graphOf(account({ signIn: 'instagram-login', graphVersion: 'v23.0' }))).toBe('https://graph.instagram.com/v23.0');
    expect(graphOf(account({}))).toBe('https://graph.facebook.com/v24.0');
  });
});

describe('Threads replies', () => {
  it('reads top-level replies, answers with a reply container published once, hides with manage_reply', async () => {
    const p = post('threads');
    const r = fake.comment(p.id, 'When do you open?', { from: { id: '1', name: 'cleo' } });
    const read = await port('threads').listSince(ctxs.threads, before(r));
    expect(read.comments).toEqual([
      {
        externalId: r.id,
        parentId: p.id,
        author: { id: 'cleo', handle: '@cleo', displayName: 'cleo', avatarUrl: null, profileUrl: 'https://www.threads.net/@cleo' },
        text: 'When do you open?',
        createdAt: new Date(Math.floor(r.createdAt / 1000) * 1000).toISOString(),
        url: `https://www.threads.net/@cleo/post/${r.id}`,
        hidden: false,
      },
    ]);
    const answer = await port('threads').reply(ctxs.threads, read.comments[0], 'At nine', 't1');
    const sent = fake.posts.find((x) => x.id === answer.externalId)!;
    expect(sent).toMatchObject({ network: 'threads', replyTo: r.id, text: 'At nine' });
    expect(fake.calls('POST', '/threads_publish').filter((c) => c.form.get('creation_id') === sent.container)).toHaveLength(1);

    await port('threads').hide!(ctxs.threads, read.comments[0], true);
    expect(fake.comments.find((x) => x.id === r.id)!.hidden).toBe(true);
    expect((await port('threads').listSince(ctxs.threads, before(r))).comments[0].hidden).toBe(true);
    // Threads has no delete for a reader's reply here: the port offers none.
    expect(port('threads').remove).toBeUndefined();
  });
});

describe('parsing bodies recorded from Meta’s reference', () => {
  it('a Facebook comment with its parent and hidden flag; one without `from` (no pages_read_user_content) keeps its text', () => {
    const body = {
      id: '101000000000001_987654321_111222333',
      message: 'Is the terrace open on Sunday?',
      created_time: '2026-05-03T09:15:02+0000',
      from: { id: '7000000001', name: 'Ada Lovelace' },
      permalink_url: 'https://www.facebook.com/101000000000001/posts/987654321?comment_id=111222333',
      is_hidden: true,
      parent: { id: '101000000000001_987654321_111000000' },
    };
    expect(facebookComment(body, '101000000000001_987654321')).toEqual({
      externalId: body.id,
      parentId: body.parent.id,
      author: { id: '7000000001', handle: null, displayName: 'Ada Lovelace', avatarUrl: null },
      text: 'Is the terrace open on Sunday?',
      createdAt: '2026-05-03T09:15:02.000Z',
      url: body.permalink_url,
      hidden: true,
    });
    expect(facebookComment({ id: '1_2', message: 'hi', created_time: '2026-05-03T09:15:02+0000' }, '1')).toMatchObject({
      parentId: '1',
      author: { id: '', displayName: null },
    });
  });

  it('an Instagram reply names its parent comment; a Threads reply that is covered reads as hidden', () => {
    const ig = {
      id: '17890000000000002',
      text: 'Same',
      timestamp: '2026-05-03T09:16:00+0000',
      username: 'bo',
      hidden: false,
      parent_id: '17890000000000001',
    };
    expect(instagramComment(ig, '17900000000000000', null)).toMatchObject({ parentId: '17890000000000001', author: { handle: '@bo' } });
    const th = {
      id: '18000000000000001',
      text: 'x',
      username: 'cleo',
      timestamp: '2026-05-03T09:16:00+0000',
      hide_status: 'COVERED',
      replied_to: { id: '1' },
    };
    expect(threadsReply(th, '1')).toMatchObject({ hidden: true, parentId: '1' });
  });
});

describe('Instagram’s comments webhook', () => {
  const push = () => port('instagram').push!;
  // The example delivery of developers.facebook.com/docs/instagram-platform/webhooks/examples (comments), plus
  // a mention, the account's own answer and another product's change in the same delivery.
  const body = {
    object: 'instagram',
    entry: [
      {
        id: '17841405822304914',
        time: 1_520_622_968,
        changes: [
          {
            field: 'comments',
            value: {
              from: { id: '232323232', username: 'test' },
              media: { id: '123123123', media_product_type: 'FEED' },
              id: '17865799348089039',
              parent_id: '1231231234',
              text: 'This is an example.',
            },
          },
          { field: 'mentions', value: { media_id: '17918195224117851', comment_id: '17894227972186120' } },
          {
            field: 'comments',
            value: {
              from: { id: '17841405822304914', username: 'us' },
              media: { id: '123123123' },
              id: '17865799348089040',
              text: 'Thanks!',
            },
          },
          { field: 'comments', value: { id: 'no author' } },
        ],
      },
    ],
  };

  it('reads the comments of each entry under its account and the mentions’ ids, skipping our own answer and a malformed change', () => {
    expect(push().parse(body)).toEqual({
      accounts: [
        {
          accountId: '17841405822304914',
          comments: [
            expect.objectContaining({
              externalId: '17865799348089039',
              parentId: '1231231234',
              author: expect.objectContaining({ id: '232323232', handle: '@test' }),
              text: 'This is an example.',
              createdAt: '2018-03-09T19:16:08.000Z',
              url: null,
            }),
          ],
          // A mention holds only ids: read afterwards as the account (`mentioned`).
          mentions: [{ mediaId: '17918195224117851', commentId: '17894227972186120' }],
        },
      ],
      skipped: 2,
    });
    expect(push().parse({ object: 'page', entry: [] })).toBeNull();
    expect(push().parse('not json')).toBeNull();
  });

  it('takes Meta’s signature of the raw bytes with the app secret, and the handshake with our verify token only', () => {
    const raw = Buffer.from(JSON.stringify(body));
    const signature = `sha256=${createHmac('sha256', 'app-secret').update(raw).digest('hex')}`;
    expect(push().signed(raw, { 'x-hub-signature-256': signature }, 'app-secret')).toBe(true);
    expect(push().signed(raw, { 'x-hub-signature-256': signature.toUpperCase().replace('SHA256', 'sha256') }, 'app-secret')).toBe(true);
    expect(push().signed(raw, { 'x-hub-signature-256': signature }, 'another-secret')).toBe(false);
    expect(push().signed(Buffer.concat([raw, Buffer.from(' ')]), { 'x-hub-signature-256': signature }, 'app-secret')).toBe(false);
    expect(push().signed(raw, { 'x-hub-signature': signature.replace('sha256', 'sha1') }, 'app-secret')).toBe(false);
    const hub = { 'hub.mode': 'subscribe', 'hub.verify_token': 'mine', 'hub.challenge': '1158201444' };
    expect(push().challenge(hub, 'mine')).toBe('1158201444');
    expect(push().challenge(hub, 'minE')).toBeNull();
    expect(push().challenge({ ...hub, 'hub.mode': 'unsubscribe' }, 'mine')).toBeNull();
    expect(push().challenge({ ...hub, 'hub.challenge': '<script>' }, 'mine')).toBeNull();
  });
});

describe('Facebook’s page feed webhook', () => {
  const push = () => port('facebook').push!;
  const PAGE = '101000000000001';
  const POST = `${PAGE}_987654321`;
  const feed = (value: Record<string, unknown>) => ({ field: 'feed', value });
  // Changes as developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed shows them (comment: add,
  // edited, remove, hide; a reaction; a new post), all in one delivery for the page.
  const comment = {
    item: 'comment',
    verb: 'add',
    comment_id: '987654321_111222333',
    post_id: POST,
    parent_id: POST,
    message: 'Is the terrace heated?',
    created_time: 1_780_000_000,
    from: { id: '7000000001', name: 'Ada Lovelace' },
    post: { id: POST, status_type: 'added_photos', is_published: true, permalink_url: 'https://www.facebook.com/x' },
  };
  const answer = {
    ...comment,
    comment_id: '987654321_111222444',
    parent_id: comment.comment_id,
    message: 'Me too',
    created_time: 1_780_000_060,
  };
  const body = {
    object: 'page',
    entry: [
      {
        id: PAGE,
        time: 1_780_000_100,
        changes: [
          feed(comment),
          feed(answer),
          // The page's own answer, sent from the inbox.
          feed({ ...comment, comment_id: '987654321_111222555', parent_id: comment.comment_id, from: { id: PAGE, name: 'Harbour Café' } }),
          feed({ ...comment, verb: 'edited', message: 'Is the terrace heated at night?' }),
          feed({ item: 'comment', verb: 'remove', comment_id: answer.comment_id, post_id: POST, created_time: 1_780_000_090 }),
          feed({ ...comment, verb: 'hide' }),
          feed({
            item: 'reaction',
            verb: 'add',
            reaction_type: 'like',
            post_id: POST,
            parent_id: POST,
            from: comment.from,
            created_time: 1,
          }),
          feed({ item: 'status', verb: 'add', post_id: `${PAGE}_987654322`, message: 'New menu', from: { id: PAGE } }),
          // Out of shape: no comment id; a comment change under another field.
          feed({ ...comment, comment_id: undefined }),
          { field: 'ratings', value: comment },
          // No `from` (the app lacks pages_read_user_content): kept with no author, as the poll keeps it.
          feed({ ...comment, comment_id: '987654321_111222666', from: undefined, message: 'Anonymous?' }),
        ],
      },
    ],
  };

  it('stores a new comment and a new answer as the poll maps them; the page’s own, edits, removals, reactions and the malformed are skipped', () => {
    const parsed = push().parse(body)!;
    expect(parsed.skipped).toBe(8);
    expect(parsed.accounts).toHaveLength(1);
    expect(parsed.accounts[0].accountId).toBe(PAGE);
    const [top, reply, anonymous] = parsed.accounts[0].comments;
    expect(parsed.accounts[0].comments).toHaveLength(3);
    // The poll's own mapping of the same comment as Graph answers it, without the link the delivery does not carry.
    expect(top).toEqual(
      facebookComment(
        { id: comment.comment_id, message: comment.message, created_time: '2026-05-28T20:26:40+0000', from: comment.from },
        POST
      )
    );
    expect(top).toEqual({
      externalId: '987654321_111222333',
      parentId: POST,
      author: { id: '7000000001', handle: null, displayName: 'Ada Lovelace', avatarUrl: null },
      text: 'Is the terrace heated?',
      createdAt: '2026-05-28T20:26:40.000Z',
      url: null,
      hidden: false,
    });
    expect(reply).toMatchObject({
      externalId: answer.comment_id,
      parentId: comment.comment_id,
      text: 'Me too',
      createdAt: '2026-05-28T20:27:40.000Z',
    });
    expect(anonymous).toMatchObject({ externalId: '987654321_111222666', author: { id: '', displayName: null }, text: 'Anonymous?' });
  });

  it('reads each page’s entry under its page; a comment with no time takes the entry’s; another product’s body is not one', () => {
    const other = { ...comment, comment_id: '555_666', post_id: '202_555', created_time: undefined };
    const parsed = push().parse({
      object: 'page',
      entry: [
        { id: PAGE, time: 1_780_000_100, changes: [feed(comment)] },
        { id: '202', time: 1_780_000_200, changes: [feed(other)] },
        { id: '303', time: 1_780_000_300 },
      ],
    });
    expect(parsed).toEqual({
      accounts: [
        { accountId: PAGE, comments: [expect.objectContaining({ externalId: comment.comment_id })] },
        { accountId: '202', comments: [expect.objectContaining({ externalId: '555_666', createdAt: '2026-05-28T20:30:00.000Z' })] },
        { accountId: '303', comments: [] },
      ],
      skipped: 0,
    });
    expect(push().parse({ ...body, object: 'instagram' })).toBeNull();
    expect(push().parse({ object: 'page', entry: [{ id: 'not a page', changes: [] }] })).toBeNull();
    expect(push().parse('not json')).toBeNull();
    // Instagram's receiver takes no page delivery either: each product's body goes to its own parser.
    expect(port('instagram').push!.parse(body)).toBeNull();
  });

  it('the fake’s delivery of a comment under a page post reads as the poll reads it, but for its link; signed with the Meta app’s secret', async () => {
    const p = post('facebook');
    const c = fake.comment(p.id, 'Open on Sunday?', { from: { id: '7000000077', name: 'Lin' } });
    const [polled] = (await port('facebook').listSince(ctxs.facebook, before(c))).comments;
    const delivered = fake.feedWebhook([{ comment: c }, { comment: c, item: 'reaction' }], {
      page: fake.pages[0].id,
      secret: fake.clientSecret,
    });
    expect(push().signed(Buffer.from(delivered.body), delivered.headers, fake.clientSecret)).toBe(true);
    expect(push().signed(Buffer.from(delivered.body), delivered.headers, fake.instagramLogin.clientSecret)).toBe(false);
    expect(push().parse(JSON.parse(delivered.body))).toEqual({
      accounts: [{ accountId: fake.pages[0].id, comments: [{ ...polled, url: null }] }],
      skipped: 1,
    });
    expect(polled.url).toMatch(/^https:\/\/www\.facebook\.com\//);
  });
});
