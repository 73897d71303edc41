import type { Context, Next } from 'koa';
import type { Strapi } from '../core/strapi';
import { PLUGIN_ID } from '../../shared/core/permissions';
import type { PluginConfig } from '../core/config';

/**
 * The signed site endpoint and the networks' webhooks (push.ts) need the body's exact bytes: the signature is over
 * them, and Strapi's body parser (koa-body) keeps only the parsed JSON. This
 * middleware, put in front of Strapi's own at register time, reads that one
 * routes' bodies itself — never more than `inbox.siteMaxBytes`, refusing a
 * larger one before reading it when its Content-Length says so — keeps the
 * bytes on `ctx.state`, and marks the request so the body parser leaves it
 * alone. Every other request passes untouched.
 */

export const SITE_INGEST_PATH = '/inbox/site';
export const PUSH_PREFIX = '/inbox/push/';
const PUSH_MAX_BYTES = 1_048_576;
const RAW = Symbol.for('community-manager.inbox.raw');
const SKIP_TYPE = 'application/x-community-manager-signed';

/** The bytes read for this request, or undefined when the middleware did not read it. */
export const rawBodyOf = (ctx: { state: unknown }): Buffer | undefined => (ctx.state as Record<symbol, Buffer | undefined>)[RAW];

export function refuse(ctx: Context, status: number, code: string, message: string) {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  ctx.body = {
    data: null,
    error: {
      status,
      name: status === 401 ? 'UnauthorizedError' : status === 429 ? 'RateLimitError' : 'ValidationError',
      message,
      details: { code },
    },
  };
}

function readCapped(ctx: Context, max: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (value: Buffer | 'too_large') => {
      if (done) return;
      done = true;
      ctx.req.off('data', onData);
      ctx.req.off('end', onEnd);
      ctx.req.off('error', onError);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        // Stop buffering: what is left is read and dropped so the answer can still go out on this connection.
        ctx.req.resume();
        finish('too_large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks));
    const onError = (err: Error) => {
      if (!done) {
        done = true;
        reject(err);
      }
    };
    ctx.req.on('data', onData);
    ctx.req.on('end', onEnd);
    ctx.req.on('error', onError);
  });
}

export function siteRawBody(strapi: Strapi) {
  return async (ctx: Context, next: Next) => {
    const prefix = String(strapi.config.get('api.rest.prefix', '/api')).replace(/\/+$/, '');
    const base = `${prefix}/${PLUGIN_ID}`;
    const site = ctx.path === `${base}${SITE_INGEST_PATH}`;
    // A network's webhook (push.ts) is signed over its bytes too.
    if (ctx.method !== 'POST' || !(site || ctx.path.startsWith(`${base}${PUSH_PREFIX}`))) return next();
    const config = strapi.plugin(PLUGIN_ID).config('inbox') as PluginConfig['inbox'];
    // Meta batches up to 1,000 changes in one delivery: its cap is larger than one site comment's.
    const max = site ? (config?.siteMaxBytes ?? 65_536) : PUSH_MAX_BYTES;
    const declared = Number(ctx.get('content-length'));
    if (Number.isFinite(declared) && declared > max) {
      return refuse(ctx, 400, 'too_large', `The body is larger than ${max} bytes`);
    }
    let raw: Buffer | 'too_large';
    try {
      raw = await readCapped(ctx, max);
    } catch {
      return refuse(ctx, 400, 'body_unreadable', 'The body could not be read');
    }
    if (raw === 'too_large') return refuse(ctx, 400, 'too_large', `The body is larger than ${max} bytes`);
    (ctx.state as Record<symbol, Buffer>)[RAW] = raw;
    ctx.req.headers['x-community-manager-content-type'] = ctx.req.headers['content-type'];
    ctx.req.headers['content-type'] = SKIP_TYPE;
    return next();
  };
}
