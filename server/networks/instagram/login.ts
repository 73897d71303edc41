import { z } from 'zod';
import type { OAuthPort, OAuthProvider } from '../../core/oauth/types';
import { httpUrlOrNull } from '../../../shared/core/safe-url';
import { permanent } from '../errors';
import { baseUrl } from '../http';
import { INSTAGRAM_AUTHORIZE, INSTAGRAM_GRAPH, INSTAGRAM_TOKEN, failure, graphGet, versionOr } from '../meta/graph';
import { subscribeInstagramLogin } from '../meta/subscribe';
import { missingPermission } from '../meta/login';
import { REFRESH_AHEAD_MS, exchangeLongLived, renewLongLived, type LongLivedSpec } from '../meta/long-lived';
import { instagramProfileUrl } from './oauth';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Instagram Login, for professional accounts without a Facebook page
 * (developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/business-login):
 *
 * 1. consent at `www.instagram.com/oauth/authorize`;
 * 2. the code exchanged at `POST api.instagram.com/oauth/access_token` (the
 *    core's RFC 6749 exchange, the secret in the form) for a short-lived
 *    token (one hour): `{access_token, user_id, permissions}`;
 * 3. swapped at once for a long-lived one (`ig_exchange_token`, 60 days) that
 *    renews itself (`ig_refresh_token`) once 24 hours old, as Threads' do
 *    (../meta/long-lived.ts);
 * 4. `GET graph.instagram.com/{version}/me?fields=user_id,username,…` names
 *    the account: `user_id` is the Instagram professional account's id, the
 *    one publishing and comments use.
 *
 * The account then publishes with the same adapter as a Facebook-Login one,
 * on graph.instagram.com with its own token (./api.ts).
 */

/** Read the profile, publish, read and moderate comments, read insights (the reports collect them). */
export const SCOPES = [
  'instagram_business_basic',
  'instagram_business_content_publish',
  'instagram_business_manage_comments',
  'instagram_business_manage_insights',
] as const;
export const REQUIRED = ['instagram_business_basic', 'instagram_business_content_publish'] as const;

const TOKENS: LongLivedSpec = { label: 'Instagram', exchangeGrant: 'ig_exchange_token', refreshGrant: 'ig_refresh_token' };

/** The code's answer: `permissions` as a comma-separated list (or an array), as the documentation shows both. */
const codeAnswer = lazySchema(() =>
  z.object({ permissions: z.union([z.string().max(2000), z.array(z.string().max(200)).max(100)]).optional() }).passthrough()
);
const me = lazySchema(() =>
  z.object({
    user_id: z.union([z.string().regex(/^\d{1,30}$/), z.number().int().nonnegative()]).transform(String),
    username: z.string().min(1).max(100),
    name: z.string().max(300).optional(),
    profile_picture_url: z.string().max(2048).optional(),
    account_type: z.string().max(40).optional(),
  })
);

export const ME_FIELDS = 'user_id,username,name,profile_picture_url,account_type';

/** The permissions the code's answer says were granted; null when it says nothing (checked later by the calls). */
export function grantedOf(raw: Record<string, unknown>): Set<string> | null {
  const parsed = codeAnswer.safeParse(raw).data?.permissions;
  if (parsed === undefined) return null;
  const list = Array.isArray(parsed) ? parsed : parsed.split(',');
  return new Set(list.map((p) => p.trim()).filter(Boolean));
}

const urlOption = (value: string | undefined, fallback: string) => (value === undefined ? fallback : httpUrlOrNull(value));

export const instagramLogin: OAuthPort = {
  kind: 'oauth2',
  // Three hosts at Meta (www.instagram.com, api.instagram.com, graph.instagram.com): each configurable, a test's fake for all.
  options: ['apiUrl', 'authorizeUrl', 'tokenUrl', 'graphVersion'],
  accountOptions: ['graphVersion'],
  provider({ options }): OAuthProvider | null {
    const apiUrl = urlOption(options.apiUrl, INSTAGRAM_GRAPH);
    const authorize = urlOption(options.authorizeUrl, INSTAGRAM_AUTHORIZE);
    const tokenUrl = urlOption(options.tokenUrl, INSTAGRAM_TOKEN);
    if (!apiUrl || !authorize || !tokenUrl) return null;
    const base = baseUrl(apiUrl);
    const version = versionOr(options.graphVersion);
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
        const granted = grantedOf(tokens.raw);
        const long = await exchangeLongLived(TOKENS, { fetch, base, clientSecret: app?.clientSecret, shortToken: tokens.accessToken, now });
        const res = await graphGet({ fetch }, `${base}/${version}/me?fields=${ME_FIELDS}`, long.accessToken, 'accountCheck');
        if (res.status !== 200) throw failure(res, now, 'Instagram profile');
        const parsed = me.safeParse(res.data);
        if (!parsed.success) throw permanent('oauth_bad_answer', 'Instagram answered /me without the account’s id and user name');
        const user = parsed.data;
        const problem = granted ? missingPermission(REQUIRED, granted) : null;
        // Its comments and mentions by webhook: the app subscribed on the account (../meta/subscribe.ts); never a refusal.
        const realtime = await subscribeInstagramLogin(fetch, `${base}/${version}`, long.accessToken, now);
        return {
          networkAccountId: user.user_id,
          handle: `@${user.username}`,
          displayName: user.name || user.username,
          avatarUrl: user.profile_picture_url,
          profileUrl: instagramProfileUrl(user.username),
          instanceUrl: base === INSTAGRAM_GRAPH ? null : base,
          settings: {
            instagramId: user.user_id,
            username: user.username,
            graphVersion: version,
            ...(user.account_type ? { accountType: user.account_type } : {}),
            realtime,
          },
          tokens: long,
          ...(problem ? { problem } : {}),
        };
      },
      refresh: renewLongLived(TOKENS, base),
    };
  },
};
