import type { PostPlan } from '../planning/dto';
import type { PublicationOutcome } from '../publishing/dto';
import type { EntryPanelConfig, PrefillMedia, EntryPrefill, EntryPost } from '../../shared/entries/contract';
export type { EntryPanelConfig, PrefillMedia, EntryPrefill, EntryPost };

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
