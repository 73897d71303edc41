import type { Context } from 'koa';
import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { body, documentIdParam, handle, parse } from '../core/handler';
import { dailyCapQuery, markPublishedInput, pauseInput, planQuery, sentQuery } from '../../shared/publishing/contract';
import { createPublicMedia } from './public-media';

/** The person a request acts for: their name goes in the publication's history and their id in the plan's trail. */
function who(ctx: Context): { id: number; name: string } {
  const user = (ctx.state as { user?: { id?: number; firstname?: string | null; lastname?: string | null; email?: string } }).user;
  return { id: Number(user?.id ?? 0), name: [user?.firstname, user?.lastname].filter(Boolean).join(' ') || user?.email || 'someone' };
}

export default ({ strapi }: { strapi: Strapi }) => {
  const publications = () => getService(strapi, 'publications');
  const id = (params: Record<string, string>) => parse(documentIdParam, params.documentId, ['documentId']);
  const publicMedia = createPublicMedia(strapi);

  return {
    /** The public end of the signed media addresses (server/publishing/public-media.ts): the token is the credential. */
    async media(ctx: Context) {
      const file = await publicMedia.read(String((ctx.params as Record<string, string>).token ?? ''));
      if (!file) {
        ctx.status = 404;
        ctx.body = { data: null, error: { status: 404, name: 'NotFoundError', message: 'Not Found', details: {} } };
        return;
      }
      ctx.set('Content-Type', file.type);
      ctx.set('Cache-Control', 'private, max-age=300');
      ctx.set('Referrer-Policy', 'no-referrer');
      ctx.body = file.body;
    },
    overview: handle(() => publications().overview()),
    badge: handle(() => publications().badge()),
    dailyCaps: handle((ctx) => {
      const query = parse(dailyCapQuery, ctx.query);
      return publications().dailyCaps(query.at, query.accountIds);
    }),
    sent: handle((ctx) => publications().sent(parse(sentQuery, ctx.query))),
    listForPlan: handle((ctx) => publications().listForPlan(parse(planQuery, ctx.query).planDocumentId)),
    get: handle((ctx) => publications().get(id(ctx.params))),
    pause: handle(async (ctx) => {
      const input = parse(pauseInput, body(ctx));
      return publications().setPaused(input.paused, who(ctx).name, input.reason ?? null);
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
