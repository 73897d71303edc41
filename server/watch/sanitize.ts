import sanitizeHtml from 'sanitize-html';

/**
 * The allow-list for HTML that comes from feeds (Miniflux's sanitizer is the
 * model): text structure, links and images only. No scripts, styles, forms,
 * iframes, SVG or MathML; no event handlers, no `style`, no `srcdoc`; links
 * only to http, https and mailto; images only from http and https (a `data:`
 * image could still smuggle an SVG). Every link opens in a new tab without
 * handing the opener over. Decision recorded in docs/decisions.md.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'div', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
    'strong', 'b', 'em', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup',
    'blockquote', 'q', 'cite', 'code', 'pre', 'kbd', 'abbr',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd',
    'a', 'img', 'figure', 'figcaption', 'picture',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
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
    a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }, true),
    img: sanitizeHtml.simpleTransform('img', { loading: 'lazy', referrerpolicy: 'no-referrer' }, true),
  },
};

// The transforms add attributes the allow-list must let through.
(OPTIONS.allowedAttributes as Record<string, string[]>).a.push('target', 'rel');
(OPTIONS.allowedAttributes as Record<string, string[]>).img.push('loading', 'referrerpolicy');

export function sanitizeFeedHtml(html: string | undefined | null): string {
  if (!html) return '';
  return sanitizeHtml(html, OPTIONS).trim();
}

/** Titles and authors are text: every tag goes, entities are decoded once, whitespace collapsed. */
export function plainText(value: string | undefined | null, max = 1000): string {
  if (!value) return '';
  const text = sanitizeHtml(value, { allowedTags: [], allowedAttributes: {}, nonTextTags: OPTIONS.nonTextTags });
  return decodeEntities(text).replace(/\s+/g, ' ').trim().slice(0, max);
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

function safeCodePoint(code: number): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

/** The first image of a sanitized body, for the item's thumbnail. */
export function firstImage(html: string): string | null {
  const match = /<img[^>]+src="(https?:\/\/[^"]+)"/i.exec(html);
  return match ? match[1].replace(/&amp;/g, '&') : null;
}
