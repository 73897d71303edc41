import { z } from 'zod';
import type { NetworkFetch } from '../types';
import type { OAuthProvider } from '../../core/oauth/types';
import { authFailure, permanent, retryable } from '../errors';
import { call } from '../http';
import { failure } from './graph';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Meta's long-lived tokens that renew themselves, written once for Threads
 * (developers.facebook.com/docs/threads/get-started/long-lived-tokens) and
 * Instagram Login (developers.facebook.com/docs/instagram-platform/reference/refresh_access_token):
 *
 * - the code's short-lived token (one hour) is swapped at once for a
 *   long-lived one: `GET {base}/access_token?grant_type=<exchange>&client_secret=&access_token=`
 *   → `{access_token, token_type, expires_in}` (60 days);
 * - no refresh token exists: the long-lived token renews itself,
 *   `GET {base}/refresh_access_token?grant_type=<refresh>&access_token=`, which
 *   Meta accepts only once the token is at least 24 hours old and not expired;
 *   a token not renewed in 60 days dies.
 *
 * The OAuth core calls `refresh` under its claim of the account row,
 * `REFRESH_AHEAD_MS` before the token ends.
 */

const DAY = 86_400_000;
/** Renewed this long before its end: ten days to get through an outage before the notice. */
export const REFRESH_AHEAD_MS = 10 * DAY;
/** Meta refuses to renew a token younger than this. */
export const MIN_AGE_MS = DAY;
/**
 * The shortest lifetime Meta documents for these tokens (`expires_in`
 * 5183944 s, a minute short of 60 days). A token's birth is reckoned from
 * its end with it: a renewal is never asked for before Meta would take it.
 */
export const LIFETIME_MS = 5_183_944_000;

const token = lazySchema(() =>
  z.object({ access_token: z.string().min(1).max(4096), expires_in: z.coerce.number().positive().optional() })
);

/** Whether a token ending at `expiresAt` may be renewed at `now`: old enough, not ended. */
export type Renewal = { ok: true } | { ok: false; why: 'too_young'; at: number } | { ok: false; why: 'expired' };

export function renewal(expiresAt: number | null, now: number): Renewal {
  // Its end unknown: the network says.
  if (expiresAt === null) return { ok: true };
  if (expiresAt <= now) return { ok: false, why: 'expired' };
  const bornAt = expiresAt - LIFETIME_MS;
  if (now - bornAt < MIN_AGE_MS) return { ok: false, why: 'too_young', at: bornAt + MIN_AGE_MS };
  return { ok: true };
}

export interface LongLivedSpec {
  /** the network as the messages name it */
  label: string;
  /** `th_exchange_token`, `ig_exchange_token` */
  exchangeGrant: string;
  /** `th_refresh_token`, `ig_refresh_token` */
  refreshGrant: string;
}

async function tokenCall(spec: LongLivedSpec, fetch: NetworkFetch, url: string, now: number, what: string) {
  const res = await call({ fetch }, url, { purpose: 'accountCheck', maxRedirects: 0 });
  if (res.status !== 200) throw failure(res, now, `${spec.label} ${what}`);
  const parsed = token.safeParse(res.data);
  if (!parsed.success) throw permanent('oauth_bad_answer', `${spec.label} answered the ${what} without a token`);
  return {
    accessToken: parsed.data.access_token,
    expiresAt: now + (parsed.data.expires_in ? parsed.data.expires_in * 1000 : LIFETIME_MS),
  };
}

/** The long-lived token for the code's short-lived one, with the app's secret. */
export function exchangeLongLived(
  spec: LongLivedSpec,
  ctx: { fetch: NetworkFetch; base: string; clientSecret: string | null | undefined; shortToken: string; now: number }
) {
  if (!ctx.clientSecret) throw permanent('oauth_invalid_client', `${spec.label} needs the app’s secret for its long-lived token`);
  const query = new URLSearchParams({ grant_type: spec.exchangeGrant, client_secret: ctx.clientSecret, access_token: ctx.shortToken });
  return tokenCall(spec, ctx.fetch, `${ctx.base}/access_token?${query}`, ctx.now, 'long-lived token');
}

/**
 * The provider's `refresh`: the token renews itself. One younger than 24
 * hours is tried again once old enough (the account stays connected); an
 * ended one needs a new sign-in, without asking Meta (which answers 190).
 */
export function renewLongLived(spec: LongLivedSpec, base: string): NonNullable<OAuthProvider['refresh']> {
  return async ({ secrets, fetch, now, expiresAt }) => {
    const at = now();
    const window = renewal(expiresAt, at);
    if (!window.ok && window.why === 'too_young')
      throw retryable('meta_token_too_young', `${spec.label} renews a token once it is 24 hours old`, window.at);
    if (!window.ok) throw authFailure('meta_token_expired', `The ${spec.label} token ended: sign in again`);
    const query = new URLSearchParams({ grant_type: spec.refreshGrant, access_token: secrets.accessToken ?? '' });
    const renewed = await tokenCall(spec, fetch, `${base}/refresh_access_token?${query}`, at, 'token renewal');
    return { ...renewed, tokenType: 'Bearer', refreshToken: null, refreshExpiresAt: null, scope: null, raw: {} };
  };
}
