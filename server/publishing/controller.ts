import type { Context } from 'koa';
import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { body, documentIdParam, handle, parse } from '../core/handler';
import { markPublishedInput, pauseInput, planQuery } from '../../shared/publishing/contract';

/** The name a person's action is recorded under in a publication's history. */
function who(ctx: Context): string {
  const user = (ctx.state as { user?: { firstname?: string | null; lastname?: string | null; email?: string } }).user;
  return [user?.firstname, user?.lastname].filter(Boolean).join(' ') || user?.email || 'someone';
}

export default ({ strapi }: { strapi: Strapi }) => {
  const publications = () => getService(strapi, 'publications');
  const id = (params: Record<string, string>) => parse(documentIdParam, params.documentId, ['documentId']);

  return {
    overview: handle(() => publications().overview()),
    badge: handle(() => publications().badge()),
    listForPlan: handle((ctx) => publications().listForPlan(parse(planQuery, ctx.query).planDocumentId)),
    get: handle((ctx) => publications().get(id(ctx.params))),
    pause: handle(async (ctx) => {
      const input = parse(pauseInput, body(ctx));
      return publications().setPaused(input.paused, who(ctx), input.reason ?? null);
    }),
    publishNow: handle((ctx) => publications().publishNow(id(ctx.params), who(ctx))),
    retry: handle((ctx) => publications().retry(id(ctx.params), who(ctx))),
    cancel: handle((ctx) => publications().cancel(id(ctx.params), who(ctx))),
    markPublished: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return publications().markPublished(documentId, parse(markPublishedInput, body(ctx)).url, who(ctx));
    }),
  };
};
