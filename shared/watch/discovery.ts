/**
 * Feed autodiscovery: the `<link rel="alternate" type="application/rss+xml" href>`
 * tags of a web page's head (https://www.rssboard.org/rss-autodiscovery).
 * Read with a tag scanner rather than an HTML parser: only the attributes of
 * `<link>` matter and nothing here is ever rendered.
 */
export interface DiscoveredFeed {
  url: string;
  title: string | null;
  kind: 'rss' | 'atom' | 'json';
}

const TYPES: Record<string, DiscoveredFeed['kind']> = {
  'application/rss+xml': 'rss',
  'application/atom+xml': 'atom',
  'application/feed+json': 'json',
  'application/json': 'json',
  'application/rdf+xml': 'rss',
};

export function decodeXmlEntities(value: string): string {
  return value
    .replace(/&#(\d+);/g, (_, d: string) => codePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => codePoint(parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const codePoint = (code: number) => (Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '');

/** Attributes of one tag, names lower-cased, values entity-decoded. */
export function attributesOf(tag: string): Record<string, string> {
  const attrs: Record<string, string> = Object.create(null);
  const re = /([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;
  for (let m = re.exec(tag); m; m = re.exec(tag)) {
    attrs[m[1].toLowerCase()] = decodeXmlEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/**
 * What a browser would never read as the page's links: comments, scripts,
 * templates (inert until cloned) and styles. Each is cut whole; an unclosed
 * one runs to the end of the page, as in a browser.
 */
const INERT = /<!--[\s\S]*?(?:-->|$)|<(script|template|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;

/**
 * WordPress puts `<link rel="alternate" type="application/json">` to its REST
 * API on every page (`/wp-json/wp/v2/…`, or `?rest_route=` without pretty
 * permalinks): JSON, but not a feed. Miniflux skips them the same way.
 */
const isWordPressApi = (href: string, rels: string[]) =>
  rels.includes('https://api.w.org/') || /\/wp-json(?:\/|$)/i.test(href) || /[?&]rest_route=/i.test(href);

/** The page's `<base href>` (the first one, as in a browser), resolved against the page's address. */
function baseOf(html: string, pageUrl: string): string {
  const tag = /<base\b[^>]*>/i.exec(html);
  const href = tag ? attributesOf(tag[0]).href?.trim() : undefined;
  if (!href) return pageUrl;
  try {
    const base = new URL(href, pageUrl);
    return base.protocol === 'http:' || base.protocol === 'https:' ? base.toString() : pageUrl;
  } catch {
    return pageUrl;
  }
}

export function discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[] {
  const found: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  const head = html.slice(0, 512 * 1024).replace(INERT, ' ');
  const base = baseOf(head, pageUrl);
  for (const match of head.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = attributesOf(match[0]);
    const rels = (attrs.rel ?? '').toLowerCase().split(/\s+/);
    const type = (attrs.type ?? '').toLowerCase().split(';')[0].trim();
    const kind = TYPES[type];
    if (!rels.includes('alternate') || !kind || !attrs.href?.trim()) continue;
    if (type === 'application/json' && isWordPressApi(attrs.href, rels)) continue;
    let url: string;
    try {
      const parsed = new URL(attrs.href.trim(), base);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') continue;
      url = parsed.toString();
    } catch {
      continue;
    }
    if (seen.has(url)) continue;
    seen.add(url);
    found.push({ url, title: attrs.title?.trim().slice(0, 200) || null, kind });
  }
  return found;
}
