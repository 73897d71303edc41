import { useFetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../../shared/core/permissions';
import type { PostLabels } from '../../../shared/planning/labels';
import { useQuery } from '../../api/query';

/**
 * Every pillar and campaign some post carries (docs/api.md, `GET /post-plans/labels`),
 * for the filters that offer only what exists. Stale after the client's
 * default ten seconds: back from the composer, a new campaign is offered.
 */
export function usePostLabels() {
  const client = useFetchClient();
  return useQuery({
    queryKey: [PLUGIN_ID, 'post-plans', 'labels'] as const,
    queryFn: async ({ signal }) => (await client.get<{ data: PostLabels }>(`/${PLUGIN_ID}/post-plans/labels`, { signal })).data.data,
  });
}
