import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { body, documentIdParam, handle, parse } from '../core/handler';
import { actorOf } from '../planning/controller';
import { alertInput, bulkInput, curateInput, itemsQuery, opmlImport, removeSourceQuery, sourceInput, sourceUpdate, stateInput, urlInput } from './schemas';

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
  return {
    list: handle((ctx) => items().list(parse(itemsQuery, ctx.query))),
    get: handle((ctx) => items().get(id(ctx.params))),
    setState: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return items().setState(documentId, parse(stateInput, body(ctx)).state);
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
