import type { Context, Next } from 'koa';

/** `/calendar/<token>.ics` with the token replaced: what request logs may show. */
export const maskFeedToken = (url: string) => url.replace(/(\/calendar\/)[^/?#]+(\.ics)/, '$1***$2');

/**
 * The feed's token is its credential and a calendar app can only send it in the
 * path, so the path must not reach the logs. strapi::logger writes `ctx.url`
 * after the request has run; this route middleware runs inside it and rewrites
 * the URL once the answer is made, whatever happened.
 */
export async function maskFeedTokenInLogs(ctx: Context, next: Next) {
  try {
    await next();
  } finally {
    ctx.url = maskFeedToken(ctx.url);
  }
}
