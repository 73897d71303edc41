/**
 * Bluesky facets: links, mentions and hashtags located by UTF-8 byte offsets,
 * as the app.bsky.richtext.facet lexicon requires. No import from Node, so
 * unit tests and the admin can use it.
 */
export interface Facet {
  index: { byteStart: number; byteEnd: number };
  features: Array<
    | { $type: 'app.bsky.richtext.facet#link'; uri: string }
    | { $type: 'app.bsky.richtext.facet#mention'; did: string }
    | { $type: 'app.bsky.richtext.facet#tag'; tag: string }
  >;
}

export interface Found {
  kind: 'link' | 'mention' | 'tag';
  /** the URL, the handle (without @) or the tag (without #) */
  value: string;
  start: number;
  end: number;
}

const encoder = new TextEncoder();
const byteOffset = (text: string, utf16Index: number) => encoder.encode(text.slice(0, utf16Index)).length;

const LINK = /https?:\/\/[^\s<>"']+/g;
const MENTION = /(^|[\s(])@(([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?)/gi;
const TAG = /(^|\s)[#＃]([^\s#＃]*\p{L}[^\s#＃]*)/gu;

/** Links (trailing punctuation trimmed), @handle.domain mentions and #tags, in UTF-16 positions. */
export function detect(text: string): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(LINK)) {
    const url = m[0].replace(/[.,;:!?)\]]+$/, '');
    found.push({ kind: 'link', value: url, start: m.index, end: m.index + url.length });
  }
  for (const m of text.matchAll(MENTION)) {
    const start = m.index + m[1].length;
    found.push({ kind: 'mention', value: m[2].toLowerCase(), start, end: start + 1 + m[2].length });
  }
  for (const m of text.matchAll(TAG)) {
    if (!m[2]) continue;
    const tag = m[2].replace(/\p{P}+$/u, '');
    if (!tag || tag.length > 64) continue;
    const start = m.index + m[1].length;
    found.push({ kind: 'tag', value: tag, start, end: start + 1 + tag.length });
  }
  // A tag or mention inside a link belongs to the link.
  const links = found.filter((f) => f.kind === 'link');
  return found
    .filter((f) => f.kind === 'link' || !links.some((l) => f.start >= l.start && f.start < l.end))
    .sort((a, b) => a.start - b.start);
}

/** Facets for what `detect` found; mentions whose handle does not resolve are left as plain text. */
export function toFacets(text: string, found: Found[], dids: Map<string, string>): Facet[] {
  const facets: Facet[] = [];
  for (const item of found) {
    const index = { byteStart: byteOffset(text, item.start), byteEnd: byteOffset(text, item.end) };
    if (item.kind === 'link') facets.push({ index, features: [{ $type: 'app.bsky.richtext.facet#link', uri: item.value }] });
    if (item.kind === 'tag') facets.push({ index, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: item.value }] });
    if (item.kind === 'mention') {
      const did = dids.get(item.value);
      if (did) facets.push({ index, features: [{ $type: 'app.bsky.richtext.facet#mention', did }] });
    }
  }
  return facets;
}

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
