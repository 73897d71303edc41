import type { ConnectionCheck } from '../types';
import { reason, REASON_CODES, type ReasonCode } from '../../../shared/accounts/reasons';
import { classify } from '../errors';

/**
 * A connection check that failed, as the account's status: a refused token
 * (190, a permission taken back) needs a new sign-in; Meta out of reach or
 * answering oddly is an error that a later check may clear.
 */
export function checkFailure(err: unknown, base: string): ConnectionCheck {
  const failed = classify(err);
  if (failed.kind === 'auth') {
    return { status: 'needs_reauth', reason: reason('oauth_grant_refused', { message: failed.message.slice(0, 300) }) };
  }
  if ((REASON_CODES as string[]).includes(failed.code)) {
    let host = base;
    try {
      host = new URL(base).host;
    } catch {
      // shown as configured
    }
    return { status: 'error', reason: reason(failed.code as ReasonCode, { host }) };
  }
  return { status: 'error', reason: reason('unexpected_status', { status: failed.code, message: failed.message.slice(0, 300) }) };
}
