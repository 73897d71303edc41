import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { notFound } from '../core/errors';
import { serverMessage } from '../../shared/core/messages';
import { toCsv } from '../../shared/reports/csv';
import { campaignTableRows, tableRows } from '../../shared/reports/tables';
import type {
  CampaignComparison,
  CampaignQuery,
  CampaignTable,
  Dashboard,
  GenerateInput,
  Report,
  ReportSummary,
  ReportTable,
  ReportUpdate,
} from '../../shared/reports/contract';
import { yearAgoPeriod, type Comparison } from '../../shared/reports/periods';
import { readCampaigns } from './campaigns';
import { readPostReadings } from './readings';
import { createCollector } from './collector';
import { campaignsPdfOf, campaignsFilename, reportPdfOf, type PdfRequest } from './export-pdf';
import { createDelivery } from './delivery';
import { readBestTime, readBestTimeSlots } from './best-time';
import { nextSending, type ReportSchedule, type ScheduleInput } from '../../shared/reports/delivery';
import { readDashboard, type Scope } from './figures';

/** Who acts, as the controller knows them (server/planning/controller.ts `actorOf`). */
export interface ReportActor {
  id: number;
  name: string;
}

/** A period, and the one it is compared with when not the same length just before: named, or a year earlier in `timezone`. */
interface ComparedPeriod {
  from: string;
  to: string;
  compareFrom?: string | null;
  compareTo?: string | null;
  compare?: Comparison | null;
  timezone?: string | null;
}

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

function summaryOf(row: Row): ReportSummary {
  return {
    documentId: row.documentId,
    title: String(row.title),
    from: iso(row.periodFrom)!,
    to: iso(row.periodTo)!,
    status: row.status === 'shared' ? 'shared' : 'draft',
    editorialLineName: (row.editorialLineName as string | null) ?? null,
    generatedAt: iso(row.generatedAt) ?? iso(row.createdAt)!,
    generatedBy: (row.generatedBy as string | null) ?? null,
    sharedAt: iso(row.sharedAt),
  };
}

function reportOf(row: Row): Report {
  return {
    ...summaryOf(row),
    commentary: String(row.commentary ?? ''),
    figures: row.figures as Dashboard,
    sharedBy: (row.sharedBy as string | null) ?? null,
  };
}

/**
 * Reports (docs/reports.md): the live dashboard of a period, and KPI reports
 * whose figures are frozen when generated — a report is a copy of the
 * dashboard at that moment, so later snapshots never change it; only its
 * title, commentary and status are edited afterwards.
 */
const msIso = (value: unknown) => (value === null || value === undefined ? null : new Date(Number(value)).toISOString());

function scheduleOf(row: Row): ReportSchedule {
  return {
    documentId: row.documentId,
    name: String(row.name),
    frequency: row.frequency === 'monthly' ? 'monthly' : 'weekly',
    hour: Number(row.hour),
    timezone: String(row.timezone),
    language: row.language === 'fr' ? 'fr' : 'en',
    recipients: (row.recipients as string[] | null) ?? [],
    editorialLineId: (row.editorialLineDocumentId as string | null) ?? null,
    accountIds: (row.accountIds as string[] | null) ?? [],
    enabled: row.enabled !== false,
    nextAt: row.enabled === false ? null : msIso(row.nextMs),
    lastSentAt: msIso(row.lastSentMs),
    lastPeriod: (row.lastPeriodKey as string | null) ?? null,
    lastReportId: (row.lastReportDocumentId as string | null) ?? null,
    lastError: (row.lastError as string | null) ?? null,
  };
}

export default ({ strapi }: { strapi: Strapi }) => {
  const documents = () => strapi.documents(UID.kpiReport);
  const scheduleDocs = () => strapi.documents(UID.reportSchedule as never);
  const collector = createCollector(strapi);
  let now = () => Date.now();
  // The job generates and reads reports as the routes do (`api` is defined below, before any pass runs).
  const delivery = createDelivery(strapi, { generate: (...args) => api.generate(...args), get: (id) => api.get(id) });

  async function findSchedule(documentId: string): Promise<Row> {
    const row = (await scheduleDocs().findOne({ documentId } as never)) as unknown as Row | null;
    if (!row) throw notFound('Report schedule', serverMessage('schedule_not_found'));
    return row;
  }

  const scheduleData = (input: ScheduleInput, at: number) => ({
    name: input.name,
    frequency: input.frequency,
    hour: input.hour,
    timezone: input.timezone,
    language: input.language,
    recipients: input.recipients,
    editorialLineDocumentId: input.editorialLineId,
    accountIds: input.accountIds,
    enabled: input.enabled,
    nextMs: input.enabled ? nextSending(input.frequency, input.hour, input.timezone, at) : null,
    leaseOwner: null,
    leaseUntilMs: null,
  });

  async function findRow(documentId: string): Promise<Row> {
    const row = (await documents().findOne({ documentId })) as unknown as Row | null;
    if (!row) throw notFound('Report', serverMessage('report_not_found'));
    return row;
  }

  const api = {
    /** `compareFrom`/`compareTo`: the period compared with, when not the same length just before. */
    async dashboard(period: ComparedPeriod, scope: Scope): Promise<Dashboard> {
      const at = (value: string) => new Date(value).toISOString();
      const current = { from: at(period.from), to: at(period.to) };
      const yearAgo =
        period.compare === 'yearAgo' || period.compare === 'both' ? yearAgoPeriod(current, period.timezone ?? 'UTC') : undefined;
      const compare =
        period.compareFrom && period.compareTo
          ? { from: at(period.compareFrom), to: at(period.compareTo) }
          : period.compare === 'yearAgo'
            ? yearAgo
            : undefined;
      // `both`: the period before (or the one named) is `previous`, the year-ago one is read besides it.
      const both = period.compare === 'both';
      const figures = await readDashboard(strapi, current, scope, now(), compare, both ? yearAgo : undefined, period.timezone ?? 'UTC');
      const comparison: Comparison = both ? 'both' : period.compare === 'yearAgo' && !period.compareFrom ? 'yearAgo' : 'previous';
      return { ...figures, comparison };
    },

    /** One post's snapshots over time and its conversation count (server/reports/readings.ts). */
    postReadings: (publicationId: string) => readPostReadings(strapi, publicationId, now()),

    /** Campaigns side by side (server/reports/campaigns.ts). */
    campaigns: (query: CampaignQuery): Promise<CampaignComparison> => readCampaigns(strapi, query, now()),

    /** One table of the campaigns side by side as CSV, by the writer the reports use. */
    async exportCampaigns(query: CampaignQuery, table: CampaignTable) {
      const comparison = await readCampaigns(strapi, query, now());
      const { header, rows } = campaignTableRows(comparison, table);
      return { filename: campaignsFilename(comparison, table, 'csv'), csv: toCsv(header, rows) };
    },

    /** The campaigns side by side as a PDF (server/reports/pdf.ts), in one language and time zone. */
    async campaignsPdf(query: CampaignQuery, request: PdfRequest): Promise<{ filename: string; pdf: Buffer }> {
      return campaignsPdfOf(strapi, await readCampaigns(strapi, query, now()), request);
    },

    async exportDashboard(period: ComparedPeriod, scope: Scope, table: ReportTable) {
      const d = await this.dashboard(period, scope);
      const { header, rows } = tableRows(d, table);
      return { filename: `dashboard-${table}-${period.from.slice(0, 10)}-${period.to.slice(0, 10)}.csv`, csv: toCsv(header, rows) };
    },

    async list(): Promise<ReportSummary[]> {
      const rows = (await documents().findMany({
        sort: 'generatedAt:desc',
        fields: ['title', 'periodFrom', 'periodTo', 'status', 'editorialLineName', 'generatedAt', 'generatedBy', 'sharedAt', 'createdAt'],
        limit: 200,
      } as never)) as unknown as Row[];
      return rows.map(summaryOf);
    },

    async get(documentId: string): Promise<Report> {
      return reportOf(await findRow(documentId));
    },

    /** The figures of the moment, frozen into a new draft report. */
    async generate(input: GenerateInput, actor: ReportActor, extra: { deliveryKey?: string } = {}): Promise<Report> {
      const figures = await this.dashboard(input, { editorialLineId: input.editorialLineId, accountIds: input.accountIds });
      const row = (await documents().create({
        data: {
          title: input.title,
          periodFrom: new Date(input.from),
          periodTo: new Date(input.to),
          editorialLineDocumentId: figures.scope.editorialLineId,
          editorialLineName: figures.scope.editorialLineName,
          accountIds: figures.scope.accountIds,
          figures,
          commentary: '',
          status: 'draft',
          generatedAt: new Date(now()),
          generatedBy: actor.name.slice(0, 255),
          deliveryKey: extra.deliveryKey ?? null,
        } as never,
      })) as unknown as Row;
      return this.get(row.documentId);
    },

    async update(documentId: string, input: ReportUpdate): Promise<Report> {
      await findRow(documentId);
      await documents().update({ documentId, data: input as never });
      return this.get(documentId);
    },

    /** Shared: management reads it as it is now; the commentary can still be corrected. */
    async share(documentId: string, actor: ReportActor): Promise<Report> {
      const row = await findRow(documentId);
      if (row.status !== 'shared') {
        await documents().update({
          documentId,
          data: { status: 'shared', sharedAt: new Date(now()), sharedBy: actor.name.slice(0, 255) } as never,
        });
      }
      return this.get(documentId);
    },

    async remove(documentId: string): Promise<{ documentId: string }> {
      await findRow(documentId);
      await documents().delete({ documentId });
      return { documentId };
    },

    async exportReport(documentId: string, table: ReportTable) {
      const report = await this.get(documentId);
      const { header, rows } = tableRows(report.figures, table);
      return { filename: `report-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}-${table}.csv`, csv: toCsv(header, rows) };
    },

    /** The report as a PDF (server/reports/pdf.ts), in one language and time zone. */
    async pdf(documentId: string, request: PdfRequest): Promise<{ filename: string; pdf: Buffer }> {
      return reportPdfOf(strapi, await this.get(documentId), request);
    },

    async schedules(): Promise<ReportSchedule[]> {
      const rows = (await scheduleDocs().findMany({ sort: 'name:asc', limit: 200 } as never)) as unknown as Row[];
      return rows.map(scheduleOf);
    },

    async createSchedule(input: ScheduleInput): Promise<ReportSchedule> {
      const row = (await scheduleDocs().create({ data: scheduleData(input, delivery.now()) } as never)) as unknown as Row;
      return scheduleOf(await findSchedule(row.documentId));
    },

    /** A changed schedule starts over from its next sending (and is no longer held by anyone). */
    async updateSchedule(documentId: string, input: ScheduleInput): Promise<ReportSchedule> {
      await findSchedule(documentId);
      await scheduleDocs().update({ documentId, data: scheduleData(input, delivery.now()) } as never);
      return scheduleOf(await findSchedule(documentId));
    },

    /** E-mails a schedule's latest period now, to check it (server/reports/delivery.ts `sendNow`). */
    sendScheduleNow: (documentId: string) => delivery.sendNow(documentId),

    async removeSchedule(documentId: string): Promise<{ documentId: string }> {
      await findSchedule(documentId);
      await scheduleDocs().delete({ documentId } as never);
      return { documentId };
    },

    /** An account's engagement by weekday × hour of posting, in the editor's zone. */
    bestTime: (query: { accountId: string; timezone: string; days: number }) => readBestTime(strapi, query, now()),
    /** The composer's next three free best hours for an account. */
    bestTimeSlots: (query: { accountId: string; timezone: string; days: number; from?: string; exclude?: string }) =>
      readBestTimeSlots(strapi, query, now()),

    /** One pass of scheduled reports now (the ticker runs them; tests call this with a set clock). */
    deliver: () => delivery.tick(),

    /** One collection pass now (the ticker runs them on its own; tests and the demo call this). */
    collect: () => collector.tick(),
    /** a fixed clock for tests: the collection, the dashboard's "as of" and the reports' dates read it */
    useClock(fn: (() => number) | null) {
      now = fn ?? (() => Date.now());
      collector.useClock(fn);
      delivery.useClock(fn);
    },
    async start() {
      await collector.start();
      await delivery.start();
    },
    async stop() {
      await collector.stop();
      await delivery.stop();
    },
  };
  return api;
};
