/**
 * Publications as the database holds them and as the admin API shows them.
 * No import from Node: the admin reads these types and the state lists.
 */
import { httpUrlOrNull } from '../../shared/core/safe-url';

export const PUBLICATION_STATES = [
  'scheduled',
  'held',
  'claimed',
  'publishing',
  'published',
  'failed',
  'unknown',
  'missed',
  'cancelled',
] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/** States a person must look at: the publishing page's "needs you" list and the menu badge. */
export const NEEDS_A_PERSON: readonly PublicationState[] = ['failed', 'unknown', 'missed', 'held'];
/** States the scheduler may still move without anyone's help. */
export const PENDING: readonly PublicationState[] = ['scheduled', 'claimed', 'publishing'];

export interface HistoryEntry {
  at: string;
  event: string;
  from?: PublicationState;
  to?: PublicationState;
  attempt?: number;
  attemptId?: string;
  code?: string;
  message?: string;
  by?: string;
}

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

export interface Publication {
  documentId: string;
  planDocumentId: string;
  accountDocumentId: string;
  network: string | null;
  state: PublicationState;
  dueAt: string | null;
  nextAttemptAt: string | null;
  attempts: number;
  externalId: string | null;
  externalUrl: string | null;
  error: { code: string; message: string } | null;
  publishedAt: string | null;
  history: HistoryEntry[];
}

/** biginteger columns come back as strings on PostgreSQL and MariaDB */
export const ms = (value: string | number | null | undefined): number | null =>
  value === null || value === undefined || value === '' ? null : Number(value);

const iso = (value: string | number | null | undefined) => {
  const n = ms(value);
  return n === null ? null : new Date(n).toISOString();
};

const errorOf = (row: Pick<PublicationRow, 'errorCode' | 'lastError'>) =>
  row.errorCode ? { code: row.errorCode, message: row.lastError ?? '' } : null;

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

/** A publication with its plan's title and its account, as the admin lists it. */
export interface PublicationView extends Publication {
  plan: { documentId: string; title: string } | null;
  account: { documentId: string; name: string; network: string; handle: string | null; status: string } | null;
}

/**
 * One publication as the calendar, the composer and an article's panel show
 * it: where it went, how it went, and the live post. No history, no attempt or
 * lease detail, nothing of the account but its name.
 */
export interface PublicationOutcome {
  documentId: string;
  accountDocumentId: string;
  network: string | null;
  accountName: string | null;
  state: PublicationState;
  /** the live post on the network: http(s) only, else null */
  url: string | null;
  error: { code: string; message: string } | null;
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

/** A published publication's live post, as the calendar links to it. */
export interface LiveLink {
  accountDocumentId: string;
  network: string;
  url: string;
}

export const rowOutcome = (row: OutcomeRow, accountName: string | null) => toOutcome({ ...row, error: errorOf(row) }, accountName);

export interface PauseState {
  paused: boolean;
  since: string | null;
  by: string | null;
  reason: string | null;
}
