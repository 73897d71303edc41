import { createHash } from 'node:crypto';
import type { RawEntry } from './feed-parser';
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

export function settleTime(raw: string | undefined, fetchedAt: Date): Date {
  const parsed = raw ? new Date(raw) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.getUTCFullYear() < 1990) return fetchedAt;
  if (parsed.getTime() > fetchedAt.getTime() + FUTURE_TOLERANCE_MS) return fetchedAt;
  return parsed;
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

function normalizeWith(clean: FeedSanitizer, entry: RawEntry, feedUrl: string, fetchedAt: Date): ItemDraft {
  const content = clean.html(entry.content ?? entry.summary);
  const summarySource = entry.summary ?? entry.content;
  const summaryText = clean.text(summarySource, SUMMARY_CHARS + 1);
  const summary = summaryText.length > SUMMARY_CHARS ? `${summaryText.slice(0, SUMMARY_CHARS - 1)}…` : summaryText;
  const link = webUrl(entry.link, feedUrl);
  return {
    dedupKey: dedupKeyOf(entry),
    guid: entry.guid ? entry.guid.slice(0, 2048) : null,
    link,
    title: clean.text(entry.title, 1000) || summary.slice(0, 120) || link || '(untitled)',
    author: clean.text(entry.author, 300) || null,
    summary,
    content,
    image: webUrl(entry.image, feedUrl) ?? firstImage(content),
    publishedTime: settleTime(entry.date, fetchedAt),
    fetchedAt,
  };
}

/** Entries of one fetch, ready to store (the sanitizer is loaded on the first call). */
export async function normalizeEntries(entries: RawEntry[], feedUrl: string, fetchedAt: Date): Promise<ItemDraft[]> {
  const clean = await loadSanitizer();
  return entries.map((entry) => normalizeWith(clean, entry, feedUrl, fetchedAt));
}
