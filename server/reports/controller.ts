import type { Context } from 'koa';
import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { body, documentIdParam, handle, parse } from '../core/handler';
import { actorOf } from '../planning/controller';
import {
  campaignExportQuery,
  campaignPdfQuery,
  campaignQuery,
  dashboardExportQuery,
  dashboardQuery,
  exportQuery,
  generateInput,
  pdfQuery,
  reportUpdate,
} from '../../shared/reports/contract';
import { languageOf } from '../accounts/expiry';
import { adminUrlOf } from './export-pdf';
import { ensureManagementRole } from './management-role';
import { scheduleInput } from '../../shared/reports/delivery';
import { bestTimeQuery, bestTimeSlotsQuery } from '../../shared/reports/best-time';

const id = (params: Record<string, string>) => parse(documentIdParam, params.documentId, ['documentId']);

/**
 * A table as CSV, in the JSON envelope (`{ filename, csv }`) like the OPML
 * export: the admin saves it as a file; the text is RFC 4180 (shared/reports/csv.ts).
 */
const csv = handle;

/** The reader's admin language, for a PDF asked without `lang`. */
const readerLanguage = (ctx: Context) => languageOf((ctx.state as { user?: { preferedLanguage?: unknown } }).user ?? {});

/** A PDF as a file (not the JSON envelope); errors (bad input, not found) keep the envelope. */
async function sendPdf(ctx: Context, make: (ctx: Context) => Promise<{ filename: string; pdf: Buffer }>) {
  let file: { filename: string; pdf: Buffer } | null = null;
  await handle(async (c) => {
    file = await make(c as unknown as Context);
    return null;
  })(ctx as never);
  if (!file) return;
  const { filename, pdf } = file as { filename: string; pdf: Buffer };
  ctx.type = 'application/pdf';
  ctx.attachment(filename);
  ctx.body = pdf;
}

export default ({ strapi }: { strapi: Strapi }) => {
  const reports = () => getService(strapi, 'reports');
  return {
    dashboard: handle((ctx) => {
      const q = parse(dashboardQuery, ctx.query);
      return reports().dashboard(q, { editorialLineId: q.editorialLineId, accountIds: q.accountIds });
    }),
    exportDashboard: csv(async (ctx) => {
      const q = parse(dashboardExportQuery, ctx.query);
      return reports().exportDashboard(q, { editorialLineId: q.editorialLineId, accountIds: q.accountIds }, q.table);
    }),
    campaigns: handle((ctx) => reports().campaigns(parse(campaignQuery, ctx.query))),
    exportCampaigns: csv(async (ctx) => {
      const { table, ...query } = parse(campaignExportQuery, ctx.query);
      return reports().exportCampaigns(query, table);
    }),
    campaignsPdf: (ctx: Context) =>
      sendPdf(ctx, (c) => {
        const { lang, timezone, ...query } = parse(campaignPdfQuery, c.query);
        return reports().campaignsPdf(query, {
          language: lang ?? readerLanguage(c),
          timeZone: timezone,
          adminUrl: adminUrlOf(strapi, c.request.origin),
        });
      }),
    postReadings: handle((ctx) => reports().postReadings(id(ctx.params))),
    list: handle(() => reports().list()),
    schedules: handle(() => reports().schedules()),
    bestTime: handle((ctx) => reports().bestTime(parse(bestTimeQuery, ctx.query))),
    bestTimeSlots: handle((ctx) => reports().bestTimeSlots(parse(bestTimeSlotsQuery, ctx.query))),
    createSchedule: handle((ctx) => reports().createSchedule(parse(scheduleInput, body(ctx)))),
    updateSchedule: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return reports().updateSchedule(documentId, parse(scheduleInput, body(ctx)));
    }),
    removeSchedule: handle((ctx) => reports().removeSchedule(id(ctx.params))),
    sendScheduleNow: handle((ctx) => reports().sendScheduleNow(id(ctx.params))),
    /** The read-only Management role, made or set back to read-only (idempotent). */
    managementRole: handle(() => ensureManagementRole(strapi)),
    get: handle((ctx) => reports().get(id(ctx.params))),
    create: handle((ctx) => reports().generate(parse(generateInput, body(ctx)), actorOf(ctx))),
    update: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return reports().update(documentId, parse(reportUpdate, body(ctx)));
    }),
    share: handle((ctx) => reports().share(id(ctx.params), actorOf(ctx))),
    remove: handle((ctx) => reports().remove(id(ctx.params))),
    /** The report as a PDF file (not the JSON envelope); errors keep the envelope. */
    pdf: (ctx: Context) =>
      sendPdf(ctx, (c) => {
        const documentId = id(c.params);
        const q = parse(pdfQuery, c.query);
        return reports().pdf(documentId, {
          language: q.lang ?? readerLanguage(c),
          timeZone: q.timezone,
          adminUrl: adminUrlOf(strapi, c.request.origin),
        });
      }),
    exportReport: csv(async (ctx) => {
      const documentId = id(ctx.params);
      return reports().exportReport(documentId, parse(exportQuery, ctx.query).table);
    }),
  };
};
