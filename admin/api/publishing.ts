import * as React from 'react';
import { useMutation, useQuery, useQueryClient } from './query';
import { useFetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../shared/core/permissions';
import type { DailyCapAnswer, PauseState, PublicationView, PublishingOverview } from '../../shared/publishing/contract';
import { queryKeys } from './queryKeys';

export type { PublicationView };
export type { PauseState };

export type { PublishingOverview };

export type PublicationAction = 'publish-now' | 'retry' | 'cancel';

const BASE = `/${PLUGIN_ID}`;
const keys = {
  overview: () => [PLUGIN_ID, 'publishing', 'overview'] as const,
  badge: () => [PLUGIN_ID, 'publishing', 'badge'] as const,
  dailyCaps: (at: string, accountIds: readonly string[]) => [PLUGIN_ID, 'publishing', 'daily-caps', at, ...accountIds] as const,
};

/** The publishing page's API (docs/api.md, "Publishing"). */
function usePublishingApi() {
  const client = useFetchClient();
  return React.useMemo(
    () => ({
      badge: async (signal?: AbortSignal) =>
        (await client.get<{ data: { count: number } }>(`${BASE}/publishing/badge`, { signal })).data.data,
      dailyCaps: async (at: string, accountIds: readonly string[], signal?: AbortSignal) =>
        (
          await client.get<{ data: DailyCapAnswer }>(
            `${BASE}/publishing/daily-caps?at=${encodeURIComponent(at)}&accountIds=${accountIds.map(encodeURIComponent).join(',')}`,
            { signal }
          )
        ).data.data,
      overview: async (signal?: AbortSignal) =>
        (await client.get<{ data: PublishingOverview }>(`${BASE}/publishing`, { signal })).data.data,
      forPlan: async (planDocumentId: string, signal?: AbortSignal) =>
        (
          await client.get<{ data: PublicationView[] }>(`${BASE}/publications?planDocumentId=${encodeURIComponent(planDocumentId)}`, {
            signal,
          })
        ).data.data,
      act: async (documentId: string, action: PublicationAction) =>
        (await client.post<{ data: PublicationView }>(`${BASE}/publications/${encodeURIComponent(documentId)}/${action}`, {})).data.data,
      markPublished: async (documentId: string, url: string) =>
        (await client.post<{ data: PublicationView }>(`${BASE}/publications/${encodeURIComponent(documentId)}/mark-published`, { url }))
          .data.data,
      pause: async (paused: boolean, reason?: string) =>
        (await client.put<{ data: PauseState }>(`${BASE}/publishing/pause`, { paused, ...(reason ? { reason } : {}) })).data.data,
    }),
    [client]
  );
}

/** Refreshed every 10 s: the queue moves on its own. */
export function usePublishingOverview() {
  const api = usePublishingApi();
  return useQuery({ queryKey: keys.overview(), queryFn: ({ signal }) => api.overview(signal), refetchInterval: 10_000 });
}

/** How many publications and accounts wait for a person (the navigation's badge). */
export function usePublishingBadge() {
  const api = usePublishingApi();
  return useQuery({ queryKey: keys.badge(), queryFn: ({ signal }) => api.badge(signal), refetchInterval: 30_000 });
}

/** Under the composer's date: what is left of the daily cap (X) on that day for the chosen accounts; off without a capped one. */
export function useDailyCaps(at: string | null, accountIds: readonly string[]) {
  const api = usePublishingApi();
  return useQuery({
    queryKey: keys.dailyCaps(at ?? '', accountIds),
    queryFn: ({ signal }) => api.dailyCaps(at!, accountIds, signal),
    enabled: Boolean(at && accountIds.length),
  });
}

/** A plan's publications with their links to the live posts: the composer's (the calendar and the article panel get theirs inside their own answers). */
export function usePlanPublications(planDocumentId: string) {
  const api = usePublishingApi();
  return useQuery({ queryKey: queryKeys.planPublications(planDocumentId), queryFn: ({ signal }) => api.forPlan(planDocumentId, signal) });
}

function useRefreshing<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void queryClient.invalidateQueries({ queryKey: [PLUGIN_ID, 'publishing'] }) });
}

export function usePublicationAction() {
  const api = usePublishingApi();
  return useRefreshing(({ documentId, action }: { documentId: string; action: PublicationAction }) => api.act(documentId, action));
}

export function useMarkPublished() {
  const api = usePublishingApi();
  return useRefreshing(({ documentId, url }: { documentId: string; url: string }) => api.markPublished(documentId, url));
}

export function usePauseAll() {
  const api = usePublishingApi();
  return useRefreshing(({ paused, reason }: { paused: boolean; reason?: string }) => api.pause(paused, reason));
}
