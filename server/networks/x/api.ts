import { authFailure, fromStatus, permanent, retryable, retryAfterFrom, unknownOutcome, type NetworkError } from '../errors';
import { baseUrl, errorMessage, renewedOnce, renewingOn401 } from '../http';
import type { AdapterContext } from '../types';

/**
 * X API v2 (docs.x.com): the addresses, the bearer header, and how its
 * answers become the four error kinds. Written once, shared by the ports.
 */

export const DEFAULT_API_URL = 'https://api.x.com';
export const DEFAULT_AUTHORIZE_URL = 'https://x.com/i/oauth2/authorize';
export const DEFAULT_TOKEN_URL = 'https://api.x.com/2/oauth2/token';

/**
 * What the plugin asks for: read and write posts, read the user, upload media,
 * hide replies (`tweet.moderate.write`), and a refresh token (`offline.access`).
 */
export const SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'offline.access', 'media.write', 'tweet.moderate.write'] as const;

/** X's access tokens last two hours (`expires_in: 7200`); the core refreshes them ahead of their end. */
export const ACCESS_TOKEN_TTL_MS = 2 * 3600_000;

/**
 * The API base of an account: stored on the account at sign-in when it is not
 * X's own (a test server, a proxy), else api.x.com.
 */
export const apiBase = (ctx: Pick<AdapterContext, 'account'>) => baseUrl(ctx.account.instanceUrl || DEFAULT_API_URL);

export const bearer = (accessToken: string | undefined) => ({ authorization: `Bearer ${accessToken ?? ''}`, accept: 'application/json' });

type Headers = Record<string, string | string[] | undefined>;
const first = (headers: Headers, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * When X takes calls again, in ms: the 24-hour user cap's reset when that cap
 * is spent (`x-user-limit-24hour-*`), else the endpoint window's
 * (`x-rate-limit-reset`, epoch seconds), else Retry-After.
 */
export function resetAt(headers: Headers, now: number): number | null {
  const epoch = (value: string | undefined) => (value && /^\d{9,}$/.test(value.trim()) ? Number(value) * 1000 : null);
  if (first(headers, 'x-user-limit-24hour-remaining') === '0') {
    const day = epoch(first(headers, 'x-user-limit-24hour-reset'));
    if (day) return day;
  }
  return epoch(first(headers, 'x-rate-limit-reset')) ?? retryAfterFrom(headers, now);
}

/** X's own words: a problem body (`detail`, `title`) or an `errors` list, cut short. */
export function xMessage(body: unknown): string | null {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    if (typeof record.detail === 'string') return record.detail.slice(0, 300);
    const errors = record.errors;
    if (Array.isArray(errors) && errors[0] && typeof errors[0] === 'object') {
      const e = errors[0] as Record<string, unknown>;
      const text = typeof e.detail === 'string' ? e.detail : typeof e.message === 'string' ? e.message : null;
      if (text) return text.slice(0, 300);
    }
    if (typeof record.title === 'string') return record.title.slice(0, 300);
  }
  return errorMessage(body);
}

/** X refuses a post whose text the account posted recently: the first attempt may have gone through. */
export const isDuplicate = (status: number, body: unknown) => status === 403 && /duplicate content/i.test(xMessage(body) ?? '');

export interface XResponse {
  status: number;
  headers: Headers;
  data: unknown;
}

/**
 * One call with the account's bearer token, renewed once on a 401 (the shared
 * `renewingOn401`). Sending again cannot duplicate a post: X answers 401 when
 * it could not authenticate the request (docs.x.com, "Response codes and
 * errors": "There was a problem authenticating your request"), before anything
 * is created — POST /2/tweets takes no idempotency key, so this is what makes
 * the second send safe. A second 401 goes to `failure`, which holds.
 */
export async function authorized<R extends XResponse>(ctx: AdapterContext, what: string, send: () => Promise<R>): Promise<R> {
  const res = await renewingOn401(ctx, { network: 'X', what, words: xMessage }, send);
  if (res.status < 400) await noteSpentWindow(ctx, res.headers);
  return res;
}

/**
 * X counts each endpoint's calls in a window and says on every answer what is
 * left (`x-rate-limit-remaining`). An answer that spent the last call (or the
 * 24-hour user cap) is stored as the work's wait until the reset, for every
 * instance: until then the next call, from any of them, would only meet a 429.
 */
async function noteSpentWindow(ctx: Pick<AdapterContext, 'now' | 'windowSpent'>, headers: Headers): Promise<void> {
  if (!ctx.windowSpent) return;
  const spent = first(headers, 'x-rate-limit-remaining') === '0' || first(headers, 'x-user-limit-24hour-remaining') === '0';
  if (!spent) return;
  const until = resetAt(headers, ctx.now());
  if (until && until > ctx.now()) await ctx.windowSpent(until);
}

/** An answer that is not the success expected, as one of the four kinds. */
export function failure(
  res: XResponse,
  ctx: Pick<AdapterContext, 'now'> & { secrets?: AdapterContext['secrets'] },
  what: string
): NetworkError {
  const message = `${what}: ${xMessage(res.data) ?? `X answered ${res.status}`}`;
  if (res.status === 429) return retryable('rate_limited', message, resetAt(res.headers, ctx.now()));
  if (res.status === 401) {
    // Refused again right after its renewal (`authorized`): no second refresh, no loop — a person looks.
    if (renewedOnce(ctx)) return authFailure('token_refused', `${message} (a token renewed a moment ago)`);
    // Where no renewal is at hand (a context without `renewToken`), a refused token with a refresh token is
    // most likely one that ended before the core's refresh job renewed it: try again after the backoff,
    // by which time the job has refreshed it — or found the grant revoked, which holds the account.
    if (ctx.secrets?.refreshToken) return retryable('token_expired', message);
    return authFailure('token_refused', message);
  }
  // A post X says it already has: look it up (reconcile), never send it again blindly.
  if (isDuplicate(res.status, res.data)) return unknownOutcome('duplicate_content', message);
  if (res.status === 400) return permanent('network_rejected', message);
  if (res.status === 403) return permanent('refused_403', message);
  // X sends `x-rate-limit-*` on every answer, a 503 included: the window's reset says when to try again only when
  // the window is spent. Else a 503 held the account's posts until its window ended, up to 15 minutes.
  const spent = first(res.headers, 'x-rate-limit-remaining') === '0';
  return fromStatus(res.status, message, spent ? resetAt(res.headers, ctx.now()) : retryAfterFrom(res.headers, ctx.now()));
}
