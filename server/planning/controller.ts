import type { Context } from 'koa';
import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { ACTION_DEFINITIONS, actionUid } from '../../shared/core/permissions';
import { body, clientGone, documentIdParam, handle, parse } from '../core/handler';
import {
  bulkInput,
  commentIdParam,
  commentInput,
  composerContext,
  linkPreviewQuery,
  listQuery,
  postPlanInput,
  rescheduleInput,
  transitionInput,
  transitionParam,
} from '../../shared/planning/contract';
import { allowedActions, availableTransitions } from '../../shared/planning/workflow';
import { fieldError } from '../core/errors';
import { serverMessage } from '../../shared/core/messages';
import type { PostPlan } from './dto';
import { fetchLinkPreview } from './link-preview';
import { readPostLabels } from './labels';
import { postLabelsQuery } from '../../shared/planning/labels';
import type { Actor } from './service';

interface AdminState {
  user: { id: number; firstname?: string | null; lastname?: string | null; email: string };
  userAbility: { can(action: string): boolean };
}

/** Who is acting, and which plugin actions their roles hold: the workflow decides with both. */
export function actorOf(ctx: Context): Actor {
  const { user, userAbility } = ctx.state as AdminState;
  const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email;
  return { id: user.id, name, actions: ACTION_DEFINITIONS.map((a) => actionUid(a.uid)).filter((uid) => userAbility.can(uid)) };
}

export default ({ strapi }: { strapi: Strapi }) => {
  const plans = () => getService(strapi, 'post-plans');
  const id = (params: Record<string, string>) => parse(documentIdParam, params.documentId, ['documentId']);

  /** Adds the transitions this user may take, so the admin's buttons are the server's. */
  async function withTransitions<T extends PostPlan | PostPlan[]>(ctx: Context, plans: T): Promise<T> {
    const settings = await getService(strapi, 'settings').workflow();
    const { actions } = actorOf(ctx);
    const add = (plan: PostPlan) => ({
      ...plan,
      availableTransitions: availableTransitions(plan.status, actions, settings),
      allowedActions: allowedActions(plan.status, actions, settings),
    });
    return (Array.isArray(plans) ? plans.map(add) : add(plans)) as T;
  }

  return {
    list: handle(async (ctx) => {
      const page = await plans().list(parse(listQuery, ctx.query));
      return { ...page, results: await withTransitions(ctx, page.results) };
    }),
    get: handle(async (ctx) => withTransitions(ctx, await plans().get(id(ctx.params)))),
    create: handle(async (ctx) => withTransitions(ctx, await plans().create(parse(postPlanInput, body(ctx)), actorOf(ctx)))),
    update: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return withTransitions(ctx, await plans().update(documentId, parse(postPlanInput, body(ctx)), actorOf(ctx)));
    }),
    remove: handle((ctx) => plans().remove(id(ctx.params), actorOf(ctx))),
    reschedule: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return plans().reschedule(documentId, parse(rescheduleInput, body(ctx)).schedule, actorOf(ctx));
    }),
    transition: handle(async (ctx) => {
      const documentId = id(ctx.params);
      // Each transition has its own route (and RBAC guard); the last path segment names it.
      const name = parse(transitionParam, ctx.path.split('/').pop(), ['transition']);
      const { comment, approve } = parse(transitionInput, body(ctx) ?? {});
      if (approve && name !== 'schedule') throw fieldError('approve', serverMessage('approve_only_schedule'), 'not_allowed');
      return withTransitions(ctx, await plans().transition(documentId, name, comment, actorOf(ctx), { approve }));
    }),
    duplicate: handle(async (ctx) => withTransitions(ctx, await plans().duplicate(id(ctx.params), actorOf(ctx)))),
    bulk: handle(async (ctx) => {
      const { action, documentIds } = parse(bulkInput, body(ctx));
      // The full plans stay on the server: the page refetches, and a per-item line is what it reports.
      return (await plans().bulk(action, documentIds, actorOf(ctx))).map(({ result: _result, ...item }) => item);
    }),
    texts: handle((ctx) => plans().texts(id(ctx.params))),
    listComments: handle((ctx) => plans().listComments(id(ctx.params))),
    addComment: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return plans().addComment(documentId, parse(commentInput, body(ctx)).body, actorOf(ctx));
    }),
    deleteComment: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return plans().deleteComment(documentId, parse(commentIdParam, ctx.params.commentId, ['commentId']), actorOf(ctx));
    }),
    /** What the composer needs from the settings without the settings permission. */
    composerContext: handle(async (ctx) => {
      const settingsService = getService(strapi, 'settings');
      const [siteHosts, settings, approvers] = await Promise.all([
        settingsService.siteHosts(),
        settingsService.workflow(),
        plans().approvers(),
      ]);
      // A new post becomes a draft on its first save; cancelling what is not saved yet means nothing.
      const newPostActions = allowedActions('draft', actorOf(ctx).actions, settings).filter((action) => action.name !== 'cancel');
      // Our own answer, checked against the contract the admin reads: a mismatch is our bug (500), not the caller's.
      return composerContext.parse({ siteHosts, approvalRequired: settings.approvalRequired, approvers, newPostActions });
    }),
    labels: handle(async (ctx) => {
      parse(postLabelsQuery, ctx.query);
      return readPostLabels(strapi);
    }),
    linkPreview: handle((ctx) => fetchLinkPreview(strapi, parse(linkPreviewQuery, ctx.query).url, clientGone(ctx))),
  };
};
