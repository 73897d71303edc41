import { PLUGIN_ID } from '../../server/core/permissions';
import type { LintInput } from './types';

/** One place for cache keys, so a mutation invalidates exactly what it changed. */
export const queryKeys = {
  all: [PLUGIN_ID] as const,
  editorialLines: () => [PLUGIN_ID, 'editorial-lines'] as const,
  editorialLine: (documentId: string) => [PLUGIN_ID, 'editorial-lines', documentId] as const,
  lint: (input: LintInput) => [PLUGIN_ID, 'lint', input] as const,
  accounts: () => [PLUGIN_ID, 'accounts'] as const,
  status: () => [PLUGIN_ID, 'status'] as const,
};
