import type { Context } from 'koa';
import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { body, documentIdParam, handle, parse } from '../core/handler';
import { actorOf } from '../planning/controller';
import { scoreSentiment } from '../../shared/inbox/sentiment';
import {
  assignInput,
  bulkInput,
  hideInput,
  itemsQuery,
  moderateInput,
  noteInput,
  replyInput,
  savedReplyInput,
  savedReplyUpdate,
  sentimentInput,
  statusInput,
  tagsInput,
} from '../../shared/inbox/contract';
import { ruleDryRunInput, ruleInput, ruleOrderInput, ruleUpdate } from '../../shared/inbox/rules';
import { z } from 'zod';
import { m } from '../../shared/core/messages';
import { createSiteIngest } from './site';
import { createPushIngest } from './push';
import { createInsights } from './insights';
import { figuresQuery, replyCountsQuery } from '../../shared/inbox/figures';
import { lazySchema } from '../../shared/core/lazy-schema';

const id = (params: Record<string, string>) => parse(documentIdParam, params.documentId, ['documentId']);
const sentimentPreview = lazySchema(() => z.strictObject({ text: z.string().max(5000, m('too_long')) }));

export default ({ strapi }: { strapi: Strapi }) => {
  const inbox = () => getService(strapi, 'inbox');
  const userOf = (ctx: Context) => {
    const actor = actorOf(ctx);
    return { id: actor.id, name: actor.name };
  };
  // One per Strapi instance: the built plugin's modules outlive an instance (tests boot several in one process).
  const site = createSiteIngest(strapi);
  const push = createPushIngest(strapi);
  const insights = createInsights(strapi);
  return {
    list: handle((ctx) => inbox().list(parse(itemsQuery, ctx.query), userOf(ctx).id)),
    get: handle((ctx) => inbox().get(id(ctx.params))),
    context: handle((ctx) => inbox().threadContext(id(ctx.params))),
    setStatus: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return inbox().setStatus(documentId, parse(statusInput, body(ctx)).status);
    }),
    hide: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return inbox().hideOnNetwork(documentId, parse(hideInput, body(ctx)).hidden);
    }),
    bulk: handle((ctx) => {
      const input = parse(bulkInput, body(ctx));
      return inbox().bulkStatus(input.ids, input.status);
    }),
    assign: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return inbox().assign(documentId, parse(assignInput, body(ctx)).assigneeId, userOf(ctx));
    }),
    setTags: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return inbox().setTags(documentId, parse(tagsInput, body(ctx)).tags);
    }),
    addNote: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return inbox().addNote(documentId, parse(noteInput, body(ctx)).text, userOf(ctx));
    }),
    setSentiment: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return inbox().setSentiment(documentId, parse(sentimentInput, body(ctx)).label);
    }),
    reply: handle(async (ctx) => {
      const documentId = id(ctx.params);
      const input = parse(replyInput, body(ctx));
      return inbox().reply(documentId, input.text, userOf(ctx), input.requestId ?? null, input.then);
    }),
    resend: handle((ctx) => inbox().resend(id(ctx.params), userOf(ctx))),
    moderate: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return inbox().moderate(documentId, parse(moderateInput, body(ctx)).action);
    }),
    sources: handle(() => inbox().sources()),
    poll: handle(() => inbox().poll(true)),
    assignees: handle(() => inbox().assignees()),
    sentiment: handle(async (ctx) => scoreSentiment(parse(sentimentPreview, body(ctx)).text)),
    listSavedReplies: handle(() => inbox().savedReplies.list()),
    createSavedReply: handle((ctx) => inbox().savedReplies.create(parse(savedReplyInput, body(ctx)))),
    updateSavedReply: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return inbox().savedReplies.update(documentId, parse(savedReplyUpdate, body(ctx)));
    }),
    removeSavedReply: handle((ctx) => inbox().savedReplies.remove(id(ctx.params))),
    badge: handle((ctx) => insights.badge(userOf(ctx).id)),
    replyCounts: handle((ctx) => insights.replyCounts(parse(replyCountsQuery, ctx.query).plans)),
    figures: handle((ctx) => insights.figures(parse(figuresQuery, ctx.query))),
    listRules: handle(() => inbox().rules.list()),
    createRule: handle((ctx) => inbox().rules.create(parse(ruleInput, body(ctx)))),
    updateRule: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return inbox().rules.update(documentId, parse(ruleUpdate, body(ctx)));
    }),
    removeRule: handle((ctx) => inbox().rules.remove(id(ctx.params))),
    reorderRules: handle((ctx) => inbox().rules.reorder(parse(ruleOrderInput, body(ctx)).ids)),
    dryRunRule: handle((ctx) => inbox().rules.dryRun(parse(ruleDryRunInput, body(ctx)).conditions)),
    /** The public, signed end (site.ts): the signature is the credential. */
    site: (ctx: Context) => site.handle(ctx),
    /** A network's webhook (push.ts): the handshake, then signed deliveries. */
    pushChallenge: (ctx: Context) => push.challenge(ctx),
    push: (ctx: Context) => push.deliver(ctx),
  };
};
