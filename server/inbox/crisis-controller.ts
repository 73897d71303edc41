import type { Context } from 'koa';
import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { body, handle, parse } from '../core/handler';
import { actorOf } from '../planning/controller';
import { adminRoute } from '../core/routes';
import { ACTIONS } from '../../shared/core/permissions';
import { crisisEndInput, crisisSettingsSchema, crisisStartInput, timelineQuery } from '../../shared/inbox/crisis';

/**
 * The crisis routes (docs/inbox.md, "Crisis"): reading the banner's state and
 * the timeline takes `moderation.read`; turning crisis mode on or off and
 * changing the detector's settings take `moderation.crisis`.
 */
export const crisisRoutes = [
  adminRoute('GET', '/inbox/crisis', 'inbox-crisis.overview', ACTIONS.moderationRead),
  adminRoute('GET', '/inbox/crisis/timeline', 'inbox-crisis.timeline', ACTIONS.moderationRead),
  adminRoute('POST', '/inbox/crisis/start', 'inbox-crisis.start', ACTIONS.moderationCrisis),
  adminRoute('POST', '/inbox/crisis/end', 'inbox-crisis.end', ACTIONS.moderationCrisis),
  adminRoute('GET', '/inbox/crisis/settings', 'inbox-crisis.settings', ACTIONS.moderationRead),
  adminRoute('PUT', '/inbox/crisis/settings', 'inbox-crisis.setSettings', ACTIONS.moderationCrisis),
];

export default ({ strapi }: { strapi: Strapi }) => {
  const crisis = () => getService(strapi, 'inbox-crisis');
  const who = (ctx: Context) => {
    const actor = actorOf(ctx);
    return { id: actor.id, name: actor.name };
  };
  return {
    overview: handle(() => crisis().overview()),
    timeline: handle((ctx) => crisis().timeline(parse(timelineQuery, ctx.query))),
    start: handle((ctx) => crisis().start(who(ctx), parse(crisisStartInput, body(ctx) ?? {}))),
    end: handle((ctx) => crisis().end(who(ctx), parse(crisisEndInput, body(ctx) ?? {}))),
    settings: handle(() => crisis().settings()),
    setSettings: handle((ctx) => crisis().setSettings(parse(crisisSettingsSchema, body(ctx)))),
  };
};
