import { createHash } from 'node:crypto';
import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { startFakeX, type FakeX } from '../fakes/x';
import { publicationsOf, schedulePlan, snapshotsOf, tickAt, tickDueThenLater, tickUntilSettled, uploadFile } from '../helpers/publishing';
import { PNG } from '../helpers/images';
import { UID } from '../../content-types';

/**
 * X end to end over HTTP against the fake X: an account connected through the
 * OAuth core (PKCE, the callback, tokens sealed), a scheduled post with an
 * image and a first comment published exactly once, and the core's claimed
 * refresh storing each rotated refresh token — the spent one refused by X; a
 * token X revoked renewed once mid-publish, and a revoked grant holding the
 * account's posts until a new sign-in.
 */
let app: TestApp;
let fake: FakeX;
let accountId: string;
/** every response body and header this suite received: no token may ever be in one */
const seen: string[] = [];

type OAuthService = { refresh(documentId: string, options?: { force?: boolean }): Promise<string> };
type AccountsService = { publishingAccount(id: string): Promise<{ status: string; secrets: Record<string, string> | null } | null> };
const service = <T>(name: string) => app.strapi.plugin('community-manager').service(name) as unknown as T;
const secretsOf = async (id: string) => (await service<AccountsService>('accounts').publishingAccount(id))!.secrets!;

beforeAll(async () => {
  fake = await startFakeX();
  app = await startApp({
    CM_SCHEDULER_ENABLED: 'false',
    CM_OAUTH_REFRESH_ENABLED: 'false',
    CM_OAUTH_X_CLIENT_ID: fake.clientId,
    CM_OAUTH_X_CLIENT_SECRET: fake.clientSecret,
    CM_OAUTH_X_AUTHORIZE_URL: fake.authorizeUrl,
    CM_OAUTH_X_TOKEN_URL: fake.tokenUrl,
    CM_OAUTH_X_API_URL: fake.url,
  });
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

/** "Sign in with X": the authorize call, X's consent page, the callback; the account's id and the URL X was sent. */
async function signIn(): Promise<{ id: string; url: URL }> {
  const start = await api('post', '/oauth/x/authorize', { name: 'Brand on X' });
  expect(start.status).toBe(200);
  const url = new URL(start.body.data.url as string);
  const cookie = (start.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('cm_oauth='))!.split(';')[0];
  // X's consent page sends the browser back to the plugin's callback, which has no admin token.
  const consent = await fetch(url, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const callback = new URL(consent.headers.get('location')!);
  const landed = await app.http.get(`${callback.pathname}${callback.search}`).set('Cookie', cookie);
  seen.push(JSON.stringify(landed.headers));
  expect(landed.status).toBe(302);
  const landing = new URL(landed.headers.location, app.url);
  expect(landing.searchParams.get('oauth')).toBe('connected');
  return { id: landing.searchParams.get('account')!, url };
}

type Reports = { collect(): Promise<Record<string, number>>; useClock(fn: (() => number) | null): void };
/** One collection pass of the reports, its clock at `at` (posts are tracked from their publication on, for a month). */
async function collectAt(at: number) {
  const reports = service<Reports>('reports');
  try {
    reports.useClock(() => at);
    return await reports.collect();
  } finally {
    reports.useClock(null);
  }
}
/** When the reports collect in this file: a day after the posts of 3 and 4 May. */
const COLLECTED_AT = Date.UTC(new Date().getUTCFullYear() + 1, 4, 5, 12);
/** Then a month on: every post of 3 and 4 May past its last age (30 days), X's private metrics no longer given. */
const A_MONTH_ON = Date.UTC(new Date().getUTCFullYear() + 1, 5, 4, 12);
const ada = { id: '1700000000000000042', username: 'ada', name: 'Ada' };

/** The calls that make a post at X, with the token each carried. */
const tweetTokens = () =>
  fake.requests.filter((r) => r.method === 'POST' && r.path === '/2/tweets').map((r) => String(r.headers.authorization).slice(7));

describe('X', () => {
  it('connects through the OAuth core: PKCE at X, the callback, a 2-hour token sealed on the server', async () => {
    expect((await api('get', '/oauth/networks')).body.data).toEqual(expect.arrayContaining([{ network: 'x' }]));
    const { id, url } = await signIn();
    accountId = id;
    expect(url.origin + url.pathname).toBe(fake.authorizeUrl);
    expect(url.searchParams.get('scope')).toBe('tweet.read tweet.write users.read offline.access media.write tweet.moderate.write');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');

    const verifier = new URLSearchParams(fake.grants('authorization_code')[0].body).get('code_verifier')!;
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(url.searchParams.get('code_challenge'));
    const account = (await api('get', `/accounts/${accountId}`)).body.data;
    expect(account).toMatchObject({ network: 'x', name: 'Brand on X', status: 'connected', handle: '@brand', displayName: 'Brand on X' });
    const ttl = Date.parse(account.tokenExpiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(7_100_000);
    expect(ttl).toBeLessThanOrEqual(7_200_000);
    expect(await secretsOf(accountId)).toMatchObject({
      accessToken: fake.issuedAccessTokens[0],
      refreshToken: fake.issuedRefreshTokens[0],
    });
    expect((await api('post', `/accounts/${accountId}/check`)).body.data).toMatchObject({ status: 'connected', handle: '@brand' });
  });

  it('the account form cannot add one, and says how to connect instead of storing an account without a token', async () => {
    const before = await app.strapi.db.query('plugin::community-manager.social-account').count({ where: { network: 'x' } });
    const res = await api('post', '/accounts', { network: 'x', name: 'By hand' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0]).toMatchObject({ path: ['network'], messageId: 'account_sign_in_only' });
    expect(res.body.error.message).toContain('Sign in with X');
    expect(await app.strapi.db.query('plugin::community-manager.social-account').count({ where: { network: 'x' } })).toBe(before);
  });

  it('publishes a scheduled post with its image (alt text) and first comment exactly once', async () => {
    const upload = await uploadFile(app, PNG, 'harbour.png', 'image/png');
    const plan = await schedulePlan(app, [accountId], {
      body: 'Dawn at the harbour',
      firstComment: 'Photos by the crew',
      local: `${new Date().getUTCFullYear() + 1}-04-02T09:00`,
      more: { media: [{ id: upload.id, alt: 'Fishing boats at dawn' }] },
    });
    const due = Date.parse(plan.scheduledAt);
    await tickAt(app, due + 1);
    // Further passes find nothing more to send.
    await tickAt(app, due + 60_000);
    const [row] = await publicationsOf(app, plan.documentId);
    const posts = fake.posts.filter((p) => p.text === 'Dawn at the harbour');
    expect(posts).toHaveLength(1);
    expect(row).toMatchObject({ state: 'published', externalId: posts[0].id, externalUrl: `https://x.com/brand/status/${posts[0].id}` });
    expect(posts[0].mediaIds).toHaveLength(1);
    // Strapi's upload plugin may re-encode the file; X checked at finalize that every byte it announced arrived.
    expect(fake.media.get(posts[0].mediaIds[0])).toMatchObject({ alt: 'Fishing boats at dawn', state: 'succeeded', mime: 'image/png' });
    const replies = fake.posts.filter((p) => p.text === 'Photos by the crew');
    expect(replies).toHaveLength(1);
    expect(replies[0].inReplyTo).toBe(posts[0].id);
    expect(row.history.map((h) => h.event)).toContain('first_comment');
  });

  it('a video X is still processing when due fails once with the reason stored, after a bounded number of checks', async () => {
    const upload = await uploadFile(app, Buffer.from('not really an mp4, X only counts the bytes'), 'launch.mp4', 'video/mp4');
    // X keeps the video in progress far longer than the adapter waits (check_after_secs 0: the polls cost no time here).
    fake.options.processingPolls = 10_000;
    try {
      const plan = await schedulePlan(app, [accountId], {
        body: 'Launch film',
        local: `${new Date().getUTCFullYear() + 1}-04-05T09:00`,
        more: { media: [{ id: upload.id, alt: 'The launch' }] },
      });
      const before = new Set(fake.media.keys());
      // Later passes neither upload it again nor poll it again: failed is final until a person retries.
      const { row, elapsed } = await tickDueThenLater(app, plan);
      expect(row).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'media_processing_timeout' } });
      expect(row.error!.message).toMatch(/^launch\.mp4: X was still processing the file after \d+ s \(60 checks\); the post was not sent/);
      const uploaded = [...fake.media.values()].filter((m) => !before.has(m.id));
      expect(uploaded).toHaveLength(1);
      expect(uploaded[0]).toMatchObject({ category: 'tweet_video', state: 'in_progress', polls: 60 });
      expect(fake.posts.filter((p) => p.text === 'Launch film')).toHaveLength(0);
      expect(elapsed).toBeLessThan(10_000);
    } finally {
      fake.options.processingPolls = 2;
    }
  });

  it('a post stored by X whose answer was lost is found among the recent posts, never sent twice', async () => {
    // A few minutes ahead in real time: X stamps its posts with its own clock, and reconciling compares them with the attempt's.
    const local = new Date(Math.ceil((Date.now() + 3 * 60_000) / 60_000) * 60_000).toISOString().slice(0, 16);
    const plan = await schedulePlan(app, [accountId], { body: 'Stored, then the line dropped', local, timezone: 'UTC' });
    const due = Date.parse(plan.scheduledAt);
    fake.fault = () => ({ kind: 'apply-then-reset' });
    await tickAt(app, due + 1);
    fake.fault = null;
    expect((await publicationsOf(app, plan.documentId))[0].state).toBe('unknown');
    await tickAt(app, due + 10_000);
    const [row] = await publicationsOf(app, plan.documentId);
    const posts = fake.posts.filter((p) => p.text === 'Stored, then the line dropped');
    expect(posts).toHaveLength(1);
    expect(row).toMatchObject({ state: 'published', externalId: posts[0].id });
    expect(row.history.map((h) => h.event)).toContain('reconciled_found');
  });

  it('a thread goes out part by part; a part whose answer was lost is found, the rest sent after it, none twice', async () => {
    const local = new Date(Math.ceil((Date.now() + 3 * 60_000) / 60_000) * 60_000).toISOString().slice(0, 16);
    const parts = ['Thread: how we sail (1/3)', 'Check the wind first (2/3)', 'Then the tide (3/3)'];
    const plan = await schedulePlan(app, [accountId], {
      body: 'How we sail, in one post elsewhere',
      variants: { x: { body: parts.join('\n\n---\n\n') } },
      firstComment: 'Questions welcome',
      local,
      timezone: 'UTC',
    });
    const due = Date.parse(plan.scheduledAt);
    const steps = async () =>
      (
        (await app.strapi.db.query(UID.publication).findOne({ where: { documentId: row0.documentId }, select: ['steps'] })) as {
          steps: unknown;
        }
      ).steps;
    const [row0] = await publicationsOf(app, plan.documentId);
    // X stores the second part, then the line drops before its answer.
    let calls = 0;
    fake.fault = () => (++calls === 2 ? { kind: 'apply-then-reset' } : null);
    await tickAt(app, due + 1);
    fake.fault = null;
    expect((await publicationsOf(app, plan.documentId))[0].state).toBe('unknown');
    expect(Object.keys((await steps()) as object)).toEqual(['x-thread-part-0']);
    // The lookup finds part two among the recent posts (a reply to part one), then the next attempt sends part three only.
    await tickAt(app, due + 10_000);
    await tickAt(app, due + 20_000);
    await tickAt(app, due + 60_000);
    const [row] = await publicationsOf(app, plan.documentId);
    const [one, two, three] = parts.map((text) => fake.posts.filter((p) => p.text === text));
    expect([one.length, two.length, three.length]).toEqual([1, 1, 1]);
    expect([two[0].inReplyTo, three[0].inReplyTo]).toEqual([one[0].id, two[0].id]);
    expect(row).toMatchObject({ state: 'published', externalId: one[0].id, externalUrl: `https://x.com/brand/status/${one[0].id}` });
    expect(fake.posts.find((p) => p.text === 'Questions welcome')?.inReplyTo).toBe(three[0].id);
    expect(fake.posts.some((p) => p.text.includes('in one post elsewhere'))).toBe(false);
    // Once whole, nothing is left in the store.
    expect(await steps()).toBeNull();
  });

  it('an admin’s daily cap holds the posts over it with their reason, not failed; the composer is told what is left', async () => {
    const settings = (body: object) => app.http.put('/community-manager/settings').set(bearer(app.token)).send(body);
    expect((await settings({ xDailyCap: 0 })).body.error.details.errors[0].path).toEqual(['xDailyCap']);
    expect((await settings({ xDailyCap: 1 })).status).toBe(200);
    const day = `${new Date().getUTCFullYear() + 1}-09-15`;
    const first = await schedulePlan(app, [accountId], { body: 'Capped one', local: `${day}T09:00`, timezone: 'UTC' });
    const second = await schedulePlan(app, [accountId], { body: 'Capped two', local: `${day}T09:05`, timezone: 'UTC' });
    const caps = (at: string) => api('get', `/publishing/daily-caps?at=${encodeURIComponent(at)}&accountIds=${accountId}`);
    // Both planned on that day against a cap of one: none left.
    expect((await caps(`${day}T18:00:00Z`)).body.data).toEqual({ day, accounts: [{ accountId, cap: 1, used: 2, remaining: 0 }] });
    expect((await caps('tomorrow')).status).toBe(400);

    const due = Date.parse(second.scheduledAt);
    await tickAt(app, due + 1);
    const [sent] = await publicationsOf(app, first.documentId);
    const [held] = await publicationsOf(app, second.documentId);
    expect(sent.state).toBe('published');
    expect(held).toMatchObject({ state: 'held', error: { code: 'x_daily_cap' } });
    expect(held.error!.message).toBe(
      `Brand on X has its 1 posts of ${day} (UTC) already: held, not sent. Move it to another day, or raise the daily cap in Settings`
    );
    expect(fake.posts.filter((p) => p.text === 'Capped two')).toHaveLength(0);
    // The held one no longer counts: one used, none left.
    expect((await caps(`${day}T18:00:00Z`)).body.data.accounts[0]).toMatchObject({ used: 1, remaining: 0 });

    // A retry sends it now (a retried post is due at once), under the cap of its new day.
    expect((await settings({ xDailyCap: 2 })).status).toBe(200);
    expect((await api('post', `/publications/${held.documentId}/retry`)).status).toBe(200);
    const [retried] = await publicationsOf(app, second.documentId);
    expect(retried.state).toBe('scheduled');
    expect((await tickUntilSettled(app, second.documentId)).state).toBe('published');
    expect(fake.posts.filter((p) => p.text === 'Capped two')).toHaveLength(1);
    expect((await settings({ xDailyCap: null })).status).toBe(200);
  });

  it('an access token X revoked, the grant alive: renewed once under the core’s claim, the post published once', async () => {
    const before = await secretsOf(accountId);
    const refreshes = fake.grants('refresh_token').length;
    const calls = tweetTokens().length;
    fake.revokeAccessTokens();
    const plan = await schedulePlan(app, [accountId], {
      body: 'Out after a revoked token',
      local: `${new Date().getUTCFullYear() + 1}-05-03T09:00`,
      timezone: 'UTC',
    });
    const due = Date.parse(plan.scheduledAt);
    await tickAt(app, due + 1);
    await tickAt(app, due + 60_000);
    const [row] = await publicationsOf(app, plan.documentId);
    const posts = fake.posts.filter((p) => p.text === 'Out after a revoked token');
    expect(posts).toHaveLength(1);
    expect(row).toMatchObject({ state: 'published', externalId: posts[0].id });
    // One refresh; the refused call (which X did not act on), then the same post with the new token.
    expect(fake.grants('refresh_token').length - refreshes).toBe(1);
    const after = await secretsOf(accountId);
    expect(after).toMatchObject({ accessToken: fake.issuedAccessTokens.at(-1), refreshToken: fake.issuedRefreshTokens.at(-1) });
    expect(tweetTokens().slice(calls)).toEqual([before.accessToken, after.accessToken]);
    expect((await api('get', `/accounts/${accountId}`)).body.data.status).toBe('connected');
  });

  it('the grant revoked too (X: 400 invalid_request): the posts held with the reason, a new sign-in asked, no retry loop', async () => {
    const year = new Date().getUTCFullYear() + 1;
    const refreshes = fake.grants('refresh_token').length;
    const calls = tweetTokens().length;
    // The user removed the app at X; X answers a revoked refresh token with invalid_request, as it has been seen to.
    fake.options.refusedRefreshError = 'invalid_request';
    fake.revokeAll();
    const first = await schedulePlan(app, [accountId], { body: 'Waits for a new sign-in', local: `${year}-05-04T09:00`, timezone: 'UTC' });
    const second = await schedulePlan(app, [accountId], { body: 'Waits as well', local: `${year}-05-04T10:00`, timezone: 'UTC' });
    const due = Date.parse(first.scheduledAt);
    await tickAt(app, due + 1);
    const reason = 'token endpoint answered 400 invalid_request: Value passed for the token was invalid.';
    const [held] = await publicationsOf(app, first.documentId);
    expect(held).toMatchObject({ state: 'held', error: { code: 'token_revoked' } });
    expect(held.error!.message).toBe(`post: Unauthorized; X refused to renew the sign-in: ${reason}`);
    expect((await publicationsOf(app, second.documentId))[0]).toMatchObject({ state: 'held', error: { code: 'account_needs_reauth' } });
    const account = (await api('get', `/accounts/${accountId}`)).body.data;
    expect(account.status).toBe('needs_reauth');
    expect(account.statusReason).toContain(reason);
    // Later passes send nothing and spend nothing: one refused post call, one refused refresh, in all.
    await tickAt(app, due + 10 * 60_000);
    await tickAt(app, Date.parse(second.scheduledAt) + 1);
    expect((await publicationsOf(app, first.documentId))[0].state).toBe('held');
    expect(tweetTokens().length - calls).toBe(1);
    expect(fake.grants('refresh_token').length - refreshes).toBe(1);

    // A new sign-in releases them: each goes out once, with the new token.
    fake.options.refusedRefreshError = 'invalid_grant';
    expect((await signIn()).id).toBe(accountId);
    await tickAt(app, Date.parse(second.scheduledAt) + 60_000);
    for (const [plan, text] of [
      [first, 'Waits for a new sign-in'],
      [second, 'Waits as well'],
    ] as const) {
      expect((await publicationsOf(app, plan.documentId))[0].state).toBe('published');
      expect(fake.posts.filter((p) => p.text === text)).toHaveLength(1);
    }
  });

  it('a mention read into the inbox, answered and hidden from it; a token X refused is renewed once on each call, the reply made once', async () => {
    const ours = fake.posts.find((p) => p.text === 'Waits as well')!;
    const mention = fake.mention(ada, '@brand is the terrace heated?', ours.id);
    const refreshes = fake.grants('refresh_token').length;
    // Each time a token X no longer takes (revoked, the grant alive): the inbox renews it once and goes on.
    fake.revokeAccessTokens();
    const polled = await api('post', '/inbox/poll');
    expect([polled.status, polled.body.data.created]).toEqual([200, 1]);
    expect(fake.grants('refresh_token').length - refreshes).toBe(1);
    const items = (await api('get', '/inbox/items?status=all&pageSize=100')).body.data.results as Array<Record<string, unknown>>;
    const item = items.find((i) => i.externalId === mention.id)!;
    expect(item).toMatchObject({ source: accountId, text: '@brand is the terrace heated?', can: { reply: true, hide: true } });

    fake.revokeAccessTokens();
    const calls = tweetTokens().length;
    const sent = await api('post', `/inbox/items/${item.documentId as string}/reply`, { text: 'It is, from May on' });
    expect(sent.status).toBe(200);
    expect(fake.grants('refresh_token').length - refreshes).toBe(2);
    // The refused call made nothing (401); the same reply with the new token made it, once.
    const [refused, renewed] = tweetTokens().slice(calls);
    expect(tweetTokens().length - calls).toBe(2);
    expect(renewed).not.toBe(refused);
    expect(fake.posts.filter((p) => p.inReplyTo === mention.id).map((p) => p.text)).toEqual(['It is, from May on']);

    fake.revokeAccessTokens();
    const hidden = await api('post', `/inbox/items/${item.documentId as string}/hide`, { hidden: true });
    expect([hidden.status, hidden.body.data?.status]).toEqual([200, 'hidden']);
    expect(mention.hidden).toBe(true);
    expect(fake.grants('refresh_token').length - refreshes).toBe(3);
    // Our answer is not read back as a mention to handle.
    expect((await api('post', '/inbox/poll')).body.data.created).toBe(0);
    expect((await api('get', `/accounts/${accountId}`)).body.data.status).toBe('connected');
  });

  it('collects the metrics of the posts (link clicks too) and of the account; a token X refused is renewed once on the way', async () => {
    const ours = fake.posts.find((p) => p.text === 'Out after a revoked token')!;
    ours.metrics = { like_count: 12, retweet_count: 3, reply_count: 2, quote_count: 1, impression_count: 480 };
    // Published two days before the collection: X still gives its private figures (link clicks) to the author.
    ours.privateMetrics.url_link_clicks = 9;
    const refreshes = fake.grants('refresh_token').length;
    fake.revokeAccessTokens();
    const result = await collectAt(COLLECTED_AT);
    expect(result).toMatchObject({ accounts: 1, failed: 0 });
    expect(result.posts).toBeGreaterThan(0);
    expect(fake.grants('refresh_token').length - refreshes).toBe(1);
    const snapshots = await snapshotsOf(app, ours.id, accountId);
    expect(snapshots.post).toMatchObject({ impressions: 480, likes: 12, reposts: 4, replies: 2, clicks: 9 });
    expect(snapshots.account).toMatchObject({
      followers: fake.userMetrics.followers_count,
      following: fake.userMetrics.following_count,
    });

    // A month on: X no longer gives the link clicks (only public_metrics asked); the post keeps its last known count.
    ours.metrics.like_count = 15;
    const before = fake.requests.length;
    expect(await collectAt(A_MONTH_ON)).toMatchObject({ accounts: 1, failed: 0 });
    const asked = fake.requests.slice(before).filter((r) => r.path.startsWith('/2/tweets?'));
    expect(asked.map((r) => new URL(r.path, fake.url).searchParams.get('tweet.fields'))).toEqual(['public_metrics']);
    const later = (await app.strapi.db.query('plugin::community-manager.metric-snapshot').findMany({
      where: { kind: 'post', publicationDocumentId: snapshots.publicationDocumentId },
      orderBy: { takenMs: 'desc' },
    })) as Array<Record<string, unknown>>;
    expect(later[0]).toMatchObject({ slotHours: 720, likes: 15, clicks: 9 });
  });

  it('a 429 on the account’s figures holds only the collection: X counts each endpoint apart, so the posts still go out', async () => {
    // GET /2/users/me's window spent (X answers 429 with its reset, 15 minutes away); POST /2/tweets keeps its own.
    const reset = fake.spendWindow('GET /2/users/me');
    try {
      expect(await collectAt(A_MONTH_ON + 24 * 3_600_000)).toMatchObject({ accounts: 0, failed: 1 });
      const stored = (await app.strapi.db
        .query('plugin::community-manager.social-account')
        .findOne({ where: { documentId: accountId }, select: ['rateLimit'] })) as { rateLimit: Record<string, unknown> };
      // The figures' own wait, shared by every instance; none for the account as a whole.
      expect(stored.rateLimit).toEqual({ work: { metrics: { until: reset * 1000, reason: 'rate_limited' } } });
      const local = new Date(Math.ceil((Date.now() + 3 * 60_000) / 60_000) * 60_000).toISOString().slice(0, 16);
      const plan = await schedulePlan(app, [accountId], { body: 'Out while the figures wait', local, timezone: 'UTC' });
      await tickAt(app, Date.parse(plan.scheduledAt) + 1);
      expect((await publicationsOf(app, plan.documentId))[0].state).toBe('published');
      expect(fake.posts.filter((p) => p.text === 'Out while the figures wait')).toHaveLength(1);
    } finally {
      fake.renewWindow('GET /2/users/me');
    }
  });

  it('a post that spends the last call of X’s window holds the next one until the reset, without a call that would meet a 429', async () => {
    const rateLimit = async () =>
      (
        (await app.strapi.db
          .query('plugin::community-manager.social-account')
          .findOne({ where: { documentId: accountId }, select: ['rateLimit'] })) as { rateLimit: unknown }
      ).rateLimit;
    const local = (minutes: number) => new Date(Math.ceil((Date.now() + minutes * 60_000) / 60_000) * 60_000).toISOString().slice(0, 16);
    const reset = fake.spendWindow('POST /2/tweets', 1);
    try {
      const last = await schedulePlan(app, [accountId], { body: 'The window’s last call', local: local(3), timezone: 'UTC' });
      await tickAt(app, Date.parse(last.scheduledAt) + 1);
      expect((await publicationsOf(app, last.documentId))[0].state).toBe('published');
      // X said `x-rate-limit-remaining: 0` on the post's answer: the publishing work waits, shared by every instance.
      // (The figures' own wait from the test before stays beside it: each work keeps its own.)
      expect((await rateLimit()) as { work: unknown }).toMatchObject({
        work: { publish: { until: reset * 1000, reason: 'window_spent' } },
      });

      const next = await schedulePlan(app, [accountId], { body: 'After the reset', local: local(4), timezone: 'UTC' });
      const calls = fake.requests.filter((r) => r.method === 'POST' && r.path === '/2/tweets').length;
      await tickAt(app, Date.parse(next.scheduledAt) + 1);
      expect((await publicationsOf(app, next.documentId))[0].state).toBe('scheduled');
      expect(fake.requests.filter((r) => r.method === 'POST' && r.path === '/2/tweets').length).toBe(calls);

      // The window renewed at X; the first tick after the reset sends it, once.
      fake.renewWindow('POST /2/tweets');
      await tickAt(app, reset * 1000 + 1_000);
      expect((await publicationsOf(app, next.documentId))[0].state).toBe('published');
      expect(fake.posts.filter((p) => p.text === 'After the reset')).toHaveLength(1);
    } finally {
      fake.renewWindow('POST /2/tweets');
      await app.strapi.db
        .query('plugin::community-manager.social-account')
        .update({ where: { documentId: accountId }, data: { rateLimit: null } });
    }
  });

  it('the app removed at X: a reply and a collection each ask one refresh, refused; a new sign-in is asked, nothing loops', async () => {
    const items = (await api('get', '/inbox/items?status=all&pageSize=100')).body.data.results as Array<Record<string, unknown>>;
    const item = items.find((i) => i.text === '@brand is the terrace heated?')!;
    const refreshes = fake.grants('refresh_token').length;
    const api2 = () => fake.requests.filter((r) => r.path.startsWith('/2/') && r.path !== '/2/oauth2/token').length;
    fake.revokeAll();
    let calls = api2();
    const sent = await api('post', `/inbox/items/${item.documentId as string}/reply`, { text: 'And heated at night' });
    expect([sent.status, sent.body.error.details.code]).toEqual([502, 'reply_failed']);
    expect(fake.grants('refresh_token').length - refreshes).toBe(1);
    expect(api2() - calls).toBe(1);
    const account = (await api('get', `/accounts/${accountId}`)).body.data;
    expect(account.status).toBe('needs_reauth');
    expect(account.statusReason).toContain('Value passed for the token was invalid.');
    expect(fake.posts.filter((p) => p.text === 'And heated at night')).toHaveLength(0);
    // Waiting for a person: the inbox reads nothing from it meanwhile.
    calls = api2();
    await api('post', '/inbox/poll');
    expect(api2()).toBe(calls);

    // Signed in again, then removed again: the collection asks one refresh, refused, and stops there.
    expect((await signIn()).id).toBe(accountId);
    fake.revokeAll();
    calls = api2();
    const after = A_MONTH_ON + 25 * 3_600_000;
    expect(await collectAt(after)).toMatchObject({ accounts: 0, failed: 1 });
    expect(fake.grants('refresh_token').length - refreshes).toBe(2);
    expect(api2() - calls).toBe(1);
    expect((await api('get', `/accounts/${accountId}`)).body.data.status).toBe('needs_reauth');
    expect(await collectAt(after + 3 * 3_600_000)).toMatchObject({ accounts: 0, failed: 0 });
    expect(api2() - calls).toBe(1);
    // Connected again for what follows.
    expect((await signIn()).id).toBe(accountId);
  });

  it('refreshes through the core’s claimed refresh, storing each rotated refresh token; a dead grant needs a new sign-in', async () => {
    const before = await secretsOf(accountId);
    expect(await service<OAuthService>('oauth').refresh(accountId, { force: true })).toBe('refreshed');
    const after = await secretsOf(accountId);
    expect(after.refreshToken).toBe(fake.issuedRefreshTokens.at(-1));
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessToken).toBe(fake.issuedAccessTokens.at(-1));
    // X rotated it: the spent one is refused, so storing the new one was not optional.
    const spent = await fetch(fake.tokenUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${fake.clientId}:${fake.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: before.refreshToken }).toString(),
    });
    expect(spent.status).toBe(400);
    expect(((await spent.json()) as { error: string }).error).toBe('invalid_grant');
    // Twice more, each with the token the previous refresh stored.
    expect(await service<OAuthService>('oauth').refresh(accountId, { force: true })).toBe('refreshed');
    expect((await secretsOf(accountId)).refreshToken).toBe(fake.issuedRefreshTokens.at(-1));

    // The user removed the app at X: the refresh is refused and the account waits for a new sign-in.
    fake.revokeAll();
    expect(await service<OAuthService>('oauth').refresh(accountId, { force: true })).toBe('needs_reauth');
    expect((await api('get', `/accounts/${accountId}`)).body.data).toMatchObject({ status: 'needs_reauth' });
    expect(fake.tokenErrors.at(-1)).toMatch(/^invalid_grant/);
  });

  it('no token ever reached an answer', () => {
    const all = seen.join('\n');
    for (const token of [...fake.issuedAccessTokens, ...fake.issuedRefreshTokens, fake.clientSecret]) expect(all).not.toContain(token);
  });
});
