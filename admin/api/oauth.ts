import * as React from 'react';
import { useMutation, useQuery, useQueryClient } from './query';
import { useFetchClient, type FetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../shared/core/permissions';

import type { AppInput, AuthorizeInput, OAuthApp } from '../../shared/oauth/contract';

/** The OAuth routes of docs/api.md ("Sign in with OAuth"); no token or secret ever comes back. */
export type { OAuthApp };
export type OAuthAppInput = AppInput;

const BASE = `/${PLUGIN_ID}/oauth`;
const KEYS = {
  networks: ['community-manager', 'oauth', 'networks'] as const,
  apps: ['community-manager', 'oauth', 'apps'] as const,
};

export function createOAuthApi(client: FetchClient) {
  return {
    networks: async (signal?: AbortSignal) =>
      // `signIn`: a network's further sign-in (`instagram-login`), authorized in place of the network.
      (await client.get<{ data: Array<{ network: string; signIn?: string }> }>(`${BASE}/networks`, { signal })).data.data,
    apps: async (signal?: AbortSignal) => (await client.get<{ data: OAuthApp[] }>(`${BASE}/apps`, { signal })).data.data,
    saveApp: async (network: string, input: OAuthAppInput) =>
      (await client.put<{ data: OAuthApp }>(`${BASE}/apps/${encodeURIComponent(network)}`, input)).data.data,
    authorize: async (network: string, input: AuthorizeInput) =>
      (await client.post<{ data: { url: string } }>(`${BASE}/${encodeURIComponent(network)}/authorize`, input)).data.data,
  };
}

function useOAuthApi() {
  const client = useFetchClient();
  return React.useMemo(() => createOAuthApi(client), [client]);
}

export function useOAuthNetworks() {
  const api = useOAuthApi();
  return useQuery({ queryKey: KEYS.networks, queryFn: ({ signal }) => api.networks(signal) });
}

export function useOAuthApps() {
  const api = useOAuthApi();
  return useQuery({ queryKey: KEYS.apps, queryFn: ({ signal }) => api.apps(signal) });
}

export function useSaveOAuthApp() {
  const api = useOAuthApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ network, input }: { network: string; input: OAuthAppInput }) => api.saveApp(network, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['community-manager', 'oauth'] }),
  });
}

export function useAuthorize() {
  const api = useOAuthApi();
  return useMutation({
    mutationFn: ({ network, input }: { network: string; input: AuthorizeInput }) => api.authorize(network, input),
  });
}
