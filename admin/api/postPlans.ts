import * as React from 'react';
import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from './query';
import { useFetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../shared/core/permissions';
import type { z } from 'zod';
import type {
  BulkAction,
  BulkResult,
  ComposerContext,
  LinkPreview,
  LinkPreviewResult,
  listQuery,
  PostComment,
  PostMedia,
  PostPage,
  PostPlan,
  postPlanInput,
  TrailEntry,
} from '../../shared/planning/contract';
import type { EntryPrefill } from '../../shared/entries/contract';
import type { PlanAction, PlanActionName, PostStatus, TransitionName } from '../../shared/planning/workflow';
import { queryKeys } from './queryKeys';

export type { PostComment, PostMedia, PostPlan, TrailEntry, PostStatus, TransitionName, LinkPreview, LinkPreviewResult };
export type { ComposerContext, PlanAction, PlanActionName };

/** What the composer sends (docs/api.md, `POST /post-plans`). */
export type PostPlanInput = z.input<typeof postPlanInput>;

/** The list's filters as the route reads them (after parsing): the query string is built from them. */
export type PostListQuery = z.output<typeof listQuery>;

export type { BulkAction, BulkResult, PostPage };

export interface LibraryFile {
  id: number;
  url: string;
  name: string;
  mime: string;
  /** kilobytes, as Strapi stores it */
  size: number;
  alternativeText: string | null;
}

interface Envelope<T> {
  data: T;
}

const BASE = `/${PLUGIN_ID}`;
const keys = {
  all: [PLUGIN_ID, 'post-plans'] as const,
  list: (query: PostListQuery) => [PLUGIN_ID, 'post-plans', 'list', query] as const,
  one: (documentId: string) => [PLUGIN_ID, 'post-plans', 'one', documentId] as const,
  comments: (documentId: string) => [PLUGIN_ID, 'post-plans', 'comments', documentId] as const,
  context: () => [PLUGIN_ID, 'composer-context'] as const,
  prefill: (uid: string, documentId: string) => [PLUGIN_ID, 'prefill', uid, documentId] as const,
};

const toSearch = (query: Partial<PostListQuery>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params.toString();
};

/** The post-plan routes of docs/api.md, one typed function each. */
export function usePostPlansApi() {
  const client = useFetchClient();
  return React.useMemo(() => {
    const get = async <T>(url: string, signal?: AbortSignal) => (await client.get<Envelope<T>>(`${BASE}${url}`, { signal })).data.data;
    const post = async <T>(url: string, body?: unknown) => (await client.post<Envelope<T>>(`${BASE}${url}`, body ?? {})).data.data;
    return {
      list: (query: Partial<PostListQuery>, signal?: AbortSignal) => get<PostPage>(`/post-plans?${toSearch(query)}`, signal),
      get: (documentId: string, signal?: AbortSignal) => get<PostPlan>(`/post-plans/${encodeURIComponent(documentId)}`, signal),
      create: (input: PostPlanInput) => post<PostPlan>('/post-plans', input),
      update: async (documentId: string, input: PostPlanInput) =>
        (await client.put<Envelope<PostPlan>>(`${BASE}/post-plans/${encodeURIComponent(documentId)}`, input)).data.data,
      /** `approve` (schedule only): approve on the way, in one step */
      transition: (documentId: string, name: TransitionName, comment?: string, approve?: true) =>
        post<PostPlan>(`/post-plans/${encodeURIComponent(documentId)}/${name}`, {
          ...(comment ? { comment } : {}),
          ...(approve ? { approve } : {}),
        }),
      duplicate: (documentId: string) => post<PostPlan>(`/post-plans/${encodeURIComponent(documentId)}/duplicate`),
      bulk: (action: BulkAction, documentIds: string[]) => post<BulkResult[]>('/post-plans/bulk', { action, documentIds }),
      comments: (documentId: string, signal?: AbortSignal) =>
        get<PostComment[]>(`/post-plans/${encodeURIComponent(documentId)}/comments`, signal),
      addComment: (documentId: string, body: string) =>
        post<PostComment>(`/post-plans/${encodeURIComponent(documentId)}/comments`, { body }),
      deleteComment: async (documentId: string, id: number) =>
        (await client.del<Envelope<{ id: number }>>(`${BASE}/post-plans/${encodeURIComponent(documentId)}/comments/${id}`)).data.data,
      linkPreview: (url: string, signal?: AbortSignal) =>
        get<LinkPreviewResult>(`/link-preview?${new URLSearchParams({ url }).toString()}`, signal),
      context: (signal?: AbortSignal) => get<ComposerContext>('/composer/context', signal),
      /** Strapi's upload admin API: the files a caller named by id only. */
      files: (ids: number[], signal?: AbortSignal) =>
        Promise.all(ids.map(async (id) => (await client.get<LibraryFile>(`/upload/files/${id}`, { signal })).data)),
      prefill: (uid: string, documentId: string, signal?: AbortSignal) =>
        get<EntryPrefill>(`/entries/prefill?${new URLSearchParams({ uid, documentId }).toString()}`, signal),
    };
  }, [client]);
}

export function usePostPlans(query: PostListQuery) {
  const api = usePostPlansApi();
  return useQuery({ queryKey: keys.list(query), queryFn: ({ signal }) => api.list(query, signal), placeholderData: keepPreviousData });
}

export function usePostPlan(documentId: string | undefined) {
  const api = usePostPlansApi();
  return useQuery({ queryKey: keys.one(documentId ?? ''), queryFn: documentId ? ({ signal }) => api.get(documentId, signal) : skipToken });
}

export function useComposerContext() {
  const api = usePostPlansApi();
  return useQuery({ queryKey: keys.context(), queryFn: ({ signal }) => api.context(signal), staleTime: 60_000 });
}

/** The link card's facts; a page that cannot be read leaves the card with what is known (host and address). */
export function useLinkPreview(url: string | null) {
  const api = usePostPlansApi();
  return useQuery({
    queryKey: [PLUGIN_ID, 'link-preview', url ?? ''],
    queryFn: url ? ({ signal }) => api.linkPreview(url, signal) : skipToken,
    retry: false,
    staleTime: 10 * 60_000,
  });
}

export function useEntryPrefill(entry: { uid: string; documentId: string } | null) {
  const api = usePostPlansApi();
  return useQuery({
    queryKey: keys.prefill(entry?.uid ?? '', entry?.documentId ?? ''),
    queryFn: entry ? ({ signal }) => api.prefill(entry.uid, entry.documentId, signal) : skipToken,
    retry: false,
  });
}

export function useLibraryFiles(ids: number[] | undefined) {
  const api = usePostPlansApi();
  return useQuery({
    queryKey: [PLUGIN_ID, 'library-files', ids ?? []],
    queryFn: ids?.length ? ({ signal }) => api.files(ids, signal) : skipToken,
    retry: false,
  });
}

/**
 * After any write: the post's own cache holds the server's copy; lists, the
 * Publishing page's queue, the calendar and the article panels refetch
 * (scheduling, approving or cancelling changes what each shows), so a user
 * who goes there next sees the post at once rather than at the next poll.
 */
function useStorePlan() {
  const queryClient = useQueryClient();
  return (plan?: PostPlan) => {
    if (plan) queryClient.setQueryData(keys.one(plan.documentId), plan);
    void queryClient.invalidateQueries({ queryKey: [...keys.all, 'list'] });
    void queryClient.invalidateQueries({ queryKey: [PLUGIN_ID, 'publishing'] });
    void queryClient.invalidateQueries({ queryKey: queryKeys.calendar() });
    void queryClient.invalidateQueries({ queryKey: [PLUGIN_ID, 'entries'] });
  };
}

export function useSavePostPlan() {
  const api = usePostPlansApi();
  const store = useStorePlan();
  return useMutation({
    mutationFn: ({ documentId, input }: { documentId?: string; input: PostPlanInput }) =>
      documentId ? api.update(documentId, input) : api.create(input),
    onSuccess: store,
  });
}

export function useTransitionPostPlan() {
  const api = usePostPlansApi();
  const store = useStorePlan();
  return useMutation({
    mutationFn: ({ documentId, name, comment, approve }: { documentId: string; name: TransitionName; comment?: string; approve?: true }) =>
      api.transition(documentId, name, comment, approve),
    onSuccess: store,
  });
}

export function useBulkPostPlans() {
  const api = usePostPlansApi();
  const store = useStorePlan();
  return useMutation({
    mutationFn: ({ action, documentIds }: { action: BulkAction; documentIds: string[] }) => api.bulk(action, documentIds),
    onSuccess: () => store(),
  });
}

export function usePostComments(documentId: string | undefined) {
  const api = usePostPlansApi();
  return useQuery({
    queryKey: keys.comments(documentId ?? ''),
    queryFn: documentId ? ({ signal }) => api.comments(documentId, signal) : skipToken,
  });
}

export function useCommentMutations(documentId: string) {
  const api = usePostPlansApi();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.comments(documentId) });
  return {
    add: useMutation({ mutationFn: (body: string) => api.addComment(documentId, body), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: number) => api.deleteComment(documentId, id), onSuccess: refresh }),
  };
}

/** Extra facts of a refusal (`nextValid`, `choices`, `network`...), beside the field errors `readApiError` gives. */
export function errorDetails(error: unknown): Record<string, unknown> {
  const response = (error as { response?: { data?: { error?: { details?: Record<string, unknown> } } } } | null)?.response;
  return response?.data?.error?.details ?? {};
}
