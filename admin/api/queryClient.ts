import { QueryClient } from './query';

/**
 * The plugin's own cache (admin/api/query.ts). Strapi's admin bundles a
 * react-query (v3) for its own pages; sharing it would tie the plugin to
 * Strapi's internals.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    // 4xx answers (missing line, no permission) will not change by asking again.
    retry: (failureCount, error) => {
      const status = (error as { status?: unknown }).status;
      return typeof status === 'number' && status >= 400 && status < 500 ? false : failureCount < 2;
    },
    staleTime: 10_000,
  });
}
