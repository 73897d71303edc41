import { guardedFetch } from '../../server/core/http/guarded-fetch';
import { challengeOf, newVerifier } from '../../server/core/oauth/pkce';
import { authorizationUrl, exchangeCode, refreshTokens, type TokenCall } from '../../server/core/oauth/tokens';
import type { OAuthProvider } from '../../server/core/oauth/types';
import { NetworkError } from '../../server/networks/errors';
import { adapterFor } from '../../server/networks/registry';
import type { NetworkFetch } from '../../server/networks/types';
import { startFakeX, type FakeX } from '../fakes/x';

/**
 * X's sign-in as the OAuth core drives it (server/core/oauth/tokens.ts), with
 * X's provider description, against the fake X: PKCE, the code exchange, 2-hour
 * tokens and rotating refresh tokens.
 */
const adapter = adapterFor('x')!;
const fetch: NetworkFetch = (url, req = {}) => guardedFetch(url, { timeoutMs: 5_000, ...req }, { policy: { allowedHosts: ['127.0.0.1'] } });
const REDIRECT = 'https://cms.example.com/api/community-manager/oauth/callback';

let fake: FakeX;
let provider: OAuthProvider;
let call: TokenCall;

beforeAll(async () => {
  fake = await startFakeX();
  provider = adapter.auth.oauth!.provider({ options: { authorizeUrl: fake.authorizeUrl, tokenUrl: fake.tokenUrl, apiUrl: fake.url } })!;
  call = { provider, app: { clientId: fake.clientId, clientSecret: fake.clientSecret }, fetch, now: Date.now };
});
afterAll(() => fake.stop());

/** The browser at X's consent page, approving: the code X sends back. */
async function consent(verifier: string): Promise<string> {
  const url = authorizationUrl(provider, call.app, REDIRECT, 'state-1', challengeOf(verifier));
  const res = await globalThis.fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location')!);
  expect(back.origin + back.pathname).toBe(REDIRECT);
  expect(back.searchParams.get('state')).toBe('state-1');
  return back.searchParams.get('code')!;
}

const kindOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'resolved';
  } catch (err) {
    return err instanceof NetworkError ? `${err.kind}:${err.code}` : String(err);
  }
};

describe('X sign-in (OAuth 2.0 with PKCE)', () => {
  it('asks X’s endpoints for its six scopes with an S256 challenge, and defaults to x.com without options', () => {
    const url = new URL(authorizationUrl(provider, call.app, REDIRECT, 's', challengeOf(newVerifier())));
    expect(url.searchParams.get('scope')).toBe('tweet.read tweet.write users.read offline.access media.write tweet.moderate.write');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('response_type')).toBe('code');
    const stock = adapter.auth.oauth!.provider({ options: {} })!;
    expect([stock.authorizationEndpoint, stock.tokenEndpoint]).toEqual([
      'https://x.com/i/oauth2/authorize',
      'https://api.x.com/2/oauth2/token',
    ]);
    expect(adapter.auth.oauth!.provider({ options: { apiUrl: 'javascript:alert(1)' } })).toBeNull();
  });

  it('exchanges the code with the verifier for a 2-hour token and a refresh token, then reads who signed in', async () => {
    const verifier = newVerifier();
    const before = Date.now();
    const tokens = await exchangeCode(call, await consent(verifier), REDIRECT, verifier);
    expect(tokens.refreshToken).toBe(fake.issuedRefreshTokens.at(-1));
    expect(tokens.expiresAt! - before).toBeGreaterThanOrEqual(7_200_000 - 1_000);
    expect(tokens.expiresAt! - before).toBeLessThanOrEqual(7_200_000 + 5_000);
    // The confidential client authenticated with HTTP Basic.
    expect(String(fake.grants('authorization_code').at(-1)!.headers.authorization)).toMatch(/^Basic /);
    const account = await provider.readAccount({ tokens, fetch });
    expect(account).toMatchObject({
      networkAccountId: fake.user.id,
      handle: '@brand',
      displayName: 'Brand on X',
      profileUrl: 'https://x.com/brand',
      instanceUrl: fake.url,
    });
  });

  it('a wrong verifier is refused: the code cannot be used by someone who did not start the sign-in', async () => {
    const code = await consent(newVerifier());
    expect(await kindOf(exchangeCode(call, code, REDIRECT, newVerifier()))).toBe('auth:oauth_invalid_grant');
  });

  it('refresh rotates the refresh token; the spent one is refused afterwards (a person must sign in again)', async () => {
    const verifier = newVerifier();
    const first = await exchangeCode(call, await consent(verifier), REDIRECT, verifier);
    const second = await refreshTokens(call, first.refreshToken!);
    expect(second.refreshToken).toBeTruthy();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(await kindOf(refreshTokens(call, first.refreshToken!))).toBe('auth:oauth_invalid_grant');
    // X has also been seen to answer invalid_request: permanent, which the core treats as a dead grant too.
    fake.options.refusedRefreshError = 'invalid_request';
    try {
      expect(await kindOf(refreshTokens(call, first.refreshToken!))).toBe('permanent:oauth_invalid_request');
    } finally {
      fake.options.refusedRefreshError = 'invalid_grant';
    }
    // The new one still works once.
    expect((await refreshTokens(call, second.refreshToken!)).refreshToken).toBeTruthy();
  });

  it('an app whose secret X does not know is refused for good, not retried', async () => {
    const verifier = newVerifier();
    const code = await consent(verifier);
    const wrong = { ...call, app: { clientId: fake.clientId, clientSecret: 'not-the-secret' } };
    expect(await kindOf(exchangeCode(wrong, code, REDIRECT, verifier))).toBe('permanent:oauth_invalid_client');
  });

  it('the connection check reads the account with the stored token; an expired token needs a new sign-in', async () => {
    const { accessToken } = fake.grant();
    const ctx = { instanceUrl: fake.url, settings: {}, secrets: { accessToken }, fetch };
    expect(await adapter.auth.check(ctx)).toMatchObject({
      status: 'connected',
      profile: { handle: '@brand', networkAccountId: fake.user.id },
      limits: { maxCharacters: 280 },
    });
    fake.clock.offsetMs = 2 * 3600_000 + 1_000;
    try {
      expect(await adapter.auth.check(ctx)).toMatchObject({ status: 'needs_reauth', reason: { code: 'oauth_grant_refused' } });
    } finally {
      fake.clock.offsetMs = 0;
    }
    expect(await adapter.auth.check({ ...ctx, secrets: {} })).toMatchObject({ status: 'needs_reauth' });
  });
});
