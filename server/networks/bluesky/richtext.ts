/**
 * Bluesky records: facets come from the shared detection (the AT Protocol's own,
 * shared/linter/facets.ts) so the composer's preview and the PDS agree; record
 * keys and link cards are made here.
 */
export { detect, toFacets, type Facet, type Found } from '../../../shared/linter/facets';

const TID_ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';
let lastMicros = 0;

/**
 * A record key in the TID format (13 base32-sortable characters: microseconds
 * since the epoch and a random clock id), unique within this process even for
 * calls in the same microsecond.
 */
export function newTid(nowMs: number, clockId = Math.floor(Math.random() * 1024)): string {
  const micros = Math.max(nowMs * 1000, lastMicros + 1);
  lastMicros = micros;
  let value = (BigInt(micros) << 10n) | BigInt(clockId & 1023);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = TID_ALPHABET[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

/** OpenGraph fields for a link card, read from the page's head. */
export function openGraph(html: string): { title?: string; description?: string; image?: string } {
  const head = html.slice(0, 200_000);
  const meta = (name: string) => {
    const re = new RegExp(`<meta[^>]+(?:property|name)=["']${name}["'][^>]*>`, 'i');
    const tag = re.exec(head)?.[0];
    const content = tag ? /content=["']([^"']*)["']/i.exec(tag)?.[1] : undefined;
    return content ? decodeEntities(content).trim() : undefined;
  };
  const title = meta('og:title') ?? (/<title[^>]*>([^<]*)<\/title>/i.exec(head)?.[1]?.trim() || undefined);
  return {
    title: title ? decodeEntities(title) : undefined,
    description: meta('og:description') ?? meta('description'),
    image: meta('og:image'),
  };
}

const decodeEntities = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
