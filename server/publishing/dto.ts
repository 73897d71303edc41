/**
 * Publications as the database holds them and as the admin API shows them.
 * No import from Node: the admin reads these types and the state lists.
 */
export const PUBLICATION_STATES = ['scheduled', 'held', 'claimed', 'publishing', 'published', 'failed', 'unknown', 'missed', 'cancelled'] as const;
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
    externalUrl: row.externalUrl,
    error: row.errorCode ? { code: row.errorCode, message: row.lastError ?? '' } : null,
    publishedAt: iso(row.publishedMs),
    history: Array.isArray(row.history) ? row.history : [],
  };
}

/** A publication with its plan's title and its account, as the admin lists it. */
export interface PublicationView extends Publication {
  plan: { documentId: string; title: string } | null;
  account: { documentId: string; name: string; network: string; handle: string | null; status: string } | null;
}

export interface PauseState {
  paused: boolean;
  since: string | null;
  by: string | null;
  reason: string | null;
}
