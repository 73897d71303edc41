import type Parser from 'rss-parser';
import { assertSafeXml } from './xml-guard';
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
  /** as written in the feed; unparseable or missing is settled later */
  date?: string;
}

export interface ParsedFeed {
  kind: FeedKind;
  title: string | null;
  siteUrl: string | null;
  entries: RawEntry[];
  /** entries the parser could not read at all (dropped, the feed kept) */
  skipped: number;
}

export class FeedParseError extends Error {
  readonly code = 'parse_failed';
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}

type Item = Record<string, unknown>;
const SKIPPED = Symbol('skipped');

let parsing: Promise<Parser> | null = null;

/**
 * rss-parser turns an Atom `<published>` that is not a date into a RangeError
 * for the whole feed (it calls toISOString() unguarded). Each item is read on
 * its own here: an item with a bad date is read again without its dates (its
 * time becomes the fetch time), any other failure drops only that item.
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
            try {
              return original(entry, ...more);
            } catch {
              try {
                const { published: _p, updated: _u, pubDate: _d, 'dc:date': _dc, ...rest } = entry;
                return { ...original(rest, ...more), badDate: true };
              } catch {
                return { [SKIPPED]: true } as Item;
              }
            }
          };
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

function kindOf(xml: string): FeedKind {
  if (/<rdf:RDF[\s>]/.test(xml)) return 'rdf';
  if (/<feed[\s>]/.test(xml) && /http:\/\/www\.w3\.org\/2005\/Atom/.test(xml)) return 'atom';
  if (/<feed[\s>]/.test(xml) && !/<rss[\s>]/.test(xml)) return 'atom';
  return 'rss';
}

async function parseXml(xml: string): Promise<ParsedFeed> {
  assertSafeXml(xml);
  let feed: Parser.Output<Item>;
  try {
    feed = await (await tolerantParser()).parseString(xml);
  } catch (err) {
    throw new FeedParseError(`Not a readable RSS, Atom or RDF feed (${(err as Error).message.split('\n')[0].slice(0, 200)})`);
  }
  const items = (feed.items ?? []) as Item[];
  const kept = items.filter((item) => item && !(item as Record<symbol, unknown>)[SKIPPED]);
  return {
    kind: kindOf(xml.slice(0, 4096)),
    title: text(feed.title) ?? null,
    siteUrl: typeof feed.link === 'string' ? (httpUrlOrNull(feed.link)?.slice(0, 2048) ?? null) : null,
    skipped: items.length - kept.length,
    entries: kept.map((item) => {
      const enclosure = item.enclosure as { url?: string; type?: string } | undefined;
      return {
        guid: text(item.guid) ?? text(item.id),
        link: text(item.link),
        title: text(item.title),
        author: text(item.creator) ?? text(item.author),
        summary: text(item.summary) ?? text(item.contentSnippet),
        content: text(item['content:encoded']) ?? text(item.content),
        image:
          mediaUrl(item.mediaThumbnail) ??
          mediaUrl(item.mediaContent) ??
          (enclosure?.type?.startsWith('image/') ? enclosure.url : undefined),
        date: item.badDate ? undefined : (text(item.isoDate) ?? undefined),
      };
    }),
  };
}

function parseJson(body: string): ParsedFeed {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new FeedParseError('Not valid JSON');
  }
  const envelope = jsonFeedEnvelope.safeParse(json);
  if (!envelope.success) throw new FeedParseError('Not a JSON Feed (https://jsonfeed.org/version/1.1)');
  let skipped = 0;
  const entries: RawEntry[] = [];
  for (const raw of envelope.data.items) {
    const item = jsonFeedItem.safeParse(raw);
    if (!item.success) {
      skipped++;
      continue;
    }
    const it = item.data;
    const firstAuthor = (it.authors?.[0] as { name?: unknown } | undefined)?.name;
    entries.push({
      guid: it.id,
      link: it.url ?? it.external_url,
      title: it.title,
      author: it.author?.name ?? (typeof firstAuthor === 'string' ? firstAuthor : undefined),
      summary: it.summary,
      content: it.content_html ?? (it.content_text !== undefined ? escapeText(it.content_text) : undefined),
      image: it.image ?? it.banner_image,
      date: it.date_published ?? it.date_modified,
    });
  }
  return {
    kind: 'json',
    title: envelope.data.title ?? null,
    siteUrl: httpUrlOrNull(envelope.data.home_page_url)?.slice(0, 2048) ?? null,
    entries,
    skipped,
  };
}

const escapeText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** RSS 0.9x/2.0, Atom, RDF (RSS 1.0) or JSON Feed, told apart by content. */
export async function parseFeed(body: string, contentType?: string): Promise<ParsedFeed> {
  return looksLikeJson(body, contentType) && !/^\s*</.test(body) ? parseJson(body) : parseXml(body);
}
