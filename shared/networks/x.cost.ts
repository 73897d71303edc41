import { twitterText } from '../linter/twitter-text';
import { threadParts } from './thread';

/**
 * What publishing on X costs, as classes, not prices. X's API is
 * pay-per-usage, billed per write request (docs.x.com/x-api/getting-started/pricing,
 * "Write operations", read December 2026): "Content: Create" for a post, and
 * "Content: Create (with URL)" for a post whose text holds a link, listed
 * there at about thirteen times the first ($0.015 and $0.200 per request when
 * read). X says its prices are subject to change and that the Developer
 * Console has the current rates, so the composer names the class of each
 * planned call and where to read its price; it never shows an amount.
 *
 * Media: each file is uploaded with its own requests (initialize, append,
 * finalize, the alt text) before the post; the pricing page bills writes per
 * request, at the Console's current rate for media.
 */
export type XCostClass = 'post' | 'postWithUrl' | 'mediaUpload';

export const X_COST_CLASSES: Record<XCostClass, { billedAs: string; endpoint: string }> = {
  post: { billedAs: 'Content: Create', endpoint: 'POST /2/tweets' },
  postWithUrl: { billedAs: 'Content: Create (with URL)', endpoint: 'POST /2/tweets' },
  mediaUpload: { billedAs: 'media upload requests', endpoint: 'POST /2/media/upload' },
};

/** Where X publishes its current rates: the composer links there. */
export const X_PRICING_URL = 'https://docs.x.com/x-api/getting-started/pricing';

export interface XPlannedCall {
  /** which post: a thread's part (1-based), or the first comment */
  what: { kind: 'part'; index: number } | { kind: 'firstComment' };
  cost: XCostClass;
  /** media files uploaded for this post (the first part only) */
  media: number;
}

/**
 * A link as X sees one: twitter-text's, bare domains included (X links
 * `example.com` too). twitter-text must be loaded (`loadTwitterText`, or the
 * admin's `provideTwitterText`).
 */
export const hasUrl = (text: string) => twitterText().extractUrls(text, { extractUrlsWithoutProtocol: true }).length > 0;

/** The posts one X publication makes, each with its cost class: the thread's parts, then the first comment. */
export function xPlannedCalls(input: { text: string; media: number; firstComment?: string | null }): XPlannedCall[] {
  const calls: XPlannedCall[] = threadParts(input.text).map((part, i) => ({
    what: { kind: 'part', index: i + 1 },
    cost: hasUrl(part) ? 'postWithUrl' : 'post',
    media: i === 0 ? input.media : 0,
  }));
  const comment = input.firstComment?.trim();
  if (comment) calls.push({ what: { kind: 'firstComment' }, cost: hasUrl(comment) ? 'postWithUrl' : 'post', media: 0 });
  return calls;
}
