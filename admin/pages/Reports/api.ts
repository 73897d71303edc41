import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from '../../api/query';
import { PLUGIN_ID } from '../../../shared/core/permissions';
import type {
  CampaignComparison,
  CampaignTable,
  Dashboard,
  PostReadings,
  GenerateInput,
  Report,
  ReportSummary,
  ReportTable,
  ReportUpdate,
} from '../../../shared/reports/contract';
import type { ReportSchedule, ScheduleInput } from '../../../shared/reports/delivery';
import type { BestTime, BestTimeSlots } from '../../../shared/reports/best-time';
import { download } from '../../utils/download';

export type {
  BestTime,
  BestTimeSlots,
  CampaignComparison,
  CampaignTable,
  Dashboard,
  Report,
  ReportSummary,
  ReportTable,
  ReportSchedule,
  ScheduleInput,
};

const BASE = `/${PLUGIN_ID}/reports`;
const keys = {
  all: [PLUGIN_ID, 'reports'] as const,
  dashboard: (query: DashboardParams) => [PLUGIN_ID, 'reports', 'dashboard', query] as const,
  list: () => [PLUGIN_ID, 'reports', 'list'] as const,
  one: (documentId: string) => [PLUGIN_ID, 'reports', 'one', documentId] as const,
  schedules: () => [PLUGIN_ID, 'reports', 'schedules'] as const,
  campaigns: (names: string[]) => [PLUGIN_ID, 'reports', 'campaigns', names] as const,
  readings: (publicationId: string) => [PLUGIN_ID, 'reports', 'readings', publicationId] as const,
  bestTime: (accountId: string, timezone: string) => [PLUGIN_ID, 'reports', 'best-time', accountId, timezone] as const,
  slots: (accountId: string, timezone: string, exclude: string) =>
    [PLUGIN_ID, 'reports', 'best-time', 'slots', accountId, timezone, exclude] as const,
};

export interface DashboardParams {
  from: string;
  to: string;
  /** the period compared with, when not the same number of days just before (a month's calendar month before) */
  compareFrom?: string;
  compareTo?: string;
  /**
   * `yearAgo`: the same calendar days a year earlier, on the wall clock of `timezone` (the server counts it);
   * `both`: the period before and, besides it, the year-ago one
   */
  compare?: 'yearAgo' | 'both';
  timezone?: string;
  editorialLineId?: string;
}

const query = (params: Record<string, string | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('&');

/** A campaign's name may hold a comma: one `campaigns=` each. */
const campaignsQuery = (names: string[]) => names.map((n) => `campaigns=${encodeURIComponent(n)}`).join('&');

/** What a CSV is cut from: a frozen report, the dashboard's query, or campaigns side by side. */
export type CsvSource = { report: string } | { dashboard: DashboardParams } | { campaigns: string[] };

/** The Reports page's API (docs/api.md, "Reports"). */
function useReportsApi() {
  const client = useFetchClient();
  return React.useMemo(
    () => ({
      dashboard: async (params: DashboardParams, signal?: AbortSignal) =>
        (await client.get<{ data: Dashboard }>(`${BASE}/dashboard?${query({ ...params })}`, { signal })).data.data,
      bestTime: async (accountId: string, timezone: string, signal?: AbortSignal) =>
        (await client.get<{ data: BestTime }>(`${BASE}/best-time?${query({ accountId, timezone })}`, { signal })).data.data,
      bestTimeSlots: async (accountId: string, timezone: string, exclude: string, signal?: AbortSignal) =>
        (await client.get<{ data: BestTimeSlots }>(`${BASE}/best-time/slots?${query({ accountId, timezone, exclude })}`, { signal })).data
          .data,
      campaigns: async (names: string[], signal?: AbortSignal) =>
        (await client.get<{ data: CampaignComparison }>(`${BASE}/campaigns?${campaignsQuery(names)}`, { signal })).data.data,
      readings: async (publicationId: string, signal?: AbortSignal) =>
        (await client.get<{ data: PostReadings }>(`${BASE}/posts/${encodeURIComponent(publicationId)}/readings`, { signal })).data.data,
      list: async (signal?: AbortSignal) => (await client.get<{ data: ReportSummary[] }>(BASE, { signal })).data.data,
      get: async (documentId: string, signal?: AbortSignal) =>
        (await client.get<{ data: Report }>(`${BASE}/${encodeURIComponent(documentId)}`, { signal })).data.data,
      generate: async (input: GenerateInput) => (await client.post<{ data: Report }>(BASE, input)).data.data,
      update: async (documentId: string, input: ReportUpdate) =>
        (await client.put<{ data: Report }>(`${BASE}/${encodeURIComponent(documentId)}`, input)).data.data,
      share: async (documentId: string) =>
        (await client.post<{ data: Report }>(`${BASE}/${encodeURIComponent(documentId)}/share`, {})).data.data,
      remove: async (documentId: string) =>
        (await client.del<{ data: { documentId: string } }>(`${BASE}/${encodeURIComponent(documentId)}`)).data.data,
      schedules: async (signal?: AbortSignal) => (await client.get<{ data: ReportSchedule[] }>(`${BASE}/schedules`, { signal })).data.data,
      saveSchedule: async (documentId: string | null, input: ScheduleInput) =>
        documentId
          ? (await client.put<{ data: ReportSchedule }>(`${BASE}/schedules/${encodeURIComponent(documentId)}`, input)).data.data
          : (await client.post<{ data: ReportSchedule }>(`${BASE}/schedules`, input)).data.data,
      sendScheduleNow: async (documentId: string) =>
        (
          await client.post<{ data: { reportId: string; recipients: string[]; period: { from: string; to: string } } }>(
            `${BASE}/schedules/${encodeURIComponent(documentId)}/send`,
            {}
          )
        ).data.data,
      removeSchedule: async (documentId: string) =>
        (await client.del<{ data: { documentId: string } }>(`${BASE}/schedules/${encodeURIComponent(documentId)}`)).data.data,
      pdf: async (documentId: string, lang: 'en' | 'fr', timezone: string) =>
        (
          await client.get<Blob>(`${BASE}/${encodeURIComponent(documentId)}/pdf?${query({ lang, timezone })}`, {
            responseType: 'blob',
          } as never)
        ).data,
      campaignsPdf: async (names: string[], lang: 'en' | 'fr', timezone: string) =>
        (
          await client.get<Blob>(`${BASE}/campaigns/pdf?${campaignsQuery(names)}&${query({ lang, timezone })}`, {
            responseType: 'blob',
          } as never)
        ).data,
      exportCsv: async (source: CsvSource, table: ReportTable | CampaignTable) => {
        const url =
          'report' in source
            ? `${BASE}/${encodeURIComponent(source.report)}/export?table=${table}`
            : 'campaigns' in source
              ? `${BASE}/campaigns/export?${campaignsQuery(source.campaigns)}&table=${table}`
              : `${BASE}/dashboard/export?${query({ ...source.dashboard, table })}`;
        return (await client.get<{ data: { filename: string; csv: string } }>(url)).data.data;
      },
    }),
    [client]
  );
}

export function useDashboard(params: DashboardParams | null) {
  const api = useReportsApi();
  return useQuery({
    queryKey: keys.dashboard(params ?? { from: '', to: '' }),
    queryFn: params ? ({ signal }) => api.dashboard(params, signal) : skipToken,
    placeholderData: keepPreviousData,
  });
}

/** Campaigns side by side (none named: only the list of campaigns to pick from). */
export function useCampaigns(names: string[]) {
  const api = useReportsApi();
  return useQuery({
    queryKey: keys.campaigns(names),
    queryFn: ({ signal }) => api.campaigns(names, signal),
    placeholderData: keepPreviousData,
  });
}

/** One post's readings over time and its conversation count (live, also under a frozen report). */
export function usePostReadings(publicationId: string) {
  const api = useReportsApi();
  return useQuery({ queryKey: keys.readings(publicationId), queryFn: ({ signal }) => api.readings(publicationId, signal) });
}

export function useReportList() {
  const api = useReportsApi();
  return useQuery({ queryKey: keys.list(), queryFn: ({ signal }) => api.list(signal) });
}

export function useReport(documentId: string | null) {
  const api = useReportsApi();
  return useQuery({ queryKey: keys.one(documentId ?? ''), queryFn: documentId ? ({ signal }) => api.get(documentId, signal) : skipToken });
}

/** Generate, edit, share, delete: each refreshes the list and the report it changed. */
export function useReportActions() {
  const api = useReportsApi();
  const queryClient = useQueryClient();
  const done = (report?: Report) => {
    if (report) queryClient.setQueryData(keys.one(report.documentId), report);
    return queryClient.invalidateQueries({ queryKey: keys.list() });
  };
  return {
    generate: useMutation({ mutationFn: (input: GenerateInput) => api.generate(input), onSuccess: done }),
    update: useMutation({
      mutationFn: (v: { documentId: string; input: ReportUpdate }) => api.update(v.documentId, v.input),
      onSuccess: done,
    }),
    share: useMutation({ mutationFn: (documentId: string) => api.share(documentId), onSuccess: done }),
    remove: useMutation({ mutationFn: (documentId: string) => api.remove(documentId), onSuccess: () => done() }),
  };
}

/** Downloads one table as a CSV file (the server writes it: RFC 4180, formulas defused). */
export function useCsvDownload() {
  const api = useReportsApi();
  return React.useCallback(
    async (source: CsvSource, table: ReportTable | CampaignTable) => {
      const { filename, csv } = await api.exportCsv(source, table);
      // A byte-order mark: spreadsheets then read the accents as UTF-8.
      download(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }), filename);
    },
    [api]
  );
}

/** Downloads a report as a PDF, in the admin's language and the reader's time zone (the server draws it: docs/reports.md). */
export function usePdfDownload() {
  const api = useReportsApi();
  return React.useCallback(
    async (documentId: string, lang: 'en' | 'fr', filename: string) => {
      const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
      download(await api.pdf(documentId, lang, timezone), filename);
    },
    [api]
  );
}

/** Downloads the campaigns side by side as a PDF, as a report's (server-drawn, the admin's language, the reader's zone). */
export function useCampaignsPdfDownload() {
  const api = useReportsApi();
  return React.useCallback(
    async (names: string[], lang: 'en' | 'fr', filename: string) => {
      const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
      download(await api.campaignsPdf(names, lang, timezone), filename);
    },
    [api]
  );
}

export function useSchedules() {
  const api = useReportsApi();
  return useQuery({ queryKey: keys.schedules(), queryFn: ({ signal }) => api.schedules(signal) });
}

/** Create, change (enable, disable), send now and delete scheduled reports; each refreshes its list. */
export function useScheduleActions() {
  const api = useReportsApi();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries({ queryKey: keys.schedules() });
  return {
    save: useMutation({
      mutationFn: (v: { documentId: string | null; input: ScheduleInput }) => api.saveSchedule(v.documentId, v.input),
      onSuccess: done,
    }),
    remove: useMutation({ mutationFn: (documentId: string) => api.removeSchedule(documentId), onSuccess: done }),
    /** The latest period e-mailed now, to check it; the report it made joins the list. */
    sendNow: useMutation({
      mutationFn: (documentId: string) => api.sendScheduleNow(documentId),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.list() }),
    }),
  };
}

/** One account's engagement by weekday × hour of posting, in the reader's zone. */
export function useBestTime(accountId: string | null, timezone: string) {
  const api = useReportsApi();
  return useQuery({
    queryKey: keys.bestTime(accountId ?? '', timezone),
    queryFn: accountId ? ({ signal }) => api.bestTime(accountId, timezone, signal) : skipToken,
  });
}

/** The next three free best hours of an account (the composer's suggestions); `exclude`: the post being edited. */
export function useBestTimeSlots(accountId: string | null, timezone: string, exclude: string | undefined) {
  const api = useReportsApi();
  return useQuery({
    queryKey: keys.slots(accountId ?? '', timezone, exclude ?? ''),
    queryFn: accountId ? ({ signal }) => api.bestTimeSlots(accountId, timezone, exclude ?? '', signal) : skipToken,
  });
}
