import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { body, documentIdParam, handle, parse } from '../core/handler';
import { actorOf } from '../planning/controller';
import { dashboardExportQuery, dashboardQuery, exportQuery, generateInput, reportUpdate } from '../../shared/reports/contract';

const id = (params: Record<string, string>) => parse(documentIdParam, params.documentId, ['documentId']);

/**
 * A table as CSV, in the JSON envelope (`{ filename, csv }`) like the OPML
 * export: the admin saves it as a file; the text is RFC 4180 (shared/reports/csv.ts).
 */
const csv = handle;

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
    list: handle(() => reports().list()),
    get: handle((ctx) => reports().get(id(ctx.params))),
    create: handle((ctx) => reports().generate(parse(generateInput, body(ctx)), actorOf(ctx))),
    update: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return reports().update(documentId, parse(reportUpdate, body(ctx)));
    }),
    share: handle((ctx) => reports().share(id(ctx.params), actorOf(ctx))),
    remove: handle((ctx) => reports().remove(id(ctx.params))),
    exportReport: csv(async (ctx) => {
      const documentId = id(ctx.params);
      return reports().exportReport(documentId, parse(exportQuery, ctx.query).table);
    }),
  };
};
