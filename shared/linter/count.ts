import { countGraphemes } from './graphemes';
import { twitterText } from './twitter-text';
import { LENGTH_RULES, type LengthRule, type Network } from '../networks/rules';

export interface LengthCount {
  unit: LengthRule['unit'];
  counted: number;
  limit: number;
  bytes?: number;
  byteLimit?: number;
  hashtags?: number;
  maxHashtags?: number;
}

export interface Hashtag {
  /** Tag text without the leading # or ＃. */
  tag: string;
  /** UTF-16 offsets of the whole hashtag, sign included. */
  start: number;
  end: number;
}

const utf8 = new TextEncoder();

// A tag cannot follow a word character (`C#`, `a#b`), `&` (`&#39;`) or `/` (URL fragments).
const HASHTAG = /(?<![\p{L}\p{M}\p{N}_&/])[#＃]([\p{L}\p{M}\p{N}_]+)/gu;
// Networks ignore all-digit tags such as `#2024`; a tag needs at least one letter.
const HAS_LETTER = /\p{L}/u;

// Mastodon's own compose counter regex: `@user@domain.tld` counts as `@user`.
const REMOTE_MENTION = /(^|[^/\w])@([a-z0-9_]+)@[a-z0-9.-]+[a-z0-9]+/gi;

export function findHashtags(text: string): Hashtag[] {
  return [...text.matchAll(HASHTAG)]
    .filter((match) => HAS_LETTER.test(match[1]))
    .map((match) => ({ tag: match[1], start: match.index, end: match.index + match[0].length }));
}

/**
 * Rebuilds the text Mastodon measures. URLs are found with twitter-text's extractor
 * (protocol required) because Mastodon's counter uses the same URL grammar, so
 * trailing punctuation and balanced parentheses are handled the way Mastodon does.
 */
function mastodonCountableText(text: string, urlLength: number): string {
  let countable = '';
  let cursor = 0;
  for (const { indices } of twitterText().extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false })) {
    countable += text.slice(cursor, indices[0]) + 'x'.repeat(urlLength);
    cursor = indices[1];
  }
  countable += text.slice(cursor);
  return countable.replace(REMOTE_MENTION, '$1@$2');
}

function measure(text: string, rule: LengthRule): number {
  switch (rule.unit) {
    case 'weighted':
      return twitterText().parseTweet(text).weightedLength;
    case 'graphemes':
      // Only Mastodon sets urlLength, and its counter shortens URLs and remote mentions together.
      return countGraphemes(rule.urlLength === undefined ? text : mastodonCountableText(text, rule.urlLength));
    case 'characters':
      return [...text].length;
  }
}

export function countLength(text: string, network: Network, overrides?: { limit?: number }): LengthCount {
  const rule = LENGTH_RULES[network];
  // The override comes from instance settings (e.g. a Mastodon server allowing 1000); ignore nonsense values.
  const override = overrides?.limit;
  const limit = override !== undefined && Number.isFinite(override) && override > 0 ? override : rule.limit;

  const count: LengthCount = { unit: rule.unit, counted: measure(text, rule), limit };
  if (rule.byteLimit !== undefined) {
    count.bytes = utf8.encode(text).length;
    count.byteLimit = rule.byteLimit;
  }
  if (rule.maxHashtags !== undefined) {
    // Every occurrence counts, repeats included: Instagram does not say it deduplicates.
    count.hashtags = findHashtags(text).length;
    count.maxHashtags = rule.maxHashtags;
  }
  return count;
}
