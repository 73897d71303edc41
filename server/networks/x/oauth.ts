import { z } from 'zod';
import type { OAuthPort, OAuthProvider } from '../../core/oauth/types';
import { httpUrlOrNull } from '../../../shared/core/safe-url';
import { permanent } from '../errors';
import { call } from '../http';
import { ACCESS_TOKEN_TTL_MS, DEFAULT_API_URL, DEFAULT_AUTHORIZE_URL, DEFAULT_TOKEN_URL, SCOPES, bearer, failure } from './api';
import { lazySchema } from '../../../shared/core/lazy-schema';

/** GET /2/users/me: who signed in. */
export const me = lazySchema(() =>
  z.object({
    data: z.object({
      id: z.string().regex(/^\d{1,30}$/),
      username: z.string().min(1).max(50),
      name: z.string().max(255).optional(),
      profile_image_url: z.string().max(2048).optional(),
    }),
  })
);

/**
 * X's OAuth 2.0 Authorization Code flow with PKCE (S256): the browser approves
 * at x.com, the code is exchanged at api.x.com/2/oauth2/token (HTTP Basic for
 * a confidential client, the client id in the body for a public one). Access
 * tokens last two hours; `offline.access` gives a refresh token, which X
 * rotates: each refresh hands back a new one and the old one stops working,
 * so the core stores the new one under its claim of the account row.
 *
 * The endpoints can be pointed elsewhere (`CM_OAUTH_X_AUTHORIZE_URL`,
 * `…_TOKEN_URL`, `…_API_URL`, or Settings) for a test server or a proxy.
 */
export const oauth: OAuthPort = {
  kind: 'oauth2',
  options: ['authorizeUrl', 'tokenUrl', 'apiUrl'],
  provider({ options }): OAuthProvider | null {
    const authorizeUrl = httpUrlOrNull(options.authorizeUrl ?? DEFAULT_AUTHORIZE_URL);
    const tokenUrl = httpUrlOrNull(options.tokenUrl ?? DEFAULT_TOKEN_URL);
    const apiUrl = httpUrlOrNull(options.apiUrl ?? DEFAULT_API_URL)?.replace(/\/+$/, '');
    if (!authorizeUrl || !tokenUrl || !apiUrl) return null;
    return {
      authorizationEndpoint: authorizeUrl,
      tokenEndpoint: tokenUrl,
      scopes: SCOPES,
      pkce: 'S256',
      clientAuth: 'basic',
      defaultAccessTokenTtlMs: ACCESS_TOKEN_TTL_MS,
      async readAccount({ tokens, fetch }) {
        const res = await call({ fetch }, `${apiUrl}/2/users/me?user.fields=profile_image_url`, {
          headers: bearer(tokens.accessToken),
          purpose: 'accountCheck',
          maxRedirects: 0,
        });
        if (res.status !== 200) throw failure(res, { now: Date.now }, 'users/me');
        const parsed = me.safeParse(res.data);
        if (!parsed.success) throw permanent('oauth_bad_answer', 'X answered users/me without a user id');
        const u = parsed.data.data;
        return {
          networkAccountId: u.id,
          handle: `@${u.username}`,
          displayName: u.name,
          avatarUrl: u.profile_image_url,
          profileUrl: `https://x.com/${u.username}`,
          settings: { username: u.username },
          // Publishing reads the API base from the account: kept only when it is not X's own.
          instanceUrl: apiUrl === DEFAULT_API_URL ? null : apiUrl,
        };
      },
    };
  },
};
