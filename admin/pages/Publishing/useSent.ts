import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../../shared/core/permissions';
import type { SentPage, SentQuery } from '../../../shared/publishing/contract';
import { keepPreviousData, useQuery } from '../../api/query';

export type { SentPage, SentQuery };

/**
 * The Sent history, a page at a time (docs/api.md, `GET /publishing/sent`).
 * Its key sits under the publishing keys, so an action on the page (mark as
 * published) refreshes it with the rest.
 */
export function useSent(query: SentQuery) {
  const client = useFetchClient();
  const search = React.useMemo(() => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
    return params.toString();
  }, [query]);
  return useQuery({
    queryKey: [PLUGIN_ID, 'publishing', 'sent', search] as const,
    queryFn: async ({ signal }) => (await client.get<{ data: SentPage }>(`/${PLUGIN_ID}/publishing/sent?${search}`, { signal })).data.data,
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}
