import * as React from 'react';
import { useFetchClient, type FetchClient } from '@strapi/strapi/admin';
import type { z } from 'zod';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '../../api/query';
import { PLUGIN_ID } from '../../../shared/core/permissions';
import type {
  InboxAssignee,
  InboxItem,
  InboxItemContext,
  InboxItemsPage,
  InboxSource,
  InboxStatus,
  InboxThread,
  itemsQuery,
  SavedReply,
  SiteCommentAction,
  SiteCommentState,
} from '../../../shared/inbox/contract';
import type { SentimentLabel } from '../../../shared/inbox/sentiment';
import type { ModerationRule, RuleDryRun, RuleInput } from '../../../shared/inbox/rules';
import { insightKeys } from './insights';

export type {
  InboxAssignee,
  InboxItem,
  InboxItemContext,
  InboxItemsPage,
  InboxSource,
  InboxStatus,
  InboxThread,
  SavedReply,
  SentimentLabel,
  SiteCommentAction,
  SiteCommentState,
};

export type { ModerationRule, RuleDryRun };
/** A rule as the editor sends it. */
export type RuleDraft = Omit<RuleInput, 'enabled'> & { enabled?: boolean };

/** The list's filters, sent as a query string (docs/inbox.md, "API"). */
export type InboxFilter = Omit<z.input<typeof itemsQuery>, 'page' | 'pageSize'> & { page: number; pageSize: number };

interface Envelope<T> {
  data: T;
}

const BASE = `/${PLUGIN_ID}/inbox`;
const query = (filter: object) =>
  new URLSearchParams(
    Object.entries(filter)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)])
  ).toString();

/** The inbox's admin API, one typed function per route. */
export function createInboxApi(client: FetchClient) {
  const get = async <T>(url: string, signal?: AbortSignal) => (await client.get<Envelope<T>>(url, { signal })).data.data;
  const post = async <T>(url: string, body: unknown = {}) => (await client.post<Envelope<T>>(url, body)).data.data;
  const put = async <T>(url: string, body: unknown) => (await client.put<Envelope<T>>(url, body)).data.data;
  const del = async <T>(url: string) => (await client.del<Envelope<T>>(url)).data.data;
  const id = encodeURIComponent;
  return {
    list: (filter: InboxFilter, signal?: AbortSignal) => get<InboxItemsPage>(`${BASE}/items?${query(filter)}`, signal),
    get: (documentId: string, signal?: AbortSignal) => get<InboxThread>(`${BASE}/items/${id(documentId)}`, signal),
    context: (documentId: string, signal?: AbortSignal) => get<InboxItemContext>(`${BASE}/items/${id(documentId)}/context`, signal),
    moderate: (documentId: string, action: SiteCommentAction) => post<InboxItem>(`${BASE}/items/${id(documentId)}/moderate`, { action }),
    setStatus: (documentId: string, status: InboxStatus) => post<InboxItem>(`${BASE}/items/${id(documentId)}/status`, { status }),
    hide: (documentId: string, hidden: boolean) => post<InboxItem>(`${BASE}/items/${id(documentId)}/hide`, { hidden }),
    bulk: (ids: string[], status: InboxStatus) => post<{ updated: number }>(`${BASE}/items/bulk`, { ids, status }),
    assign: (documentId: string, assigneeId: number | null) => post<InboxItem>(`${BASE}/items/${id(documentId)}/assign`, { assigneeId }),
    setTags: (documentId: string, tags: string[]) => put<InboxItem>(`${BASE}/items/${id(documentId)}/tags`, { tags }),
    addNote: (documentId: string, text: string) => post<InboxItem>(`${BASE}/items/${id(documentId)}/notes`, { text }),
    setSentiment: (documentId: string, label: SentimentLabel | null) =>
      put<InboxItem>(`${BASE}/items/${id(documentId)}/sentiment`, { label }),
    reply: (documentId: string, text: string, requestId: string, then: 'waiting' | 'done') =>
      post<InboxItem>(`${BASE}/items/${id(documentId)}/reply`, { text, requestId, then }),
    resend: (documentId: string) => post<InboxItem>(`${BASE}/items/${id(documentId)}/resend`),
    sources: (signal?: AbortSignal) => get<InboxSource[]>(`${BASE}/sources`, signal),
    poll: () => post<{ created: number }>(`${BASE}/poll`),
    assignees: (signal?: AbortSignal) => get<InboxAssignee[]>(`${BASE}/assignees`, signal),
    savedReplies: {
      list: (signal?: AbortSignal) => get<SavedReply[]>(`${BASE}/saved-replies`, signal),
      create: (input: Omit<SavedReply, 'documentId'>) => post<SavedReply>(`${BASE}/saved-replies`, input),
      remove: (documentId: string) => del<{ documentId: string }>(`${BASE}/saved-replies/${id(documentId)}`),
    },
    rules: {
      list: (signal?: AbortSignal) => get<ModerationRule[]>(`${BASE}/rules`, signal),
      create: (input: RuleDraft) => post<ModerationRule>(`${BASE}/rules`, input),
      update: (documentId: string, input: Partial<RuleDraft>) => put<ModerationRule>(`${BASE}/rules/${id(documentId)}`, input),
      remove: (documentId: string) => del<{ documentId: string }>(`${BASE}/rules/${id(documentId)}`),
      reorder: (ids: string[]) => put<ModerationRule[]>(`${BASE}/rules/order`, { ids }),
      dryRun: (conditions: RuleDraft['conditions']) => post<RuleDryRun>(`${BASE}/rules/dry-run`, { conditions }),
    },
  };
}

export type InboxApi = ReturnType<typeof createInboxApi>;

export function useInboxApi(): InboxApi {
  const client = useFetchClient();
  return React.useMemo(() => createInboxApi(client), [client]);
}

export const inboxKeys = {
  all: [PLUGIN_ID, 'inbox'] as const,
  items: (filter: InboxFilter) => [PLUGIN_ID, 'inbox', 'items', filter] as const,
  item: (documentId: string) => [PLUGIN_ID, 'inbox', 'item', documentId] as const,
  /** not under `all`: see useInboxContext */
  context: (documentId: string) => [PLUGIN_ID, 'inbox-context', documentId] as const,
  sources: () => [PLUGIN_ID, 'inbox', 'sources'] as const,
  assignees: () => [PLUGIN_ID, 'inbox', 'assignees'] as const,
  savedReplies: () => [PLUGIN_ID, 'inbox', 'saved-replies'] as const,
  rules: () => [PLUGIN_ID, 'inbox', 'rules'] as const,
};

export function useRules(enabled = true) {
  const api = useInboxApi();
  return useQuery({ queryKey: inboxKeys.rules(), queryFn: ({ signal }) => api.rules.list(signal), enabled });
}

export function useInboxItems(filter: InboxFilter) {
  const api = useInboxApi();
  return useQuery({
    queryKey: inboxKeys.items(filter),
    queryFn: ({ signal }) => api.list(filter, signal),
    placeholderData: keepPreviousData,
    // New replies and mentions show up without a reload, within seconds of being stored (a streamed
    // Mastodon mention is stored at once): one indexed, paged query every 5 s while the page is visible.
    refetchInterval: 5_000,
  });
}

export function useInboxThread(documentId: string | null) {
  const api = useInboxApi();
  return useQuery({
    queryKey: inboxKeys.item(documentId ?? ''),
    queryFn: ({ signal }) => api.get(documentId!, signal),
    enabled: documentId !== null,
  });
}

/**
 * The thread around an item, read from its source when the item is opened.
 * Its key is outside `inboxKeys.all`, so the changes made to the item (status,
 * tags, notes…) do not read the network again; the server keeps it a minute.
 */
export function useInboxContext(documentId: string | null) {
  const api = useInboxApi();
  return useQuery({
    queryKey: inboxKeys.context(documentId ?? ''),
    queryFn: ({ signal }) => api.context(documentId!, signal),
    enabled: documentId !== null,
    staleTime: 60_000,
    retry: false,
  });
}

export function useInboxSources() {
  const api = useInboxApi();
  return useQuery({ queryKey: inboxKeys.sources(), queryFn: ({ signal }) => api.sources(signal) });
}

export function useAssignees() {
  const api = useInboxApi();
  return useQuery({ queryKey: inboxKeys.assignees(), queryFn: ({ signal }) => api.assignees(signal) });
}

export function useSavedReplies() {
  const api = useInboxApi();
  return useQuery({ queryKey: inboxKeys.savedReplies(), queryFn: ({ signal }) => api.savedReplies.list(signal) });
}

/**
 * Any change may move lists, counts and the open item: refresh the inbox;
 * and the navigation's badge and the crisis banner (insights.ts), which
 * count what waits and are evaluated again by a reading (Check now).
 */
export function useInboxMutation<TVariables, TResult>(change: (api: InboxApi, variables: TVariables) => Promise<TResult>) {
  const api = useInboxApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: TVariables) => change(api, variables),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
        queryClient.invalidateQueries({ queryKey: insightKeys.badge() }),
        queryClient.invalidateQueries({ queryKey: insightKeys.crisis() }),
      ]),
  });
}
