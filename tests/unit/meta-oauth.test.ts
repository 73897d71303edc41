import { guardedFetch } from '../../server/core/http/guarded-fetch';
import { authorizationUrl, exchangeCode, type TokenCall } from '../../server/core/oauth/tokens';
import type { OAuthProvider } from '../../server/core/oauth/types';
import { adapterFor } from '../../server/networks/registry';
import { LIFETIME_MS, MIN_AGE_MS, renewal } from '../../server/networks/meta/long-lived';
import { INSTAGRAM_LOGIN } from '../../shared/networks/instagram';
import type { NetworkFetch } from '../../server/networks/types';
import { startFakeMeta, type FakeMeta } from '../fakes/meta';
import { failure } from '../helpers/network-failure';
import { subscribePage } from '../../server/networks/meta/subscribe';

/**
 * Facebook Login (pages and Instagram) and Threads' sign-in as the OAuth core
 * drives them (server/core/oauth/tokens.ts), with each provider's
 * description, against the fake Graph API: the code, the long-lived token,
 * the page tokens, the permissions, Threads' renewal.
 */
const fetch: NetworkFetch = (url, req = {}) => guardedFetch(url, { timeoutMs: 5_000, ...req }, { policy: { allowedHosts: ['127.0.0.1'] } });
const REDIRECT = 'https://cms.example.com/api/community-manager/oauth/callback';
const DAY = 86_400_000;

let fake: FakeMeta;
beforeAll(async () => {
  fake = await startFakeMeta();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.options.declined = [];
  fake.clock.offsetMs = 0;
  fake.fault = null;
  fake.subscribedApps.clear();
});

const facebookProvider = (network: 'facebook' | 'instagram') =>
  adapterFor(network)!.auth.oauth!.provider({
    options: { apiUrl: fake.graphUrl, authorizeUrl: fake.authorizeUrl, graphVersion: fake.version },
  })!;
const instagramLoginProvider = () =>
  adapterFor('instagram')!.auth.oauthSignIns![INSTAGRAM_LOGIN].provider({
    options: {
      apiUrl: fake.instagramLogin.apiUrl,
      authorizeUrl: fake.instagramLogin.authorizeUrl,
      tokenUrl: fake.instagramLogin.tokenUrl,
      graphVersion: fake.version,
    },
  })!;
const threadsProvider = () =>
  adapterFor('threads')!.auth.oauth!.provider({
    options: { apiUrl: fake.threads.apiUrl, authorizeUrl: fake.threads.authorizeUrl, tokenUrl: fake.threads.tokenUrl },
  })!;

/** The browser at the consent page, approving: the code sent back, exchanged as the core does. */
async function signIn(provider: OAuthProvider, app: { clientId: string; clientSecret: string }) {
  const url = authorizationUrl(provider, app, REDIRECT, 'state-1', null);
  const res = await globalThis.fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location')!);
  expect(back.searchParams.get('state')).toBe('state-1');
  const call: TokenCall = { provider, app, fetch, now: Date.now };
  const tokens = await exchangeCode(call, back.searchParams.get('code')!, REDIRECT, null);
  return { url: new URL(url), tokens, account: await provider.readAccount({ tokens, fetch, app }) };
}

describe('Facebook Login', () => {
  it('pages: the code’s one-hour token becomes a long-lived one, then the first page connects with its page token', async () => {
    const { url, tokens, account } = await signIn(facebookProvider('facebook'), fake);
    expect(url.pathname).toBe(`/${fake.version}/dialog/oauth`);
    expect(url.searchParams.get('scope')).toBe(
      'pages_show_list,pages_read_engagement,pages_manage_posts,business_management,pages_read_user_content,pages_manage_engagement,pages_manage_metadata'
    );
    expect(tokens.expiresAt! - Date.now()).toBeLessThanOrEqual(3600_000);
    const exchange = fake.requests.find((r) => r.query.get('grant_type') === 'fb_exchange_token')!;
    expect(exchange.query.get('fb_exchange_token')).toBe(tokens.accessToken);
    const page = fake.pages[0];
    expect(account).toMatchObject({
      networkAccountId: page.id,
      displayName: page.name,
      instanceUrl: fake.graphUrl,
      settings: { page: page.id, graphVersion: fake.version },
    });
    // The page token, which does not expire, replaces the user's; the pages (no token) are kept for a picker.
    expect(account.tokens).toEqual({ accessToken: fake.grant('page', page.id), expiresAt: null });
    expect(account.settings!.pages).toEqual(fake.pages.map((p) => ({ id: p.id, name: p.name, instagramId: p.instagramId })));
    expect(JSON.stringify(account.settings)).not.toContain(account.tokens!.accessToken);
    expect(account.problem).toBeUndefined();
  });

  it('a permission declined at consent is named: the account waits for a new sign-in', async () => {
    fake.options.declined = ['pages_manage_posts'];
    const { account } = await signIn(facebookProvider('facebook'), fake);
    expect(account.problem).toEqual({ code: 'meta_permission_missing', params: { permission: 'pages_manage_posts' } });
  });

  it('the page is subscribed to its feed webhook with its page token; its state is kept in the settings', async () => {
    const page = fake.pages[0];
    const before = fake.calls('POST', `/${page.id}/subscribed_apps`).length;
    const { account } = await signIn(facebookProvider('facebook'), fake);
    // Once, for the page the sign-in connects (the pages the picker connects are subscribed there).
    const calls = fake.calls('POST', `/${page.id}/subscribed_apps`).slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0].token).toBe(fake.grant('page', page.id));
    expect(calls[0].form.get('subscribed_fields')).toBe('feed');
    expect(fake.subscribedApps.get(page.id)).toEqual(['feed']);
    expect(account.settings!.realtime).toEqual({ subscribed: true, at: expect.any(String), reason: null });
  });

  it('pages_manage_metadata declined: the page connects, not subscribed, the permission named; nothing is asked of Facebook', async () => {
    fake.options.declined = ['pages_manage_metadata'];
    const before = fake.calls('POST', '/subscribed_apps').length;
    const { account } = await signIn(facebookProvider('facebook'), fake);
    expect(account.problem).toBeUndefined();
    expect(fake.calls('POST', '/subscribed_apps')).toHaveLength(before);
    expect(account.settings!.realtime).toMatchObject({
      subscribed: false,
      reason: { code: 'realtime_permission_missing', params: { permission: 'pages_manage_metadata' } },
    });
  });

  it('a wrong app secret is refused at the exchange: the app is fixed in Settings, not by retrying', async () => {
    const provider = facebookProvider('facebook');
    const url = authorizationUrl(provider, fake, REDIRECT, 's', null);
    const code = new URL((await globalThis.fetch(url, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    const err = await failure(
      exchangeCode({ provider, app: { clientId: fake.clientId, clientSecret: 'wrong' }, fetch, now: Date.now }, code, REDIRECT, null)
    );
    expect(err.kind).toBe('permanent');
  });

  it('Instagram: the professional account linked to the first page that has one, with that page’s token', async () => {
    const { url, account } = await signIn(facebookProvider('instagram'), fake);
    expect(url.searchParams.get('scope')).toContain('instagram_content_publish');
    const page = fake.pages.find((p) => p.instagramId)!;
    expect(account).toMatchObject({
      networkAccountId: fake.instagramUser.id,
      handle: `@${fake.instagramUser.username}`,
      profileUrl: `https://www.instagram.com/${fake.instagramUser.username}/`,
      tokens: { accessToken: fake.grant('page', page.id), expiresAt: null },
      settings: { instagramId: fake.instagramUser.id, page: page.id },
    });
    expect(account.settings!.pages).toEqual([{ id: page.id, name: page.name, instagramId: page.instagramId }]);
  });
});

describe('Threads sign-in', () => {
  it('short-lived (one hour) → long-lived (60 days); renewed by the core once 24 hours old, refused younger', async () => {
    const provider = threadsProvider();
    const { url, account } = await signIn(provider, fake.threads);
    expect(url.searchParams.get('scope')).toBe(
      'threads_basic,threads_content_publish,threads_manage_replies,threads_read_replies,threads_manage_insights'
    );
    expect(account).toMatchObject({ networkAccountId: fake.threadsUser.id, handle: '@harbourcafe', instanceUrl: fake.threads.apiUrl });
    const long = account.tokens!;
    expect(long.expiresAt! - Date.now()).toBeGreaterThan(59 * DAY);
    // The core schedules the renewal ten days before the end, far past the 24-hour minimum.
    expect(provider.refreshAheadMs).toBe(10 * DAY);
    const app = { clientId: fake.threads.clientId, clientSecret: fake.threads.clientSecret };
    const young = await failure(
      provider.refresh!({ secrets: { accessToken: long.accessToken }, app, fetch, now: Date.now, expiresAt: long.expiresAt })
    );
    expect([young.kind, young.code]).toEqual(['retryable', 'meta_token_too_young']);
    expect(young.retryAfterMs).toBeGreaterThan(Date.now() + 23 * 3600_000);

    fake.clock.offsetMs = 2 * DAY;
    const later = () => Date.now() + 2 * DAY;
    const renewed = await provider.refresh!({
      secrets: { accessToken: long.accessToken },
      app,
      fetch,
      now: later,
      expiresAt: long.expiresAt,
    });
    expect(renewed.accessToken).not.toBe(long.accessToken);
    expect(renewed.expiresAt! - later()).toBeGreaterThan(59 * DAY);
    expect(fake.requests.at(-1)!.query.get('grant_type')).toBe('th_refresh_token');

    // A token left 60 days dies: renewing it is refused and the account needs a new sign-in.
    fake.clock.offsetMs = 63 * DAY;
    const dead = await failure(
      provider.refresh!({ secrets: { accessToken: renewed.accessToken }, app, fetch, now: () => Date.now() + 63 * DAY, expiresAt: null })
    );
    expect(dead.kind).toBe('auth');
  });
});

describe('Meta’s long-lived token renewal (Threads, Instagram Login)', () => {
  const NOW = Date.UTC(2026, 5, 1);
  const HOUR = 3600_000;
  it('a token is renewed once 24 hours old, never younger, never once ended', () => {
    // Its age reckoned from its end with the shortest documented lifetime: `renewal` never asks early.
    for (const ageHours of [0, 1, 12, 23, 23.99]) {
      const expiresAt = NOW - ageHours * HOUR + LIFETIME_MS;
      const r = renewal(expiresAt, NOW);
      expect(r).toEqual({ ok: false, why: 'too_young', at: expiresAt - LIFETIME_MS + MIN_AGE_MS });
    }
    for (const ageHours of [24, 25, 24 * 30, 24 * 59]) {
      expect(renewal(NOW - ageHours * HOUR + LIFETIME_MS, NOW)).toEqual({ ok: true });
    }
    for (const endedAgo of [0, 1, HOUR, 10 * DAY]) {
      expect(renewal(NOW - endedAgo, NOW)).toEqual({ ok: false, why: 'expired' });
    }
    // An end not known: the network decides.
    expect(renewal(null, NOW)).toEqual({ ok: true });
  });
});

describe('Instagram Login', () => {
  it('short-lived → long-lived (5183944 s) on graph.instagram.com; the account is /me’s user_id, with its own token', async () => {
    const provider = instagramLoginProvider();
    const { url, tokens, account } = await signIn(provider, fake.instagramLogin);
    expect(`${url.origin}${url.pathname}`).toBe(fake.instagramLogin.authorizeUrl);
    expect(url.searchParams.get('scope')).toBe(
      'instagram_business_basic,instagram_business_content_publish,instagram_business_manage_comments,instagram_business_manage_insights'
    );
    expect(url.searchParams.get('response_type')).toBe('code');
    // The code's token is the short one (an hour); the account keeps the long-lived one it was swapped for.
    expect(fake.tokenInfo(tokens.accessToken)!.kind).toBe('ig-short');
    const exchange = fake.requests.find((r) => r.query.get('grant_type') === 'ig_exchange_token')!;
    expect(exchange.path).toBe('/ig-login/access_token');
    expect(exchange.query.get('client_secret')).toBe(fake.instagramLogin.clientSecret);
    expect(exchange.query.get('access_token')).toBe(tokens.accessToken);
    const long = account.tokens!;
    expect(fake.tokenInfo(long.accessToken)).toMatchObject({ kind: 'ig-long', igUserId: fake.instagramLogin.user.id });
    expect(Math.abs(long.expiresAt! - (Date.now() + 5_183_944_000))).toBeLessThan(5_000);
    expect(account).toMatchObject({
      networkAccountId: fake.instagramLogin.user.id,
      handle: '@harbourstudio',
      displayName: 'Harbour Studio',
      instanceUrl: fake.instagramLogin.apiUrl,
      settings: {
        instagramId: fake.instagramLogin.user.id,
        username: 'harbourstudio',
        graphVersion: fake.version,
        accountType: 'BUSINESS',
      },
    });
    expect(account.problem).toBeUndefined();
    const me = fake.requests.find((r) => r.path === `/ig-login/${fake.version}/me`)!;
    expect(me.query.get('fields')).toBe('user_id,username,name,profile_picture_url,account_type');
  });

  it('a publishing permission declined at consent is named: the account waits for a new sign-in', async () => {
    fake.options.declined = ['instagram_business_content_publish'];
    const { account } = await signIn(instagramLoginProvider(), fake.instagramLogin);
    expect(account.problem).toEqual({ code: 'meta_permission_missing', params: { permission: 'instagram_business_content_publish' } });
  });

  it('renewed with ig_refresh_token once 24 hours old; younger waits without asking; ended needs a new sign-in', async () => {
    const provider = instagramLoginProvider();
    const { account } = await signIn(provider, fake.instagramLogin);
    const long = account.tokens!;
    const app = { clientId: fake.instagramLogin.clientId, clientSecret: fake.instagramLogin.clientSecret };
    const before = fake.requests.length;
    const young = await failure(
      provider.refresh!({ secrets: { accessToken: long.accessToken }, app, fetch, now: Date.now, expiresAt: long.expiresAt })
    );
    expect([young.kind, young.code]).toEqual(['retryable', 'meta_token_too_young']);
    expect(young.retryAfterMs).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(fake.requests.length).toBe(before);

    fake.clock.offsetMs = DAY + 60_000;
    const later = () => Date.now() + DAY + 60_000;
    const renewed = await provider.refresh!({
      secrets: { accessToken: long.accessToken },
      app,
      fetch,
      now: later,
      expiresAt: long.expiresAt,
    });
    const call = fake.requests.at(-1)!;
    expect(call.path).toBe('/ig-login/refresh_access_token');
    expect(call.query.get('grant_type')).toBe('ig_refresh_token');
    expect(renewed.accessToken).not.toBe(long.accessToken);
    expect(renewed.expiresAt! - later()).toBeGreaterThan(59 * DAY);

    // Past its end: not sent (Meta answers 190); the account needs a new sign-in.
    const count = fake.requests.length;
    const ended = await failure(
      provider.refresh!({
        secrets: { accessToken: renewed.accessToken },
        app,
        fetch,
        now: () => renewed.expiresAt! + 1,
        expiresAt: renewed.expiresAt,
      })
    );
    expect([ended.kind, ended.code]).toEqual(['auth', 'meta_token_expired']);
    expect(fake.requests.length).toBe(count);
    // The fake, asked anyway (an end not known), answers 190 as documented.
    fake.clock.offsetMs = 70 * DAY;
    const dead = await failure(
      provider.refresh!({ secrets: { accessToken: renewed.accessToken }, app, fetch, now: () => Date.now() + 70 * DAY, expiresAt: null })
    );
    expect([dead.kind, dead.code]).toEqual(['auth', 'meta_token_revoked']);
  });

  it('the fake refuses a renewal of a token under 24 hours old, as documented', async () => {
    const value = fake.grant('ig-long');
    const res = await globalThis.fetch(
      `${fake.instagramLogin.apiUrl}/refresh_access_token?grant_type=ig_refresh_token&access_token=${value}`
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(100);
  });
});

describe('Facebook page subscription (POST /{page}/subscribed_apps), each answer as a state', () => {
  const graph = () => `${fake.graphUrl}/${fake.version}`;
  const page = () => fake.pages[1].id;
  const subscribe = (token: string) => subscribePage(fetch, graph(), page(), token, Date.now());

  it('subscribed: {success: true}; made again, one subscription with its fields (GET lists it)', async () => {
    const token = fake.grant('page', page());
    expect(await subscribe(token)).toMatchObject({ subscribed: true, reason: null });
    expect(await subscribe(token)).toMatchObject({ subscribed: true });
    const listed = await fetch(`${graph()}/${page()}/subscribed_apps`, { headers: { authorization: `Bearer ${token}` } });
    expect(listed.json()).toEqual({ data: [expect.objectContaining({ id: fake.clientId, subscribed_fields: ['feed'] })] });
  });

  it('refused, each for its reason: the permission (200), the token (190), a user token (210), Facebook down, an odd answer', async () => {
    const token = fake.grant('page', page());
    fake.options.declined = ['pages_manage_metadata'];
    expect(await subscribe(token)).toMatchObject({
      subscribed: false,
      reason: { code: 'realtime_permission_missing', params: { permission: 'pages_manage_metadata' } },
    });
    fake.options.declined = [];
    expect((await subscribe('EAAnot-a-token')).reason).toMatchObject({ code: 'realtime_token_refused' });
    expect((await subscribe(fake.grant('user-long'))).reason).toMatchObject({
      code: 'realtime_refused',
      params: { message: expect.stringContaining('(#210)') },
    });
    fake.fault = (step) =>
      step === 'subscribe' ? { kind: 'error', status: 500, code: 2, message: 'Service temporarily unavailable' } : null;
    expect((await subscribe(token)).reason).toMatchObject({ code: 'realtime_unavailable' });
    fake.fault = (step) => (step === 'subscribe' ? { kind: 'reset' } : null);
    expect((await subscribe(token)).reason).toMatchObject({ code: 'realtime_unavailable' });
    fake.fault = null;
    expect(fake.subscribedApps.has(page())).toBe(false);
    const odd = subscribePage(
      async (url) => {
        const text = JSON.stringify({ success: false });
        return { status: 200, headers: {}, body: Buffer.from(text), url, text: () => text, json: <T>() => JSON.parse(text) as T };
      },
      graph(),
      page(),
      token,
      Date.now()
    );
    expect((await odd).reason).toMatchObject({ code: 'realtime_refused' });
  });
});
