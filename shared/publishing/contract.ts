import { z } from 'zod';
import { documentIdParam } from '../core/zod';
import type { PublicationState } from './states';

export const pauseInput = z
  .object({
    paused: z.boolean(),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();

export const markPublishedInput = z
  .object({
    url: z
      .string()
      .trim()
      .max(2048)
      .url('Must be the address of the live post')
      .refine(
        (u) => /^https?:\/\/[^/@\s]+\.[^/@\s]+/i.test(u),
        'Must be an http or https address with a host name, without a user name or password'
      ),
  })
  .strict();

export const planQuery = z.object({ planDocumentId: documentIdParam });

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

/** A published publication's live post, as the calendar links to it. */
export interface LiveLink {
  accountDocumentId: string;
  network: string;
  url: string;
}

export interface PauseState {
  paused: boolean;
  since: string | null;
  by: string | null;
  reason: string | null;
}

/** `GET /publishing/overview`: the publishing page in one answer. */
export interface PublishingOverview {
  now: string;
  pause: PauseState;
  counts: Record<string, number>;
  queue: PublicationView[];
  inFlight: PublicationView[];
  needsPerson: PublicationView[];
  accountsNeedingReauth: Array<{ documentId: string; name: string; network: string; statusReason: string | null }>;
  badge: number;
}
