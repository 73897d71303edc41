import { byNetwork, NETWORKS, type LengthRule, type Network } from './index';

export { NETWORKS, type Network, type LengthRule };

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

/** Display names for English finding messages; the admin translates from `params` instead. */
export const NETWORK_LABELS: Record<Network, string> = byNetwork((profile) => profile.label.defaultMessage);
