import type { Context } from 'koa';
import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { handle, parse } from '../core/handler';
import { eventsQuery, feedToken, summaryQuery } from '../../shared/calendar/contract';

const userIdOf = (ctx: Context) => (ctx.state as { user: { id: number } }).user.id;

/**
 * Where the public feed URL and the admin links inside it point: the configured
 * public URLs when there are any (behind a proxy the request's own host may be
 * an internal one), else the host the request came to.
 */
function baseUrls(strapi: Strapi, ctx: Context) {
  const configured = String(strapi.config.get('server.url', '') ?? '');
  const server = /^https?:\/\//.test(configured) ? configured : ctx.request.origin;
  const admin = String(strapi.config.get('admin.url', '/admin') ?? '/admin');
  return { server: server.replace(/\/$/, ''), admin: /^https?:\/\//.test(admin) ? admin : `${server.replace(/\/$/, '')}${admin}` };
}

export default ({ strapi }: { strapi: Strapi }) => {
  const calendar = () => getService(strapi, 'calendar');
  const feeds = () => getService(strapi, 'calendar-feeds');

  return {
    events: handle(async (ctx) => {
      const query = parse(eventsQuery, ctx.query);
      // With dayMax the answer is what a month grid draws (docs/api.md); without, every post of the window.
      return query.dayMax ? calendar().monthEvents({ ...query, dayMax: query.dayMax }) : calendar().events(query);
    }),
    summary: handle((ctx) => calendar().summary(parse(summaryQuery, ctx.query))),
    feedStatus: handle((ctx) => feeds().status(userIdOf(ctx))),
    createFeed: handle((ctx) => feeds().create(userIdOf(ctx), baseUrls(strapi, ctx).server)),
    revokeFeed: handle((ctx) => feeds().revoke(userIdOf(ctx))),

    /** The public .ics: any token that is malformed, unknown, revoked or whose owner lost access is the same 404. */
    async ics(ctx: Context) {
      const token = feedToken.safeParse((ctx.params as Record<string, string>).token);
      const text = token.success ? await feeds().render(token.data, baseUrls(strapi, ctx).admin) : null;
      if (text === null) {
        ctx.status = 404;
        ctx.body = { data: null, error: { status: 404, name: 'NotFoundError', message: 'Not Found', details: {} } };
        return;
      }
      ctx.set('Content-Type', 'text/calendar; charset=utf-8');
      ctx.set('Content-Disposition', 'inline; filename="social-posts.ics"');
      // The URL is a secret: keep it out of shared caches and referrers.
      ctx.set('Cache-Control', 'private, max-age=300');
      ctx.set('Referrer-Policy', 'no-referrer');
      ctx.body = text;
    },
  };
};
