import { z } from 'zod';
import type { NetworkFetch } from '../types';
import type { OAuthPort, OAuthProvider } from '../../core/oauth/types';
import { httpUrlOrNull } from '../../../shared/core/safe-url';
import { permanent, retryable } from '../errors';
import { baseUrl, call } from '../http';
import { THREADS_AUTHORIZE, THREADS_GRAPH, THREADS_VERSION, failure, graphGet } from '../meta/graph';
import { SCOPES, profileUrl } from './api';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Threads OAuth (developers.facebook.com/docs/threads/get-started/get-access-tokens-and-permissions):
 * the code is exchanged at `graph.threads.net/oauth/access_token` for a
 * short-lived token (one hour), swapped at once for a long-lived one
 * (`th_exchange_token`, 60 days). A long-lived token is renewed with itself
 * (`th_refresh_token`) once it is at least 24 hours old and before it ends: a
 * token not renewed in 60 days dies, and the core warns ahead of that date.
 */

const DAY = 86_400_000;
/** Renewed this long before its end: ten days to get through an outage before the notice. */
export const REFRESH_AHEAD_MS = 10 * DAY;
/** Threads refuses to renew a token younger than this. */
const MIN_AGE_MS = DAY;
const LIFETIME_MS = 60 * DAY;

const token = lazySchema(() =>
  z.object({ access_token: z.string().min(1).max(4096), expires_in: z.coerce.number().positive().optional() })
);
const me = lazySchema(() =>
  z.object({
    id: z.string().regex(/^\d{1,30}$/),
    username: z.string().min(1).max(100),
    name: z.string().max(300).optional(),
    threads_profile_picture_url: z.string().max(2048).optional(),
  })
);

async function tokenCall(fetch: NetworkFetch, url: string, now: number, what: string) {
  const res = await call({ fetch }, url, { purpose: 'accountCheck', maxRedirects: 0 });
  if (res.status !== 200) throw failure(res, now, what);
  const parsed = token.safeParse(res.data);
  if (!parsed.success) throw permanent('oauth_bad_answer', `Threads answered the ${what} without a token`);
  return {
    accessToken: parsed.data.access_token,
    expiresAt: now + (parsed.data.expires_in ? parsed.data.expires_in * 1000 : LIFETIME_MS),
  };
}

const urlOption = (value: string | undefined, fallback: string) => (value === undefined ? fallback : httpUrlOrNull(value));

export const oauth: OAuthPort = {
  kind: 'oauth2',
  options: ['apiUrl', 'authorizeUrl', 'tokenUrl'],
  provider({ options }): OAuthProvider | null {
    const apiUrl = urlOption(options.apiUrl, THREADS_GRAPH);
    const authorize = urlOption(options.authorizeUrl, THREADS_AUTHORIZE);
    if (!apiUrl || !authorize) return null;
    const base = baseUrl(apiUrl);
    const tokenUrl = urlOption(options.tokenUrl, `${base}/oauth/access_token`);
    if (!tokenUrl) return null;
    return {
      authorizationEndpoint: authorize,
      tokenEndpoint: tokenUrl,
      scopes: SCOPES,
      scopeSeparator: ',',
      pkce: false,
      clientAuth: 'post',
      defaultAccessTokenTtlMs: 3600_000,
      refreshAheadMs: REFRESH_AHEAD_MS,
      async readAccount({ tokens, fetch, app }) {
        if (!app?.clientSecret) throw permanent('oauth_invalid_client', 'Threads needs the app’s secret for its long-lived token');
        const now = Date.now();
        const query = new URLSearchParams({
          grant_type: 'th_exchange_token',
          client_secret: app.clientSecret,
          access_token: tokens.accessToken,
        });
        const long = await tokenCall(fetch, `${base}/access_token?${query}`, now, 'long-lived token');
        const res = await graphGet(
          { fetch },
          `${base}/${THREADS_VERSION}/me?fields=id,username,name,threads_profile_picture_url`,
          long.accessToken,
          'accountCheck'
        );
        if (res.status !== 200) throw failure(res, now, 'Threads profile');
        const parsed = me.safeParse(res.data);
        if (!parsed.success) throw permanent('oauth_bad_answer', 'Threads answered /me without the user');
        const user = parsed.data;
        return {
          networkAccountId: user.id,
          handle: `@${user.username}`,
          displayName: user.name || user.username,
          avatarUrl: user.threads_profile_picture_url,
          profileUrl: profileUrl(user.username),
          instanceUrl: base === THREADS_GRAPH ? null : base,
          settings: { username: user.username },
          tokens: long,
        };
      },
      /** The long-lived token renews itself; one younger than 24 hours is tried again once it is old enough. */
      async refresh({ secrets, fetch, now, expiresAt }) {
        const at = now();
        const bornAt = expiresAt === null ? null : expiresAt - LIFETIME_MS;
        if (bornAt !== null && at - bornAt < MIN_AGE_MS) {
          throw retryable('threads_token_too_young', 'Threads renews a token once it is 24 hours old', bornAt + MIN_AGE_MS);
        }
        const query = new URLSearchParams({ grant_type: 'th_refresh_token', access_token: secrets.accessToken ?? '' });
        const renewed = await tokenCall(fetch, `${base}/refresh_access_token?${query}`, at, 'token renewal');
        return { ...renewed, tokenType: 'Bearer', refreshToken: null, refreshExpiresAt: null, scope: null, raw: {} };
      },
    };
  },
};
