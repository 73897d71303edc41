import { z } from 'zod';
import { lazySchema } from '../../../shared/core/lazy-schema';
import type { NetworkFetch } from '../../networks/types';
import { permanent } from '../../networks/errors';
import type { OAuthAppCredentials, OAuthProvider, OAuthTokenSet } from './types';
import { tokenEndpointError } from './errors';

/** RFC 6749 §5.1, validated: what we rely on must be there and be what it says. */
const tokenAnswer = lazySchema(() =>
  z
    .object({
      access_token: z.string().min(1).max(8192),
      /** RFC 6749 requires it; LinkedIn's documented answer leaves it out (its tokens are bearer tokens) */
      token_type: z.string().min(1).max(40).default('Bearer'),
      expires_in: z.coerce
        .number()
        .positive()
        .max(10 * 365 * 86_400)
        .optional(),
      refresh_token: z.string().max(8192).optional().nullable(),
      /** not in RFC 6749, but sent by networks whose refresh tokens expire (LinkedIn) */
      refresh_token_expires_in: z.coerce
        .number()
        .positive()
        .max(10 * 365 * 86_400)
        .optional(),
      scope: z.string().max(2000).optional(),
    })
    .passthrough()
);

export interface TokenCall {
  provider: OAuthProvider;
  app: OAuthAppCredentials;
  fetch: NetworkFetch;
  now: () => number;
}

export interface ExchangedTokens extends OAuthTokenSet {
  /** when the refresh token itself ends, if the server said (ms since epoch) */
  refreshExpiresAt: number | null;
}

async function post(call: TokenCall, params: Record<string, string>): Promise<ExchangedTokens> {
  const { provider, app } = call;
  const body = new URLSearchParams({ ...provider.extraTokenParams, ...params });
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  };
  if (provider.clientAuth === 'basic' && app.clientSecret) {
    // RFC 6749 §2.3.1: both parts form-urlencoded before base64.
    const enc = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');
    headers.Authorization = `Basic ${Buffer.from(`${enc(app.clientId)}:${enc(app.clientSecret)}`).toString('base64')}`;
  } else {
    body.set('client_id', app.clientId);
    if (app.clientSecret) body.set('client_secret', app.clientSecret);
  }
  const res = await call.fetch(provider.tokenEndpoint, {
    method: 'POST',
    headers,
    body: body.toString(),
    purpose: 'accountCheck',
    maxRedirects: 0,
  });
  const now = call.now();
  if (res.status < 200 || res.status >= 300) throw tokenEndpointError(res, now);
  let json: unknown;
  try {
    json = JSON.parse(res.body.toString('utf8'));
  } catch {
    throw permanent('oauth_bad_answer', 'the token endpoint answered something that is not JSON');
  }
  const parsed = tokenAnswer.safeParse(json);
  if (!parsed.success) throw permanent('oauth_bad_answer', 'the token endpoint answered without a usable access token');
  const t = parsed.data;
  // RFC 6750: "Bearer" in any case; anything else we cannot use.
  if (t.token_type.toLowerCase() !== 'bearer') throw permanent('oauth_bad_answer', `unsupported token type ${t.token_type.slice(0, 20)}`);
  const ttl = t.expires_in !== undefined ? t.expires_in * 1000 : (provider.defaultAccessTokenTtlMs ?? null);
  return {
    accessToken: t.access_token,
    tokenType: 'Bearer',
    refreshToken: t.refresh_token ? t.refresh_token : null,
    expiresAt: ttl === null ? null : now + ttl,
    refreshExpiresAt: t.refresh_token_expires_in !== undefined ? now + t.refresh_token_expires_in * 1000 : null,
    scope: t.scope ?? null,
    raw: json as Record<string, unknown>,
  };
}

/** RFC 6749 §4.1.3 with RFC 7636 §4.5: the code, the same redirect URI, the verifier. */
export function exchangeCode(call: TokenCall, code: string, redirectUri: string, verifier: string | null) {
  return post(call, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    ...(verifier ? { code_verifier: verifier } : {}),
  });
}

/** RFC 6749 §6. */
export function refreshTokens(call: TokenCall, refreshToken: string) {
  return post(call, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

/** RFC 6749 §4.1.1 and RFC 7636 §4.3: the URL the browser is sent to. */
export function authorizationUrl(
  provider: OAuthProvider,
  app: OAuthAppCredentials,
  redirectUri: string,
  state: string,
  challenge: string | null
): string {
  const url = new URL(provider.authorizationEndpoint);
  const params: Record<string, string> = {
    ...provider.extraAuthorizeParams,
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: redirectUri,
    state,
  };
  if (provider.scopes.length) params.scope = provider.scopes.join(provider.scopeSeparator ?? ' ');
  if (challenge) Object.assign(params, { code_challenge: challenge, code_challenge_method: 'S256' });
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}
