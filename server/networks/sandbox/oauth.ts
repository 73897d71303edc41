import { z } from 'zod';
import { lazySchema } from '../../../shared/core/lazy-schema';
import type { OAuthPort, OAuthProvider } from '../../core/oauth/types';
import { httpUrlOrNull } from '../../../shared/core/safe-url';
import { permanent, fromStatus, retryAfterFrom } from '../errors';

/**
 * The sandbox's optional OAuth sign-in: when an authorization server is
 * configured (`CM_OAUTH_SANDBOX_AUTHORIZE_URL`, `…_TOKEN_URL`,
 * `…_USERINFO_URL`, or Settings), a demo or a test goes through the whole
 * flow — authorization, PKCE, code exchange, refresh — that the real
 * networks will use. Without one, the sandbox connects as before.
 */
const userinfo = lazySchema(() =>
  z.object({
    sub: z.string().min(1).max(255),
    preferred_username: z.string().min(1).max(100),
    name: z.string().max(255).optional(),
    picture: z.string().max(2048).optional(),
  })
);

export const oauth: OAuthPort = {
  kind: 'oauth2',
  options: ['authorizeUrl', 'tokenUrl', 'userinfoUrl'],
  provider({ options }): OAuthProvider | null {
    const authorizeUrl = httpUrlOrNull(options.authorizeUrl ?? null);
    const tokenUrl = httpUrlOrNull(options.tokenUrl ?? null);
    const userinfoUrl = httpUrlOrNull(options.userinfoUrl ?? null);
    if (!authorizeUrl || !tokenUrl || !userinfoUrl) return null;
    return {
      authorizationEndpoint: authorizeUrl,
      tokenEndpoint: tokenUrl,
      scopes: ['profile', 'publish'],
      pkce: 'S256',
      clientAuth: 'basic',
      async readAccount({ tokens, fetch }) {
        const res = await fetch(userinfoUrl, {
          headers: { Authorization: `Bearer ${tokens.accessToken}`, Accept: 'application/json' },
          purpose: 'accountCheck',
          maxRedirects: 0,
        });
        if (res.status !== 200)
          throw fromStatus(res.status, `userinfo answered ${res.status}`, retryAfterFrom(res.headers as never, Date.now()));
        let parsed;
        try {
          parsed = userinfo.safeParse(JSON.parse(res.body.toString('utf8')));
        } catch {
          throw permanent('oauth_bad_answer', 'userinfo answered something that is not JSON');
        }
        if (!parsed.success) throw permanent('oauth_bad_answer', 'userinfo answered without an account id');
        const u = parsed.data;
        return {
          // The sandbox's own account id (auth.ts): a connection check of this account keeps it, and
          // signing in again as the same user finds the same account.
          networkAccountId: `sandbox:${u.preferred_username}`,
          handle: `@${u.preferred_username}`,
          displayName: u.name,
          avatarUrl: u.picture,
          settings: { handle: u.preferred_username },
        };
      },
    };
  },
};
