import * as React from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from './query';
import { useFetchClient, type FetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../shared/core/permissions';
import type { z } from 'zod';
import type {
  alertInput,
  FeedPreview,
  itemsQuery,
  FetchOutcome,
  ItemsPage,
  sourceInput,
  WatchAlert,
  WatchItem,
  WatchSource,
} from '../../shared/watch/contract';
import type { DiscoveredFeed } from '../../shared/watch/discovery';

export type { FeedPreview, FetchOutcome, WatchAlert, WatchItem, WatchSource, DiscoveredFeed };
export type ItemState = WatchItem['state'];
export type SettableState = Exclude<ItemState, 'curated'>;

/** What a client sends (docs/api.md, "Watch"). */
/** The source form always sends its lists and interval, so they are required here. */
export type SourceInput = z.input<typeof sourceInput> & Pick<z.output<typeof sourceInput>, 'tags' | 'keywords' | 'intervalMinutes'>;

export type AlertInput = z.input<typeof alertInput>;

/** The items list's filters, sent as a query string: the page numbers and the sort are always set. */
export type ItemsFilter = Omit<z.input<typeof itemsQuery>, 'page' | 'pageSize' | 'sort'> &
  Pick<z.output<typeof itemsQuery>, 'page' | 'pageSize' | 'sort'>;

export type { ItemsPage };

interface Envelope<T> {
  data: T;
}

const BASE = `/${PLUGIN_ID}/watch`;
const query = (filter: object) =>
  new URLSearchParams(
    Object.entries(filter)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)])
  ).toString();

/** The watch's admin API, one typed function per route. */
export function createWatchApi(client: FetchClient) {
  const get = async <T>(url: string, signal?: AbortSignal) => (await client.get<Envelope<T>>(url, { signal })).data.data;
  const post = async <T>(url: string, body: unknown = {}) => (await client.post<Envelope<T>>(url, body)).data.data;
  const put = async <T>(url: string, body: unknown) => (await client.put<Envelope<T>>(url, body)).data.data;
  const del = async <T>(url: string) => (await client.del<Envelope<T>>(url)).data.data;
  const id = encodeURIComponent;
  return {
    sources: {
      list: (signal?: AbortSignal) => get<WatchSource[]>(`${BASE}/sources`, signal),
      create: (input: SourceInput) => post<WatchSource>(`${BASE}/sources`, input),
      update: (documentId: string, input: Partial<SourceInput>) => put<WatchSource>(`${BASE}/sources/${id(documentId)}`, input),
      remove: (documentId: string, keepItems: boolean) =>
        del<{ documentId: string }>(`${BASE}/sources/${id(documentId)}?keepItems=${keepItems}`),
      pause: (documentId: string) => post<WatchSource>(`${BASE}/sources/${id(documentId)}/pause`),
      resume: (documentId: string) => post<WatchSource>(`${BASE}/sources/${id(documentId)}/resume`),
      fetch: (documentId: string) => post<FetchOutcome>(`${BASE}/sources/${id(documentId)}/fetch`),
      test: (url: string) => post<FeedPreview>(`${BASE}/sources/test`, { url }),
      discover: (url: string) => post<{ feeds: DiscoveredFeed[] }>(`${BASE}/discover`, { url }),
      importOpml: (opml: string, intervalMinutes: number) =>
        post<{ created: number; skipped: Array<{ url: string; reason: string }> }>(`${BASE}/opml/import`, { opml, intervalMinutes }),
      exportOpml: () => get<{ opml: string; count: number }>(`${BASE}/opml/export`),
    },
    items: {
      list: (filter: ItemsFilter, signal?: AbortSignal) => get<ItemsPage>(`${BASE}/items?${query(filter)}`, signal),
      setState: (documentId: string, state: SettableState) => post<WatchItem>(`${BASE}/items/${id(documentId)}/state`, { state }),
      bulk: (ids: string[], state: SettableState) => post<{ updated: number }>(`${BASE}/items/bulk`, { ids, state }),
      curate: (documentId: string, commentary?: string) =>
        post<{ item: WatchItem; postPlan: { documentId: string; title: string; status: string } }>(
          `${BASE}/items/${id(documentId)}/curate`,
          commentary ? { commentary } : {}
        ),
    },
    alerts: {
      list: (signal?: AbortSignal) => get<WatchAlert[]>(`${BASE}/alerts`, signal),
      create: (input: AlertInput) => post<WatchAlert>(`${BASE}/alerts`, input),
      remove: (documentId: string) => del<{ documentId: string }>(`${BASE}/alerts/${id(documentId)}`),
      count: (signal?: AbortSignal) => get<{ count: number }>(`${BASE}/alerts/count`, signal),
    },
  };
}

export type WatchApi = ReturnType<typeof createWatchApi>;

export function useWatchApi(): WatchApi {
  const client = useFetchClient();
  return React.useMemo(() => createWatchApi(client), [client]);
}

export const watchKeys = {
  all: [PLUGIN_ID, 'watch'] as const,
  sources: () => [PLUGIN_ID, 'watch', 'sources'] as const,
  items: (filter: ItemsFilter) => [PLUGIN_ID, 'watch', 'items', filter] as const,
  alerts: () => [PLUGIN_ID, 'watch', 'alerts'] as const,
  alertCount: () => [PLUGIN_ID, 'watch', 'alert-count'] as const,
};

export function useSources() {
  const api = useWatchApi();
  return useQuery({ queryKey: watchKeys.sources(), queryFn: ({ signal }) => api.sources.list(signal) });
}

export function useItems(filter: ItemsFilter) {
  const api = useWatchApi();
  return useQuery({
    queryKey: watchKeys.items(filter),
    queryFn: ({ signal }) => api.items.list(filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAlerts() {
  const api = useWatchApi();
  return useQuery({ queryKey: watchKeys.alerts(), queryFn: ({ signal }) => api.alerts.list(signal) });
}

export function useAlertCount() {
  const api = useWatchApi();
  return useQuery({ queryKey: watchKeys.alertCount(), queryFn: ({ signal }) => api.alerts.count(signal), refetchInterval: 60_000 });
}

/** Any change in the watch may move counts, lists and badges: refresh all of it. */
export function useWatchMutation<TVariables, TResult>(change: (api: WatchApi, variables: TVariables) => Promise<TResult>) {
  const api = useWatchApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: TVariables) => change(api, variables),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: watchKeys.all }),
  });
}
