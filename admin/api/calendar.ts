import * as React from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from './query';
import { useFetchClient, type FetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../shared/core/permissions';
import type { CalendarEvent, CalendarMonthEvents, CalendarSummary, CreatedFeed, FeedStatus } from '../../shared/calendar/contract';
import type { z } from 'zod';
import type { PostPlan, scheduleInput } from '../../shared/planning/contract';
import { queryKeys } from './queryKeys';

export type { CalendarEvent, CalendarMonthEvents, CalendarSummary, CreatedFeed, FeedStatus };

export interface CalendarFilters {
  accountIds: string[];
  networks: string[];
  pillars: string[];
  campaigns: string[];
  statuses: string[];
}

export interface CalendarRange {
  from: string;
  to: string;
}

/** Per local day of `timezone`: all posts if at most dayMax, else the first dayMax - 1 and the day's total. */
export interface DayLimit {
  dayMax: number;
  timezone: string;
}

export interface ScheduleChange {
  documentId: string;
  schedule: z.input<typeof scheduleInput>;
}

interface Envelope<T> {
  data: T;
}

const BASE = `/${PLUGIN_ID}`;

/** Lists go as comma-separated values: the server reads both that and repeated parameters. */
function queryString(params: object) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params) as Array<[string, string | string[] | undefined]>) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length) search.set(key, value.join(','));
    } else search.set(key, value);
  }
  return search.toString();
}

/** The calendar's routes of docs/api.md, typed from the server's own DTOs. */
export function createCalendarApi(client: FetchClient) {
  const get = async <T>(url: string, signal?: AbortSignal) => (await client.get<Envelope<T>>(url, { signal })).data.data;
  return {
    events: (range: CalendarRange, filters: CalendarFilters, signal?: AbortSignal) =>
      get<CalendarEvent[]>(`${BASE}/calendar/events?${queryString({ ...range, ...filters })}`, signal),
    /** A month grid's share: each day's first posts, and the days holding more than `dayMax` (server/calendar/days.ts). */
    monthEvents: (range: CalendarRange, filters: CalendarFilters, day: DayLimit, signal?: AbortSignal) =>
      get<CalendarMonthEvents>(
        `${BASE}/calendar/events?${queryString({ ...range, ...filters, dayMax: String(day.dayMax), timezone: day.timezone })}`,
        signal
      ),
    /** The same filters as the grid, so both count the same posts; `editorialLineId` picks whose targets (and posts). */
    summary: (query: CalendarRange & { timezone: string; editorialLineId?: string }, filters: CalendarFilters, signal?: AbortSignal) =>
      get<CalendarSummary>(`${BASE}/calendar/summary?${queryString({ ...query, ...filters })}`, signal),
    reschedule: async ({ documentId, schedule }: ScheduleChange) =>
      (await client.post<Envelope<PostPlan>>(`${BASE}/post-plans/${encodeURIComponent(documentId)}/reschedule`, { schedule })).data.data,
    feed: {
      status: (signal?: AbortSignal) => get<FeedStatus>(`${BASE}/calendar/feed`, signal),
      create: async () => (await client.post<Envelope<CreatedFeed>>(`${BASE}/calendar/feed`, {})).data.data,
      revoke: async () => (await client.del<Envelope<FeedStatus>>(`${BASE}/calendar/feed`)).data.data,
    },
  };
}

function useCalendarApi() {
  const client = useFetchClient();
  return React.useMemo(() => createCalendarApi(client), [client]);
}

/**
 * The grid's posts: with `day` (the month view) only what the cells draw and
 * the days holding more; without, every post of the range (week and list
 * views, one day's "+N more").
 */
export function useCalendarEvents(range: CalendarRange | null, filters: CalendarFilters, day?: DayLimit) {
  const api = useCalendarApi();
  const queryClient = useQueryClient();
  const queryKey = queryKeys.calendarEvents({ range, filters, day });
  const queryFn = async ({ signal }: { signal?: AbortSignal }): Promise<CalendarMonthEvents> =>
    day ? api.monthEvents(range!, filters, day, signal) : { events: await api.events(range!, filters, signal), more: [] };
  // Sent during render (as react-query's usePrefetchQuery does), not after the commit that mounts the grid:
  // the request travels while FullCalendar builds its empty month.
  if (range !== null && !queryClient.getQueryState(queryKey)) void queryClient.prefetchQuery({ queryKey, queryFn });
  return useQuery({
    queryKey,
    queryFn,
    enabled: range !== null,
    // Keep last month's posts on screen while the next month loads: no flash of an empty grid.
    placeholderData: keepPreviousData,
  });
}

/** `ready`: asked once the grid's events are in, so the summary never competes with them for the server. */
export function useCalendarSummary(
  range: CalendarRange | null,
  timezone: string,
  filters: CalendarFilters,
  editorialLineId: string | undefined,
  ready = true
) {
  const api = useCalendarApi();
  return useQuery({
    queryKey: queryKeys.calendarSummary({ range, timezone, filters, editorialLineId }),
    queryFn: ({ signal }) => api.summary({ ...range!, timezone, editorialLineId }, filters, signal),
    enabled: range !== null && ready,
    placeholderData: keepPreviousData,
  });
}

export function useReschedule() {
  const api = useCalendarApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.reschedule,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.calendar() }),
  });
}

export function useFeedStatus(enabled: boolean) {
  const api = useCalendarApi();
  return useQuery({ queryKey: queryKeys.calendarFeed(), queryFn: ({ signal }) => api.feed.status(signal), enabled });
}

export function useFeedActions() {
  const api = useCalendarApi();
  const queryClient = useQueryClient();
  const store = (status: FeedStatus) =>
    queryClient.setQueryData(queryKeys.calendarFeed(), {
      exists: status.exists,
      createdAt: status.createdAt,
      lastUsedAt: status.lastUsedAt,
    });
  return {
    create: useMutation({ mutationFn: api.feed.create, onSuccess: store }),
    revoke: useMutation({ mutationFn: api.feed.revoke, onSuccess: store }),
  };
}
