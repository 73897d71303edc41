import type { Context } from 'koa';
import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { body, handle, parse } from '../core/handler';
import { actorOf } from '../planning/controller';
import { configQuery, entryQuery, shareTimelineInput } from '../../shared/entries/contract';
import type { UserAbility } from './service';

/** The signed-in user's abilities, as the admin's authentication leaves them: the Content Manager's rights are read from them. */
const readerOf = (ctx: Context) => (ctx.state as { userAbility: UserAbility }).userAbility;

export default ({ strapi }: { strapi: Strapi }) => {
  const entries = () => getService(strapi, 'entries');
  return {
    config: handle((ctx) => entries().config(parse(configQuery, ctx.query).uid)),
    prefill: handle((ctx) => {
      const { uid, documentId } = parse(entryQuery, ctx.query);
      return entries().prefill(uid, documentId, readerOf(ctx));
    }),
    posts: handle((ctx) => {
      const { uid, documentId } = parse(entryQuery, ctx.query);
      return entries().posts(uid, documentId);
    }),
    shareTimeline: handle((ctx) => entries().shareTimeline(parse(shareTimelineInput, body(ctx)), actorOf(ctx), readerOf(ctx))),
  };
};
