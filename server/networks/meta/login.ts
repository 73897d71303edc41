import { z } from 'zod';
import type { NetworkFetch } from '../types';
import type { OAuthAccount, OAuthAppCredentials, OAuthPort, OAuthProvider, OAuthReadContext } from '../../core/oauth/types';
import { httpUrlOrNull } from '../../../shared/core/safe-url';
import { reason, type Reason } from '../../../shared/accounts/reasons';
import { permanent } from '../errors';
import { baseUrl, call } from '../http';
import { FACEBOOK_DIALOG, FACEBOOK_GRAPH, failure, graphGet, versionOr } from './graph';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Facebook Login for Business, shared by Facebook pages and Instagram
 * professional accounts linked to a page (developers.facebook.com/docs/facebook-login/guides/access-tokens):
 *
 * 1. the code is exchanged at `/{version}/oauth/access_token` (the core's
 *    RFC 6749 exchange, the secret in the body) for a short-lived user token (about an hour);
 * 2. that token is swapped for a long-lived one (`grant_type=fb_exchange_token`, about 60 days);
 * 3. `/me/accounts` with the long-lived token lists the pages the person
 *    manages, each with a page token that does not expire (it dies on a
 *    password change, a lost role or the app removed: error 190);
 * 4. `/me/permissions` says what was granted: a missing one is named.
 *
 * The account stores the page token; the pages are kept in its settings for a picker.
 */

const DAY = 86_400_000;

const longLived = lazySchema(() =>
  z.object({ access_token: z.string().min(1).max(4096), expires_in: z.coerce.number().positive().optional() })
);
const pageEntry = lazySchema(() =>
  z.object({
    id: z.string().regex(/^\d{1,30}$/),
    name: z.string().max(300).optional(),
    access_token: z.string().min(1).max(4096).optional(),
    tasks: z.array(z.string()).optional(),
    instagram_business_account: z.object({ id: z.string().regex(/^\d{1,30}$/) }).optional(),
  })
);
// Each entry is read on its own: one page Facebook answers oddly is that page's problem, not the list's.
const pageList = lazySchema(() => z.object({ data: z.array(z.unknown()) }));
const entryId = lazySchema(() => z.object({ id: z.string().regex(/^\d{1,30}$/), name: z.string().optional() }));
const permissionList = lazySchema(() => z.object({ data: z.array(z.object({ permission: z.string(), status: z.string() })) }));

export interface MetaPage {
  id: string;
  name: string;
  accessToken: string;
  instagramId: string | null;
}

/**
 * A page `/me/accounts` lists that cannot be used: no page token (the
 * person's role on it does not give one) or an entry without the expected
 * fields. The picker lists it as not available, with why.
 */
export interface UnusablePage {
  id: string;
  name: string;
  instagramId: string | null;
  accessToken: null;
  problem: 'no_token' | 'unreadable';
}

export interface MetaEndpoints {
  /** the Graph API base with its version: https://graph.facebook.com/v24.0 */
  graph: string;
  /** the base without the version, kept on the account when it is not Meta's own */
  base: string;
  version: string;
}

/** The long-lived user token for a short-lived one (fb_exchange_token), with the app's credentials. */
export async function longLivedUserToken(
  fetch: NetworkFetch,
  api: MetaEndpoints,
  app: OAuthAppCredentials,
  shortToken: string,
  now: number
) {
  if (!app.clientSecret)
    throw permanent('oauth_invalid_client', 'Facebook Login needs the Meta app’s secret (Settings or CM_OAUTH_*_CLIENT_SECRET)');
  const query = new URLSearchParams({
    grant_type: 'fb_exchange_token',
    client_id: app.clientId,
    client_secret: app.clientSecret,
    fb_exchange_token: shortToken,
  });
  const res = await call({ fetch }, `${api.graph}/oauth/access_token?${query}`, { purpose: 'accountCheck', maxRedirects: 0 });
  if (res.status !== 200) throw failure(res, now, 'long-lived token');
  const parsed = longLived.safeParse(res.data);
  if (!parsed.success) throw permanent('oauth_bad_answer', 'Facebook answered the long-lived token exchange without a token');
  return {
    accessToken: parsed.data.access_token,
    expiresAt: parsed.data.expires_in ? now + parsed.data.expires_in * 1000 : now + 60 * DAY,
  };
}

/** The pages the person manages, each with its page token and its linked Instagram professional account. */
export async function listPages(fetch: NetworkFetch, api: MetaEndpoints, userToken: string, now: number): Promise<MetaPage[]> {
  return (await readPages(fetch, api, userToken, now)).filter((p): p is MetaPage => p.accessToken !== null);
}

/** Every page `/me/accounts` lists, in its order, those that cannot be used among them (the pickers show them). */
export async function readPages(
  fetch: NetworkFetch,
  api: MetaEndpoints,
  userToken: string,
  now: number
): Promise<Array<MetaPage | UnusablePage>> {
  const res = await graphGet(
    { fetch },
    `${api.graph}/me/accounts?fields=id,name,access_token,tasks,instagram_business_account&limit=100`,
    userToken,
    'accountCheck'
  );
  if (res.status !== 200) throw failure(res, now, 'pages');
  const parsed = pageList.safeParse(res.data);
  if (!parsed.success) throw permanent('oauth_bad_answer', 'Facebook answered /me/accounts without a list of pages');
  return parsed.data.data.flatMap((raw): Array<MetaPage | UnusablePage> => {
    const entry = pageEntry.safeParse(raw);
    if (!entry.success) {
      // Without even an id there is nothing to name: left out.
      const named = entryId.safeParse(raw);
      if (!named.success) return [];
      const name = (named.data.name ?? `Page ${named.data.id}`).slice(0, 200);
      return [{ id: named.data.id, name, instagramId: null, accessToken: null, problem: 'unreadable' }];
    }
    const p = entry.data;
    const page = { id: p.id, name: (p.name ?? `Page ${p.id}`).slice(0, 200), instagramId: p.instagram_business_account?.id ?? null };
    return [p.access_token ? { ...page, accessToken: p.access_token } : { ...page, accessToken: null, problem: 'no_token' }];
  });
}

/** The permissions the person granted (status `granted`); the others were declined or never asked. */
export async function grantedPermissions(fetch: NetworkFetch, api: MetaEndpoints, token: string, now: number): Promise<Set<string>> {
  const res = await graphGet({ fetch }, `${api.graph}/me/permissions`, token, 'accountCheck');
  if (res.status !== 200) throw failure(res, now, 'permissions');
  const parsed = permissionList.safeParse(res.data);
  if (!parsed.success) return new Set();
  return new Set(parsed.data.data.filter((p) => p.status === 'granted').map((p) => p.permission));
}

/** The first permission of `needed` not granted, as the reason the account waits; null when all are. */
export function missingPermission(needed: readonly string[], granted: Set<string>): Reason | null {
  const missing = needed.find((p) => !granted.has(p));
  return missing ? reason('meta_permission_missing', { permission: missing }) : null;
}

/** Every option is a URL but the version; unset, Meta's own. */
const urlOption = (value: string | undefined, fallback: string) => (value === undefined ? fallback : httpUrlOrNull(value));

export function endpointsFrom(options: Record<string, string>): (MetaEndpoints & { authorize: string; token: string }) | null {
  const version = versionOr(options.graphVersion);
  const api = urlOption(options.apiUrl, FACEBOOK_GRAPH);
  const dialog = urlOption(options.authorizeUrl, `${FACEBOOK_DIALOG}/${version}/dialog/oauth`);
  if (!api || !dialog) return null;
  const base = baseUrl(api);
  const token = urlOption(options.tokenUrl, `${base}/${version}/oauth/access_token`);
  if (!token) return null;
  return { base, version, graph: `${base}/${version}`, authorize: dialog, token };
}

/**
 * A Facebook Login port: the same flow for pages and Instagram accounts; what
 * becomes the account is the network's `choose`, given the pages and the token.
 */
export function facebookLogin(spec: {
  scopes: readonly string[];
  /** what the account needs granted to publish */
  required: readonly string[];
  /** `granted`: the permissions the person granted (`/me/permissions`), for what the network does beyond publishing */
  choose(pages: MetaPage[], api: MetaEndpoints, ctx: OAuthReadContext, granted: ReadonlySet<string>): Promise<OAuthAccount>;
}): OAuthPort {
  return {
    kind: 'oauth2',
    options: ['apiUrl', 'authorizeUrl', 'tokenUrl', 'graphVersion'],
    // A version Meta retires is changed in Settings once, for the accounts already connected too.
    accountOptions: ['graphVersion'],
    provider({ options }): OAuthProvider | null {
      const api = endpointsFrom(options);
      if (!api) return null;
      return {
        authorizationEndpoint: api.authorize,
        tokenEndpoint: api.token,
        scopes: spec.scopes,
        scopeSeparator: ',',
        pkce: false,
        clientAuth: 'post',
        // The code's token lasts about an hour; the account keeps a page token, which does not expire.
        defaultAccessTokenTtlMs: 3600_000,
        async readAccount(ctx) {
          if (!ctx.app) throw permanent('oauth_invalid_client', 'Facebook Login needs the Meta app’s credentials');
          const now = Date.now();
          const user = await longLivedUserToken(ctx.fetch, api, ctx.app, ctx.tokens.accessToken, now);
          const granted = await grantedPermissions(ctx.fetch, api, user.accessToken, now);
          const pages = await listPages(ctx.fetch, api, user.accessToken, now);
          const account = await spec.choose(pages, api, { ...ctx, tokens: { ...ctx.tokens, accessToken: user.accessToken } }, granted);
          const problem = missingPermission(spec.required, granted);
          return {
            ...account,
            instanceUrl: api.base === FACEBOOK_GRAPH ? null : api.base,
            settings: { ...account.settings, graphVersion: api.version },
            ...(problem ? { problem } : {}),
          };
        },
      };
    },
  };
}
