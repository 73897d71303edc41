import { PLUGIN_ID } from '../../shared/core/permissions';
import type { LintInput } from './types';

/** One place for cache keys, so a mutation invalidates exactly what it changed. */
export const queryKeys = {
  all: [PLUGIN_ID] as const,
  editorialLines: () => [PLUGIN_ID, 'editorial-lines'] as const,
  editorialLine: (documentId: string) => [PLUGIN_ID, 'editorial-lines', documentId] as const,
  lint: (input: LintInput) => [PLUGIN_ID, 'lint', input] as const,
  accounts: () => [PLUGIN_ID, 'accounts'] as const,
  status: () => [PLUGIN_ID, 'status'] as const,
  settings: () => [PLUGIN_ID, 'settings'] as const,
  siteContentTypes: () => [PLUGIN_ID, 'settings', 'content-types'] as const,
  entryPosts: (uid: string, documentId: string) => [PLUGIN_ID, 'entries', uid, documentId, 'posts'] as const,
  calendar: () => [PLUGIN_ID, 'calendar'] as const,
  calendarEvents: (query: object) => [PLUGIN_ID, 'calendar', 'events', query] as const,
  calendarSummary: (query: object) => [PLUGIN_ID, 'calendar', 'summary', query] as const,
  calendarFeed: () => [PLUGIN_ID, 'calendar-feed'] as const,
  /** under `publishing`: every publishing action refreshes it too */
  planPublications: (planDocumentId: string) => [PLUGIN_ID, 'publishing', 'plan', planDocumentId] as const,
};
