import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema';
import { isValidTimeZone } from '../planning/time';
import type { Network } from '../networks/rules';
import type { PostOrigin, PostPlan } from '../planning/contract';
import type { PublicationOutcome } from '../publishing/contract';
import { documentIdParam as documentId, contentTypeUid } from '../core/zod';
import { m } from '../core/messages';

export const configQuery = lazySchema(() => z.object({ uid: contentTypeUid }));

export const entryQuery = lazySchema(() => z.object({ uid: contentTypeUid, documentId }));

export const MAX_TIMELINE_STEPS = 10;

export const shareTimelineInput = lazySchema(() =>
  z.strictObject({
    uid: contentTypeUid,
    documentId,
    accountIds: z.array(documentId).min(1, m('timeline_accounts_required')).max(20, m('too_many')),
    /** days after today, in the editor's zone: 0 is today */
    offsets: z
      .array(z.number().int(m('not_whole_number')).min(0, m('timeline_day_negative')).max(365, m('timeline_days_ahead')))
      .min(1, m('timeline_days_required'))
      .max(MAX_TIMELINE_STEPS, m('too_many')),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, m('time_of_day')),
    timezone: z
      .string()
      .max(64, m('too_long'))
      .refine(isValidTimeZone, { message: m('time_zone') }),
  })
);

export type ShareTimelineInput = z.infer<typeof shareTimelineInput>;

/** What the article panel needs to decide whether it shows: nothing else of the settings. */
export interface EntryPanelConfig {
  enabled: boolean;
  autoShare: boolean;
  /** the accounts a share timeline can target (no credentials, no status detail) */
  accounts: Array<{ documentId: string; name: string; network: Network }>;
}

export interface PrefillMedia {
  id: number;
  url: string;
  name: string;
  mime: string;
  alternativeText: string | null;
}

/** The composer's starting point for a post about one entry. */
export interface EntryPrefill {
  title: string;
  body: string;
  link: string | null;
  excerpt: string;
  entry: { uid: string; documentId: string; title: string };
  media: PrefillMedia[];
}

/** One line of the panel's "Social posts" list. */
export interface EntryPost {
  documentId: string;
  title: string;
  status: PostPlan['status'];
  origin: PostOrigin;
  scheduledAt: string | null;
  timezone: string | null;
  localTime: string | null;
  networks: Network[];
  accounts: Array<{ documentId: string; name: string; network: Network }>;
  createdAt: string;
  /** one per account the post was scheduled to: its state, the live post's address, or why it failed */
  publications: PublicationOutcome[];
}

/** `POST /entries/share-timeline`: the drafts made, and the steps moved off a missing local time. */
export interface ShareTimelineResult {
  results: EntryPost[];
  shifted: Array<{ offset: number; local: string }>;
}
