import type sanitizeHtml from 'sanitize-html';

/**
 * The allow-list for HTML that comes from feeds (Miniflux's sanitizer is the
 * model): text structure, links and images only. No scripts, styles, forms,
 * iframes, SVG or MathML; no event handlers, no `style`, no `srcdoc`; links
 * only to http, https and mailto; images only from http and https (a `data:`
 * image could still smuggle an SVG). Every link opens in a new tab without
 * handing the opener over. Decision recorded in docs/decisions.md.
 */
/** The allow-list, built once the library is loaded. */
const options = (): sanitizeHtml.IOptions => ({
  allowedTags: [
    'p',
    'br',
    'hr',
    'div',
    'span',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'del',
    'ins',
    'mark',
    'small',
    'sub',
    'sup',
    'blockquote',
    'q',
    'cite',
    'code',
    'pre',
    'kbd',
    'abbr',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'a',
    'img',
    'figure',
    'figcaption',
    'picture',
    'table',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'caption',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    abbr: ['title'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  // Content of these is dropped whole, not unwrapped into text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'iframe', 'svg', 'math', 'template', 'object', 'embed'],
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, ...absolute(attribs, 'href'), target: '_blank', rel: 'noopener noreferrer nofollow' },
    }),
    img: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, ...absolute(attribs, 'src'), loading: 'lazy', referrerpolicy: 'no-referrer' },
    }),
  },
});

/**
 * The base the HTML being sanitized was written against. sanitize-html runs
 * synchronously, so the value set by `html()` for one call cannot leak into another.
 */
let currentBase: string | null = null;

/**
 * A relative or protocol-relative (`//cdn…`) address made absolute against
 * the entry's base, before the scheme allow-list sees it: stored relative it
 * would point at the Strapi host, and protocol-relative ones were deleted.
 * A fragment-only link stays as it is (it means this document).
 */
function absolute(attribs: Record<string, string>, name: string): Record<string, string> {
  const value = attribs[name]?.trim();
  if (!value || !currentBase || value.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(value)) return {};
  try {
    return { [name]: new URL(value, currentBase).toString() };
  } catch {
    return {};
  }
}

export interface FeedSanitizer {
  /** feed HTML through the allow-list, relative addresses resolved against `base` */
  html(value: string | undefined | null, base?: string | null): string;
  /** Titles and authors are text: every tag goes, entities are decoded once, whitespace collapsed. */
  text(value: string | undefined | null, max?: number): string;
}

let loading: Promise<FeedSanitizer> | null = null;

/**
 * sanitize-html (and its HTML parser) is loaded on the first feed, not at
 * Strapi's start: it cost ~35 ms of every boot, watch or no watch
 * (bench/boot). A dynamic import works in both the CommonJS and ESM builds.
 */
export function loadSanitizer(): Promise<FeedSanitizer> {
  loading ??= import('sanitize-html').then((mod) => {
    const lib = ((mod as { default?: typeof sanitizeHtml }).default ?? mod) as typeof sanitizeHtml;
    const allow = options();
    // The transforms add attributes the allow-list must let through.
    (allow.allowedAttributes as Record<string, string[]>).a.push('target', 'rel');
    (allow.allowedAttributes as Record<string, string[]>).img.push('loading', 'referrerpolicy');
    const textOnly: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {}, nonTextTags: allow.nonTextTags };
    return {
      html: (value, base = null) => {
        if (!value) return '';
        currentBase = base;
        try {
          return lib(value, allow).trim();
        } finally {
          currentBase = null;
        }
      },
      text: (value, max = 1000) =>
        value
          ? decodeEntities(lib(value, textOnly))
              .replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80])
              .replace(/\s+/g, ' ')
              .trim()
              .slice(0, max)
          : '',
    };
  });
  return loading;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, d: string) => safeCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => safeCodePoint(parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');
}

/** `&#146;` means windows-1252's `’`, as in every browser (HTML's numeric character reference rule for 0x80–0x9F). */
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function safeCodePoint(code: number): string {
  if (code >= 0x80 && code <= 0x9f) return WINDOWS_1252_C1[code - 0x80];
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

/** The first image of a sanitized body, for the item's thumbnail. */
export function firstImage(html: string): string | null {
  const match = /<img[^>]+src="(https?:\/\/[^"]+)"/i.exec(html);
  return match ? match[1].replace(/&amp;/g, '&') : null;
}
