import type { Context } from 'koa';
import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { body, documentIdParam, handle, parse } from '../core/handler';
import { actorOf } from '../planning/controller';
import { dashboardExportQuery, dashboardQuery, exportQuery, generateInput, reportUpdate } from '../../shared/reports/contract';

const id = (params: Record<string, string>) => parse(documentIdParam, params.documentId, ['documentId']);

/** A CSV answer, as a download; the errors before it (bad query, unknown report) keep the JSON envelope. */
function csv(run: (ctx: Context & { params: Record<string, string> }) => Promise<{ filename: string; csv: string }>) {
  return async (ctx: Context & { params: Record<string, string> }) => {
    let file: { filename: string; csv: string } | null = null;
    await handle(async (c) => {
      file = await run(c);
      return null;
    })(ctx as never);
    if (!file) return;
    const { filename, csv: text } = file as { filename: string; csv: string };
    ctx.set('Content-Type', 'text/csv; charset=utf-8');
    ctx.set('Content-Disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.status = 200;
    // A byte-order mark: spreadsheets then read the accents as UTF-8.
    ctx.body = `\uFEFF${text}`;
  };
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
