import type { Network } from '../../shared/linter';
import type { PostOrigin, PostPlan } from '../planning/dto';
import type { PublicationOutcome } from '../publishing/dto';

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

export function toEntryPost(plan: PostPlan, publications: PublicationOutcome[]): EntryPost {
  return {
    documentId: plan.documentId,
    title: plan.title,
    status: plan.status,
    origin: plan.origin,
    scheduledAt: plan.scheduledAt,
    timezone: plan.timezone,
    localTime: plan.localTime,
    networks: [...new Set(plan.accounts.map((a) => a.network))],
    accounts: plan.accounts.map(({ documentId, name, network }) => ({ documentId, name, network })),
    createdAt: plan.createdAt,
    publications,
  };
}
