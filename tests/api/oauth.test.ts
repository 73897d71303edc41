import { createHash } from 'node:crypto';
import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { startFakeOAuth2, type FakeOAuth2 } from '../fakes/oauth2-server';
import { recordEmails, type SentEmail } from '../helpers/emails';
import { schedulePlan, publicationsOf, tickAt } from '../helpers/publishing';
import createAccountExpiry from '../../server/accounts/expiry';

/**
 * OAuth 2.0 sign-in and refresh (server/core/oauth), through the sandbox's
 * OAuth mode against a local RFC 6749 / 7636 authorization server: every
 * step over HTTP, the browser played by hand (no admin token on the callback).
 */
let app: TestApp;
let fake: FakeOAuth2;
let emails: SentEmail[];
/** every response body and redirect this suite received: no token may ever be in one */
const seen: string[] = [];

type OAuthService = {
  useClock(fn: (() => number) | null): void;
};
type AccountsService = {
  publishingAccount(id: string): Promise<{ status: string; secrets: Record<string, string> | null } | null>;
};
const oauthService = () => app.strapi.plugin('community-manager').service('oauth') as unknown as OAuthService;
const secretsOf = async (id: string) =>
  (await (app.strapi.plugin('community-manager').service('accounts') as unknown as AccountsService).publishingAccount(id))!.secrets!;

beforeAll(async () => {
  fake = await startFakeOAuth2();
  app = await startApp({
    CM_OAUTH_SANDBOX_CLIENT_ID: fake.clientId,
    CM_OAUTH_SANDBOX_CLIENT_SECRET: fake.clientSecret,
    CM_OAUTH_SANDBOX_AUTHORIZE_URL: fake.authorizeUrl,
    CM_OAUTH_SANDBOX_TOKEN_URL: fake.tokenUrl,
    CM_OAUTH_SANDBOX_USERINFO_URL: fake.userinfoUrl,
    CM_OAUTH_REFRESH_TICK_SECONDS: '1',
    CM_OAUTH_REFRESH_BACKOFF_MS: '200',
    CM_OAUTH_REFRESH_AHEAD_SECONDS: '600',
    CM_PUBLISH_NOTIFY_EMAILS: 'ops@example.com',
  });
  emails = recordEmails(app);
});
afterAll(async () => {
  await Promise.all([app?.stop(), fake?.stop()]);
});

const auth = () => bearer(app.token);

async function api(method: 'get' | 'post' | 'put', path: string, body?: object) {
  const req = app.http[method](`/community-manager${path}`).set(auth());
  const res = body ? await req.send(body) : await req;
  seen.push(JSON.stringify(res.body), JSON.stringify(res.headers));
  return res;
}

/** The admin's click: an authorization URL, and the cookie that binds the sign-in to this browser. */
async function begin(name = 'Acme via OAuth') {
  const res = await api('post', '/oauth/sandbox/authorize', { name });
  expect(res.status).toBe(200);
  const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('cm_oauth='))!.split(';')[0];
  return { url: new URL(res.body.data.url as string), cookie };
}

/** The network's consent page answering: where it sends the browser back. */
async function consent(url: URL): Promise<URL> {
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

/** The browser arriving at the callback (no admin token): where the plugin sends it. */
async function arrive(callback: URL, cookie: string | null): Promise<URL> {
  const req = app.http.get(`${callback.pathname}${callback.search}`);
  const res = cookie ? await req.set('Cookie', cookie) : await req;
  seen.push(JSON.stringify(res.body), JSON.stringify(res.headers));
  expect(res.status).toBe(302);
  return new URL(res.headers.location, app.url);
}

let accountId: string;
/** an account signed in without refresh token (as LinkedIn without refresh tokens) */
let briefId: string;
const SETTINGS_SECRET = 'settings-secret-value-0123456789';

describe('sign in with OAuth', () => {
  it('happy path: authorization URL -> network -> callback -> account connected, tokens never shown', async () => {
    const networks = await api('get', '/oauth/networks');
    expect(networks.body.data).toEqual([{ network: 'sandbox' }]);

    const { url, cookie } = await begin();
    expect(url.origin + url.pathname).toBe(fake.authorizeUrl);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('redirect_uri')).toBe(`${app.url}/api/community-manager/oauth/callback`);
    expect(url.searchParams.has('code_verifier')).toBe(false);

    const landing = await arrive(await consent(url), cookie);
    expect(landing.pathname).toBe('/admin/plugins/community-manager/accounts');
    expect(landing.searchParams.get('oauth')).toBe('connected');
    accountId = landing.searchParams.get('account')!;

    const account = (await api('get', `/accounts/${accountId}`)).body.data;
    expect(account).toMatchObject({
      network: 'sandbox',
      name: 'Acme via OAuth',
      status: 'connected',
      handle: '@acme',
      displayName: 'Acme OAuth',
    });
    expect(Date.parse(account.tokenExpiresAt)).toBeGreaterThan(Date.now() + 3000_000);
    // The exchange sent the verifier whose S256 is the challenge of the URL.
    const [exchange] = fake.grants('authorization_code');
    const verifier = new URLSearchParams(exchange.body).get('code_verifier')!;
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(url.searchParams.get('code_challenge'));
    // Stored sealed, readable on the server only.
    expect((await secretsOf(accountId)).accessToken).toBe(fake.issuedAccessTokens[0]);
    // A connection check keeps the account's identity: signing in again (below) finds this same account.
    expect((await api('post', `/accounts/${accountId}/check`)).body.data).toMatchObject({ status: 'connected', handle: '@acme' });
  });

  it('state mismatch: an unknown state, or the right state from another browser, is refused before any exchange', async () => {
    const before = fake.grants('authorization_code').length;
    const { url, cookie } = await begin();
    const callback = await consent(url);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-the-state-we-issued');
    expect((await arrive(forged, cookie)).searchParams.get('oauth_error')).toBe('oauth_state_mismatch');
    // Another browser (no cookie, or someone else's) with the genuine state.
    expect((await arrive(callback, 'cm_oauth=someone-elses-cookie')).searchParams.get('oauth_error')).toBe('oauth_state_mismatch');
    // The state was used up by that attempt: the right browser cannot replay it either.
    expect((await arrive(callback, cookie)).searchParams.get('oauth_error')).toBe('oauth_state_mismatch');
    expect(fake.grants('authorization_code').length).toBe(before);
  });

  it('expired state: a callback after the state’s lifetime is refused', async () => {
    const before = fake.grants('authorization_code').length;
    const { url, cookie } = await begin();
    const callback = await consent(url);
    oauthService().useClock(() => Date.now() + 11 * 60_000);
    try {
      expect((await arrive(callback, cookie)).searchParams.get('oauth_error')).toBe('oauth_state_expired');
    } finally {
      oauthService().useClock(null);
    }
    expect(fake.grants('authorization_code').length).toBe(before);
  });

  it('PKCE verifier wrong: a code injected into another sign-in is refused by the network', async () => {
    const first = await begin();
    const stolenCode = (await consent(first.url)).searchParams.get('code')!;
    const second = await begin();
    const callback = await consent(second.url);
    callback.searchParams.set('code', stolenCode);
    const landing = await arrive(callback, second.cookie);
    expect(landing.searchParams.get('oauth_error')).toBe('oauth_code_refused');
    const last = fake.grants('authorization_code').at(-1)!;
    expect(new URLSearchParams(last.body).get('code')).toBe(stolenCode);
    expect(fake.tokenErrors.at(-1)).toBe('invalid_grant: PKCE verification failed');
  });

  it('code reused: a replayed callback spends nothing, and the network refuses a code used twice', async () => {
    const { url, cookie } = await begin();
    const callback = await consent(url);
    expect((await arrive(callback, cookie)).searchParams.get('oauth')).toBe('connected');
    const exchanges = fake.grants('authorization_code').length;
    expect((await arrive(callback, cookie)).searchParams.get('oauth_error')).toBe('oauth_state_mismatch');
    expect(fake.grants('authorization_code').length).toBe(exchanges);
    // The used code carried by a fresh sign-in reaches the network, which refuses it.
    const fresh = await begin();
    const again = await consent(fresh.url);
    again.searchParams.set('code', callback.searchParams.get('code')!);
    expect((await arrive(again, fresh.cookie)).searchParams.get('oauth_error')).toBe('oauth_code_refused');
    expect(fake.tokenErrors.at(-1)).toBe('invalid_grant: code already used');
    // Same network account: still one account.
    const list = (await api('get', '/accounts')).body.data as Array<{ network: string }>;
    expect(list.filter((a) => a.network === 'sandbox')).toHaveLength(1);
  });
});

describe('OAuth routes refuse bad input', () => {
  it.each([
    ['/oauth/sandbox/authorize', { name: '' }, 'name'],
    ['/oauth/sandbox/authorize', { editorialLineId: 'NOT AN ID' }, 'editorialLineId'],
    ['/oauth/sandbox/authorize', { password: 'x' }, null],
    ['/oauth/Not-A-Network/authorize', {}, 'network'],
  ])('POST %s %j -> 400', async (path, body, field) => {
    const res = await api('post', path, body);
    expect(res.status).toBe(400);
    if (field) expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toContain(field);
  });

  it.each([
    [{ clientId: 5 }, 'clientId'],
    [{ clientSecret: '' }, 'clientSecret'],
    [{ options: { authorizeUrl: 'not a url' } }, 'options.authorizeUrl'],
    [{ extra: true }, null],
  ])('PUT /oauth/apps/sandbox %j -> 400', async (body, field) => {
    const res = await api('put', '/oauth/apps/sandbox', body);
    expect(res.status).toBe(400);
    if (field) expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toContain(field);
  });

  it('an option the network does not read, or a network without OAuth, is refused', async () => {
    expect((await api('put', '/oauth/apps/sandbox', { options: { evilUrl: 'https://example.com' } })).status).toBe(400);
    expect((await api('put', '/oauth/apps/mastodon', { clientId: 'x' })).status).toBe(404);
    expect((await api('post', '/oauth/mastodon/authorize', {})).body.error.details.code).toBe('oauth_not_configured');
  });

  it('Settings shows the app with the environment’s values marked, and the secret only as set', async () => {
    const [sandbox] = (await api('get', '/oauth/apps')).body.data;
    expect(sandbox).toMatchObject({
      network: 'sandbox',
      clientId: fake.clientId,
      clientIdSource: 'env',
      clientSecretSet: true,
      clientSecretSource: 'env',
      serverConfigured: true,
      redirectUri: `${app.url}/api/community-manager/oauth/callback`,
    });
    expect(sandbox.options.tokenUrl).toEqual({ value: fake.tokenUrl, source: 'env', env: 'CM_OAUTH_SANDBOX_TOKEN_URL' });
    // A secret saved in Settings is stored (sealed) but never read back; the environment's still wins.
    const saved = await api('put', '/oauth/apps/sandbox', { clientSecret: SETTINGS_SECRET });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ clientSecretSet: true, clientSecretSource: 'env' });
    const stored = JSON.stringify(await app.strapi.store({ type: 'plugin', name: 'community-manager', key: 'oauth-apps' }).get({}));
    expect(stored).toContain('"clientSecretSealed"');
    expect(stored).not.toContain(SETTINGS_SECRET);
  });
});

describe('refresh', () => {
  it('two refreshes at once (distinct instance ids, one database): one call at the network, both end on the new token', async () => {
    const refreshesBefore = fake.grants('refresh_token').length;
    const oldRefresh = (await secretsOf(accountId)).refreshToken;
    fake.options.tokenDelayMs = 800;
    try {
      const outcomes = await Promise.all([
        api('post', `/oauth/accounts/${accountId}/refresh`),
        api('post', `/oauth/accounts/${accountId}/refresh`),
      ]);
      expect(outcomes.map((r) => r.status)).toEqual([200, 200]);
      expect(outcomes.map((r) => r.body.data.outcome).sort()).toEqual(['refreshed', 'waited']);
    } finally {
      fake.options.tokenDelayMs = 0;
    }
    expect(fake.grants('refresh_token').length).toBe(refreshesBefore + 1);
    const secrets = await secretsOf(accountId);
    expect(secrets.accessToken).toBe(fake.issuedAccessTokens.at(-1));
    expect(secrets.refreshToken).not.toBe(oldRefresh);
    expect((await api('get', `/accounts/${accountId}`)).body.data.status).toBe('connected');
  });

  it('a server that does not rotate: the stored refresh token is kept, never replaced by an empty one', async () => {
    const kept = (await secretsOf(accountId)).refreshToken;
    fake.options.rotate = false;
    try {
      expect((await api('post', `/oauth/accounts/${accountId}/refresh`)).body.data.outcome).toBe('refreshed');
    } finally {
      fake.options.rotate = true;
    }
    const secrets = await secretsOf(accountId);
    expect(secrets.refreshToken).toBe(kept);
    expect(secrets.accessToken).toBe(fake.issuedAccessTokens.at(-1));
  });

  it('503 from the token endpoint: retried with backoff by the refresh job, the account stays connected', async () => {
    // A sign-in whose token ends within the refresh window: the job picks it up at its next tick.
    // The first two refresh calls answer 503; they are at least the first backoff apart, so the
    // third (good) one comes after the token lifetime is back to an hour.
    fake.options.expiresIn = 300;
    fake.options.unavailable = 2;
    const before = fake.grants('refresh_token').length;
    const { url, cookie } = await begin();
    expect((await arrive(await consent(url), cookie)).searchParams.get('oauth')).toBe('connected');
    fake.options.expiresIn = 3600;
    const statuses = new Set<string>();
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      statuses.add((await api('get', `/accounts/${accountId}`)).body.data.status);
      if (fake.grants('refresh_token').length >= before + 3 && fake.options.unavailable === 0) {
        const account = (await api('get', `/accounts/${accountId}`)).body.data;
        if (Date.parse(account.tokenExpiresAt) > Date.now() + 3000_000) break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(fake.grants('refresh_token').length).toBe(before + 3);
    expect([...statuses]).toEqual(['connected']);
    const account = (await api('get', `/accounts/${accountId}`)).body.data;
    expect(account.status).toBe('connected');
    expect(Date.parse(account.tokenExpiresAt)).toBeGreaterThan(Date.now() + 3000_000);
    expect((await secretsOf(accountId)).accessToken).toBe(fake.issuedAccessTokens.at(-1));
  });

  // Re-authorization announced before a sign-in that cannot be renewed ends (server/accounts/expiry.ts).
  // Its job ticks hourly; these cases run its passes by hand, and a second instance's beside it.
  const expiry = () => app.strapi.plugin('community-manager').service('account-expiry') as unknown as { tick(): Promise<number> };
  const reauthNotices = (name: string) =>
    emails.filter((e) => String(e.subject).startsWith(`[Community Manager] Reconnect ${name} before`));
  const utcLocal = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16);

  it('a refreshable account is not announced', async () => {
    const account = (await api('get', `/accounts/${accountId}`)).body.data;
    expect(account).toMatchObject({ status: 'connected', reauthBy: null, postsDueAfterReauth: 0, signInEndsAt: null });
    await expiry().tick();
    expect(reauthNotices('Acme via OAuth')).toHaveLength(0);
  });

  it('a refresh token that ends in 3 days: dated in the DTO, announced once to the admins', async () => {
    fake.options.refreshTokenExpiresIn = 3 * 86_400;
    try {
      const { url, cookie } = await begin();
      expect((await arrive(await consent(url), cookie)).searchParams.get('oauth')).toBe('connected');
    } finally {
      fake.options.refreshTokenExpiresIn = null;
    }
    const account = (await api('get', `/accounts/${accountId}`)).body.data;
    expect(Date.parse(account.reauthBy)).toBeGreaterThan(Date.now() + 2 * 86_400_000);
    expect(Date.parse(account.reauthBy)).toBeLessThanOrEqual(Date.now() + 3 * 86_400_000);
    // The access token renews itself, the sign-in ends with its refresh token.
    expect(account.signInEndsAt).toBe(account.reauthBy);
    expect(account.status).toBe('connected');
    expect(await expiry().tick()).toBe(1);
    expect(await expiry().tick()).toBe(0);
    expect(reauthNotices('Acme via OAuth')).toHaveLength(1);
    expect(reauthNotices('Acme via OAuth')[0].to).toBe('owner@example.com');
  });

  it('no refresh token, a token ending in 3 days: the DTO carries the date and the posts due after it', async () => {
    fake.options.issueRefreshToken = false;
    fake.options.expiresIn = 3 * 86_400;
    fake.options.nextUser = { sub: 'u-77', preferred_username: 'brief', name: 'Brief Co' };
    try {
      const { url, cookie } = await begin('Brief without refresh');
      const landing = await arrive(await consent(url), cookie);
      expect(landing.searchParams.get('oauth')).toBe('connected');
      briefId = landing.searchParams.get('account')!;
    } finally {
      fake.options.issueRefreshToken = true;
      fake.options.expiresIn = 3600;
      fake.options.nextUser = null;
    }
    expect(briefId).not.toBe(accountId);
    for (const days of [1, 5, 6])
      await schedulePlan(app, [briefId], { body: `Due in ${days} days`, local: utcLocal(days), timezone: 'UTC' });
    const account = (await api('get', `/accounts/${briefId}`)).body.data;
    expect(account.storedSecrets).toEqual(['accessToken']);
    expect(account.reauthBy).toBe(account.tokenExpiresAt);
    expect(account.signInEndsAt).toBe(account.tokenExpiresAt);
    expect(Date.parse(account.reauthBy)).toBeGreaterThan(Date.now() + 2 * 86_400_000);
    // The posts in 5 and 6 days come after the end; the one tomorrow goes out with the current token.
    expect(account.postsDueAfterReauth).toBe(2);
    const listed = (
      (await api('get', '/accounts')).body.data as Array<{ documentId: string; reauthBy: string | null; postsDueAfterReauth: number }>
    ).find((a) => a.documentId === briefId);
    expect(listed).toMatchObject({ reauthBy: account.reauthBy, postsDueAfterReauth: 2 });
  });

  it('announced once: one e-mail, not again on a second run, nor from a second instance', async () => {
    const second = createAccountExpiry({ strapi: app.strapi as never });
    const firstRun = await Promise.all([expiry().tick(), second.tick()]);
    expect(firstRun.sort()).toEqual([0, 1]);
    expect(await expiry().tick()).toBe(0);
    expect(await second.tick()).toBe(0);
    const sent = reauthNotices('Brief without refresh');
    expect(sent).toHaveLength(1);
    expect(sent[0].to).toBe('owner@example.com');
    expect(sent[0].text).toContain('cannot be renewed automatically. Scheduled posts due after that date: 2.');
    expect((await api('get', `/accounts/${briefId}`)).body.data.status).toBe('connected');
  });

  it('a new sign-in resets it: the next end is announced again', async () => {
    fake.options.issueRefreshToken = false;
    fake.options.expiresIn = 2 * 86_400;
    fake.options.nextUser = { sub: 'u-77', preferred_username: 'brief', name: 'Brief Co' };
    try {
      const { url, cookie } = await begin();
      expect((await arrive(await consent(url), cookie)).searchParams.get('account')).toBe(briefId);
    } finally {
      fake.options.issueRefreshToken = true;
      fake.options.expiresIn = 3600;
      fake.options.nextUser = null;
    }
    // The admin now prefers French: the e-mail follows their language.
    const users = app.strapi.db.query('admin::user');
    await users.update({ where: { email: 'owner@example.com' }, data: { preferedLanguage: 'fr' } });
    try {
      expect(await expiry().tick()).toBe(1);
    } finally {
      await users.update({ where: { email: 'owner@example.com' }, data: { preferedLanguage: null } });
    }
    expect(reauthNotices('Brief without refresh')).toHaveLength(1);
    const french = emails.filter((e) => String(e.subject).startsWith('[Community Manager] Reconnectez Brief without refresh avant le'));
    expect(french).toHaveLength(1);
    expect(french[0]).toMatchObject({ to: 'owner@example.com' });
    expect(french[0].text).toContain('ne peut pas être renouvelée automatiquement');
  });

  it('invalid_grant on refresh: needs_reauth, an e-mail, and the account’s posts held', async () => {
    const plan = await schedulePlan(app, [accountId], { body: 'Waits for a new sign-in' });
    fake.revokeAll();
    const res = await api('post', `/oauth/accounts/${accountId}/refresh`);
    expect(res.body.data.outcome).toBe('needs_reauth');
    const account = (await api('get', `/accounts/${accountId}`)).body.data;
    expect(account).toMatchObject({ status: 'needs_reauth', statusCode: 'oauth_grant_refused' });
    expect(emails.some((e) => e.to === 'ops@example.com' && /signed in again/.test(String(e.subject)))).toBe(true);
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    expect((await publicationsOf(app, plan.documentId))[0]).toMatchObject({ state: 'held', error: { code: 'account_needs_reauth' } });
  });

  it('no token, refresh token or client secret ever appeared in a response', () => {
    const all = seen.join('\n');
    for (const secret of [...fake.issuedAccessTokens, fake.clientSecret, SETTINGS_SECRET]) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/rt-[0-9a-f]{32}/);
  });
});
