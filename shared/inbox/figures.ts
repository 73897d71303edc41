import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema';
import { documentIdParam as documentId } from '../core/zod';
import { m } from '../core/messages';
import type { SentimentLabel } from './sentiment';

/**
 * The inbox's figures for the KPI reports (`GET /inbox/figures`), the menu
 * badge (`GET /inbox/badge`) and the replies a post received
 * (`GET /inbox/reply-counts`): requests and answers.
 */

/** The longest period one figures request covers. */
export const FIGURES_MAX_DAYS = 366;

export const figuresQuery = lazySchema(() =>
  z
    .object({
      from: z.iso.datetime({ offset: true }),
      to: z.iso.datetime({ offset: true }),
    })
    .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: m('period_order'), path: ['to'] })
    .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= FIGURES_MAX_DAYS * 86_400_000, {
      message: m('period_too_long'),
      path: ['to'],
    })
);
export type FiguresQuery = z.infer<typeof figuresQuery>;

export const replyCountsQuery = lazySchema(() =>
  z.object({
    /** comma-separated post plan documentIds */
    plans: z
      .string()
      .transform((s) => [
        ...new Set(
          s
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean)
        ),
      ])
      .pipe(z.array(documentId).min(1, m('too_few')).max(100, m('too_many'))),
  })
);

/** First-response times in milliseconds: median and 90th percentile (nearest rank), null with none. */
export interface ResponseTimes {
  responded: number;
  medianMs: number | null;
  p90Ms: number | null;
}

export interface SourceFigures extends ResponseTimes {
  source: string;
  network: string;
  name: string;
  /** items received in the period */
  volume: number;
  sentiment: Record<SentimentLabel, { count: number; share: number }>;
  /**
   * the items a person gave a sentiment label (`count`), and those whose label differs from the computed one
   * (`changed`): changed ÷ count is how often the team disagreed with the scorer (docs/moderation.md)
   */
  sentimentOverrides: { count: number; changed: number };
}

export interface MemberFigures extends ResponseTimes {
  userId: number;
  name: string;
  /** items of the period assigned to this person now */
  assigned: number;
  /** replies this person sent to the period's items */
  replies: number;
}

export interface InboxFigures {
  from: string;
  to: string;
  total: SourceFigures;
  sources: SourceFigures[];
  members: MemberFigures[];
}

export interface InboxBadge {
  /** new items plus the items assigned to the person asking */
  count: number;
  new: number;
  mine: number;
}
