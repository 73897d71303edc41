import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { body, documentIdParam, handle, parse } from '../core/handler';
import { actorOf } from '../planning/controller';
import { createImageProxy, imageQuery } from './image-proxy';
import {
  alertInput,
  bulkInput,
  curateInput,
  itemsQuery,
  opmlImport,
  removeSourceQuery,
  sourceInput,
  sourceUpdate,
  stateInput,
  urlInput,
} from '../../shared/watch/contract';

const id = (params: Record<string, string>) => parse(documentIdParam, params.documentId, ['documentId']);

export const sourcesController = ({ strapi }: { strapi: Strapi }) => {
  const sources = () => getService(strapi, 'watch-sources');
  return {
    list: handle(() => sources().list()),
    get: handle((ctx) => sources().get(id(ctx.params))),
    create: handle((ctx) => sources().create(parse(sourceInput, body(ctx)))),
    update: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return sources().update(documentId, parse(sourceUpdate, body(ctx)));
    }),
    remove: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return sources().remove(documentId, parse(removeSourceQuery, ctx.query).keepItems);
    }),
    pause: handle((ctx) => sources().setPaused(id(ctx.params), true)),
    resume: handle((ctx) => sources().setPaused(id(ctx.params), false)),
    fetch: handle((ctx) => sources().fetchNow(id(ctx.params))),
    test: handle((ctx) => sources().preview(parse(urlInput, body(ctx)).url)),
    discover: handle((ctx) => sources().discover(parse(urlInput, body(ctx)).url)),
    importOpml: handle((ctx) => {
      const input = parse(opmlImport, body(ctx));
      return sources().importOpml(input.opml, input.intervalMinutes);
    }),
    exportOpml: handle(() => sources().exportOpml()),
  };
};

export const itemsController = ({ strapi }: { strapi: Strapi }) => {
  const items = () => getService(strapi, 'watch-items');
  const images = createImageProxy(strapi);
  const userIdOf = (ctx: { state: unknown }) => (ctx.state as { user: { id: number } }).user.id;
  return {
    list: handle(async (ctx) => {
      const page = await items().list(parse(itemsQuery, ctx.query));
      return { ...page, results: page.results.map((item) => images.forViewer(item, userIdOf(ctx))) };
    }),
    get: handle(async (ctx) => images.forViewer(await items().get(id(ctx.params)), userIdOf(ctx))),
    /** The public end of the image proxy (server/watch/image-proxy.ts): the signed address is the credential. */
    image: async (ctx: Parameters<ReturnType<typeof handle>>[0]) => {
      const run = handle(async (c) => images.fetch(id(c.params), parse(imageQuery, c.query)));
      await run(ctx);
      const data = (ctx.body as { data?: { type: string; body: Buffer } } | undefined)?.data;
      if (!data) return;
      ctx.set('Content-Type', data.type);
      ctx.set('Content-Length', String(data.body.length));
      // The bytes are the remote server's: never sniffed as anything else, never a document that runs.
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
      ctx.set('Cache-Control', 'private, max-age=3600');
      ctx.set('Referrer-Policy', 'no-referrer');
      ctx.body = data.body;
    },
    setState: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return images.forViewer(await items().setState(documentId, parse(stateInput, body(ctx)).state), userIdOf(ctx));
    }),
    bulk: handle((ctx) => {
      const input = parse(bulkInput, body(ctx));
      return items().bulkState(input.ids, input.state);
    }),
    curate: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return items().curate(documentId, parse(curateInput, body(ctx) ?? {}), actorOf(ctx));
    }),
  };
};

export const alertsController = ({ strapi }: { strapi: Strapi }) => {
  const alerts = () => getService(strapi, 'watch-alerts');
  return {
    list: handle(() => alerts().list()),
    get: handle((ctx) => alerts().get(id(ctx.params))),
    create: handle((ctx) => alerts().create(parse(alertInput, body(ctx)))),
    update: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return alerts().update(documentId, parse(alertInput, body(ctx)));
    }),
    remove: handle((ctx) => alerts().remove(id(ctx.params))),
    count: handle(() => alerts().count()),
    digest: handle(() => alerts().sendDigest()),
  };
};
