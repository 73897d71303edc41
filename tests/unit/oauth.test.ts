import { tokenEndpointError } from '../../server/core/oauth/errors';
import { maskCallbackQuery } from '../../server/core/oauth/log-mask';
import { challengeOf, newVerifier } from '../../server/core/oauth/pkce';
import { authorizationUrl } from '../../server/core/oauth/tokens';
import type { GuardedResponse } from '../../server/core/http/guarded-fetch';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}): GuardedResponse =>
  ({ status, headers, body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) }) as unknown as GuardedResponse;

describe('token endpoint errors (RFC 6749 §5.2) as the four error kinds', () => {
  it.each([
    [400, { error: 'invalid_grant' }, 'auth', 'oauth_invalid_grant'],
    [401, { error: 'invalid_client' }, 'permanent', 'oauth_invalid_client'],
    [400, { error: 'unauthorized_client' }, 'permanent', 'oauth_invalid_client'],
    [400, { error: 'invalid_request' }, 'permanent', 'oauth_invalid_request'],
    [400, { error: 'unsupported_grant_type' }, 'permanent', 'oauth_unsupported_grant_type'],
    [400, { error: 'invalid_scope' }, 'permanent', 'oauth_invalid_scope'],
    [429, { error: 'slow_down' }, 'retryable', 'oauth_rate_limited'],
    [503, 'Service Unavailable', 'retryable', 'oauth_unavailable'],
    [502, '', 'retryable', 'oauth_unavailable'],
    [400, { error: 'temporarily_unavailable' }, 'retryable', 'oauth_unavailable'],
    [500, 'oops', 'unknown', 'oauth_server_error'],
    [401, 'not json', 'permanent', 'oauth_invalid_client'],
  ])('%i %j -> %s', (status, body, kind, code) => {
    const err = tokenEndpointError(answer(status, body), 1_000);
    expect([err.kind, err.code]).toEqual([kind, code]);
  });

  it('keeps the Retry-After of a 429 or 503', () => {
    expect(tokenEndpointError(answer(429, {}, { 'retry-after': '30' }), 1_000).retryAfterMs).toBe(31_000);
    expect(tokenEndpointError(answer(503, {}, { 'retry-after': '5' }), 1_000).retryAfterMs).toBe(6_000);
  });
});

describe('the sign-in URL and PKCE', () => {
  it('S256 of the verifier is the challenge (RFC 7636 appendix B)', () => {
    expect(challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(newVerifier()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('carries the client, the redirect URI, the state, the scopes and the challenge; never the verifier', () => {
    const url = new URL(
      authorizationUrl(
        {
          authorizationEndpoint: 'https://auth.example.com/authorize?tenant=1',
          tokenEndpoint: 'https://auth.example.com/token',
          scopes: ['a', 'b'],
          pkce: 'S256',
          clientAuth: 'basic',
          extraAuthorizeParams: { prompt: 'consent' },
          readAccount: async () => ({ networkAccountId: '1', handle: 'x' }),
        },
        { clientId: 'cid', clientSecret: 's3cret' },
        'https://cms.example.com/api/community-manager/oauth/callback',
        'st',
        'ch'
      )
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: '1',
      prompt: 'consent',
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: 'https://cms.example.com/api/community-manager/oauth/callback',
      state: 'st',
      scope: 'a b',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
    expect(url.toString()).not.toContain('s3cret');
  });
});

describe('the callback in request logs', () => {
  it('masks the code and the state, keeps the rest', () => {
    expect(maskCallbackQuery('/api/community-manager/oauth/callback?code=abc&state=def&iss=x')).toBe(
      '/api/community-manager/oauth/callback?code=***&state=***&iss=x'
    );
    expect(maskCallbackQuery('/api/community-manager/oauth/callback?state=s&error=access_denied')).toBe(
      '/api/community-manager/oauth/callback?state=***&error=access_denied'
    );
  });
});
