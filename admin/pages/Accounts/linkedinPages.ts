import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../../shared/core/permissions';
import type { ConnectPagesInput, LinkedInPagesAnswer } from '../../../shared/networks/linkedin.pages';
import { queryKeys } from '../../api/queryKeys';
import { useMutation, useQuery, useQueryClient } from '../../api/query';

/** The LinkedIn page picker's routes (docs/networks/linkedin.md, "Page picker"): no token ever comes back. */
const path = (accountId: string) => `/${PLUGIN_ID}/linkedin/accounts/${encodeURIComponent(accountId)}/pages`;
const key = (accountId: string) => [PLUGIN_ID, 'linkedin-pages', accountId] as const;

function usePagesApi() {
  const client = useFetchClient();
  return React.useMemo(
    () => ({
      list: async (accountId: string, signal?: AbortSignal) =>
        (await client.get<{ data: LinkedInPagesAnswer }>(path(accountId), { signal })).data.data,
      connect: async (accountId: string, input: ConnectPagesInput) =>
        (await client.post<{ data: LinkedInPagesAnswer }>(path(accountId), input)).data.data,
    }),
    [client]
  );
}

/** The pages of a sign-in, read from LinkedIn when asked (never cached long: a role may have changed). */
export function useLinkedInPages(accountId: string | null) {
  const api = usePagesApi();
  return useQuery({
    queryKey: key(accountId ?? ''),
    queryFn: ({ signal }) => api.list(accountId!, signal),
    enabled: accountId !== null,
    staleTime: 0,
    retry: false,
  });
}

export function useConnectLinkedInPages(accountId: string) {
  const api = usePagesApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (urns: string[]) => api.connect(accountId, { urns }),
    onSuccess: (answer) => {
      queryClient.setQueryData(key(accountId), answer);
      void queryClient.invalidateQueries({ queryKey: queryKeys.accounts() });
    },
  });
}
