import type { Context, Next } from 'koa';

/** The callback's query with `code` and `state` masked: what request logs may show. */
export const maskCallbackQuery = (url: string) => url.replace(/([?&](?:code|state)=)[^&#]*/g, '$1***');

/**
 * The code and the state arrive in the callback's query; either could be
 * replayed by whoever reads the logs within its short life. strapi::logger
 * writes `ctx.url` after the request has run: this route middleware runs
 * inside it and rewrites the URL once the answer is made.
 */
export async function maskCallbackInLogs(ctx: Context, next: Next) {
  try {
    await next();
  } finally {
    ctx.url = maskCallbackQuery(ctx.url);
  }
}
