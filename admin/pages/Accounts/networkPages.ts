import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../../shared/core/permissions';
import type { LinkedInPagesAnswer } from '../../../shared/networks/linkedin.pages';
import type { FacebookPagesAnswer } from '../../../shared/networks/facebook.pages';
import { queryKeys } from '../../api/queryKeys';
import { useMutation, useQuery, useQueryClient } from '../../api/query';

/**
 * The page pickers' routes (docs/networks/linkedin.md and meta.md, "Page
 * picker"), read the same way for every network that has one: no token ever
 * comes back.
 */
export type PickerNetwork = 'linkedin' | 'facebook';

/** One page of the sign-in, whichever network: `key` is what the network's route takes (a URN, a page id). */
export interface PageChoice {
  key: string;
  name: string;
  /** shown beside the name (LinkedIn's vanity name) */
  detail: string | null;
  accountId: string | null;
}

export interface PagesAnswer {
  accountId: string;
  pages: PageChoice[];
}

export const isPickerNetwork = (network: string): network is PickerNetwork => network === 'linkedin' || network === 'facebook';

const path = (network: PickerNetwork, accountId: string) => `/${PLUGIN_ID}/${network}/accounts/${encodeURIComponent(accountId)}/pages`;
const key = (network: PickerNetwork, accountId: string) => [PLUGIN_ID, 'network-pages', network, accountId] as const;

const fromLinkedIn = (answer: LinkedInPagesAnswer): PagesAnswer => ({
  accountId: answer.accountId,
  pages: answer.pages.map((p) => ({ key: p.urn, name: p.name, detail: p.vanityName, accountId: p.accountId })),
});
const fromFacebook = (answer: FacebookPagesAnswer): PagesAnswer => ({
  accountId: answer.accountId,
  pages: answer.pages.map((p) => ({ key: p.id, name: p.name, detail: null, accountId: p.accountId })),
});

function usePagesApi(network: PickerNetwork) {
  const client = useFetchClient();
  return React.useMemo(
    () => ({
      list: async (accountId: string, signal?: AbortSignal): Promise<PagesAnswer> =>
        network === 'linkedin'
          ? fromLinkedIn((await client.get<{ data: LinkedInPagesAnswer }>(path(network, accountId), { signal })).data.data)
          : fromFacebook((await client.get<{ data: FacebookPagesAnswer }>(path(network, accountId), { signal })).data.data),
      connect: async (accountId: string, keys: string[]): Promise<PagesAnswer> =>
        network === 'linkedin'
          ? fromLinkedIn((await client.post<{ data: LinkedInPagesAnswer }>(path(network, accountId), { urns: keys })).data.data)
          : fromFacebook((await client.post<{ data: FacebookPagesAnswer }>(path(network, accountId), { ids: keys })).data.data),
    }),
    [client, network]
  );
}

/** The pages of a sign-in, read from the network when asked (never cached long: a role may have changed). */
export function useNetworkPages(network: PickerNetwork, accountId: string | null) {
  const api = usePagesApi(network);
  return useQuery({
    queryKey: key(network, accountId ?? ''),
    queryFn: ({ signal }) => api.list(accountId!, signal),
    enabled: accountId !== null,
    staleTime: 0,
    retry: false,
  });
}

/** Connects the pages named (or renews those connected already, with the sign-in's fresh tokens). */
export function useConnectNetworkPages(network: PickerNetwork, accountId: string) {
  const api = usePagesApi(network);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keys: string[]) => api.connect(accountId, keys),
    onSuccess: (answer) => {
      queryClient.setQueryData(key(network, accountId), answer);
      void queryClient.invalidateQueries({ queryKey: queryKeys.accounts() });
    },
  });
}
