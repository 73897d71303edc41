/**
 * Publications as the database holds them and as the admin API shows them.
 * No import from Node: the admin reads these types and the state lists.
 */
import { httpUrlOrNull } from '../../shared/core/safe-url';
import type {
  HistoryEntry,
  Publication,
  PublicationView,
  PublicationOutcome,
  LiveLink,
  PauseState,
} from '../../shared/publishing/contract';
import { toOutcome } from '../../shared/publishing/outcome';
import { readPublicationMessage } from '../../shared/publishing/messages';
export { toOutcome };
export type { HistoryEntry, Publication, PublicationView, PublicationOutcome, LiveLink, PauseState };

// The states and the lists built on them are the table's (shared/publishing/states.ts): one source.
export { PUBLICATION_STATES, NEEDS_A_PERSON, PENDING, type PublicationState } from '../../shared/publishing/states';
import type { PublicationState } from '../../shared/publishing/states';

export interface PublicationRow {
  id: number;
  documentId: string;
  planDocumentId: string;
  accountDocumentId: string;
  network: string | null;
  state: PublicationState;
  dueMs: string | number | null;
  nextAttemptMs: string | number | null;
  leaseOwner: string | null;
  leaseUntilMs: string | number | null;
  attempts: number | null;
  attemptId: string | null;
  attemptStartedMs: string | number | null;
  externalId: string | null;
  externalUrl: string | null;
  errorCode: string | null;
  lastError: string | null;
  publishedMs: string | number | null;
  history: HistoryEntry[] | null;
}

/** biginteger columns come back as strings on PostgreSQL and MariaDB */
export const ms = (value: string | number | null | undefined): number | null =>
  value === null || value === undefined || value === '' ? null : Number(value);

const iso = (value: string | number | null | undefined) => {
  const n = ms(value);
  return n === null ? null : new Date(n).toISOString();
};

/** The stored code and English text, with the parameters the admin translates them with. */
const errorOf = (row: Pick<PublicationRow, 'errorCode' | 'lastError'>) =>
  row.errorCode ? readPublicationMessage(row.errorCode, row.lastError ?? '') : null;

export function toPublication(row: PublicationRow): Publication {
  return {
    documentId: row.documentId,
    planDocumentId: row.planDocumentId,
    accountDocumentId: row.accountDocumentId,
    network: row.network,
    state: row.state,
    dueAt: iso(row.dueMs),
    nextAttemptAt: row.state === 'scheduled' ? iso(row.nextAttemptMs) : null,
    attempts: Number(row.attempts ?? 0),
    externalId: row.externalId,
    externalUrl: httpUrlOrNull(row.externalUrl),
    error: errorOf(row),
    publishedAt: iso(row.publishedMs),
    history: Array.isArray(row.history) ? row.history : [],
  };
}

/** The columns an outcome is made of: the batched read selects only these. */
export const OUTCOME_FIELDS = [
  'documentId',
  'planDocumentId',
  'accountDocumentId',
  'network',
  'state',
  'externalUrl',
  'errorCode',
  'lastError',
] as const;
export type OutcomeRow = Pick<PublicationRow, (typeof OUTCOME_FIELDS)[number]>;

export const rowOutcome = (row: OutcomeRow, accountName: string | null) => toOutcome({ ...row, error: errorOf(row) }, accountName);
