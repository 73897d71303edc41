import { assertSafeXml } from './xml-guard';
import { WatchError } from './failure';
import { attributesOf } from '../../shared/watch/discovery';
import { badRequest, fieldIssue, issueMessage } from '../core/errors';
import { sourceInput, type SourceInput } from '../../shared/watch/contract';

/**
 * OPML 2.0 subscription lists (http://opml.org/spec2.opml), the format every
 * reader imports and exports. Read with a tag scanner after the same DTD guard
 * as feeds: an OPML file is XML from an unknown origin too.
 */
export interface OpmlEntry {
  url: string;
  name: string;
  siteUrl: string | null;
  tags: string[];
}

export class OpmlError extends WatchError {
  constructor() {
    super('invalid_opml', 'opml_not_opml');
    this.name = 'OpmlError';
  }
}

export function parseOpml(text: string): OpmlEntry[] {
  assertSafeXml(text);
  if (!/<opml[\s>]/i.test(text) || !/<body[\s>]/i.test(text)) throw new OpmlError();
  const entries: OpmlEntry[] = [];
  // Folders (outlines without xmlUrl) become tags of the feeds they hold.
  const folders: Array<string | null> = [];
  for (const match of text.matchAll(/<(\/?)outline\b([^>]*?)(\/?)>/gi)) {
    const [, closing, rawAttrs, selfClosing] = match;
    if (closing) {
      folders.pop();
      continue;
    }
    const attrs = attributesOf(rawAttrs);
    const name = (attrs.title || attrs.text || '').trim();
    if (attrs.xmlurl) {
      const tags = [...folders.filter((f): f is string => !!f), ...readCategories(attrs.category ?? '')]
        .map((t) => t.trim())
        .filter(Boolean);
      entries.push({
        url: attrs.xmlurl.trim(),
        name: name || attrs.xmlurl.trim(),
        siteUrl: attrs.htmlurl?.trim() || null,
        tags: [...new Set(tags)],
      });
    }
    if (!selfClosing) folders.push(attrs.xmlurl ? null : name || null);
  }
  return entries;
}

/**
 * Tags in OPML 2.0's `category` attribute. The spec makes it a comma-separated
 * list of RSS 2.0 category strings, where `/` separates the levels of a
 * hierarchy ("/Boston/Weather") and a string with no slash is a plain tag. So:
 *
 * - a tag containing `/` is written as a path from the root, `/` + the tag
 *   ("news/tech" → "/news/tech"): other readers see the hierarchy the slash
 *   means, and on reading one leading `/` is dropped, so the tag comes back
 *   whole (a path from another reader becomes one tag, "Boston/Weather",
 *   instead of being cut into its levels);
 * - the spec has no escape for a comma inside a category, so `,` is written
 *   percent-encoded as `%2C` (and `%` itself as `%25`), the only two escapes
 *   read back; a reader that does not decode them shows "Q4%2C launch", still
 *   one tag, never two.
 *
 * Decision recorded in docs/decisions.md (issue 13, item 11).
 */
export function writeCategory(tags: string[]): string {
  return tags.map((tag) => (tag.includes('/') ? `/${tag}` : tag).replace(/%/g, '%25').replace(/,/g, '%2C')).join(',');
}

export function readCategories(value: string): string[] {
  return value.split(',').map((part) =>
    part
      .trim()
      .replace(/^\//, '')
      .replace(/%(25|2C)/gi, (_, hex: string) => (hex === '25' ? '%' : ','))
  );
}

/**
 * The file's feeds as sources, through the very schema `POST /watch/sources`
 * uses: an address with a user name and password, or a `javascript:` site
 * address, is refused here as it is there. Names and tags longer than the API
 * allows are cut (other readers allow longer ones). The first bad entry refuses
 * the whole file, naming it: nothing is created from a file that is refused.
 */
export function opmlSources(entries: OpmlEntry[], intervalMinutes: number): SourceInput[] {
  return entries.map((entry, index) => {
    const parsed = sourceInput.safeParse({
      url: entry.url,
      name: entry.name.slice(0, 200),
      siteUrl: entry.siteUrl,
      tags: entry.tags.slice(0, 20).map((t) => t.slice(0, 40)),
      intervalMinutes,
    });
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? 'url');
    const problem = fieldIssue(['opml', index, field], issueMessage(issue), 'invalid_opml_entry');
    const name = entry.name.slice(0, 80);
    throw badRequest(
      {
        code: field === 'siteUrl' ? 'opml_entry_site_invalid' : 'opml_entry_feed_invalid',
        params: { index: index + 1, name },
        text: `Feed ${index + 1} of the file (“${name}”), ${field === 'siteUrl' ? 'its site address' : 'its feed address'}: ${problem.message}. Nothing was imported.`,
      },
      [problem],
      'invalid_opml_entry'
    );
  });
}

// Control characters XML 1.0 cannot carry at all, even escaped.
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

const escapeAttr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(XML_FORBIDDEN_CONTROLS, '');

export function toOpml(
  title: string,
  sources: Array<{ url: string; name: string; siteUrl: string | null; tags: string[]; kind: string | null }>
): string {
  const lines = sources.map((s) => {
    const attrs = [
      `type="${s.kind === 'atom' ? 'atom' : 'rss'}"`,
      `text="${escapeAttr(s.name)}"`,
      `title="${escapeAttr(s.name)}"`,
      `xmlUrl="${escapeAttr(s.url)}"`,
      s.siteUrl ? `htmlUrl="${escapeAttr(s.siteUrl)}"` : '',
      s.tags.length ? `category="${escapeAttr(writeCategory(s.tags))}"` : '',
    ].filter(Boolean);
    return `    <outline ${attrs.join(' ')}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeAttr(title)}</title>`,
    `    <dateCreated>${new Date().toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
