import type { Context } from 'koa';
import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { ACTION_DEFINITIONS, actionUid } from '../core/permissions';
import { body, documentIdParam, handle, parse } from '../core/handler';
import { listQuery, postPlanInput, transitionInput, transitionParam } from './schemas';
import type { Actor } from './service';

interface AdminState {
  user: { id: number; firstname?: string | null; lastname?: string | null; email: string };
  userAbility: { can(action: string): boolean };
}

/** Who is acting, and which plugin actions their roles hold: the workflow decides with both. */
function actorOf(ctx: Context): Actor {
  const { user, userAbility } = ctx.state as AdminState;
  const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email;
  return { id: user.id, name, actions: ACTION_DEFINITIONS.map((a) => actionUid(a.uid)).filter((uid) => userAbility.can(uid)) };
}

export default ({ strapi }: { strapi: Strapi }) => {
  const plans = () => getService(strapi, 'post-plans');
  const id = (params: Record<string, string>) => parse(documentIdParam, params.documentId, ['documentId']);

  return {
    list: handle((ctx) => plans().list(parse(listQuery, ctx.query))),
    get: handle((ctx) => plans().get(id(ctx.params))),
    create: handle((ctx) => plans().create(parse(postPlanInput, body(ctx)), actorOf(ctx))),
    update: handle(async (ctx) => {
      const documentId = id(ctx.params);
      return plans().update(documentId, parse(postPlanInput, body(ctx)), actorOf(ctx));
    }),
    remove: handle((ctx) => plans().remove(id(ctx.params))),
    transition: handle(async (ctx) => {
      const documentId = id(ctx.params);
      // Each transition has its own route (and RBAC guard); the last path segment names it.
      const name = parse(transitionParam, ctx.path.split('/').pop(), ['transition']);
      const { comment } = parse(transitionInput, body(ctx) ?? {});
      return plans().transition(documentId, name, comment, actorOf(ctx));
    }),
  };
};
