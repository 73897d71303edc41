import type { Strapi } from '../strapi';
import { getService } from '../services';
import type { Secrets, TokenRenewal } from '../../networks/types';
import type { RefreshOutcome } from '../../../shared/oauth/contract';

/** What the renewal reads back from the account after the refresh. */
export interface RenewedAccount {
  status: string;
  secrets: Secrets | null;
  /** the account's reason (`{ code, params }`), when it is not connected */
  statusDetail: unknown;
}

/** The network's own words in a stored reason (`oauth_grant_refused`'s `message`), else its code. */
function why(detail: unknown): string | null {
  let value = detail;
  if (typeof detail === 'string') {
    try {
      value = JSON.parse(detail) as unknown;
    } catch {
      return detail.slice(0, 300);
    }
  }
  if (!value || typeof value !== 'object') return null;
  const { code, params } = value as { code?: unknown; params?: Record<string, unknown> };
  const message = params?.message;
  if (typeof message === 'string' && message) return message.slice(0, 300);
  return typeof code === 'string' ? code : null;
}

/**
 * The decision after a refused access token and the core's refresh
 * (`refresh(id, { refused })`), from its outcome and the account as it is
 * now stored:
 *
 * - the account needs a new sign-in (this refresh or another instance's was
 *   refused: X's `invalid_grant` / `invalid_request` for a revoked grant), or
 *   is gone, or cannot be refreshed here: `refused`, with the reason;
 * - the token endpoint could not be asked (`retry_later`): `later`;
 * - a stored access token other than the refused one (this refresh's, or the
 *   one another instance or the refresh job stored meanwhile): `renewed`;
 * - anything else (the lease of a refresh elsewhere ran out without a new
 *   token): `later`, never a second refresh from here.
 */
export function renewalOf(outcome: RefreshOutcome, account: RenewedAccount | null, refused: string): TokenRenewal {
  if (!account) return { kind: 'refused', message: 'the account was removed' };
  if (outcome === 'needs_reauth' || account.status === 'needs_reauth') {
    return { kind: 'refused', message: why(account.statusDetail) ?? 'the sign-in was refused' };
  }
  if (outcome === 'not_oauth') return { kind: 'refused', message: `the token cannot be renewed here (account ${account.status})` };
  if (outcome === 'retry_later') return { kind: 'later', message: 'the token could not be renewed now' };
  const token = account.secrets?.accessToken;
  if (account.status === 'connected' && token && token !== refused) return { kind: 'renewed', secrets: { ...account.secrets! } };
  return { kind: 'later', message: 'no new token yet' };
}

/**
 * `AdapterContext.renewToken` for an account signed in with OAuth (publishing,
 * the inbox, the reports): the OAuth core's claimed refresh of the account,
 * then the account read back and judged by `renewalOf`. `quiet`: the caller
 * tells a person itself (publishing's hold e-mails once); elsewhere the core
 * e-mails when the grant is refused.
 */
export function tokenRenewal(strapi: Strapi, documentId: string, options: { quiet?: boolean } = {}) {
  return async (refused: string): Promise<TokenRenewal> => {
    const outcome = await getService(strapi, 'oauth').refresh(documentId, { refused, quiet: options.quiet ?? false });
    const account = await getService(strapi, 'accounts').publishingAccount(documentId);
    return renewalOf(outcome, account, refused);
  };
}
