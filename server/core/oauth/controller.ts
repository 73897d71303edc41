import type { Context } from 'koa';
import type { Strapi } from '../strapi';
import { getService } from '../services';
import { body, documentIdParam, handle, parse } from '../handler';
import { appInput, authorizeInput, callbackQuery, networkParam } from '../../../shared/oauth/contract';

type Ctx = Context & { params: Record<string, string>; state: { user?: { id: number } } };

export default ({ strapi }: { strapi: Strapi }) => {
  const oauth = () => getService(strapi, 'oauth');
  const network = (ctx: Ctx) => parse(networkParam, ctx.params.network, ['network']);

  return {
    networks: handle(() => oauth().networks()),
    authorize: handle(async (ctx) => {
      const c = ctx as unknown as Ctx;
      const input = parse(authorizeInput, body(ctx) ?? {});
      const { url, cookie } = await oauth().authorize(c.state.user!.id, network(c), input, ctx.request.origin);
      // Binds the sign-in to this browser: the callback must come back with it (SameSite=Lax rides along a top-level redirect).
      ctx.cookies.set(cookie.name, cookie.value, {
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.request.secure,
        path: cookie.path,
        maxAge: cookie.maxAgeMs,
        overwrite: true,
      });
      return { url };
    }),
    refresh: handle(async (ctx) => ({
      outcome: await oauth().refresh(parse(documentIdParam, ctx.params.documentId, ['documentId']), { force: true }),
    })),
    apps: handle((ctx) => oauth().apps(ctx.request.origin)),
    saveApp: handle(async (ctx) => oauth().saveApp(network(ctx as unknown as Ctx), parse(appInput, body(ctx)), ctx.request.origin)),

    /** Public: the browser arrives by a redirect from the network, without the admin's token; the state is the credential. */
    async callback(ctx: Context) {
      const query = callbackQuery.parse(ctx.query);
      const cookie = ctx.cookies.get(oauth().cookieName) ?? null;
      const location = await oauth().callback(query, cookie);
      ctx.cookies.set(oauth().cookieName, null, { path: '/' });
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Referrer-Policy', 'no-referrer');
      ctx.redirect(location);
    },
  };
};
