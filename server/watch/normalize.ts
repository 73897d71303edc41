import { createHash } from 'node:crypto';
import { resolveBase, type RawEntry } from './feed-parser';
import { parseFeedDate } from './dates';
import { firstImage, loadSanitizer, type FeedSanitizer } from './sanitize';
import { httpUrlOrNull } from '../../shared/core/safe-url';

/** An entry ready to store: every field bounded, HTML sanitized, times settled. */
export interface ItemDraft {
  dedupKey: string;
  guid: string | null;
  link: string | null;
  title: string;
  author: string | null;
  summary: string;
  content: string;
  image: string | null;
  publishedTime: Date;
  fetchedAt: Date;
}

/** A publication time up to this far ahead is clock skew; beyond, the feed is wrong and the time is clamped. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
const SUMMARY_CHARS = 600;

const webUrl = (raw: string | undefined, base: string) => httpUrlOrNull(raw, base)?.slice(0, 2048) ?? null;

/**
 * The publication time of an entry: the first of its dates that reads as a
 * date (dates.ts refuses what it would have to guess), else the fetch time.
 */
export function settleTime(raw: string | undefined, fetchedAt: Date, fallbacks: string[] = []): Date {
  for (const candidate of [raw, ...fallbacks]) {
    const parsed = parseFeedDate(candidate);
    if (!parsed || parsed.getUTCFullYear() < 1990) continue;
    if (parsed.getTime() > fetchedAt.getTime() + FUTURE_TOLERANCE_MS) return fetchedAt;
    return parsed;
  }
  return fetchedAt;
}

/**
 * The identity of an entry within its source: its guid, else its link, else
 * its title and date. Hashed so the unique index stays small and any length fits.
 */
export function dedupKeyOf(entry: RawEntry): string {
  const identity = entry.guid?.trim()
    ? `g:${entry.guid.trim()}`
    : entry.link?.trim()
      ? `l:${entry.link.trim()}`
      : `t:${entry.title ?? ''}|${entry.date ?? ''}`;
  return createHash('sha256').update(identity).digest('hex').slice(0, 40);
}

/** An xml:base chain's end when it is a web address; a feed's `xml:base="javascript:…"` is no base. */
function webBase(chain: string[] | undefined, feedUrl: string): string {
  const base = resolveBase(chain, feedUrl);
  return base && /^https?:/i.test(base) ? base : feedUrl;
}

/**
 * Relative addresses in an entry's HTML resolve against, in order: the
 * `xml:base` in scope for its content (feedparser's rule, the XML Base
 * specification's), else the entry's own link (Miniflux's rule: the page the
 * HTML was written for), else the feed's address.
 */
function contentBaseOf(entry: RawEntry, link: string | null, feedUrl: string): string {
  if (entry.contentBase?.length) return webBase(entry.contentBase, feedUrl);
  return link ?? feedUrl;
}

function normalizeWith(clean: FeedSanitizer, entry: RawEntry, feedUrl: string, fetchedAt: Date): ItemDraft {
  const link = webUrl(entry.link, webBase(entry.base, feedUrl));
  const base = contentBaseOf(entry, link, feedUrl);
  const content = clean.html(entry.content ?? entry.summary, base);
  const summarySource = entry.summary ?? entry.content;
  const summaryText = clean.text(summarySource, SUMMARY_CHARS + 1);
  const summary = summaryText.length > SUMMARY_CHARS ? `${summaryText.slice(0, SUMMARY_CHARS - 1)}…` : summaryText;
  return {
    dedupKey: dedupKeyOf(entry),
    guid: entry.guid ? entry.guid.slice(0, 2048) : null,
    link,
    title: clean.text(entry.title, 1000) || summary.slice(0, 120) || link || '(untitled)',
    author: clean.text(entry.author, 300) || null,
    summary,
    content,
    image: webUrl(entry.image, base) ?? firstImage(content),
    publishedTime: settleTime(entry.date, fetchedAt, entry.dates),
    fetchedAt,
  };
}

/** Entries of one fetch, ready to store (the sanitizer is loaded on the first call). */
export async function normalizeEntries(entries: RawEntry[], feedUrl: string, fetchedAt: Date): Promise<ItemDraft[]> {
  const clean = await loadSanitizer();
  return entries.map((entry) => normalizeWith(clean, entry, feedUrl, fetchedAt));
}
