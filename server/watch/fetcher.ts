import { guardedFetch, type GuardedFetchOptions } from '../core/http/guarded-fetch';
import { WatchError } from './failure';
import { decodeBody } from './charset';
import { parseFeed, type ParsedFeed } from './feed-parser';

/**
 * One conditional GET of a feed through the guarded fetcher: the validators
 * of the last answer go out as If-None-Match / If-Modified-Since, a 304 costs
 * no parsing, and the body is decoded from its declared charset.
 */
export const FEED_USER_AGENT = 'strapi-plugin-community-manager-watch/1.0 (feed reader; +https://github.com/strapi-community-manager)';

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  deadlineMs: number;
}

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FeedFetch =
  | { notModified: true; url: string }
  | { notModified: false; url: string; feed: ParsedFeed; validators: Validators; encoding: string; contentType: string };

/** A feed server answered, but not with a feed. */
export class FeedHttpError extends WatchError {
  constructor(readonly status: number) {
    super('http_error', 'feed_http_error', { status });
    this.name = 'FeedHttpError';
  }
}

export async function getPage(url: string, validators: Validators, limits: FetchLimits, options: GuardedFetchOptions) {
  const headers: Record<string, string> = { accept: ACCEPT };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  return guardedFetch(
    url,
    { purpose: 'feed', headers, timeoutMs: limits.timeoutMs, maxBytes: limits.maxBytes, deadlineMs: limits.deadlineMs },
    { userAgent: FEED_USER_AGENT, ...options }
  );
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;

export async function fetchFeed(
  url: string,
  validators: Validators,
  limits: FetchLimits,
  options: GuardedFetchOptions
): Promise<FeedFetch> {
  const res = await getPage(url, validators, limits, options);
  if (res.status === 304) return { notModified: true, url: res.url };
  if (res.status < 200 || res.status >= 300) throw new FeedHttpError(res.status);
  const contentType = header(res.headers['content-type']) ?? '';
  const decoded = decodeBody(res.body, contentType);
  const feed = await parseFeed(decoded.text, contentType, res.url);
  return {
    notModified: false,
    url: res.url,
    feed,
    encoding: decoded.encoding,
    contentType,
    validators: {
      etag: header(res.headers.etag)?.slice(0, 512) ?? null,
      lastModified: header(res.headers['last-modified'])?.slice(0, 128) ?? null,
    },
  };
}
