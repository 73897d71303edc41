import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQuery, useQueryClient } from '../../api/query';
import { PLUGIN_ID } from '../../../shared/core/permissions';
import type { CrisisMode, CrisisOverview, CrisisSettings } from '../../../shared/inbox/crisis';
import type { InboxBadge } from '../../../shared/inbox/figures';

export type { CrisisMode, CrisisOverview, CrisisSettings, InboxBadge };

const BASE = `/${PLUGIN_ID}/inbox`;

export const insightKeys = {
  badge: () => [PLUGIN_ID, 'inbox-insights', 'badge'] as const,
  crisis: () => [PLUGIN_ID, 'inbox-insights', 'crisis'] as const,
  replies: (plan: string) => [PLUGIN_ID, 'inbox-insights', 'replies', plan] as const,
};

/** The navigation's count: new items plus the ones assigned to me (docs/inbox.md). */
export function useInboxBadge(enabled: boolean) {
  const client = useFetchClient();
  return useQuery({
    queryKey: insightKeys.badge(),
    queryFn: async ({ signal }) => (await client.get<{ data: InboxBadge }>(`${BASE}/badge`, { signal })).data.data,
    refetchInterval: 60_000,
    enabled,
  });
}

/** Crisis mode and the latest alert, for the banner. */
export function useCrisis(enabled: boolean) {
  const client = useFetchClient();
  return useQuery({
    queryKey: insightKeys.crisis(),
    queryFn: async ({ signal }) => (await client.get<{ data: CrisisOverview }>(`${BASE}/crisis`, { signal })).data.data,
    refetchInterval: 60_000,
    enabled,
  });
}

/** Turns crisis mode on (`start`) or off (`end`). */
export function useCrisisSwitch() {
  const client = useFetchClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (action: 'start' | 'end') => (await client.post<{ data: CrisisMode }>(`${BASE}/crisis/${action}`, {})).data.data,
    onSettled: () => queryClient.invalidateQueries({ queryKey: [PLUGIN_ID] }),
  });
}

/** Saves the crisis alert's settings. */
export function useCrisisSettingsSave() {
  const client = useFetchClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (settings: CrisisSettings) =>
      (await client.put<{ data: CrisisSettings }>(`${BASE}/crisis/settings`, settings)).data.data,
    onSettled: () => queryClient.invalidateQueries({ queryKey: insightKeys.crisis() }),
  });
}

/** How many items answer one of our posts. */
export function useReplyCount(plan: string, enabled: boolean) {
  const client = useFetchClient();
  const query = useQuery({
    queryKey: insightKeys.replies(plan),
    queryFn: async ({ signal }) =>
      (await client.get<{ data: Record<string, number> }>(`${BASE}/reply-counts?plans=${encodeURIComponent(plan)}`, { signal })).data.data,
    enabled,
    staleTime: 30_000,
  });
  return React.useMemo(() => query.data?.[plan] ?? 0, [query.data, plan]);
}
