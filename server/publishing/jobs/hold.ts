import { reason } from '../../../shared/accounts/reasons';
import { messageText } from '../../../shared/core/messages';
import { can } from '../../../shared/networks';
import type { NetworkError as PublishError } from '../../networks/errors';
import type { PublicationRow } from '../dto';
import type { Account, Batch, RunContext } from './context';

/**
 * The hold job: an account whose credentials were refused (or cannot be
 * read) holds its posts until a person reconnects it; reconnecting releases
 * them (scheduler `releaseHeld`).
 */
export function createHoldJob(run: RunContext) {
  const { store, deps, accounts, settle } = run;

  return {
    /** The network said no in a way the account as a whole must fix: hold its posts and tell a person. */
    async needsReauth(row: PublicationRow, account: Account, err: PublishError, owner: string, batch?: Batch) {
      const why =
        err.code === 'app_password_refused'
          ? reason('app_password_refused', { message: err.message })
          : err.code === 'webhook_refused'
            ? reason('webhook_refused', { status: 401 })
            : // A network one signs in to asks for a new sign-in, not for a hand-made token (Mastodon's wording).
              can(account.network, 'oauth')
              ? reason('oauth_grant_refused', { message: err.message })
              : reason('token_refused', { status: 401, message: err.message });
      await accounts().markNeedsReauth(account.documentId, why);
      await settle(
        row,
        'hold',
        { leaseOwner: null, leaseUntilMs: null, errorCode: err.code, lastError: err.message },
        { from: ['publishing'], code: err.code, message: err.message, owner, batch }
      );
      await store.holdAccount(account.documentId, {
        errorCode: 'account_needs_reauth',
        lastError: messageText('account_needs_reauth', { account: account.name }),
      });
      await deps.notify(
        messageText('account_needs_reauth', { account: account.name }),
        messageText('hold_email_body', { account: account.name, network: account.network, detail: err.message })
      );
    },

    /**
     * A claimed row whose account needs re-authorization before anything is
     * sent (its credentials sealed with a key this server no longer has are
     * the same case: only a person can enter them again). True when held.
     */
    async holdIfUnusable(row: PublicationRow, account: Account, owner: string, batch: Batch): Promise<boolean> {
      if (!account.secrets && account.status !== 'needs_reauth') {
        await accounts().markNeedsReauth(account.documentId, reason('credentials_unreadable', { keyId: '?' }));
        account.status = 'needs_reauth';
      }
      if (account.status !== 'needs_reauth' && account.secrets) return false;
      const message = messageText('account_needs_reauth', { account: account.name });
      await settle(
        row,
        'hold',
        { leaseOwner: null, leaseUntilMs: null, errorCode: 'account_needs_reauth', lastError: message },
        { from: ['claimed'], code: 'account_needs_reauth', message, owner, batch }
      );
      return true;
    },
  };
}
