import { mastodon } from './mastodon';
import { bluesky } from './bluesky';
import { x } from './x';
import { linkedin } from './linkedin';
import { facebook } from './facebook';
import { instagram } from './instagram';
import { threads } from './threads';
import { webhook } from './webhook';
import { sandbox } from './sandbox';
import type { Capabilities, NetworkProfile } from './types';

/**
 * Every network the plugin knows, in the order lists show them. Adding a
 * network is a profile file and one line here (docs/adding-a-network.md).
 */
export const PROFILES = [mastodon, bluesky, x, linkedin, facebook, instagram, threads, webhook, sandbox] as const;

export type Network = (typeof PROFILES)[number]['id'];

export const NETWORKS = PROFILES.map((profile) => profile.id) as unknown as readonly [Network, ...Network[]];

const byId = new Map<string, NetworkProfile>(PROFILES.map((profile) => [profile.id, profile]));

export const isNetwork = (value: unknown): value is Network => typeof value === 'string' && byId.has(value);

export function profileOf(network: Network): NetworkProfile;
export function profileOf(network: string): NetworkProfile | undefined;
export function profileOf(network: string) {
  return byId.get(network);
}

/** Whether a network can do something; an unknown network can do nothing. */
export const can = (network: string, capability: keyof Capabilities): boolean => byId.get(network)?.capabilities[capability] ?? false;

/** The networks with a capability, in the profiles' order. */
export const networksThat = (capability: keyof Capabilities): Network[] =>
  PROFILES.filter((profile) => profile.capabilities[capability]).map((profile) => profile.id);

/** A map from every network to one of its profile's facts. */
export const byNetwork = <T>(pick: (profile: NetworkProfile) => T) =>
  Object.fromEntries(PROFILES.map((profile) => [profile.id, pick(profile)])) as Record<Network, T>;

export { WEBHOOK_FLAVORS, type WebhookFlavor } from './webhook';
export {
  DEFAULT_TEXT_RULE,
  MB,
  type Capabilities,
  type CredentialField,
  type Figure,
  type LengthRule,
  type MediaKind,
  type MediaRule,
  type Message,
  type NetworkProfile,
  type TextRule,
} from './types';
