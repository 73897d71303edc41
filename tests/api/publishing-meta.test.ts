import { createHmac } from 'node:crypto';
import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { startFakeMeta, type FakeMeta } from '../fakes/meta';
import { publicationsOf, schedulePlan, tickAt } from '../helpers/publishing';
import { JPEG, MP4 } from '../helpers/images';

/**
 * Facebook pages, Instagram and Threads end to end over HTTP against the
 * fake Graph API, on one boot: each connected through the OAuth core
 * (Facebook Login's page token, Instagram through its page, Threads'
 * long-lived token), one scheduled post with an image published to each
 * through the scheduler, Instagram's 2207051 after a publish that went
 * through reconciled without a second post, and Threads' renewal through
 * the core's claimed refresh.
 */
let app: TestApp;
let fake: FakeMeta;
const accounts: Record<string, string> = {};
/** the Instagram account connected with Instagram Login (no Facebook page), kept out of `accounts`' cases */
let studio = '';
/** the scheduled post of the publishing case: its plan and when it went out */
const terrace = { plan: '', due: 0 };
/** every response body and header this suite received: no token may ever be in one */
const seen: string[] = [];
const VERIFY_TOKEN = 'harbour-webhook-verify';
/** the token typed in the Meta app's Webhooks product for the Page object (Facebook Login's sign-in) */
const PAGE_VERIFY_TOKEN = 'harbour-page-feed-verify';
/** the scheduler's publishing lease (the default): an attempt older than this is judged unknown by the reaper */
const LEASE_MS = 120_000;

type OAuthService = {
  refresh(documentId: string, options?: { force?: boolean }): Promise<string>;
  tick(): Promise<{ refreshed: number; notices: number }>;
  useClock(fn: (() => number) | null): void;
};
type AccountsService = { publishingAccount(id: string): Promise<{ secrets: Record<string, string> | null } | null> };
const service = <T>(name: string) => app.strapi.plugin('community-manager').service(name) as unknown as T;
const secretsOf = async (id: string) => (await service<AccountsService>('accounts').publishingAccount(id))!.secrets!;

beforeAll(async () => {
  fake = await startFakeMeta();
  fake.options.processingMs = 200;
  const facebookLogin = (network: string) => ({
    [`CM_OAUTH_${network}_CLIENT_ID`]: fake.clientId,
    [`CM_OAUTH_${network}_CLIENT_SECRET`]: fake.clientSecret,
    [`CM_OAUTH_${network}_API_URL`]: fake.graphUrl,
    [`CM_OAUTH_${network}_AUTHORIZE_URL`]: fake.authorizeUrl,
    [`CM_OAUTH_${network}_GRAPH_VERSION`]: fake.version,
  });
  app = await startApp({
    CM_SCHEDULER_ENABLED: 'false',
    CM_OAUTH_REFRESH_ENABLED: 'false',
    ...facebookLogin('FACEBOOK'),
    ...facebookLogin('INSTAGRAM'),
    CM_OAUTH_THREADS_CLIENT_ID: fake.threads.clientId,
    CM_OAUTH_THREADS_CLIENT_SECRET: fake.threads.clientSecret,
    CM_OAUTH_THREADS_API_URL: fake.threads.apiUrl,
    CM_OAUTH_THREADS_AUTHORIZE_URL: fake.threads.authorizeUrl,
    // Instagram Login: the Meta app's Instagram product, its own app id and secret, three hosts (here one fake).
    CM_OAUTH_INSTAGRAM_LOGIN_CLIENT_ID: fake.instagramLogin.clientId,
    CM_OAUTH_INSTAGRAM_LOGIN_CLIENT_SECRET: fake.instagramLogin.clientSecret,
    CM_OAUTH_INSTAGRAM_LOGIN_API_URL: fake.instagramLogin.apiUrl,
    CM_OAUTH_INSTAGRAM_LOGIN_AUTHORIZE_URL: fake.instagramLogin.authorizeUrl,
    CM_OAUTH_INSTAGRAM_LOGIN_TOKEN_URL: fake.instagramLogin.tokenUrl,
    CM_OAUTH_INSTAGRAM_LOGIN_GRAPH_VERSION: fake.version,
    // The token typed in the Instagram app's Webhooks settings, echoed in the subscription handshake.
    CM_OAUTH_INSTAGRAM_LOGIN_WEBHOOK_VERIFY_TOKEN: VERIFY_TOKEN,
    CM_OAUTH_FACEBOOK_WEBHOOK_VERIFY_TOKEN: PAGE_VERIFY_TOKEN,
  });
  // The site's public address, from which Instagram and Threads fetch the media (Strapi serves /uploads there).
  app.strapi.config.set('server.url', app.url);
});
afterAll(async () => {
  await Promise.all([app?.stop(), fake?.stop()]);
});

async function api(method: 'get' | 'post', path: string, body?: object) {
  const req = app.http[method](`/community-manager${path}`).set(bearer(app.token));
  const res = body ? await req.send(body) : await req;
  seen.push(JSON.stringify(res.body), JSON.stringify(res.headers));
  return res;
}

/** Sign in through the core: authorize, the fake's consent, the callback with the state cookie. */
async function connect(network: string, name: string) {
  const start = await api('post', `/oauth/${network}/authorize`, { name });
  expect(start.status).toBe(200);
  const cookie = (start.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('cm_oauth='))!.split(';')[0];
  const consent = await fetch(start.body.data.url as string, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const callback = new URL(consent.headers.get('location')!);
  const landed = await app.http.get(`${callback.pathname}${callback.search}`).set('Cookie', cookie);
  seen.push(JSON.stringify(landed.headers));
  const landing = new URL(landed.headers.location, app.url);
  expect(landing.searchParams.get('oauth')).toBe('connected');
  return landing.searchParams.get('account')!;
}

/** An image post for the Instagram account, scheduled next year on `day` (MM-DDTHH:mm, UTC): its plan and instant. */
async function instagramImagePost(text: string, filename: string, day: string) {
  const upload = await app.http.post('/upload').set(bearer(app.token)).attach('files', JPEG, { filename, contentType: 'image/jpeg' });
  const plan = await schedulePlan(app, [accounts.instagram], {
    body: text,
    local: `${new Date().getUTCFullYear() + 1}-${day}`,
    more: { media: [{ id: upload.body[0].id }] },
  });
  return { plan, due: Date.parse(plan.scheduledAt) };
}

describe('Facebook pages, Instagram and Threads', () => {
  it('connect through the OAuth core: page tokens for the page and Instagram, a 60-day token for Threads', async () => {
    const networks = (await api('get', '/oauth/networks')).body.data;
    expect(networks).toEqual(expect.arrayContaining([{ network: 'facebook' }, { network: 'instagram' }, { network: 'threads' }]));
    accounts.facebook = await connect('facebook', 'Café page');
    accounts.instagram = await connect('instagram', 'Café on Instagram');
    accounts.threads = await connect('threads', 'Café on Threads');

    const page = fake.pages[0];
    const fb = (await api('get', `/accounts/${accounts.facebook}`)).body.data;
    expect(fb).toMatchObject({ network: 'facebook', status: 'connected', displayName: page.name, tokenExpiresAt: null, reauthBy: null });
    expect((await secretsOf(accounts.facebook)).accessToken).toBe(fake.grant('page', page.id));
    // The app is subscribed to the page's feed webhook with the page token, by the Facebook sign-in, then again by
    // the Instagram one: an Instagram account linked to a page sends its comments only once the page is subscribed.
    const subscriptions = fake.calls('POST', '/subscribed_apps');
    expect(subscriptions.map((r) => [r.path, r.token, r.form.get('subscribed_fields')])).toEqual([
      [`/${fake.version}/${page.id}/subscribed_apps`, fake.grant('page', page.id), 'feed'],
      [`/${fake.version}/${page.id}/subscribed_apps`, fake.grant('page', page.id), 'feed'],
    ]);
    expect(fb.realtime).toMatchObject({ subscribed: true, messageId: null, pollMinutes: 5 });
    const ig = (await api('get', `/accounts/${accounts.instagram}`)).body.data;
    expect(ig).toMatchObject({ network: 'instagram', status: 'connected', handle: '@harbourcafe' });
    expect(ig.realtime).toMatchObject({ subscribed: true, messageId: null });
    expect((await secretsOf(accounts.instagram)).accessToken).toBe(fake.grant('page', page.id));
    const th = (await api('get', `/accounts/${accounts.threads}`)).body.data;
    expect(th).toMatchObject({ network: 'threads', status: 'connected', handle: '@harbourcafe' });
    expect(Date.parse(th.tokenExpiresAt) - Date.now()).toBeGreaterThan(59 * 86_400_000);
    for (const id of Object.values(accounts)) expect((await api('post', `/accounts/${id}/check`)).body.data.status).toBe('connected');
  });

  it('publishes one scheduled post with its image to each, exactly once, with its link', async () => {
    const upload = await app.http
      .post('/upload')
      .set(bearer(app.token))
      .attach('files', JPEG, { filename: 'terrace.jpg', contentType: 'image/jpeg' });
    expect(upload.status).toBe(201);
    const file = upload.body[0] as { id: number; url: string };
    const text = 'The terrace is open';
    const plan = await schedulePlan(app, Object.values(accounts), {
      body: text,
      more: { media: [{ id: file.id, alt: 'Tables in the sun' }] },
    });
    const due = Date.parse(plan.scheduledAt);
    Object.assign(terrace, { plan: plan.documentId, due });
    await tickAt(app, due + 1);
    await tickAt(app, due + 60_000);
    const rows = await publicationsOf(app, plan.documentId);
    expect(rows.map((r) => r.state)).toEqual(['published', 'published', 'published']);
    for (const network of ['facebook', 'instagram', 'threads'] as const) {
      const posts = fake.posts.filter((p) => p.network === network && p.text === text);
      expect(posts).toHaveLength(1);
      expect(rows.find((r) => r.externalId === posts[0].id)).toMatchObject({ externalUrl: posts[0].permalink });
    }
    // Facebook got the bytes (an unpublished photo attached to the post); Instagram and Threads fetched the site's file.
    const fbPost = fake.posts.find((p) => p.network === 'facebook' && p.text === text)!;
    expect(fake.photos.get(fbPost.media[0])).toMatchObject({ published: false, alt: 'Tables in the sun' });
    const igPost = fake.posts.find((p) => p.network === 'instagram' && p.text === text)!;
    const params = fake.containers.get(igPost.container!)!.params;
    expect(params).toMatchObject({ alt_text: 'Tables in the sun', caption: text });
    // A short-lived signed address of the site, which Instagram fetched (its container went FINISHED).
    const signed = new URL(params.image_url);
    expect(signed.origin).toBe(app.url);
    expect(signed.pathname).toMatch(/^\/api\/community-manager\/media\/[\w-]+\.\d+\.[\w-]{43}$/);
    const served = await app.http.get(signed.pathname);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(served.body as Buffer, (await app.http.get(file.url)).body as Buffer)).toBe(0);
    // The signature is the credential: a token changed by one character, or pointing at another file, is a 404.
    const token = signed.pathname.split('/').pop()!;
    const forged = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect((await app.http.get(`/api/community-manager/media/${forged}`)).status).toBe(404);
    const [, exp, sig] = token.split('.');
    const other = `${Buffer.from('/../config/server.js').toString('base64url')}.${exp}.${sig}`;
    expect((await app.http.get(`/api/community-manager/media/${other}`)).status).toBe(404);
  });

  it('reads the comments under the three posts into the inbox, answers and hides each from it', async () => {
    const text = 'The terrace is open';
    const under = (network: string) => fake.posts.find((p) => p.network === network && p.text === text && !p.replyTo)!;
    const comments = {
      facebook: fake.comment(under('facebook').id, 'Is the terrace heated?', { from: { id: '7000000001', name: 'Ada' } }),
      instagram: fake.comment(under('instagram').id, 'So nice', { from: { id: '178400001', name: 'bo' } }),
      threads: fake.comment(under('threads').id, 'Open until when?', { from: { id: '1', name: 'cleo' } }),
    };
    const polled = await api('post', '/inbox/poll');
    expect(polled.status).toBe(200);
    expect(polled.body.data.created).toBe(3);
    const items = (await api('get', '/inbox/items?status=all&pageSize=100')).body.data.results as Array<Record<string, unknown>>;
    for (const [network, c] of Object.entries(comments)) {
      const item = items.find((i) => i.externalId === c.id)!;
      expect(item).toMatchObject({ kind: 'reply', source: accounts[network], text: c.text, can: { reply: true, hide: true } });
      const sent = await api('post', `/inbox/items/${item.documentId as string}/reply`, { text: `Thanks, ${c.from.name}` });
      expect(sent.status).toBe(200);
      // Hidden on the network from the inbox: the item follows.
      const hidden = await api('post', `/inbox/items/${item.documentId as string}/hide`, { hidden: true });
      expect([network, hidden.status, hidden.body.data?.status]).toEqual([network, 200, 'hidden']);
      expect(fake.comments.find((x) => x.id === c.id)!.hidden).toBe(true);
    }
    expect((await api('post', `/inbox/items/${items[0].documentId as string}/hide`, { hidden: 'yes' })).status).toBe(400);
    // Facebook and Instagram take the answer under the comment; Threads as a reply post of its own.
    expect(fake.comments.filter((c) => c.own && c.parent === comments.facebook.id).map((c) => c.text)).toEqual(['Thanks, Ada']);
    expect(fake.comments.filter((c) => c.own && c.parent === comments.instagram.id).map((c) => c.text)).toEqual(['Thanks, bo']);
    expect(fake.posts.filter((p) => p.replyTo === comments.threads.id).map((p) => p.text)).toEqual(['Thanks, cleo']);
    expect(fake.calls('POST', '/replies').length).toBe(1);
    // Our answers are not read back as comments to handle; nothing is stored twice.
    expect((await api('post', '/inbox/poll')).body.data.created).toBe(0);
  });

  it('collects the figures of the three posts and their accounts for the reports', async () => {
    const text = 'The terrace is open';
    const under = (network: string) => fake.posts.find((p) => p.network === network && p.text === text && !p.replyTo)!;
    under('facebook').stats = { reactions: 9, comments: 4, shares: 1 };
    under('instagram').stats = { likes: 30, comments: 2, saved: 5, shares: 1, reach: 400, views: 700 };
    under('threads').stats = { views: 120, likes: 8, replies: 1, reposts: 2, quotes: 1 };
    const reports = service<{ collect(): Promise<Record<string, number>>; useClock(fn: (() => number) | null): void }>('reports');
    try {
      reports.useClock(() => terrace.due + 20 * 60_000);
      expect(await reports.collect()).toMatchObject({ accounts: 3, failed: 0 });
      reports.useClock(() => terrace.due + 90 * 60_000);
      expect(await reports.collect()).toMatchObject({ posts: 3, failed: 0 });
    } finally {
      reports.useClock(null);
    }
    const rows = await publicationsOf(app, terrace.plan);
    const snapshots = (await app.strapi.db.query('plugin::community-manager.metric-snapshot').findMany({})) as Array<
      Record<string, unknown>
    >;
    const of = (network: string) => {
      const row = rows.find((r) => r.externalId === under(network).id)!;
      return snapshots.find((s) => s.kind === 'post' && s.publicationDocumentId === row.documentId);
    };
    expect(of('facebook')).toMatchObject({ likes: 9, replies: 4, reposts: 1, views: null });
    expect(of('instagram')).toMatchObject({ likes: 30, replies: 2, reposts: 1, views: 700, reach: 400, saves: 5, impressions: null });
    expect(of('threads')).toMatchObject({ views: 120, likes: 8, replies: 1, reposts: 2, quotes: 1 });
    const account = (network: string) => snapshots.find((s) => s.kind === 'account' && s.accountDocumentId === accounts[network]);
    expect(account('facebook')).toMatchObject({ followers: fake.followers.facebook });
    expect(account('instagram')).toMatchObject({ followers: fake.followers.instagram, following: 80 });
    expect(account('threads')).toMatchObject({ followers: fake.followers.threads });
  });

  it('makes the Instagram and Threads containers before the due time; at the instant only the publish call is left', async () => {
    const upload = await app.http
      .post('/upload')
      .set(bearer(app.token))
      .attach('files', JPEG, { filename: 'lunch.jpg', contentType: 'image/jpeg' });
    const text = 'Lunch is served on the terrace';
    const plan = await schedulePlan(app, [accounts.instagram, accounts.threads], {
      body: text,
      local: `${new Date().getUTCFullYear() + 1}-06-20T12:00`,
      more: { media: [{ id: upload.body[0].id, alt: 'Plates in the sun' }] },
    });
    const due = Date.parse(plan.scheduledAt);
    const containersOf = () => [...fake.containers.values()].filter((c) => (c.params.caption ?? c.params.text) === text);
    // Ten minutes before: outside the five minutes ahead, nothing made yet.
    await tickAt(app, due - 10 * 60_000);
    expect(containersOf()).toHaveLength(0);
    // A minute before: one container each, processing; nothing published, the rows still scheduled.
    await tickAt(app, due - 60_000);
    const made = containersOf();
    expect(made.map((c) => c.network).sort()).toEqual(['instagram', 'threads']);
    expect(made.find((c) => c.network === 'instagram')!.params).toMatchObject({ alt_text: 'Plates in the sun' });
    expect((await publicationsOf(app, plan.documentId)).map((r) => r.state)).toEqual(['scheduled', 'scheduled']);
    expect(fake.posts.filter((p) => p.text === text)).toHaveLength(0);
    // The next pass before the instant makes no second one.
    await tickAt(app, due - 30_000);
    expect(containersOf()).toHaveLength(2);
    const until = Date.now() + 15_000;
    while (made.some((c) => c.fetched !== 'ok' || Date.now() < c.readyAt) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));

    const statusReads = fake.requests.length;
    await tickAt(app, due + 1);
    const rows = await publicationsOf(app, plan.documentId);
    expect(rows.map((r) => r.state)).toEqual(['published', 'published']);
    for (const container of made) {
      const posts = fake.posts.filter((p) => p.network === container.network && p.text === text);
      expect(posts).toHaveLength(1);
      expect(posts[0].container).toBe(container.id);
    }
    // At the instant: no container made, and each container's status read once (FINISHED) before its publish.
    expect(containersOf()).toHaveLength(2);
    const atInstant = fake.requests.slice(statusReads);
    for (const container of made)
      expect(atInstant.filter((r) => r.method === 'GET' && r.path.endsWith(`/${container.id}`))).toHaveLength(1);
    // Published: the ahead store is gone with the steps.
    const store = app.strapi.db.query('strapi::core-store');
    for (const row of rows) expect(await store.count({ where: { key: { $contains: row.documentId } } })).toBe(0);
  });

  it('Instagram answers 2207051 after publishing: unknown, reconciled by the container, never sent twice', async () => {
    const text = 'Blocked, yet published';
    const { plan, due } = await instagramImagePost(text, 'blocked.jpg', '07-01T10:00');
    fake.fault = (step) =>
      step === 'publish' ? { kind: 'error', code: 4, subcode: 2207051, message: 'Action is blocked', apply: true } : null;
    await tickAt(app, due + 1);
    fake.fault = null;
    expect((await publicationsOf(app, plan.documentId))[0]).toMatchObject({ state: 'unknown', error: { code: 'meta_action_blocked' } });
    const publishes = fake.calls('POST', '/media_publish').length;
    await tickAt(app, due + 10_000);
    await tickAt(app, due + 120_000);
    const [row] = await publicationsOf(app, plan.documentId);
    const posts = fake.posts.filter((p) => p.network === 'instagram' && p.text === text);
    expect(posts).toHaveLength(1);
    expect(row).toMatchObject({ state: 'published', externalId: posts[0].id });
    expect(row.history.map((h) => h.event)).toContain('reconciled_found');
    expect(fake.calls('POST', '/media_publish').length).toBe(publishes);
  });

  it('an attempt whose lease ran out while Instagram made its container stops; the attempt after it publishes once', async () => {
    const text = 'A container made while the lease ran out';
    const { plan, due } = await instagramImagePost(text, 'stalled.jpg', '07-02T10:00');
    const containers = () => fake.calls('POST', `/${fake.instagramUser.id}/media`).length;
    const before = containers();
    // The first attempt's container request is held on the wire (a process stalled at a machine's peak)…
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    fake.hold = (req) =>
      req.method === 'POST' && req.path.endsWith(`/${fake.instagramUser.id}/media`) && first ? ((first = false), held) : null;
    const stalled = tickAt(app, due + 1);
    for (let i = 0; i < 200 && first; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(first).toBe(false);
    // …past its lease: the reaper calls it unknown, the lookup finds nothing, and the next attempt makes its own container and publishes.
    await tickAt(app, due + 1 + LEASE_MS + 1_000);
    const [settled] = await publicationsOf(app, plan.documentId);
    expect(settled.state).toBe('published');
    expect(settled.history.map((h) => h.event)).toEqual(expect.arrayContaining(['reconciled_absent', 'published']));
    // The first attempt's container is made now: its steps can no longer be saved, so it is never published.
    release();
    await stalled;
    fake.hold = null;
    expect(containers() - before).toBe(2);
    const posts = fake.posts.filter((p) => p.network === 'instagram' && p.text === text);
    expect(posts).toHaveLength(1);
    expect((await publicationsOf(app, plan.documentId))[0]).toMatchObject({ state: 'published', externalId: posts[0].id });
  });

  it('Threads’ token is renewed through the core’s claimed refresh once a day old, not before', async () => {
    const before = (await secretsOf(accounts.threads)).accessToken;
    expect(await service<OAuthService>('oauth').refresh(accounts.threads, { force: true })).toBe('retry_later');
    expect((await secretsOf(accounts.threads)).accessToken).toBe(before);
    fake.clock.offsetMs = 2 * 86_400_000;
    service<OAuthService>('oauth').useClock(() => Date.now() + 2 * 86_400_000);
    try {
      expect(await service<OAuthService>('oauth').refresh(accounts.threads, { force: true })).toBe('refreshed');
    } finally {
      service<OAuthService>('oauth').useClock(null);
      fake.clock.offsetMs = 0;
    }
    const after = (await secretsOf(accounts.threads)).accessToken;
    expect(after).not.toBe(before);
    expect(fake.issued).toContain(after);
  });

  it('a permission declined at consent is named on the account, which waits; a new sign-in granting it connects it again', async () => {
    fake.options.declined = ['pages_manage_posts'];
    try {
      expect(await connect('facebook', 'Café page')).toBe(accounts.facebook);
    } finally {
      fake.options.declined = [];
    }
    expect((await api('get', `/accounts/${accounts.facebook}`)).body.data).toMatchObject({
      status: 'needs_reauth',
      statusCode: 'meta_permission_missing',
      statusParams: { permission: 'pages_manage_posts' },
    });
    await connect('facebook', 'Café page');
    expect((await api('get', `/accounts/${accounts.facebook}`)).body.data).toMatchObject({ status: 'connected', statusCode: null });
  });

  it('pages_manage_metadata declined: the page connects, its comments arrive by the poll, it says why; "Subscribe again" once granted', async () => {
    const page = fake.pages[0];
    // The app removed from the page's integrations, and the permission declined at the next sign-in.
    fake.subscribedApps.delete(page.id);
    fake.options.declined = ['pages_manage_metadata'];
    const before = fake.calls('POST', '/subscribed_apps').length;
    try {
      expect(await connect('facebook', 'Café page')).toBe(accounts.facebook);
      // Not asked of Facebook: the sign-in said the permission is missing.
      expect(fake.calls('POST', '/subscribed_apps')).toHaveLength(before);
      const account = (await api('get', `/accounts/${accounts.facebook}`)).body.data;
      expect(account).toMatchObject({
        status: 'connected',
        statusCode: null,
        realtime: {
          subscribed: false,
          pollMinutes: 5,
          messageId: 'realtime_polling',
          reasonId: 'realtime_permission_missing',
          params: { permission: 'pages_manage_metadata' },
        },
      });
      expect(account.realtime.message).toMatch(/^Comments arrive by polling every 5 min: .*pages_manage_metadata/);
      // The poll is the catch-up: a new comment arrives all the same.
      const post = fake.posts.find((p) => p.network === 'facebook' && p.owner === page.id && !p.replyTo)!;
      const c = fake.comment(post.id, 'Still there?', { from: { id: '7000000002', name: 'Bea' } });
      expect((await api('post', '/inbox/poll')).status).toBe(200);
      const items = (await api('get', '/inbox/items?status=all&pageSize=100')).body.data.results as Array<Record<string, unknown>>;
      expect(items.find((i) => i.externalId === c.id)).toMatchObject({ source: accounts.facebook });
      // Subscribe again while Facebook still refuses: the answer says why (Graph's permission error 200), nothing fails.
      const refused = await api('post', `/accounts/${accounts.facebook}/subscribe`, {});
      expect(refused.status).toBe(200);
      expect(refused.body.data).toMatchObject({
        status: 'connected',
        realtime: { subscribed: false, reasonId: 'realtime_permission_missing' },
      });
      expect(fake.subscribedApps.has(page.id)).toBe(false);
    } finally {
      fake.options.declined = [];
    }
    const again = await api('post', `/accounts/${accounts.facebook}/subscribe`, {});
    expect(again.body.data.realtime).toMatchObject({ subscribed: true, messageId: null });
    expect(fake.subscribedApps.get(page.id)).toEqual(['feed']);
    expect(fake.calls('POST', `/${page.id}/subscribed_apps`).at(-1)!.token).toBe(fake.grant('page', page.id));
    // Its input: an empty body, the account's id; another network's account has nothing to subscribe.
    const bad = await api('post', `/accounts/${accounts.facebook}/subscribe`, { fields: ['feed'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0]).toMatchObject({ messageId: 'unknown_fields', params: { keys: 'fields' } });
    expect((await api('post', '/accounts/not-an-id!/subscribe', {})).body.error.details.errors[0]).toMatchObject({ path: ['documentId'] });
    const other = await api('post', `/accounts/${accounts.threads}/subscribe`, {});
    expect([other.status, other.body.error.details.messageId]).toEqual([400, 'realtime_not_offered']);
    // Instagram through the same page: "Subscribe again" asks it with the page token, not Instagram's own.
    const calls = fake.calls('POST', `/${page.id}/subscribed_apps`).length;
    const ig = await api('post', `/accounts/${accounts.instagram}/subscribe`, {});
    expect(ig.body.data.realtime).toMatchObject({ subscribed: true, messageId: null });
    expect(fake.calls('POST', `/${page.id}/subscribed_apps`)).toHaveLength(calls + 1);
  });

  it('a subscription Meta dropped is made again by the daily upkeep, once, and the others are left alone', async () => {
    const page = fake.pages[0];
    const upkeep = service<{ renewSubscriptions(): Promise<number>; useClock(fn: (() => number) | null): void }>('account-expiry');
    const rows = app.strapi.db.query('plugin::community-manager.social-account');
    const stamp = async (id: string) =>
      ((await rows.findOne({ where: { documentId: id } })) as { settings: { realtime?: { at: string } } }).settings.realtime?.at;
    // Fresh states (made by the tests above): nothing to renew.
    expect(await upkeep.renewSubscriptions()).toBe(0);
    // The page's owner removed the app from its integrations; a day and more later the upkeep runs.
    fake.subscribedApps.delete(page.id);
    const before = fake.calls('POST', `/${page.id}/subscribed_apps`).length;
    upkeep.useClock(() => Date.now() + 25 * 3_600_000);
    try {
      // Facebook's page and the Instagram account linked to it (and the Instagram Login account, when connected).
      const renewed = await upkeep.renewSubscriptions();
      expect(renewed).toBeGreaterThanOrEqual(2);
      expect(fake.subscribedApps.get(page.id)).toEqual(['feed']);
      expect(fake.calls('POST', `/${page.id}/subscribed_apps`).length - before).toBeGreaterThanOrEqual(2);
      expect(Date.parse((await stamp(accounts.facebook))!)).toBeGreaterThan(Date.now() - 60_000);
      // Threads pushes nothing: no state, no call. The same pass again finds the states fresh.
      expect(await stamp(accounts.threads)).toBeUndefined();
    } finally {
      upkeep.useClock(null);
    }
    expect(await upkeep.renewSubscriptions()).toBe(0);
  });

  it('the page picker: the other page the person manages becomes an account with its own page token', async () => {
    const [first, second] = fake.pages;
    const listed = await api('get', `/facebook/accounts/${accounts.facebook}/pages`);
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual({
      accountId: accounts.facebook,
      pages: [
        { id: first.id, name: first.name, profileUrl: `https://www.facebook.com/${first.id}`, accountId: accounts.facebook },
        { id: second.id, name: second.name, profileUrl: `https://www.facebook.com/${second.id}`, accountId: null },
      ],
    });
    // A page this person does not manage is refused, naming it; nothing is connected.
    const foreign = await api('post', `/facebook/accounts/${accounts.facebook}/pages`, { ids: [second.id, '999'] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.errors[0]).toMatchObject({ path: ['ids', 1] });
    const connected = await api('post', `/facebook/accounts/${accounts.facebook}/pages`, { ids: [second.id] });
    expect(connected.status).toBe(200);
    const eventsId = connected.body.data.pages[1].accountId as string;
    expect(eventsId).toMatch(/^\w+$/);
    expect((await api('get', `/accounts/${eventsId}`)).body.data).toMatchObject({
      network: 'facebook',
      name: second.name,
      status: 'connected',
      tokenExpiresAt: null,
      signInEndsAt: null,
    });
    expect((await secretsOf(eventsId)).accessToken).toBe(fake.grant('page', second.id));
    expect((await api('post', `/accounts/${eventsId}/check`)).body.data.status).toBe('connected');
    // The picked page is subscribed to its feed webhook with its own page token.
    const subscribed = () => fake.calls('POST', `/${second.id}/subscribed_apps`);
    expect(subscribed().map((r) => r.token)).toEqual([fake.grant('page', second.id)]);
    expect((await api('get', `/accounts/${eventsId}`)).body.data.realtime).toMatchObject({ subscribed: true });
    // Picked again: the same account, not a second one.
    const again = await api('post', `/facebook/accounts/${eventsId}/pages`, { ids: [second.id] });
    expect(again.body.data.pages.map((p: { accountId: string }) => p.accountId)).toEqual([accounts.facebook, eventsId]);
    // Picked again from the sign-in, its page token renewed: subscribed again with it.
    expect((await api('post', `/facebook/accounts/${accounts.facebook}/pages`, { ids: [second.id] })).status).toBe(200);
    expect(subscribed().map((r) => r.token)).toEqual([fake.grant('page', second.id), fake.grant('page', second.id)]);
    // Another network's account has no Facebook pages.
    expect((await api('get', `/facebook/accounts/${accounts.threads}/pages`)).status).toBe(400);
  });

  it('the Instagram account picker: the account of another page becomes an account publishing with that page’s token', async () => {
    // A third page the person manages, linked to a second Instagram account.
    const bakery = { id: '101000000000003', name: 'Harbour Bakery', instagramId: '17841400000000003' };
    fake.pages.push(bakery);
    fake.instagramUsers.push({ id: bakery.instagramId, username: 'harbourbakery', name: 'Harbour Bakery' });
    const cafe = fake.instagramUser;
    const listed = await api('get', `/instagram/accounts/${accounts.instagram}/pages`);
    expect(listed.status).toBe(200);
    // Only the pages linked to an Instagram account, with its user name; never a token.
    expect(listed.body.data).toEqual({
      accountId: accounts.instagram,
      pages: [
        {
          id: cafe.id,
          name: cafe.name,
          username: cafe.username,
          profileUrl: `https://www.instagram.com/${cafe.username}/`,
          page: { id: fake.pages[0].id, name: fake.pages[0].name },
          accountId: accounts.instagram,
        },
        {
          id: bakery.instagramId,
          name: 'Harbour Bakery',
          username: 'harbourbakery',
          profileUrl: 'https://www.instagram.com/harbourbakery/',
          page: { id: bakery.id, name: bakery.name },
          accountId: null,
        },
      ],
    });
    // An account not linked to the person's pages (here: a page id) is refused, naming it; nothing is connected.
    const foreign = await api('post', `/instagram/accounts/${accounts.instagram}/pages`, { ids: [bakery.instagramId, bakery.id] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.errors).toEqual([expect.objectContaining({ path: ['ids', 1] })]);
    expect((await api('get', `/instagram/accounts/${accounts.instagram}/pages`)).body.data.pages[1].accountId).toBeNull();

    const connected = await api('post', `/instagram/accounts/${accounts.instagram}/pages`, { ids: [bakery.instagramId] });
    expect(connected.status).toBe(200);
    const bakeryId = connected.body.data.pages[1].accountId as string;
    expect(bakeryId).toMatch(/^\w+$/);
    expect(bakeryId).not.toBe(accounts.instagram);
    expect((await api('get', `/accounts/${bakeryId}`)).body.data).toMatchObject({
      network: 'instagram',
      name: 'Harbour Bakery',
      handle: '@harbourbakery',
      status: 'connected',
      tokenExpiresAt: null,
    });
    // It publishes through its own page's token (the fake refuses another page's), and the check reads it.
    expect((await secretsOf(bakeryId)).accessToken).toBe(fake.grant('page', bakery.id));
    expect((await secretsOf(bakeryId)).accessToken).not.toBe((await secretsOf(accounts.instagram)).accessToken);
    expect((await api('post', `/accounts/${bakeryId}/check`)).body.data.status).toBe('connected');
    // Picked again from the new account (it kept the user token): the same account, not a second one.
    const again = await api('post', `/instagram/accounts/${bakeryId}/pages`, { ids: [bakery.instagramId, cafe.id] });
    expect(again.status).toBe(200);
    expect(again.body.data.pages.map((p: { accountId: string }) => p.accountId)).toEqual([accounts.instagram, bakeryId]);
    const all = (await api('get', '/accounts')).body.data as Array<{ network: string; networkAccountId?: string }>;
    expect(all.filter((a) => a.network === 'instagram')).toHaveLength(2);
    // A Facebook page's sign-in has no Instagram accounts to pick here.
    expect((await api('get', `/instagram/accounts/${accounts.facebook}/pages`)).status).toBe(400);
  });

  it('one Instagram account Facebook refuses, or a page without its token, is listed as not available; the others load', async () => {
    // Five pages linked to an Instagram account (the café's, the bakery's of the case above, three more): one refused.
    const more = [
      { id: '101000000000005', name: 'Harbour Dock', instagramId: '17841400000000005', username: 'harbourdock' },
      { id: '101000000000006', name: 'Harbour Market', instagramId: '17841400000000006', username: 'harbourmarket' },
      { id: '101000000000007', name: 'Harbour Pier', instagramId: '17841400000000007', username: 'harbourpier' },
    ];
    const [dock, market, pier] = more;
    for (const p of more) {
      fake.pages.push({ id: p.id, name: p.name, instagramId: p.instagramId });
      fake.instagramUsers.push({ id: p.instagramId, username: p.username, name: p.name });
    }
    const instagramAccounts = async () =>
      ((await api('get', '/accounts')).body.data as Array<{ network: string }>).filter((a) => a.network === 'instagram');
    try {
      fake.options.instagramUserErrors[market.instagramId] = {
        status: 403,
        code: 10,
        message: '(#10) Application does not have permission for this action',
      };
      const listed = await api('get', `/instagram/accounts/${accounts.instagram}/pages`);
      expect(listed.status).toBe(200);
      const pages = listed.body.data.pages as Array<{ id: string; username: string | null; unavailable?: unknown }>;
      expect(pages.map((p) => p.id)).toEqual([
        fake.instagramUser.id,
        '17841400000000003',
        dock.instagramId,
        market.instagramId,
        pier.instagramId,
      ]);
      expect(pages.filter((p) => p.unavailable === undefined).map((p) => p.username)).toEqual([
        'harbourcafe',
        'harbourbakery',
        'harbourdock',
        'harbourpier',
      ]);
      expect(pages[3]).toEqual({
        id: market.instagramId,
        name: market.name,
        username: null,
        profileUrl: null,
        page: { id: market.id, name: market.name },
        accountId: null,
        unavailable: {
          messageId: 'instagram_account_unavailable',
          params: { message: expect.stringContaining('Application does not have permission') },
          message: expect.stringMatching(/^Not available: Facebook did not give this Instagram account’s details \(.*permission/),
        },
      });
      // Not connectable: refused at its place in the list, nothing connected (not even the one beside it).
      const before = (await instagramAccounts()).length;
      const refused = await api('post', `/instagram/accounts/${accounts.instagram}/pages`, { ids: [dock.instagramId, market.instagramId] });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toMatchObject({ code: 'unavailable', messageId: 'instagram_account_unavailable' });
      expect(refused.body.error.details.errors).toEqual([expect.objectContaining({ path: ['ids', 1], code: 'unavailable' })]);
      expect(await instagramAccounts()).toHaveLength(before);

      // A 500 for that one account: the same, the others still load and connect.
      fake.options.instagramUserErrors[market.instagramId] = { status: 500, code: 2, message: 'An unexpected error has occurred' };
      const connected = await api('post', `/instagram/accounts/${accounts.instagram}/pages`, { ids: [dock.instagramId] });
      expect(connected.status).toBe(200);
      expect(connected.body.data.pages[2].accountId).toEqual(expect.any(String));
      expect(connected.body.data.pages[3]).toMatchObject({ accountId: null, unavailable: { messageId: 'instagram_account_unavailable' } });
      expect(await instagramAccounts()).toHaveLength(before + 1);

      // A page Facebook lists without its token: listed on both pickers as not available, with why.
      fake.options.pagesWithoutToken = [pier.id];
      const facebookPages = await api('get', `/facebook/accounts/${accounts.facebook}/pages`);
      expect(facebookPages.status).toBe(200);
      const unavailable = (facebookPages.body.data.pages as Array<{ id: string; unavailable?: { messageId: string } }>)
        .filter((p) => p.unavailable)
        .map((p) => [p.id, p.unavailable!.messageId]);
      expect(unavailable).toEqual([[pier.id, 'facebook_page_no_token']]);
      expect(facebookPages.body.data.pages).toHaveLength(fake.pages.length);
      const noToken = await api('post', `/facebook/accounts/${accounts.facebook}/pages`, { ids: [pier.id] });
      expect([noToken.status, noToken.body.error.details.errors[0].path]).toEqual([400, ['ids', 0]]);
      const instagramPages = (await api('get', `/instagram/accounts/${accounts.instagram}/pages`)).body.data.pages;
      expect(instagramPages[4]).toMatchObject({ id: pier.instagramId, unavailable: { messageId: 'facebook_page_no_token' } });
    } finally {
      fake.options.instagramUserErrors = {};
      fake.options.pagesWithoutToken = [];
      fake.pages.splice(-more.length);
      fake.instagramUsers.splice(-more.length);
    }
  });

  it('Instagram Login: an account without a Facebook page connects with its own 60-day token, renewed once by the refresh job', async () => {
    expect((await api('get', '/oauth/networks')).body.data).toContainEqual({ network: 'instagram', signIn: 'instagram-login' });
    const signedInAt = Date.now();
    studio = await connect('instagram-login', 'Studio on Instagram');
    const user = fake.instagramLogin.user;
    const account = (await api('get', `/accounts/${studio}`)).body.data;
    expect(account).toMatchObject({
      network: 'instagram',
      status: 'connected',
      handle: `@${user.username}`,
      displayName: user.name,
      settings: { signIn: 'instagram-login' },
    });
    // The stored token is the long-lived one (not the code's hour-long one), with its end: the sign-in's end too.
    const stored = (await secretsOf(studio)).accessToken;
    expect(fake.tokenInfo(stored)).toMatchObject({ kind: 'ig-long', igUserId: user.id });
    const end = Date.parse(account.tokenExpiresAt);
    expect(end - signedInAt).toBeGreaterThanOrEqual(5_183_944_000 - 1_000);
    expect(end - Date.now()).toBeLessThanOrEqual(5_183_944_000);
    expect(Date.parse(account.signInEndsAt)).toBe(end);
    expect((await api('post', `/accounts/${studio}/check`)).body.data.status).toBe('connected');
    // No Facebook pages behind it: the Instagram account picker refuses it.
    const picker = await api('get', `/instagram/accounts/${studio}/pages`);
    expect([picker.status, picker.body.error.details.code]).toEqual([400, 'not_an_instagram_sign_in']);
    expect(fake.calls('GET', '/ig-login/v24.0/me').length).toBeGreaterThanOrEqual(2);
    // No page to subscribe: the app is subscribed on the account itself, with its own token, at sign-in and again.
    const own = () => fake.calls('POST', '/ig-login/v24.0/me/subscribed_apps');
    expect(own().map((r) => [r.token, r.form.get('subscribed_fields')])).toEqual([[stored, 'comments,mentions']]);
    expect(account.realtime).toMatchObject({ subscribed: true, messageId: null });
    expect(fake.subscribedApps.get(user.id)).toEqual(['comments', 'mentions']);
    const again = await api('post', `/accounts/${studio}/subscribe`, {});
    expect(again.body.data.realtime).toMatchObject({ subscribed: true });
    expect(own()).toHaveLength(2);

    const oauth = service<OAuthService>('oauth');
    const at = (ms: number) => {
      fake.clock.offsetMs = ms;
      oauth.useClock(() => Date.now() + ms);
    };
    const renewals = () => fake.calls('GET', '/ig-login/refresh_access_token').length;
    try {
      // Under 24 hours old: not asked of Instagram, the account stays connected, the renewal put off to its 24th hour.
      at(2 * 3600_000);
      expect(await oauth.refresh(studio, { force: true })).toBe('retry_later');
      at(23 * 3600_000);
      await oauth.tick();
      expect(renewals()).toBe(0);
      // Past 24 hours the job renews it, once: the next is due ten days before the new end.
      at(25 * 3600_000);
      await oauth.tick();
      await oauth.tick();
      at(30 * 3600_000);
      await oauth.tick();
      expect(renewals()).toBe(1);
    } finally {
      oauth.useClock(null);
      fake.clock.offsetMs = 0;
    }
    const renewed = (await secretsOf(studio)).accessToken;
    expect(renewed).not.toBe(stored);
    expect(fake.tokenInfo(renewed)).toMatchObject({ kind: 'ig-long', igUserId: user.id });
    const after = (await api('get', `/accounts/${studio}`)).body.data;
    expect(after.status).toBe('connected');
    expect(Date.parse(after.tokenExpiresAt) - (signedInAt + 25 * 3600_000)).toBeGreaterThan(59 * 86_400_000);
    expect(after.signInEndsAt).toBe(after.tokenExpiresAt);
  });

  it('Instagram Login: an image goes out through containers on graph.instagram.com with the account’s own token', async () => {
    const upload = await app.http
      .post('/upload')
      .set(bearer(app.token))
      .attach('files', JPEG, { filename: 'studio.jpg', contentType: 'image/jpeg' });
    const text = 'Open studio on Saturday';
    const plan = await schedulePlan(app, [studio], {
      body: text,
      local: `${new Date().getUTCFullYear() + 1}-08-05T10:00`,
      more: { media: [{ id: upload.body[0].id, alt: 'Easels by the window' }] },
    });
    const due = Date.parse(plan.scheduledAt);
    await tickAt(app, due + 1);
    await tickAt(app, due + 60_000);
    const user = fake.instagramLogin.user;
    const [row] = await publicationsOf(app, plan.documentId);
    const posts = fake.posts.filter((p) => p.network === 'instagram' && p.text === text);
    expect(posts).toHaveLength(1);
    expect(posts[0].owner).toBe(user.id);
    expect(row).toMatchObject({ state: 'published', externalId: posts[0].id, externalUrl: posts[0].permalink });
    const token = (await secretsOf(studio)).accessToken;
    const container = fake.calls('POST', `/ig-login/v24.0/${user.id}/media`);
    const published = fake.calls('POST', `/ig-login/v24.0/${user.id}/media_publish`);
    expect(container).toHaveLength(1);
    expect(container[0].form.get('caption')).toBe(text);
    expect(container[0].form.get('alt_text')).toBe('Easels by the window');
    expect(published).toHaveLength(1);
    for (const call of [...container, ...published]) expect(call.token).toBe(token);
    // Nothing of this account went to graph.facebook.com's paths.
    expect(fake.requests.filter((r) => r.path.startsWith(`/v24.0/${user.id}`))).toHaveLength(0);
  });

  it('Instagram Login: a comment delivered by webhook, signed with the Instagram app’s secret, lands on its account once; the poll catches up without a copy', async () => {
    const user = fake.instagramLogin.user;
    const secret = fake.instagramLogin.clientSecret;
    const path = '/api/community-manager/inbox/push/instagram-login';
    const deliver = (d: { body: string; headers: Record<string, string> }) => app.http.post(path).set(d.headers).send(d.body);
    // The subscription handshake: the challenge echoed for our verify token only.
    const handshake = (token: string) =>
      app.http.get(path).query({ 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': '1158201444' });
    const ok = await handshake(VERIFY_TOKEN);
    expect([ok.status, ok.text]).toEqual([200, '1158201444']);
    expect((await handshake('guessed')).status).toBe(403);
    // Facebook Login's Instagram sign-in has no verify token here: nobody can subscribe it.
    expect((await app.http.get('/api/community-manager/inbox/push/instagram').query({ 'hub.mode': 'subscribe' })).status).toBe(403);
    expect((await app.http.get('/api/community-manager/inbox/push/mastodon')).status).toBe(404);

    const post = fake.posts.find((p) => p.network === 'instagram' && p.owner === user.id && !p.replyTo)!;
    const comment = fake.comment(post.id, 'Can I join on Saturday?', { from: { id: '178400077', name: 'dora' } });
    const signed = fake.instagramWebhook(comment, { account: user.id, secret });
    // Signed with the Meta app's secret (Facebook Login's), or a body changed after signing: refused, nothing stored.
    expect((await deliver(fake.instagramWebhook(comment, { account: user.id, secret: fake.clientSecret }))).status).toBe(401);
    expect((await deliver({ ...signed, body: signed.body.replace('join', 'rob') })).status).toBe(401);
    expect((await deliver({ ...signed, headers: { 'content-type': 'application/json' } })).status).toBe(401);
    const items = async () =>
      ((await api('get', '/inbox/items?status=all&pageSize=100')).body.data.results as Array<Record<string, unknown>>).filter(
        (i) => i.externalId === comment.id
      );
    const mentionItem = async (externalId: string) =>
      ((await api('get', '/inbox/items?status=all&pageSize=100')).body.data.results as Array<Record<string, unknown>>).find(
        (i) => i.externalId === externalId
      );
    expect(await items()).toEqual([]);

    const first = await deliver(signed);
    expect([first.status, first.body.data]).toEqual([200, { created: 1, unknownAccounts: 0, skipped: 0 }]);
    const [item] = await items();
    expect(item).toMatchObject({ source: studio, kind: 'reply', text: 'Can I join on Saturday?', can: { reply: true, hide: true } });
    // Delivered again (Meta retries), then read by the poll: still one item.
    expect((await deliver(signed)).body.data.created).toBe(0);
    expect((await api('post', '/inbox/poll')).status).toBe(200);
    expect(await items()).toHaveLength(1);
    // An account we do not have is counted, not refused.
    expect((await deliver(fake.instagramWebhook(comment, { account: '17841499999999999', secret }))).body.data).toEqual({
      created: 0,
      unknownAccounts: 1,
      skipped: 0,
    });

    // Mentions: the delivery holds only ids; each is read as the account (someone's comment, someone's caption).
    const inComment = fake.mention(user.id, `@${user.username} do you ship to Lyon?`, { inComment: true });
    const inCaption = fake.mention(user.id, `Lunch with @${user.username} today`, { username: 'lea.cooks' });
    // The read fails (Graph down): 503, so Meta sends it again; nothing is lost, nothing half-stored.
    fake.fault = (step) => (step === 'read' ? { kind: 'error', status: 500, code: 2, message: 'Service temporarily unavailable' } : null);
    expect((await deliver(fake.mentionWebhook(inComment, { secret }))).status).toBe(503);
    fake.fault = null;
    // Delivered again once read (Meta retries): stored once.
    const created: unknown[] = [];
    for (const m of [inComment, inCaption, inComment]) created.push((await deliver(fake.mentionWebhook(m, { secret }))).body.data);
    expect(created).toEqual([1, 1, 0].map((n) => ({ created: n, unknownAccounts: 0, skipped: 0 })));
    const byComment = (await mentionItem(inComment.commentId!))!;
    const byCaption = (await mentionItem(inCaption.mediaId))!;
    expect(byComment).toMatchObject({ kind: 'mention', text: inComment.text, url: inComment.permalink, can: { reply: true, hide: false } });
    expect(byCaption).toMatchObject({ kind: 'mention', text: inCaption.text, author: { handle: '@lea.cooks' }, can: { hide: false } });
    // Answered from the inbox: on the other account's media, under the comment that mentioned us.
    for (const [item, text] of [
      [byComment, 'Yes, to all of France'],
      [byCaption, 'Enjoy, Léa!'],
    ] as const)
      expect((await api('post', `/inbox/items/${item.documentId as string}/reply`, { text })).status).toBe(200);
    const answers = fake.comments.filter((c) => c.own && [inComment.mediaId, inCaption.mediaId].includes(c.on));
    expect(answers.map((c) => [c.on, c.parent, c.text])).toEqual([
      [inComment.mediaId, inComment.commentId, 'Yes, to all of France'],
      [inCaption.mediaId, null, 'Enjoy, Léa!'],
    ]);
    // Signed but not an Instagram delivery: 400 naming the field.
    for (const [body, field] of [
      [{ object: 'page', entry: [] }, 'object'],
      [{ object: 'instagram' }, 'entry'],
    ] as const) {
      const raw = JSON.stringify(body);
      const signature = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
      const res = await app.http.post(path).set({ 'content-type': 'application/json', 'x-hub-signature-256': signature }).send(raw);
      expect([res.status, res.body.error.details.errors[0].path]).toEqual([400, [field]]);
    }
  });

  it('Facebook: a comment delivered by the page’s feed webhook, signed with the Meta app’s secret, lands on the page once; its own answer and a reaction are skipped', async () => {
    const page = fake.pages[0];
    const secret = fake.clientSecret;
    const path = '/api/community-manager/inbox/push/facebook';
    const deliver = (d: { body: string; headers: Record<string, string> }) => app.http.post(path).set(d.headers).send(d.body);
    // The subscription handshake: the challenge echoed for the page sign-in's verify token only, not Instagram Login's.
    const handshake = (token: string) =>
      app.http.get(path).query({ 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': '2094467219' });
    const ok = await handshake(PAGE_VERIFY_TOKEN);
    expect([ok.status, ok.text]).toEqual([200, '2094467219']);
    expect((await handshake(VERIFY_TOKEN)).status).toBe(403);
    expect((await handshake('guessed')).status).toBe(403);

    const post = fake.posts.find((p) => p.network === 'facebook' && p.owner === page.id && p.text === 'The terrace is open')!;
    const comment = fake.comment(post.id, 'Do you take bookings for twelve?', { from: { id: '7000000042', name: 'Grace' } });
    const signed = fake.feedWebhook([{ comment }], { page: page.id, secret });
    // Signed with the Instagram app's secret, changed after signing, or unsigned: refused before it is read, nothing stored.
    expect((await deliver(fake.feedWebhook([{ comment }], { page: page.id, secret: fake.instagramLogin.clientSecret }))).status).toBe(401);
    expect((await deliver({ ...signed, body: signed.body.replace('twelve', 'two') })).status).toBe(401);
    expect((await deliver({ ...signed, headers: { 'content-type': 'application/json' } })).status).toBe(401);
    const items = async (id: string) =>
      ((await api('get', '/inbox/items?status=all&pageSize=100')).body.data.results as Array<Record<string, unknown>>).filter(
        (i) => i.externalId === id
      );
    expect(await items(comment.id)).toEqual([]);

    const first = await deliver(signed);
    expect([first.status, first.body.data]).toEqual([200, { created: 1, unknownAccounts: 0, skipped: 0 }]);
    const [item] = await items(comment.id);
    // On the page's account, under our post (its plan), as the poll would have stored it.
    expect(item).toMatchObject({
      source: accounts.facebook,
      network: 'facebook',
      kind: 'reply',
      text: 'Do you take bookings for twelve?',
      inReplyToId: post.id,
      author: { id: '7000000042', name: 'Grace' },
      postedAt: new Date(Math.floor(comment.createdAt / 1000) * 1000).toISOString(),
      publication: expect.objectContaining({ planDocumentId: terrace.plan, url: post.permalink }),
      can: { reply: true, hide: true },
    });
    // Delivered again (Meta retries), then read by the poll: still one item.
    expect((await deliver(signed)).body.data.created).toBe(0);
    expect((await api('post', '/inbox/poll')).status).toBe(200);
    expect(await items(comment.id)).toHaveLength(1);

    // The page's own answer (sent from the inbox earlier), a reaction and an edit: acknowledged, not stored.
    const answer = fake.comments.find((c) => c.network === 'facebook' && c.own)!;
    expect(answer.from.id).toBe(page.id);
    const rest = fake.feedWebhook([{ comment: answer }, { comment, item: 'reaction' }, { comment, verb: 'edited' }], {
      page: page.id,
      secret,
    });
    expect((await deliver(rest)).body.data).toEqual({ created: 0, unknownAccounts: 0, skipped: 3 });
    expect(await items(answer.id)).toEqual([]);
    expect(await items(comment.id)).toHaveLength(1);
    // A page we do not have is counted, not refused; an Instagram delivery sent to the page's address is a 400.
    expect((await deliver(fake.feedWebhook([{ comment }], { page: '999000111', secret }))).body.data).toEqual({
      created: 0,
      unknownAccounts: 1,
      skipped: 0,
    });
    const instagram = await deliver(fake.instagramWebhook(comment, { account: page.id, secret }));
    expect([instagram.status, instagram.body.error.details.errors[0].path]).toEqual([400, ['object']]);
  });

  it('publishes a reel to Instagram: one video container as REELS, fetched from the site, published once with its link', async () => {
    const upload = await app.http
      .post('/upload')
      .set(bearer(app.token))
      .attach('files', MP4, { filename: 'harbour-dawn.mp4', contentType: 'video/mp4' });
    expect(upload.status).toBe(201);
    expect(upload.body[0].mime).toBe('video/mp4');
    const text = 'The harbour at dawn, in motion';
    const plan = await schedulePlan(app, [accounts.instagram], {
      body: text,
      local: `${new Date().getUTCFullYear() + 1}-08-04T10:00`,
      more: { media: [{ id: upload.body[0].id }] },
    });
    const due = Date.parse(plan.scheduledAt);
    await tickAt(app, due + 1);
    await tickAt(app, due + 60_000);
    const [row] = await publicationsOf(app, plan.documentId);
    const posts = fake.posts.filter((p) => p.network === 'instagram' && p.text === text);
    expect(posts).toHaveLength(1);
    const container = fake.containers.get(posts[0].container!)!;
    expect(container).toMatchObject({ fetched: 'ok', params: expect.objectContaining({ media_type: 'REELS', caption: text }) });
    expect(new URL(container.params.video_url).origin).toBe(app.url);
    expect(row).toMatchObject({ state: 'published', externalId: posts[0].id, externalUrl: posts[0].permalink });
  });

  it('publishes a video to the Facebook page: fetched from the site, read until its post exists, posted once with its link', async () => {
    const upload = await app.http
      .post('/upload')
      .set(bearer(app.token))
      .attach('files', MP4, { filename: 'harbour-tide.mp4', contentType: 'video/mp4' });
    expect(upload.status).toBe(201);
    const text = 'The tide comes in, in motion';
    const plan = await schedulePlan(app, [accounts.facebook], {
      body: text,
      local: `${new Date().getUTCFullYear() + 1}-08-04T11:00`,
      more: { media: [{ id: upload.body[0].id }] },
    });
    const due = Date.parse(plan.scheduledAt);
    await tickAt(app, due + 1);
    await tickAt(app, due + 60_000);
    const [row] = await publicationsOf(app, plan.documentId);
    const uploads = fake.calls('POST', `/${fake.pages[0].id}/videos`).filter((r) => r.form.get('description') === text);
    expect(uploads).toHaveLength(1);
    // Facebook fetched the file from the site's signed address (the fake refuses a URL it cannot fetch).
    expect(new URL(uploads[0].form.get('file_url')!).origin).toBe(app.url);
    expect(uploads[0].form.get('published')).toBe('true');
    const video = [...fake.videos.values()].find((v) => v.params.description === text)!;
    const posts = fake.posts.filter((p) => p.network === 'facebook' && p.text === text);
    expect(posts).toEqual([expect.objectContaining({ id: video.post, media: [video.id] })]);
    expect(row).toMatchObject({ state: 'published', externalId: posts[0].id, externalUrl: posts[0].permalink });
  });

  it('publishes a thread to Threads: each part a reply to the one before, the first comment under the last, each once', async () => {
    const parts = ['This week at the café (1/3)', 'Monday: fish soup (2/3)', 'Friday: live jazz (3/3)'];
    const plan = await schedulePlan(app, [accounts.threads], {
      body: parts.join('\n\n---\n\n'),
      local: `${new Date().getUTCFullYear() + 1}-08-05T10:00`,
      firstComment: 'Book a table at the counter',
    });
    const due = Date.parse(plan.scheduledAt);
    // Ahead of the instant: the first part's container only (the next parts answer it once it is out).
    await tickAt(app, due - 60_000);
    expect([...fake.containers.values()].filter((c) => parts.includes(c.params.text ?? '')).map((c) => c.params.text)).toEqual([parts[0]]);
    await tickAt(app, due + 1);
    await tickAt(app, due + 60_000);
    const [row] = await publicationsOf(app, plan.documentId);
    const [one, two, three] = parts.map((text) => fake.posts.filter((p) => p.network === 'threads' && p.text === text));
    expect([one.length, two.length, three.length]).toEqual([1, 1, 1]);
    expect([one[0].replyTo, two[0].replyTo, three[0].replyTo]).toEqual([null, one[0].id, two[0].id]);
    expect(row).toMatchObject({ state: 'published', externalId: one[0].id, externalUrl: one[0].permalink });
    expect(fake.posts.filter((p) => p.text === 'Book a table at the counter').map((p) => p.replyTo)).toEqual([three[0].id]);
  });

  it('a post left unknown whose page token died meanwhile: the lookup meets 190, the page needs a new sign-in, the post stays unknown', async () => {
    const text = 'Sent while the password changed';
    const plan = await schedulePlan(app, [accounts.facebook], { body: text, local: `${new Date().getUTCFullYear() + 1}-08-01T10:00` });
    const [row] = await publicationsOf(app, plan.documentId);
    // As a reaper leaves a send whose lease ran out before its answer (the send never saw the token refused).
    await app.strapi.db.query('plugin::community-manager.publication').update({
      where: { documentId: row.documentId },
      data: { state: 'unknown', attemptId: 'lost-attempt', attemptStartedMs: Date.now(), leaseOwner: null, leaseUntilMs: 0 },
    });
    fake.revokeAll();
    await tickAt(app, Date.now());
    const page = (await api('get', `/accounts/${accounts.facebook}`)).body.data;
    expect(page.status).toBe('needs_reauth');
    // Whether it went out cannot be told without a token: it stays unknown, looked up again once the page is reconnected.
    expect((await publicationsOf(app, plan.documentId))[0].state).toBe('unknown');
    expect(fake.posts.filter((p) => p.text === text)).toHaveLength(0);
  });

  it('no token or app secret ever reached an answer', () => {
    const all = seen.join('\n');
    for (const token of [...fake.issued, fake.clientSecret, fake.threads.clientSecret, fake.instagramLogin.clientSecret])
      expect(all).not.toContain(token);
  });
});
