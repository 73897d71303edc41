import { z } from 'zod';
import type { OAuthPort, OAuthProvider } from '../../core/oauth/types';
import { httpUrlOrNull } from '../../../shared/core/safe-url';
import { permanent } from '../errors';
import { baseUrl } from '../http';
import { THREADS_AUTHORIZE, THREADS_GRAPH, THREADS_VERSION, failure, graphGet } from '../meta/graph';
import { REFRESH_AHEAD_MS, exchangeLongLived, renewLongLived, type LongLivedSpec } from '../meta/long-lived';
import { SCOPES, profileUrl } from './api';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Threads OAuth (developers.facebook.com/docs/threads/get-started/get-access-tokens-and-permissions):
 * the code is exchanged at `graph.threads.net/oauth/access_token` for a
 * short-lived token (one hour), swapped at once for a long-lived one
 * (`th_exchange_token`, 60 days) that renews itself (`th_refresh_token`) once
 * at least 24 hours old: Meta's long-lived token flow, shared with Instagram
 * Login (../meta/long-lived.ts).
 */

const TOKENS: LongLivedSpec = { label: 'Threads', exchangeGrant: 'th_exchange_token', refreshGrant: 'th_refresh_token' };

const me = lazySchema(() =>
  z.object({
    id: z.string().regex(/^\d{1,30}$/),
    username: z.string().min(1).max(100),
    name: z.string().max(300).optional(),
    threads_profile_picture_url: z.string().max(2048).optional(),
  })
);

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
        const now = Date.now();
        const long = await exchangeLongLived(TOKENS, { fetch, base, clientSecret: app?.clientSecret, shortToken: tokens.accessToken, now });
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
      refresh: renewLongLived(TOKENS, base),
    };
  },
};
