import type Parser from 'rss-parser';
import { assertSafeXml } from './xml-guard';
import { WatchError } from './failure';
import type { MessageParams } from '../../shared/core/messages';
import { httpUrlOrNull } from '../../shared/core/safe-url';
import { jsonFeedEnvelope, jsonFeedItem, looksLikeJson } from './json-feed';
import type { FeedKind } from '../../shared/watch/contract';
export type { FeedKind };

/** An entry as read from the feed, before sanitizing and scoring (`normalize.ts`). */
export interface RawEntry {
  guid?: string;
  link?: string;
  title?: string;
  author?: string;
  summary?: string;
  content?: string;
  image?: string;
  /** as written in the feed, in order of preference; unparseable or missing is settled later */
  date?: string;
  /** further dates to try when `date` cannot be read (Atom 0.3's issued/created/modified, dc:date…) */
  dates?: string[];
  /** the `xml:base` attributes in scope for the entry, outermost first (relative ones resolve against the ones before) */
  base?: string[];
  /** the same for the content or summary element, which may carry its own */
  contentBase?: string[];
}

export interface ParsedFeed {
  kind: FeedKind;
  /** `xml:base` attributes of the root and channel, outermost first */
  base?: string[];
  title: string | null;
  siteUrl: string | null;
  entries: RawEntry[];
  /** entries the parser could not read at all (dropped, the feed kept) */
  skipped: number;
}

export class FeedParseError extends WatchError {
  constructor(messageId: 'feed_not_a_feed' | 'feed_invalid_json' | 'feed_not_json_feed', params: MessageParams = {}) {
    super('parse_failed', messageId, params);
    this.name = 'FeedParseError';
  }
}

type Item = Record<string, unknown>;
const SKIPPED = Symbol('skipped');

let parsing: Promise<Parser> | null = null;
/** the xml2js node an item was read from, kept for what rss-parser does not read (authors, Atom 0.3 dates, xml:base) */
const NODE = Symbol('node');
/** the xml2js root of a feed, for its xml:base and feed-level authors */
const ROOT = Symbol('root');
const DATE_FIELDS = ['published', 'updated', 'issued', 'modified', 'created', 'pubDate', 'dc:date'];

/**
 * rss-parser reads dates with `new Date()` and turns an Atom `<published>`
 * that is not a date into a RangeError for the whole feed. Dates are read
 * here instead (dates.ts), from the raw nodes: rss-parser sees each item
 * without its date fields, and any failure drops only that item.
 *
 * `defaultRSS: 2` reads an `<rss>` without a version attribute as RSS 2.0,
 * as feedparser does (rss-parser refuses it otherwise).
 *
 * rss-parser (and xml2js) is loaded on the first feed, not at Strapi's start:
 * it cost ~25 ms of every boot (bench/boot).
 */
function tolerantParser(): Promise<Parser> {
  parsing ??= import('rss-parser').then((mod) => {
    const Lib = ((mod as { default?: typeof Parser }).default ?? mod) as typeof Parser;
    class TolerantParser extends Lib {
      constructor() {
        super({
          timeout: 0,
          maxRedirects: 0,
          defaultRSS: 2,
          customFields: {
            item: [
              ['media:thumbnail', 'mediaThumbnail'],
              ['media:content', 'mediaContent'],
            ],
          },
        });
        const self = this as unknown as Record<string, (entry: Item, ...rest: unknown[]) => Item>;
        for (const method of ['parseItemAtom', 'parseItemRss']) {
          const original = self[method].bind(this);
          self[method] = (entry: Item, ...more: unknown[]) => {
            const undated: Item = { ...entry };
            for (const field of DATE_FIELDS) delete undated[field];
            try {
              return { ...original(undated, ...more), [NODE]: entry };
            } catch {
              return { [SKIPPED]: true } as Item;
            }
          };
        }
        for (const method of ['buildAtomFeed', 'buildRSS2', 'buildRSS1', 'buildRSS0_9']) {
          const original = self[method].bind(this);
          self[method] = (root: Item, ...more: unknown[]) => ({ ...original(root, ...more), [ROOT]: root });
        }
      }
    }

    return new TolerantParser();
  });
  return parsing;
}

const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { _?: unknown })._ === 'string') return (value as { _: string })._;
  return undefined;
};

function mediaUrl(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  const attrs = (first as { $?: { url?: unknown } } | undefined)?.$;
  return typeof attrs?.url === 'string' ? attrs.url : undefined;
}

type Node = Record<string, unknown> & { $?: Record<string, unknown>; _?: unknown };
const children = (node: unknown, name: string): unknown[] => {
  const value = (node as Record<string, unknown> | undefined)?.[name];
  return Array.isArray(value) ? value : [];
};
const xmlBase = (node: unknown): string | undefined => {
  const base = (node as Node | undefined)?.$?.['xml:base'];
  return typeof base === 'string' && base.trim() ? base.trim() : undefined;
};
const nonEmpty = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
/** the texts of a repeated element, empty ones left out: an empty `<dc:creator/>` must not hide the `<author>` after it */
const texts = (node: unknown, name: string): string[] =>
  children(node, name)
    .map((child) => nonEmpty(text(child)))
    .filter((v): v is string => !!v);
/** Atom `<author><name>` (or a bare-text author some feeds write) */
const atomAuthors = (node: unknown): string[] =>
  children(node, 'author')
    .map((a) => (typeof a === 'string' ? nonEmpty(a) : (texts(a, 'name')[0] ?? nonEmpty(text(a)))))
    .filter((v): v is string => !!v);

/**
 * Publication dates first, then modification dates: Atom 1.0, RSS, Atom 0.3
 * (`issued`, `created`, `modified`), Dublin Core and DCMI terms.
 */
const DATE_ORDER = [
  'published',
  'pubDate',
  'issued',
  'created',
  'dc:date',
  'dcterms:issued',
  'dcterms:created',
  'updated',
  'modified',
  'dcterms:modified',
];

/** Atom 0.3 `mode="base64"`: the element's text is base64 of the real value. */
function base64Aware(node: unknown, value: string | undefined): string | undefined {
  if (value === undefined || (node as Node | undefined)?.$?.mode !== 'base64') return value;
  return Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8');
}

/**
 * Every piece of text under an xml2js node. xml2js keeps an element's own
 * text apart from its children, so `Example <b>Atom</b>` comes back as its
 * text followed by its children's: right for the usual title, where the
 * markup wraps words rather than splitting them.
 */
function deepText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (!node || typeof node !== 'object') return '';
  const own = typeof (node as Node)._ === 'string' ? ((node as Node)._ as string) : '';
  const inner = Object.entries(node as Node)
    .filter(([key]) => key !== '$' && key !== '_')
    .flatMap(([, value]) => (Array.isArray(value) ? value : [value]).map(deepText));
  return [own, ...inner].filter(Boolean).join(' ');
}

/**
 * An Atom text construct (a title) as text: plain, escaped HTML (handled by
 * the sanitizer later), base64 (Atom 0.3) or inline XHTML / naked markup,
 * which xml2js hands over as child elements rather than a string.
 */
function textConstruct(node: unknown): string | undefined {
  if (node === undefined) return undefined;
  const hasChildren = typeof node === 'object' && node !== null && Object.keys(node).some((key) => key !== '$' && key !== '_');
  if (!hasChildren) {
    const plain = text(node);
    return plain === undefined ? undefined : base64Aware(node, plain);
  }
  // Inline markup arrives parsed, its entities decoded: escaped again, so `&lt;blink&gt;` stays words, not a tag.
  const inline = deepText(node).replace(/\s+/g, ' ').trim();
  return inline ? inline.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : undefined;
}

/**
 * An entry without a link is reached by its identifier when that is a web
 * address: an RSS `<guid>` is a permalink unless it says `isPermaLink="false"`
 * (RSS 2.0), an Atom `<id>` is an IRI that is often the page (feedparser does the same).
 */
function permalinkOf(node: unknown, atom: boolean): string | undefined {
  const id = children(node, atom ? 'id' : 'guid')[0] as Node | string | undefined;
  if (id === undefined) return undefined;
  if (!atom && typeof id === 'object' && String(id.$?.isPermaLink ?? '').toLowerCase() === 'false') return undefined;
  const value = nonEmpty(text(id));
  return value && /^https?:\/\//i.test(value) ? value : undefined;
}

/** The root and channel of whichever format rss-parser built, and the list the items come from. */
function structure(root: Item): { nodes: unknown[]; itemParent: unknown } {
  if (root.feed) return { nodes: [root.feed], itemParent: root.feed };
  if (root['rdf:RDF']) {
    const rdf = root['rdf:RDF'];
    return { nodes: [rdf, children(rdf, 'channel')[0]], itemParent: rdf };
  }
  const rss = root.rss;
  const channel = children(rss, 'channel')[0];
  return { nodes: [rss, channel], itemParent: channel };
}

/**
 * The base URL an `xml:base` chain ends at: each relative base resolves
 * against the one before, the first against the document's address. Null when
 * nothing absolute can be made of it (no address and only relative bases).
 */
export function resolveBase(chain: string[] | undefined, documentUrl?: string): string | null {
  let base: string | null = documentUrl ?? null;
  for (const step of chain ?? []) {
    try {
      base = new URL(step, base ?? undefined).toString();
    } catch {
      // a relative base without an absolute one before it, or a malformed one: keep what we had
    }
  }
  return base;
}

function siteUrlOf(link: string, base: string | null): string | undefined {
  return (base ? httpUrlOrNull(link, base) : httpUrlOrNull(link))?.slice(0, 2048);
}

function kindOf(xml: string): FeedKind {
  if (/<rdf:RDF[\s>]/.test(xml)) return 'rdf';
  if (/<feed[\s>]/.test(xml) && /http:\/\/www\.w3\.org\/2005\/Atom/.test(xml)) return 'atom';
  if (/<feed[\s>]/.test(xml) && !/<rss[\s>]/.test(xml)) return 'atom';
  return 'rss';
}

async function parseXml(xml: string, documentUrl?: string): Promise<ParsedFeed> {
  assertSafeXml(xml);
  let feed: Parser.Output<Item>;
  try {
    feed = await (await tolerantParser()).parseString(xml);
  } catch (err) {
    throw new FeedParseError('feed_not_a_feed', { detail: (err as Error).message.split('\n')[0].slice(0, 200) });
  }
  const items = (feed.items ?? []) as Item[];
  const kept = items.filter((item) => item && !(item as Record<symbol, unknown>)[SKIPPED]);
  const root = (feed as unknown as Record<symbol, Item>)[ROOT] ?? {};
  const { nodes, itemParent } = structure(root);
  const feedBase = nodes.map(xmlBase).filter((b): b is string => !!b);
  // RFC 4287 §4.2.1: an Atom entry without an author has the feed's.
  const feedAuthors = root.feed ? atomAuthors(itemParent) : [];
  const kind = kindOf(xml.slice(0, 4096));
  return {
    kind,
    title: textConstruct(children(nodes[nodes.length - 1], 'title')[0]) ?? text(feed.title) ?? null,
    siteUrl: typeof feed.link === 'string' ? (siteUrlOf(feed.link, resolveBase(feedBase, documentUrl)) ?? null) : null,
    base: feedBase,
    skipped: items.length - kept.length,
    entries: kept.map((item) => {
      const node = (item as Record<symbol, unknown>)[NODE] as Node;
      const enclosure = item.enclosure as { url?: string; type?: string } | undefined;
      const entryBase = [...feedBase, ...[xmlBase(node)].filter((b): b is string => !!b)];
      const contentNode =
        children(node, 'content:encoded')[0] ??
        children(node, 'content')[0] ??
        children(node, 'summary')[0] ??
        children(node, 'description')[0];
      const dates = DATE_ORDER.flatMap((name) => texts(node, name));
      const authors = root.feed
        ? atomAuthors(node)
        : [...texts(node, 'dc:creator'), ...texts(node, 'author'), ...texts(node, 'itunes:author')];
      return {
        guid: text(item.guid) ?? text(item.id),
        link: nonEmpty(text(item.link)) ?? permalinkOf(node, !!root.feed),
        title: textConstruct(children(node, 'title')[0]) ?? text(item.title),
        author: authors[0] ?? feedAuthors[0],
        summary:
          base64Aware(children(node, 'summary')[0], text(item.summary)) ?? text(item.contentSnippet) ?? texts(node, 'itunes:summary')[0],
        content: text(item['content:encoded']) ?? base64Aware(children(node, 'content')[0], text(item.content)),
        image:
          mediaUrl(item.mediaThumbnail) ??
          mediaUrl(item.mediaContent) ??
          (enclosure?.type?.startsWith('image/') ? enclosure.url : undefined),
        date: dates[0],
        dates: dates.slice(1),
        base: entryBase,
        contentBase: [...entryBase, ...[xmlBase(contentNode)].filter((b): b is string => !!b)],
      };
    }),
  };
}

function parseJson(body: string, documentUrl?: string): ParsedFeed {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new FeedParseError('feed_invalid_json');
  }
  const envelope = jsonFeedEnvelope.safeParse(json);
  if (!envelope.success) throw new FeedParseError('feed_not_json_feed');
  let skipped = 0;
  const entries: RawEntry[] = [];
  const feedAuthor = authorName(envelope.data.authors, envelope.data.author);
  for (const raw of envelope.data.items) {
    const item = jsonFeedItem.safeParse(raw);
    if (!item.success) {
      skipped++;
      continue;
    }
    const it = item.data;
    // Without an id the item is known by its address; with neither it cannot be told from the next fetch's copy.
    if (it.id === undefined && !it.url && !it.external_url) {
      skipped++;
      continue;
    }
    entries.push({
      guid: it.id,
      link: it.url ?? it.external_url,
      title: it.title,
      // JSON Feed 1.1: an item without authors has the feed's (1.0's singular `author` likewise).
      author: authorName(it.authors, it.author) ?? feedAuthor,
      summary: it.summary,
      content: it.content_html ?? (it.content_text !== undefined ? escapeText(it.content_text) : undefined),
      image: it.image ?? it.banner_image,
      date: it.date_published ?? it.date_modified,
    });
  }
  return {
    kind: 'json',
    title: envelope.data.title ?? null,
    siteUrl:
      (documentUrl ? httpUrlOrNull(envelope.data.home_page_url, documentUrl) : httpUrlOrNull(envelope.data.home_page_url))?.slice(
        0,
        2048
      ) ?? null,
    entries,
    skipped,
  };
}

/** The first named author of a JSON Feed object: 1.1's `authors` array, else 1.0's `author`. */
function authorName(authors: unknown[] | undefined, author: { name?: string } | undefined): string | undefined {
  for (const candidate of authors ?? []) {
    const name = (candidate as { name?: unknown } | null)?.name;
    if (typeof name === 'string' && name.trim()) return name.trim();
  }
  return author?.name?.trim() || undefined;
}

const escapeText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** RSS 0.9x/2.0, Atom, RDF (RSS 1.0) or JSON Feed, told apart by content. */
export async function parseFeed(body: string, contentType?: string, documentUrl?: string): Promise<ParsedFeed> {
  return looksLikeJson(body, contentType) && !/^\s*</.test(body) ? parseJson(body, documentUrl) : parseXml(body, documentUrl);
}
