import type { AdapterContext, NetworkFetch } from '../types';
import { envName } from '../../core/oauth/apps';
import { authFailure, fromStatus, permanent, retryable, retryAfterFrom, type NetworkError } from '../errors';
import { baseUrl, errorMessage, renewingOn401 } from '../http';

/**
 * LinkedIn's versioned REST API (`/rest`), as documented on
 * learn.microsoft.com/linkedin: every call names the API version it was
 * written for (`LinkedIn-Version: YYYYMM`) and speaks Rest.li 2.0
 * (`X-Restli-Protocol-Version: 2.0.0`, URNs URL-encoded in paths and queries).
 */

export const DEFAULT_API_BASE = 'https://api.linkedin.com';
export const DEFAULT_AUTHORIZE_URL = 'https://www.linkedin.com/oauth/v2/authorization';
export const DEFAULT_TOKEN_URL = 'https://www.linkedin.com/oauth/v2/accessToken';

/**
 * The API version sent when none is configured. LinkedIn serves each monthly
 * version for about a year and then answers 426 NONEXISTENT_VERSION: raise it
 * with `CM_OAUTH_LINKEDIN_VERSION` (docs/accounts.md, "LinkedIn").
 */
export const DEFAULT_VERSION = '202610';
export const VERSION_ENV = envName('linkedin', 'version');

/** The version to send now: the environment's (read at each call, so a change needs no restart of the account), else the default. */
export function apiVersion(): string {
  const configured = process.env[VERSION_ENV]?.trim();
  return configured && /^\d{6}(\.\d{2})?$/.test(configured) ? configured : DEFAULT_VERSION;
}

export const ORGANIZATION_PREFIX = 'urn:li:organization:';
export const organizationUrn = (id: string | number) => `${ORGANIZATION_PREFIX}${id}`;

/** The post's public page. */
export const permalink = (urn: string) => `https://www.linkedin.com/feed/update/${urn}/`;

/** The API base an account talks to: stored on the account at sign-in (a test points it at a local server). */
export const apiBase = (ctx: Pick<AdapterContext, 'account'>) => baseUrl(ctx.account.instanceUrl || DEFAULT_API_BASE);

export function restHeaders(accessToken: string | undefined, extra: Record<string, string> = {}): Record<string, string> {
  return {
    authorization: `Bearer ${accessToken}`,
    accept: 'application/json',
    'linkedin-version': apiVersion(),
    'x-restli-protocol-version': '2.0.0',
    ...extra,
  };
}

/** A `/rest` GET with the version headers, for the OAuth port that has no adapter context. */
export const restGet = (fetch: NetworkFetch, url: string, accessToken: string) =>
  fetch(url, { headers: restHeaders(accessToken), purpose: 'accountCheck', maxRedirects: 0 });

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; data: unknown };

const codeOf = (data: unknown) =>
  data && typeof data === 'object' && typeof (data as { code?: unknown }).code === 'string' ? (data as { code: string }).code : null;

/**
 * What an error answer means (LinkedIn's error body: `{status, serviceErrorCode, code, message}`):
 *
 * - 426 `NONEXISTENT_VERSION` (or 400 `VERSION_MISSING`): the configured version is retired. Sending
 *   again cannot help, so the post fails at once with a message naming the setting, never a retry loop;
 * - 401: the token expired or was revoked -> the account needs a new sign-in, its posts are held
 *   (where a refresh token exists, `authorized` has renewed the token once before this);
 * - 403: the member no longer has the page role or the scope -> the same (a person must act);
 * - 429: LinkedIn's daily limits, with no rate-limit header -> retried after the runner's backoff.
 */
export function failure(res: Answer, now: number, what: string): NetworkError {
  const code = codeOf(res.data);
  const message = errorMessage(res.data) ?? `${what}: LinkedIn answered ${res.status}`;
  if (res.status === 426 || code === 'NONEXISTENT_VERSION' || code === 'VERSION_MISSING') {
    return permanent(
      'linkedin_version_retired',
      `LinkedIn no longer serves API version ${apiVersion()} (${res.status} ${code ?? ''}: ${message}). ` +
        `Set ${VERSION_ENV} to a current version (YYYYMM), then retry the post.`
    );
  }
  if (res.status === 401) return authFailure('token_refused', `${what}: ${message}`);
  if (res.status === 403) return authFailure('linkedin_forbidden', `${what}: ${message}`);
  if (res.status === 429) return retryable('rate_limited', `${what}: ${message}`, retryAfterFrom(res.headers, now));
  return fromStatus(res.status, `${what}: ${message}`, retryAfterFrom(res.headers, now));
}

/**
 * One `/rest` call with the account's token, renewed once on a 401 where the
 * caller can renew it and the account holds a refresh token (a partner app:
 * docs/networks/linkedin.md, "Tokens"); without one, the 401 is `failure`'s:
 * the account needs a new sign-in. LinkedIn answers 401 before acting on the
 * request, so the second send cannot make a comment twice. `send` reads
 * `ctx.secrets` each time.
 */
export const authorized = <R extends Answer>(ctx: AdapterContext, what: string, send: () => Promise<R>): Promise<R> =>
  renewingOn401(ctx, { network: 'LinkedIn', what, words: errorMessage }, send);

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The created entity's id, from the `x-restli-id` header (Rest.li 2.0 creates answer 201 with it). */
export const restliId = (headers: Record<string, string | string[] | undefined>) =>
  first(headers['x-restli-id']) ?? first(headers['x-linkedin-id']) ?? null;

/**
 * A post's text in LinkedIn's "little text" format: the characters it reserves
 * are escaped so they show as typed (an unescaped parenthesis can cut a post
 * short), and each `#word` becomes a hashtag.
 */
export function littleText(text: string): string {
  const escape = (s: string) => s.replace(/[\\|{}@[\]()<>#*_~]/g, (c) => `\\${c}`);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(/(^|[^\p{L}\p{N}_&/#])#([\p{L}\p{M}\p{N}_]*\p{L}[\p{L}\p{M}\p{N}_]*)/gu)) {
    const start = match.index! + match[1].length;
    out += escape(text.slice(last, start)) + `{hashtag|\\#|${escape(match[2])}}`;
    last = start + 1 + match[2].length;
  }
  return out + escape(text.slice(last));
}

/** Little text back to what a person reads, for matching a post found on LinkedIn with ours. */
export const plainText = (little: string) =>
  little
    .replace(/\{hashtag\|\\?#\|([^}]*)\}/g, '#$1')
    .replace(/@\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\\(.)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
