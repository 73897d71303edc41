import { type NetworkError, authFailure, permanent, retryable, unknownOutcome, retryAfterFrom, classify } from '../../networks/errors';
import type { GuardedResponse } from '../http/guarded-fetch';

/**
 * A token endpoint's error answer (RFC 6749 §5.2) as one of the four error
 * kinds every network port throws:
 *
 * - `invalid_grant`: the code or refresh token is no longer good (used,
 *   expired, revoked, PKCE verifier wrong) -> `auth`, a person signs in again;
 * - `invalid_client`, `unauthorized_client`: the app's credentials are refused
 *   -> `permanent` (fixed in Settings, not by retrying);
 * - `invalid_request`, `unsupported_grant_type`, `invalid_scope` -> `permanent`;
 * - 429, 502, 503, 504, `temporarily_unavailable` -> `retryable`, never sooner
 *   than Retry-After;
 * - anything else (a bare 500, an answer that is not JSON) -> `unknown`.
 *
 * The `code` is `oauth_<error>`, a stable code the admin translates; the
 * server's `error_description` is kept as the message (it never holds a secret
 * of ours: the token is in our request, not in its answer).
 */
export function tokenEndpointError(res: GuardedResponse, now: number): NetworkError {
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    // not JSON: judged by the status alone
  }
  const error = typeof body.error === 'string' ? body.error.slice(0, 60).replace(/[^a-z_]/gi, '') : '';
  const description = typeof body.error_description === 'string' ? body.error_description.slice(0, 300) : '';
  const message = `token endpoint answered ${res.status}${error ? ` ${error}` : ''}${description ? `: ${description}` : ''}`;
  const retryAt = retryAfterFrom(res.headers as Record<string, string | string[] | undefined>, now);
  if (res.status === 429) return retryable('oauth_rate_limited', message, retryAt);
  if (error === 'temporarily_unavailable' || res.status === 502 || res.status === 503 || res.status === 504) {
    return retryable('oauth_unavailable', message, retryAt);
  }
  switch (error) {
    case 'invalid_grant':
      return authFailure('oauth_invalid_grant', message);
    case 'invalid_client':
    case 'unauthorized_client':
      return permanent('oauth_invalid_client', message);
    case 'invalid_request':
    case 'unsupported_grant_type':
    case 'invalid_scope':
      return permanent(`oauth_${error}`, message);
  }
  if (res.status === 401) return permanent('oauth_invalid_client', message);
  if (res.status >= 400 && res.status < 500) return permanent('oauth_refused', message);
  return unknownOutcome('oauth_server_error', message);
}

/** Anything the flow throws, as a NetworkError (the guarded fetcher's transport errors included). */
export const asNetworkError = (err: unknown) => classify(err);
