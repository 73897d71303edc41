import * as React from 'react';
import { useMutation, useQuery, useQueryClient } from './query';
import { useFetchClient, type FetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../shared/core/permissions';
import type { z } from 'zod';
import type { EntryPanelConfig, EntryPost, EntryPrefill, shareTimelineInput, ShareTimelineResult } from '../../shared/entries/contract';
import { queryKeys } from './queryKeys';

export type { EntryPanelConfig, EntryPost, EntryPrefill };

export type ShareTimelineInput = z.input<typeof shareTimelineInput>;

export type { ShareTimelineResult };

const BASE = `/${PLUGIN_ID}/entries`;
const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** The entries routes of docs/api.md ("Next to the articles"); `config` is asked by the panel itself (SocialPostsPanel.tsx). */
export function createEntriesApi(client: FetchClient) {
  const get = async <T>(url: string, signal?: AbortSignal) => (await client.get<{ data: T }>(url, { signal })).data.data;
  return {
    prefill: (uid: string, documentId: string, signal?: AbortSignal) =>
      get<EntryPrefill>(`${BASE}/prefill?${query({ uid, documentId })}`, signal),
    posts: (uid: string, documentId: string, signal?: AbortSignal) =>
      get<EntryPost[]>(`${BASE}/posts?${query({ uid, documentId })}`, signal),
    shareTimeline: async (input: ShareTimelineInput) =>
      (await client.post<{ data: ShareTimelineResult }>(`${BASE}/share-timeline`, input)).data.data,
  };
}

export function useEntriesApi() {
  const client = useFetchClient();
  return React.useMemo(() => createEntriesApi(client), [client]);
}

export function useEntryPosts(uid: string, documentId: string) {
  const api = useEntriesApi();
  return useQuery({ queryKey: queryKeys.entryPosts(uid, documentId), queryFn: ({ signal }) => api.posts(uid, documentId, signal) });
}

export function useShareTimeline() {
  const api = useEntriesApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ShareTimelineInput) => api.shareTimeline(input),
    onSuccess: (_, input) => queryClient.invalidateQueries({ queryKey: queryKeys.entryPosts(input.uid, input.documentId) }),
  });
}
