import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'koa';
import { z } from 'zod';
import { lazySchema } from '../../shared/core/lazy-schema';
import type { Strapi, Row } from '../core/strapi';
import { adminAbility } from '../core/admin-ability';
import { UID } from '../../content-types';
import { HttpError } from '../core/errors';
import { ACTIONS, PLUGIN_ID } from '../../shared/core/permissions';
import { guardedFetch } from '../core/http/guarded-fetch';
import { httpUrlOrNull } from '../../shared/core/safe-url';
import type { WatchItem } from './dto';
import { feedFetchSettings } from './outbound';

/**
 * Feed images under Strapi's CSP (`img-src 'self' data: blob:`): the reader's
 * `<img>` point at this plugin, which fetches the picture through the guarded
 * fetcher. An `<img>` cannot send the admin's bearer token, so each address is
 * a capability the items API hands to a `watch.read` holder: signed for that
 * user, that item and that image, for a few hours. At each request the
 * signature, the user's current `watch.read`, and the image's presence in the
 * stored item are checked again, so it is neither an open proxy nor an SSRF
 * gadget (the guarded fetcher's address policy applies as to feeds).
 */
export const IMAGE_LINK_TTL_MS = 12 * 3600_000;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const IMAGE_DEADLINE_MS = 10_000;
/** Raster types only: an SVG opened on its own would run its scripts on the admin's origin. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

/** The signed query is a credential for hours: strapi::logger (which logs `ctx.url` once the request has run) gets the path only. */
export async function imageQueryOutOfLogs(ctx: Context, next: Next) {
  try {
    await next();
  } finally {
    ctx.url = ctx.path;
  }
}

export const imageQuery = lazySchema(() =>
  z.object({
    src: z.string().max(2048),
    u: z.coerce.number().int().positive(),
    exp: z.coerce.number().int().positive(),
    sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  })
);
export type ImageQuery = z.infer<typeof imageQuery>;

const decodeAttr = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
const encodeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const IMG_SRC = /(<img\b[^>]*?\ssrc=")([^"]*)(")/gi;

/** Every image address of an item: its sanitized content's `<img src>` and its lead image. */
export function imagesOf(item: Pick<WatchItem, 'content' | 'image'>): Set<string> {
  const found = new Set<string>();
  for (const match of item.content.matchAll(IMG_SRC)) found.add(decodeAttr(match[2]));
  if (item.image) found.add(item.image);
  return found;
}

export function createImageProxy(strapi: Strapi) {
  const key = () =>
    createHmac('sha256', String(strapi.config.get('admin.auth.secret') ?? ''))
      .update(`${PLUGIN_ID}:watch-image`)
      .digest();
  const signature = (userId: number, itemId: string, src: string, exp: number) =>
    createHmac('sha256', key())
      .update(JSON.stringify([userId, itemId, src, exp]))
      .digest('base64url');

  function linkFor(userId: number, itemId: string, src: string, exp: number): string {
    const query = new URLSearchParams({ src, u: String(userId), exp: String(exp), sig: signature(userId, itemId, src, exp) });
    const prefix = String(strapi.config.get('api.rest.prefix', '/api') ?? '/api').replace(/\/$/, '');
    return `${prefix}/${PLUGIN_ID}/watch/items/${itemId}/image?${query.toString()}`;
  }

  async function mayRead(userId: number): Promise<boolean> {
    return (await adminAbility(strapi, userId)).can(ACTIONS.watchRead);
  }

  return {
    /** The item as `userId` reads it: each http(s) image rewritten to its signed proxy address. */
    forViewer(item: WatchItem, userId: number, now = Date.now()): WatchItem {
      const exp = now + IMAGE_LINK_TTL_MS;
      const proxied = (src: string) => (httpUrlOrNull(src) ? linkFor(userId, item.documentId, src, exp) : src);
      return {
        ...item,
        content: item.content.replace(
          IMG_SRC,
          (_all, start: string, src: string, end: string) => `${start}${encodeAttr(proxied(decodeAttr(src)))}${end}`
        ),
        image: item.image ? proxied(item.image) : null,
      };
    },

    /** The picture, after every check; any refusal is an HttpError. */
    async fetch(itemId: string, query: ImageQuery, now = Date.now()): Promise<{ type: string; body: Buffer }> {
      const expected = Buffer.from(signature(query.u, itemId, query.src, query.exp));
      const given = Buffer.from(query.sig);
      if (expected.length !== given.length || !timingSafeEqual(expected, given) || query.exp < now)
        throw new HttpError(403, 'image_link_invalid', 'This image address is not valid (or no longer)');
      if (!(await mayRead(query.u))) throw new HttpError(403, 'image_link_invalid', 'This image address is not valid (or no longer)');
      const row = (await strapi.db
        .query(UID.watchItem)
        .findOne({ where: { documentId: itemId }, select: ['content', 'image'] })) as Row | null;
      if (!row || !imagesOf({ content: String(row.content ?? ''), image: (row.image as string | null) ?? null }).has(query.src))
        throw new HttpError(404, 'not_found', 'No such image in this item');
      const { options } = feedFetchSettings(strapi);
      let res;
      try {
        res = await guardedFetch(
          query.src,
          { headers: { accept: [...IMAGE_TYPES].join(', ') }, maxBytes: MAX_IMAGE_BYTES, deadlineMs: IMAGE_DEADLINE_MS },
          { policy: options.policy }
        );
      } catch (err) {
        throw new HttpError(502, 'image_unreachable', `The image could not be fetched: ${(err as Error).message}`);
      }
      const type = String(res.headers['content-type'] ?? '')
        .split(';')[0]
        .trim()
        .toLowerCase();
      if (res.status !== 200) throw new HttpError(502, 'image_unreachable', `The image's server answered ${res.status}`);
      if (!IMAGE_TYPES.has(type)) throw new HttpError(415, 'not_an_image', 'Not a PNG, JPEG, GIF, WebP or AVIF image');
      return { type, body: res.body };
    },
  };
}
