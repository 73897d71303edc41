import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Context, Next } from 'koa';
import type { Strapi } from '../core/strapi';
import { PLUGIN_ID } from '../../shared/core/permissions';

/**
 * Media a network fetches by URL (Instagram, Threads: they cannot take the
 * bytes): a short-lived signed address on the site, `<server.url>/api/
 * community-manager/media/<token>`, handed to the network when the post is
 * sent. The token names the upload's path and an end time, signed with a key
 * derived from the admin's secret; the route serves that file of the upload
 * folder and nothing else, and answers the same 404 to a forged, expired or
 * missing one. Files of a provider that stores elsewhere (S3, Cloudinary)
 * already have a public absolute URL, given as it is.
 */

/** Long enough for a network to fetch while it processes the container; short enough not to become a permanent link. */
export const MEDIA_LINK_TTL_MS = 2 * 3600_000;

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
};

/** The token is a credential for hours: strapi::logger (which logs `ctx.url` once the request has run) gets it masked. */
export async function mediaTokenOutOfLogs(ctx: Context, next: Next) {
  try {
    await next();
  } finally {
    ctx.url = ctx.path.replace(/\/media\/[^/]+$/, '/media/***');
  }
}

export const publicMediaRoutes = [
  {
    method: 'GET' as const,
    path: '/media/:token',
    handler: 'publications.media',
    config: { auth: false as const, policies: [] as string[], middlewares: [mediaTokenOutOfLogs] },
  },
];

export function createPublicMedia(strapi: Strapi) {
  const key = () =>
    createHmac('sha256', String(strapi.config.get('admin.auth.secret') ?? ''))
      .update(`${PLUGIN_ID}:public-media`)
      .digest();
  const sign = (file: string, exp: number) => createHmac('sha256', key()).update(`${file}\n${exp}`).digest('base64url');

  /** The site's public address (Strapi's `server.url`), or null when it has none. */
  const site = () => {
    const configured = String(strapi.config.get('server.url', '') ?? '').replace(/\/+$/, '');
    return /^https?:\/\/[^/]/.test(configured) ? configured : null;
  };

  return {
    site,

    /** The address a network fetches `file` from: absolute URLs as they are, upload paths signed; null without a public address. */
    linkFor(file: string, now = Date.now()): string | null {
      if (/^https?:\/\//i.test(file)) return file;
      const base = site();
      if (!base || !file.startsWith('/')) return null;
      const exp = now + MEDIA_LINK_TTL_MS;
      const token = `${Buffer.from(file, 'utf8').toString('base64url')}.${exp}.${sign(file, exp)}`;
      const prefix = String(strapi.config.get('api.rest.prefix', '/api') ?? '/api').replace(/\/$/, '');
      return `${base}${prefix}/${PLUGIN_ID}/media/${token}`;
    },

    /** The file a token names, after every check; null (a 404) for anything else. */
    async read(token: string, now = Date.now()): Promise<{ type: string; body: Buffer } | null> {
      const match = /^([A-Za-z0-9_-]{1,2800})\.(\d{10,16})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!match) return null;
      const file = Buffer.from(match[1], 'base64url').toString('utf8');
      const exp = Number(match[2]);
      const expected = Buffer.from(sign(file, exp));
      const given = Buffer.from(match[3]);
      if (expected.length !== given.length || !timingSafeEqual(expected, given) || exp < now) return null;
      const type = TYPES[path.extname(file.split('?')[0]).toLowerCase()];
      if (!type) return null;
      // The upload folder only: the same check as reading a post's media (server/publishing/media.ts).
      const root = path.resolve(strapi.dirs.static.public);
      const resolved = path.resolve(root, `.${decodeURIComponent(file.split('?')[0])}`);
      if (!resolved.startsWith(root + path.sep)) return null;
      try {
        return { type, body: await fs.readFile(resolved) };
      } catch {
        return null;
      }
    },
  };
}
