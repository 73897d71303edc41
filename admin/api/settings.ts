import * as React from 'react';
import { useMutation, useQuery, useQueryClient } from './query';
import { useFetchClient, type FetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../shared/core/permissions';
import type {
  PluginSettings,
  ContentTypeSettings,
  AutoShareSettings,
  ContentTypeInfo,
  AttributeInfo,
} from '../../shared/settings/contract';
import { queryKeys } from './queryKeys';

export type { PluginSettings, ContentTypeSettings, AutoShareSettings, ContentTypeInfo, AttributeInfo };

const BASE = `/${PLUGIN_ID}/settings`;

export function createSettingsApi(client: FetchClient) {
  return {
    get: async (signal?: AbortSignal) => (await client.get<{ data: PluginSettings }>(BASE, { signal })).data.data,
    contentTypes: async (signal?: AbortSignal) =>
      (await client.get<{ data: ContentTypeInfo[] }>(`${BASE}/content-types`, { signal })).data.data,
    update: async (settings: PluginSettings) => (await client.put<{ data: PluginSettings }>(BASE, settings)).data.data,
    managementRole: async () =>
      (await client.post<{ data: { id: number; name: string; created: boolean; actions: string[] } }>(`${BASE}/management-role`, {})).data
        .data,
  };
}

function useSettingsApi() {
  const client = useFetchClient();
  return React.useMemo(() => createSettingsApi(client), [client]);
}

export function useSettings() {
  const api = useSettingsApi();
  return useQuery({ queryKey: queryKeys.settings(), queryFn: ({ signal }) => api.get(signal) });
}

export function useSiteContentTypes() {
  const api = useSettingsApi();
  return useQuery({ queryKey: queryKeys.siteContentTypes(), queryFn: ({ signal }) => api.contentTypes(signal) });
}

export function useUpdateSettings() {
  const api = useSettingsApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: PluginSettings) => api.update(settings),
    onSuccess: (settings) => queryClient.setQueryData(queryKeys.settings(), settings),
  });
}

/** Makes the read-only Management role (or sets it back to read-only): docs/reports.md, "Management role". */
export function useManagementRole() {
  const api = useSettingsApi();
  return useMutation({ mutationFn: () => api.managementRole() });
}
