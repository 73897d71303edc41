import { OutboundError } from '../core/http/guarded-fetch';

/**
 * The four ways a call to a network can fail (docs/publishing.md, "Guarantees"), decided once
 * by the adapter that knows the network, acted on once by its caller (the
 * publishing runner today; moderation and analytics use the same kinds):
 *
 * - `retryable`: the network did not take the post (refused connection, 429,
 *   a 5xx it documents as not applied) -> back to `scheduled` after a backoff,
 *   never sooner than the network's Retry-After;
 * - `permanent`: the network read the post and said no (validation) -> `failed`;
 * - `auth`: the credentials are refused -> the account needs re-authorization
 *   and its posts are held;
 * - `unknown`: the request may have been applied (timeout or reset after it was
 *   sent) -> `unknown`, reconciled by looking the post up, never resent blindly.
 */
export type FailureKind = 'retryable' | 'permanent' | 'auth' | 'unknown';

export class NetworkError extends Error {
  constructor(
    readonly kind: FailureKind,
    /** stable code the admin translates, e.g. `rate_limited`, `too_long`, `network_rejected` */
    readonly code: string,
    message: string,
    /** the earliest time the network accepts another call, when it said so */
    readonly retryAfterMs: number | null = null
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

export const retryable = (code: string, message: string, retryAfterMs: number | null = null) =>
  new NetworkError('retryable', code, message, retryAfterMs);
export const permanent = (code: string, message: string) => new NetworkError('permanent', code, message);
export const authFailure = (code: string, message: string) => new NetworkError('auth', code, message);
export const unknownOutcome = (code: string, message: string) => new NetworkError('unknown', code, message);

/**
 * A transport failure from the guarded fetcher: before the request left, it is
 * safe to retry; after (timeout, reset), nobody knows whether the post exists.
 * An address the policy refuses will be refused again: permanent.
 */
export function fromOutbound(err: OutboundError): NetworkError {
  // The network's own redirect elsewhere is refused every time: retrying cannot help.
  if (
    err.code === 'blocked_address' ||
    err.code === 'blocked_scheme' ||
    err.code === 'invalid_url' ||
    err.code === 'cross_origin_redirect'
  ) {
    return permanent(`unreachable_${err.code}`, err.message);
  }
  if (err.requestSent || err.code === 'timeout' || err.code === 'reset' || err.code === 'too_large') {
    return err.requestSent ? unknownOutcome(`unreachable_${err.code}`, err.message) : retryable(`unreachable_${err.code}`, err.message);
  }
  return retryable(`unreachable_${err.code}`, err.message);
}

/** Anything a port throws, as a NetworkError; a bug in our code is treated as an unknown outcome, never retried blindly. */
export function classify(err: unknown): NetworkError {
  if (err instanceof NetworkError) return err;
  if (err instanceof OutboundError) return fromOutbound(err);
  return unknownOutcome('internal_error', err instanceof Error ? err.message.slice(0, 500) : 'unexpected error');
}

/**
 * Retry-After as the HTTP spec allows it (seconds or an HTTP date) and the
 * networks' reset headers (Mastodon: ISO time; Bluesky: epoch seconds), as an
 * absolute time in ms.
 */
export function retryAfterFrom(headers: Record<string, string | string[] | undefined>, now: number): number | null {
  const first = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const retryAfter = first('retry-after');
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter.trim())) return now + Math.ceil(Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return date;
  }
  const reset = first('x-ratelimit-reset') ?? first('ratelimit-reset');
  if (reset) {
    if (/^\d{9,}$/.test(reset.trim())) return Number(reset) * 1000;
    if (/^\d+$/.test(reset.trim())) return now + Number(reset) * 1000;
    const date = Date.parse(reset);
    if (!Number.isNaN(date)) return date;
  }
  return null;
}

/** The error class an HTTP status gives when the network says nothing more precise. */
export function fromStatus(status: number, message: string, retryAt: number | null): NetworkError {
  if (status === 401) return authFailure('token_refused', message);
  if (status === 429) return retryable('rate_limited', message, retryAt);
  if (status === 408) return unknownOutcome('network_timeout', message);
  if (status >= 500) {
    // 502/503 come from a proxy in front of the network: the post was not taken.
    // A bare 500 or 504 may come after the network stored it.
    return status === 502 || status === 503 ? retryable(`server_${status}`, message, retryAt) : unknownOutcome(`server_${status}`, message);
  }
  return permanent(status === 422 ? 'network_rejected' : `refused_${status}`, message);
}
