import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../../shared/core/permissions';
import { can, profileOf } from '../../../shared/networks';
import type { PickerUnavailable } from '../../../shared/accounts/picker';
import { queryKeys } from '../../api/queryKeys';
import { useMutation, useQuery, useQueryClient } from '../../api/query';

/**
 * The page pickers' routes (docs/networks/linkedin.md and meta.md, "Page
 * picker"), read the same way for every network that has one: no token ever
 * comes back.
 */
export type PickerNetwork = string;

/** One page of the sign-in, whichever network: `key` is what the network's route takes (a URN, a page id). */
export interface PageChoice {
  key: string;
  name: string;
  /** shown beside the name (LinkedIn's vanity name) */
  detail: string | null;
  accountId: string | null;
  /** why it cannot be connected now (its details did not load); null when it can */
  unavailable: PickerUnavailable | null;
}

export interface PagesAnswer {
  accountId: string;
  pages: PageChoice[];
}

/** What a picker route answers (shared/networks/<network>.pages.ts), in the fields its profile names. */
interface RawPagesAnswer {
  accountId: string;
  pages: Array<Record<string, unknown> & { name: string; accountId: string | null; unavailable?: PickerUnavailable }>;
}

const ruleOf = (network: string) => (can(network, 'pagePicker') ? profileOf(network)?.pages : undefined);

export const isPickerNetwork = (network: string): boolean => ruleOf(network) !== undefined;

const path = (network: PickerNetwork, accountId: string) => `/${PLUGIN_ID}/${network}/accounts/${encodeURIComponent(accountId)}/pages`;
const key = (network: PickerNetwork, accountId: string) => [PLUGIN_ID, 'network-pages', network, accountId] as const;

function choicesOf(network: string, answer: RawPagesAnswer): PagesAnswer {
  const rule = ruleOf(network)!;
  return {
    accountId: answer.accountId,
    pages: answer.pages.map((p) => ({
      key: String(p[rule.key]),
      name: p.name,
      detail: rule.detail ? ((p[rule.detail] as string | null | undefined) ?? null) : null,
      accountId: p.accountId,
      unavailable: p.unavailable ?? null,
    })),
  };
}

function usePagesApi(network: PickerNetwork) {
  const client = useFetchClient();
  return React.useMemo(
    () => ({
      list: async (accountId: string, signal?: AbortSignal): Promise<PagesAnswer> =>
        choicesOf(network, (await client.get<{ data: RawPagesAnswer }>(path(network, accountId), { signal })).data.data),
      connect: async (accountId: string, keys: string[]): Promise<PagesAnswer> =>
        choicesOf(
          network,
          (await client.post<{ data: RawPagesAnswer }>(path(network, accountId), { [ruleOf(network)!.body]: keys })).data.data
        ),
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
