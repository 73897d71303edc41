import { publisherFor } from '../../networks/registry';
import { classify } from '../../networks/errors';
import { httpUrlOrNull } from '../../../shared/core/safe-url';
import { ms, type PublicationRow } from '../dto';
import type { RunContext } from './context';
import type { createHoldJob } from './hold';

/** A reconcilable unknown is looked up again after this delay (the network may still be writing it). */
export const RECONCILE_AFTER_MS = 3_000;

/**
 * The reconcile job: an unknown outcome, looked up on the network: published,
 * safe to send again (same attempt id), or a person's call. Never resent blindly.
 */
export function createReconcileJob(run: RunContext, jobs: { hold: ReturnType<typeof createHoldJob> }) {
  const { store, deps, accounts, settle, draftOf, contextFor, stamp } = run;
  const later = (row: PublicationRow) => store.apply('recheck', row.id, { patch: { leaseUntilMs: deps.now() + 10 * RECONCILE_AFTER_MS } });

  return async function reconcile(row: PublicationRow) {
    const account = await accounts().publishingAccount(row.accountDocumentId);
    const adapter = account ? publisherFor(account.network) : undefined;
    const content = await draftOf(row);
    if (!account || !adapter || !content || !row.attemptId || !account.secrets) {
      await store.apply('recheck', row.id, { patch: { leaseUntilMs: null } });
      return;
    }
    // Waiting for a new sign-in: the network cannot be asked with the refused credentials; asked again once reconnected.
    if (account.status === 'needs_reauth') return void (await later(row));
    let found;
    try {
      found = await adapter.findExisting(contextFor(row, account), content, row.attemptId, ms(row.attemptStartedMs) ?? 0);
    } catch (error) {
      // The credentials refused while looking (revoked mid-send: the send itself never saw it, its lease having run
      // out): the account needs a new sign-in, its waiting posts are held and a person is told; this row stays unknown.
      const err = classify(error);
      if (err.kind === 'auth') await jobs.hold.needsReauth(row, account, err, '');
      await later(row);
      return;
    }
    if (found === 'cannot_tell') {
      await store.apply('recheck', row.id, { patch: { leaseUntilMs: null } });
      await store.appendHistory(row.id, {
        at: stamp(),
        event: 'needs_a_person',
        message: 'The network cannot be asked whether the post exists',
      });
      await deps.notify(
        'A post may or may not have been published',
        `Publication ${row.documentId} (${row.network}): ${row.lastError ?? ''}. Check the account and mark it published or retry it.`
      );
      return;
    }
    if (found === 'absent') {
      await settle(row, 'reconcile_absent', {
        nextAttemptMs: deps.now(),
        leaseOwner: null,
        leaseUntilMs: null,
        errorCode: 'reconciled_absent',
        lastError: row.lastError,
      });
      return;
    }
    await settle(
      row,
      'reconcile_found',
      {
        externalId: found.found.externalId.slice(0, 512),
        externalUrl: httpUrlOrNull(found.found.url)?.slice(0, 2048) ?? null,
        publishedMs: deps.now(),
        leaseUntilMs: null,
        errorCode: null,
        lastError: null,
      },
      { message: httpUrlOrNull(found.found.url) ?? found.found.externalId }
    );
  };
}
