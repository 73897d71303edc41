import { byNetwork, DEFAULT_TEXT_RULE, NETWORKS, type LengthRule, type Network, type TextRule } from './index';

export { NETWORKS, type Network, type LengthRule, type TextRule };

/**
 * The longest post text (body, variant, text to lint) the plugin accepts, in UTF-16
 * units, checked before any counting. Above every network the plugin publishes to
 * (Mastodon instances rarely allow more than 5,000, Bluesky 300, the sandbox 5,000)
 * and short enough that the costliest count, twitter-text's URL scan for X, stays
 * near 0.3 s on hostile input (it grows with the square of the length).
 */
export const MAX_POST_TEXT = 10_000;

/** How each network counts a post's length, from its profile. */
export const LENGTH_RULES: Record<Network, LengthRule> = byNetwork((profile) => profile.length);

/** Whose grammar finds each network's links and hashtags, from its profile. */
export const TEXT_RULES: Record<Network, TextRule> = byNetwork((profile) => profile.text ?? DEFAULT_TEXT_RULE);

/** Display names for English finding messages; the admin translates from `params` instead. */
export const NETWORK_LABELS: Record<Network, string> = byNetwork((profile) => profile.label.defaultMessage);
