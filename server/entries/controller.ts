import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { body, handle, parse } from '../core/handler';
import { actorOf } from '../planning/controller';
import { configQuery, entryQuery, shareTimelineInput } from './schemas';

export default ({ strapi }: { strapi: Strapi }) => {
  const entries = () => getService(strapi, 'entries');
  return {
    config: handle((ctx) => entries().config(parse(configQuery, ctx.query).uid)),
    prefill: handle((ctx) => {
      const { uid, documentId } = parse(entryQuery, ctx.query);
      return entries().prefill(uid, documentId);
    }),
    posts: handle((ctx) => {
      const { uid, documentId } = parse(entryQuery, ctx.query);
      return entries().posts(uid, documentId);
    }),
    shareTimeline: handle((ctx) => entries().shareTimeline(parse(shareTimelineInput, body(ctx)), actorOf(ctx))),
  };
};
