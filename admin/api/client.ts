import * as React from 'react';
import { useFetchClient, type FetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../shared/core/permissions';
import type {
  AccountInput,
  AccountUpdate,
  EditorialLine,
  EditorialLineInput,
  LintInput,
  LintResult,
  PluginStatus,
  SocialAccount,
} from './types';

/** Every answer of the plugin's admin API is `{ data }`. */
interface Envelope<T> {
  data: T;
}

const BASE = `/${PLUGIN_ID}`;
const path = (...segments: string[]) => [BASE, ...segments.map(encodeURIComponent)].join('/');

/** The plugin's admin API, one typed function per route of docs/api.md. */
export function createCommunityApi(client: FetchClient) {
  const get = async <T>(url: string, signal?: AbortSignal) => (await client.get<Envelope<T>>(url, { signal })).data.data;
  const post = async <T>(url: string, body?: unknown, signal?: AbortSignal) =>
    (await client.post<Envelope<T>>(url, body, { signal })).data.data;
  const put = async <T>(url: string, body: unknown) => (await client.put<Envelope<T>>(url, body)).data.data;
  const del = async <T>(url: string) => (await client.del<Envelope<T>>(url)).data.data;

  return {
    editorialLines: {
      list: (signal?: AbortSignal) => get<EditorialLine[]>(path('editorial-lines'), signal),
      get: (documentId: string, signal?: AbortSignal) => get<EditorialLine>(path('editorial-lines', documentId), signal),
      create: (input: EditorialLineInput) => post<EditorialLine>(path('editorial-lines'), input),
      update: (documentId: string, input: EditorialLineInput) => put<EditorialLine>(path('editorial-lines', documentId), input),
      remove: (documentId: string) => del<{ documentId: string }>(path('editorial-lines', documentId)),
    },
    lint: (input: LintInput, signal?: AbortSignal) => post<LintResult>(path('lint'), input, signal),
    accounts: {
      list: (signal?: AbortSignal) => get<SocialAccount[]>(path('accounts'), signal),
      create: (input: AccountInput) => post<SocialAccount>(path('accounts'), input),
      update: (documentId: string, input: AccountUpdate) => put<SocialAccount>(path('accounts', documentId), input),
      remove: (documentId: string) => del<{ documentId: string }>(path('accounts', documentId)),
      check: (documentId: string) => post<SocialAccount>(path('accounts', documentId, 'check')),
      subscribe: (documentId: string) => post<SocialAccount>(path('accounts', documentId, 'subscribe'), {}),
    },
    status: (signal?: AbortSignal) => get<PluginStatus>(path('status'), signal),
  };
}

export type CommunityApi = ReturnType<typeof createCommunityApi>;

export function useCommunityApi(): CommunityApi {
  const client = useFetchClient();
  return React.useMemo(() => createCommunityApi(client), [client]);
}
