export const NETWORKS = ['mastodon', 'bluesky', 'x', 'linkedin', 'facebook', 'instagram', 'threads', 'webhook', 'sandbox'] as const;

export type Network = (typeof NETWORKS)[number];

/**
 * The longest post text (body, variant, text to lint) the plugin accepts, in UTF-16
 * units, checked before any counting. Above every network the plugin publishes to
 * (Mastodon instances rarely allow more than 5,000, Bluesky 300, the sandbox 5,000)
 * and short enough that the costliest count, twitter-text's URL scan for X, stays
 * near 0.3 s on hostile input (it grows with the square of the length).
 */
export const MAX_POST_TEXT = 10_000;

export interface LengthRule {
  /**
   * How the network measures a post:
   * - graphemes: user-perceived characters (Intl.Segmenter), as Mastodon and Bluesky do;
   * - weighted: X's weighted length from `twitter-text` (CJK and emoji count 2, URLs 23);
   * - characters: Unicode code points. LinkedIn, Facebook, Instagram and Threads only
   *   document "characters"; a code point is the closest reading of that word and, unlike
   *   UTF-16 code units, does not count an emoji such as 😀 twice.
   */
  unit: 'graphemes' | 'weighted' | 'characters';
  /** Maximum counted length. */
  limit: number;
  /** Bluesky also caps the post record at 3000 UTF-8 bytes. */
  byteLimit?: number;
  /** Mastodon counts every URL as this many characters, whatever its real length. */
  urlLength?: number;
  /** Instagram refuses captions with more hashtags than this. */
  maxHashtags?: number;
}

export const LENGTH_RULES: Record<Network, LengthRule> = {
  // 500 is the stock Mastodon limit; instances may raise it, hence `overrides.limit`.
  mastodon: { unit: 'graphemes', limit: 500, urlLength: 23 },
  bluesky: { unit: 'graphemes', limit: 300, byteLimit: 3000 },
  x: { unit: 'weighted', limit: 280 },
  linkedin: { unit: 'characters', limit: 3000 },
  facebook: { unit: 'characters', limit: 63206 },
  instagram: { unit: 'characters', limit: 2200, maxHashtags: 30 },
  threads: { unit: 'characters', limit: 500 },
  webhook: { unit: 'characters', limit: 40000 },
  sandbox: { unit: 'characters', limit: 5000 },
};

/** Display names for English finding messages; the admin translates from `params` instead. */
export const NETWORK_LABELS: Record<Network, string> = {
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  x: 'X',
  linkedin: 'LinkedIn',
  facebook: 'Facebook',
  instagram: 'Instagram',
  threads: 'Threads',
  webhook: 'Webhook',
  sandbox: 'Sandbox',
};
