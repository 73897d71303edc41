import type { Strapi } from '../core/strapi';
import type { PluginConfig } from '../core/config';
import { PLUGIN_ID } from '../../shared/core/permissions';
import { HttpError, fieldError, fieldIssue } from '../core/errors';
import { serverMessage } from '../../shared/core/messages';
import { guardedFetch, OutboundError, parseOutboundUrl } from '../core/http/guarded-fetch';
import type { LinkPreview, LinkPreviewResult, NoLinkPreview } from '../../shared/planning/contract';
export type { LinkPreview, LinkPreviewResult };

/** A page's head is enough for its card: read at most this much. */
const MAX_BYTES = 512 * 1024;
const TIMEOUT_MS = 5_000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", nbsp: ' ' };
const decode = (text: string) =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&([a-z0-9#]+);/gi, (whole, name: string) => ENTITIES[name.toLowerCase()] ?? whole)
    .replace(/\s+/g, ' ')
    .trim();

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([a-zA-Z:-]+)\s*=\s*("([^"]*)"|'([^']*)')/g))
    found[match[1].toLowerCase()] = match[3] ?? match[4] ?? '';
  return found;
}

/** OpenGraph (then Twitter card, then <title>) facts from a page's HTML, as text only. */
export function parseLinkPreview(html: string, pageUrl: string): LinkPreview {
  const meta = new Map<string, string>();
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi)) {
    const attrs = attributes(tag);
    const key = (attrs.property ?? attrs.name ?? '').toLowerCase();
    if (key && attrs.content !== undefined && !meta.has(key)) meta.set(key, decode(attrs.content));
  }
  const titleTag = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const pick = (...keys: string[]) => keys.map((key) => meta.get(key)).find((value) => value) ?? null;
  const rawImage = pick('og:image', 'og:image:url', 'twitter:image');
  let image: string | null = null;
  try {
    const resolved = rawImage ? new URL(rawImage, pageUrl) : null;
    image = resolved && /^https?:$/.test(resolved.protocol) ? resolved.toString() : null;
  } catch {
    image = null;
  }
  return {
    url: pageUrl,
    host: new URL(pageUrl).host,
    title: (pick('og:title', 'twitter:title') ?? (titleTag ? decode(titleTag) : null))?.slice(0, 300) ?? null,
    description: pick('og:description', 'twitter:description', 'description')?.slice(0, 500) ?? null,
    image,
  };
}

/** What the route answers when the page could not be read: no card, and why, as a code. */
const noPreview = (url: string, reason: string): NoLinkPreview => {
  let host = '';
  try {
    host = new URL(url).host;
  } catch {
    host = '';
  }
  return { url, host, unavailable: true, reason };
};

/**
 * Fetches a link's page through the guarded fetcher (no private addresses,
 * size cap, total deadline) and reads its card. `signal` is the asking
 * request's: a composer that moved on (its browser closed the request) frees
 * the socket at once instead of at the deadline.
 *
 * A page that cannot be read (down, slow, 404, a private address) is an
 * ordinary answer, not an error: the preview shows no card. It was a 502,
 * which every browser logs as a failed request, once per link typed. Only an
 * address that is not a web address at all is refused (400 on `url`).
 */
export async function fetchLinkPreview(strapi: Strapi, rawUrl: string, signal?: AbortSignal): Promise<LinkPreviewResult> {
  try {
    parseOutboundUrl(rawUrl);
  } catch (error) {
    if (error instanceof OutboundError && error.code === 'blocked_address') return noPreview(rawUrl, error.code);
    if (error instanceof OutboundError) throw fieldError('url', serverMessage('link_url_invalid'), error.code);
    throw error;
  }
  const config = strapi.plugin(PLUGIN_ID).config('outbound') as PluginConfig['outbound'];
  try {
    const res = await guardedFetch(
      rawUrl,
      {
        purpose: 'linkPreview',
        signal,
        timeoutMs: Math.min(config.timeoutMs, TIMEOUT_MS),
        maxBytes: Math.min(config.maxResponseBytes, MAX_BYTES),
        headers: { accept: 'text/html' },
      },
      { policy: { allowedHosts: config.allowedHosts }, deadlines: config.deadlines }
    );
    if (res.status >= 400) return noPreview(rawUrl, `http_${res.status}`);
    return parseLinkPreview(res.text(), res.url);
  } catch (error) {
    if (error instanceof OutboundError) {
      if (error.code === 'blocked_scheme' || error.code === 'invalid_url') {
        const message = serverMessage('link_unreadable', { detail: error.message });
        throw new HttpError(400, error.code, message, [fieldIssue(['url'], message, error.code)]);
      }
      return noPreview(rawUrl, error.code);
    }
    throw error;
  }
}
