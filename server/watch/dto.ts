import type { Row } from '../core/strapi';
import { httpUrlOrNull } from '../../shared/core/safe-url';
import type { FeedKind } from './feed-parser';
import { readSourceFailure } from './failure';
import type { ItemState } from '../../shared/watch/contract';
import type { WatchSource, WatchItem, WatchAlert, FetchOutcome, FeedPreview } from '../../shared/watch/contract';
export type { WatchSource, WatchItem, WatchAlert, FetchOutcome, FeedPreview };

const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

export function toWatchSource(row: Row, unread = 0): WatchSource {
  const code = str(row.lastErrorCode);
  return {
    documentId: row.documentId,
    url: String(row.url),
    siteUrl: httpUrlOrNull(str(row.siteUrl)),
    name: String(row.name),
    tags: list(row.tags),
    kind: (str(row.kind) as FeedKind | null) ?? null,
    intervalMinutes: Number(row.intervalMinutes),
    keywords: list(row.keywords),
    status: row.status as WatchSource['status'],
    lastError: code ? readSourceFailure(code, String(row.lastError ?? '')) : null,
    failures: Number(row.failures ?? 0),
    lastFetchAt: iso(row.lastFetchAt),
    lastSuccessAt: iso(row.lastSuccessAt),
    nextFetchAt: iso(row.nextFetchAt),
    unread,
    createdAt: iso(row.createdAt) ?? '',
  };
}

export function toWatchItem(row: Row): WatchItem {
  return {
    documentId: row.documentId,
    source: { documentId: String(row.sourceRef), name: String(row.sourceName ?? '') },
    guid: str(row.guid),
    link: httpUrlOrNull(str(row.link)),
    title: String(row.title ?? ''),
    author: str(row.author),
    summary: String(row.summary ?? ''),
    content: String(row.content ?? ''),
    image: httpUrlOrNull(str(row.image)),
    publishedTime: iso(row.publishedTime) ?? '',
    fetchedAt: iso(row.fetchedAt),
    matchedKeywords: list(row.matchedKeywords),
    pillars: list(row.pillars),
    relevance: Number(row.relevance ?? 0),
    alerted: Boolean(row.alerted),
    state: row.state as ItemState,
    curatedPlanId: str(row.curatedPlanId),
  };
}

export function toWatchAlert(row: Row): WatchAlert {
  return {
    documentId: row.documentId,
    name: String(row.name),
    kind: row.kind as WatchAlert['kind'],
    pattern: String(row.pattern),
    enabled: Boolean(row.enabled),
    digest: Boolean(row.digest),
  };
}
