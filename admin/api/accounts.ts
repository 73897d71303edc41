import { useMutation, useQuery, useQueryClient, type QueryClient } from './query';
import { useCommunityApi, type CommunityApi } from './client';
import { queryKeys } from './queryKeys';
import type { AccountInput, AccountUpdate, SocialAccount } from './types';

export function useAccounts() {
  const api = useCommunityApi();
  return useQuery({
    queryKey: queryKeys.accounts(),
    queryFn: ({ signal }) => api.accounts.list(signal),
  });
}

export function usePluginStatus() {
  const api = useCommunityApi();
  return useQuery({
    queryKey: queryKeys.status(),
    queryFn: ({ signal }) => api.status(signal),
    // Someone may set the key and restart the server while the page is open.
    refetchOnWindowFocus: true,
  });
}

/** Puts the server's fresh copy of one account in the list, then lets the list and lines refetch. */
function storeAccount(queryClient: QueryClient, account: SocialAccount) {
  queryClient.setQueryData<SocialAccount[]>(queryKeys.accounts(), (accounts) => {
    if (!accounts) return accounts;
    const index = accounts.findIndex((item) => item.documentId === account.documentId);
    return index === -1 ? [...accounts, account] : accounts.map((item, i) => (i === index ? account : item));
  });
  void queryClient.invalidateQueries({ queryKey: queryKeys.accounts() });
  // Editorial lines count their accounts.
  void queryClient.invalidateQueries({ queryKey: queryKeys.editorialLines() });
}

/** A change to one account: the server answers with the account as it now is. */
function useAccountMutation<TVariables>(change: (api: CommunityApi, variables: TVariables) => Promise<SocialAccount>) {
  const api = useCommunityApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: TVariables) => change(api, variables),
    onSuccess: (account) => storeAccount(queryClient, account),
  });
}

export const useCreateAccount = () => useAccountMutation((api, input: AccountInput) => api.accounts.create(input));

export const useUpdateAccount = () =>
  useAccountMutation((api, { documentId, update }: { documentId: string; update: AccountUpdate }) =>
    api.accounts.update(documentId, update)
  );

/** Asks the network again; the answer carries the fresh status and its reason. */
export const useCheckAccount = () => useAccountMutation((api, documentId: string) => api.accounts.check(documentId));

/** Subscribes the account to its network's real-time updates again; the answer's `realtime` says whether it worked. */
export const useSubscribeAccount = () => useAccountMutation((api, documentId: string) => api.accounts.subscribe(documentId));

export function useDeleteAccount() {
  const api = useCommunityApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (documentId: string) => api.accounts.remove(documentId),
    onSuccess: ({ documentId }) => {
      queryClient.setQueryData<SocialAccount[]>(queryKeys.accounts(), (accounts) =>
        accounts?.filter((account) => account.documentId !== documentId)
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.accounts() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.editorialLines() });
    },
  });
}
