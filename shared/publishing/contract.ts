import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema';
import { documentIdParam } from '../core/zod';
import { m } from '../core/messages';
import type { PublicationState } from './states';
import type { MessageParams } from './messages';

export const pauseInput = lazySchema(() =>
  z
    .object({
      paused: z.boolean(),
      reason: z.string().trim().max(500).optional(),
    })
    .strict()
);

export const markPublishedInput = lazySchema(() =>
  z
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
    .strict()
);

export const planQuery = lazySchema(() => z.object({ planDocumentId: documentIdParam }));

/** The composer's question: on the day of `at`, how many posts are left under the daily cap for these accounts. */
export const dailyCapQuery = lazySchema(() =>
  z.object({
    at: z.string().datetime({ offset: true, message: m('iso_date_time') }),
    accountIds: z
      .string()
      .max(2000, m('too_long'))
      .transform((value) => value.split(',').filter(Boolean))
      .pipe(z.array(documentIdParam).min(1, m('required')).max(50, m('too_many'))),
  })
);

export interface DailyCapAnswer {
  /** the UTC day, YYYY-MM-DD */
  day: string;
  /** the capped accounts among those asked (X), with the posts counted on that day */
  accounts: Array<{ accountId: string; cap: number; used: number; remaining: number }>;
}

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
  error: PublicationError | null;
  publishedAt: string | null;
  history: HistoryEntry[];
}

/**
 * Why a publication failed or waits: a stable code with its parameters, which
 * the admin translates (shared/publishing/messages.ts); `message` is the
 * stored English text (logs, API clients), `params` null when only it can be shown.
 */
export interface PublicationError {
  code: string;
  message: string;
  params?: MessageParams | null;
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
  error: PublicationError | null;
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
  /** each with its reason's code and parameters, which the admin translates (shared/accounts/reasons.ts) */
  accountsNeedingReauth: Array<{
    documentId: string;
    name: string;
    network: string;
    statusReason: string | null;
    statusCode: string | null;
    statusParams: Record<string, string | number>;
  }>;
  badge: number;
}

/** `GET /publishing/sent`: the Sent history's filters (dates are instants; the admin turns the user's days into them). */
export const sentQuery = lazySchema(() =>
  z
    .object({
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(100).default(20),
      accountDocumentId: documentIdParam.optional(),
      network: z
        .string()
        .regex(/^[a-z][a-z0-9_-]{0,31}$/)
        .optional(),
      from: z.string().datetime({ offset: true }).optional(),
      to: z.string().datetime({ offset: true }).optional(),
    })
    .strict()
    .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: 'from must not be after to', path: ['from'] })
);
export type SentQuery = z.input<typeof sentQuery>;
export type SentFilters = z.output<typeof sentQuery>;

/** Who or what settled a publication: the scheduler (on the network's answer) or a person, by name. */
export type OutcomeActor = { kind: 'scheduler' } | { kind: 'person'; name: string };

/** One post that went out, as the Sent history lists it. */
export interface SentPublication {
  documentId: string;
  plan: { documentId: string; title: string } | null;
  account: { documentId: string; name: string; network: string; handle: string | null } | null;
  network: string | null;
  publishedAt: string | null;
  /** the live post: http(s) only, else null */
  url: string | null;
  by: OutcomeActor | null;
}

export interface SentPage {
  items: SentPublication[];
  pagination: { page: number; pageSize: number; total: number; pageCount: number };
}

/** What a publication's settling adds to its plan's trail (event `publication`). */
export type PublicationOutcomeKind = 'published' | 'marked_published' | 'failed' | 'missed' | 'unknown' | 'held' | 'cancelled';

export interface PublicationTrailLine {
  /** when the publication settled (its history line's instant) */
  at: string;
  /** the person, when one did it (the id known only to the request that did it) */
  by: { id: number; name: string } | null;
  event: 'publication';
  outcome: PublicationOutcomeKind;
  actor: OutcomeActor;
  publication: {
    documentId: string;
    accountDocumentId: string;
    network: string | null;
    url: string | null;
    error: PublicationError | null;
  };
}
