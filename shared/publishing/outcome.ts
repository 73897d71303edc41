/**
 * Kept apart from contract.ts: the admin runs this function, and importing the
 * contract at run time would bring its zod schemas into the admin bundle.
 */
import { httpUrlOrNull } from '../core/safe-url';
import type { Publication, PublicationOutcome } from './contract';

/** From a publication the admin API sent (the composer) or from a row read in a batch (calendar, panel). */
export function toOutcome(
  p: Pick<Publication, 'documentId' | 'accountDocumentId' | 'network' | 'state' | 'externalUrl' | 'error'>,
  accountName: string | null
): PublicationOutcome {
  return {
    documentId: p.documentId,
    accountDocumentId: p.accountDocumentId,
    network: p.network,
    accountName,
    state: p.state,
    url: httpUrlOrNull(p.externalUrl),
    error: p.error,
  };
}
