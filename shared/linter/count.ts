import { countGraphemes } from './graphemes';
import { detect } from './facets';
import { mastodonCountableText } from './mastodon-text';
import { twitterText } from './twitter-text';
import { LENGTH_RULES, TEXT_RULES, type LengthRule, type Network } from '../networks/rules';

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

/**
 * The hashtags a network would link, in order (its profile's `text.hashtags`):
 * the AT Protocol's tag facets (shared/linter/facets.ts; cashtags are not
 * hashtags), or twitter-text's, whose grammar keeps a zero-width non-joiner
 * (`#می‌خواهم`), a middle dot (`#il·lusió`) and the other in-word joiners inside
 * the tag, wants a letter in it (`#2024` is none) and skips tags inside URLs.
 */
export function findHashtags(text: string, network?: Network): Hashtag[] {
  if (network && TEXT_RULES[network].hashtags === 'atproto') {
    return detect(text)
      .filter((found) => found.kind === 'tag' && !found.value.startsWith('$'))
      .map((found) => ({ tag: found.value, start: found.start, end: found.end }));
  }
  return twitterText()
    .extractHashtagsWithIndices(text)
    .map(({ hashtag, indices }) => ({ tag: hashtag, start: indices[0], end: indices[1] }));
}

function measure(text: string, rule: LengthRule): number {
  switch (rule.unit) {
    case 'weighted':
      return twitterText().parseTweet(text).weightedLength;
    case 'graphemes':
      // Only Mastodon sets urlLength: its server measures URLs as that many characters and remote mentions as `@user`.
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
    count.hashtags = findHashtags(text, network).length;
    count.maxHashtags = rule.maxHashtags;
  }
  return count;
}
