import { Briefcase, Cloud, Discuss, Feather, Image, Message, PuzzlePiece, ThumbUp, Webhooks } from '@strapi/icons';
import type { IntlShape, MessageDescriptor } from 'react-intl';
import type { Network } from './api/types';
import { PROFILES, byNetwork, isNetwork, networksThat, type Message as ProfileMessage, type NetworkProfile } from '../shared/networks';
import { PLUGIN_ID } from '../shared/core/permissions';

/**
 * What the admin shows of each network, read from the shared profiles: lists
 * ask a capability (connect, lint, first comment…), never a network's name.
 */

/**
 * A profile's text as a react-intl descriptor. Its id is in en.json and fr.json
 * (tests/unit/network-profiles.test.ts checks each one, as translations.test.ts
 * does for the ids written with `getTrad`).
 */
export const profileMessage = (message: ProfileMessage): MessageDescriptor => ({
  id: `${PLUGIN_ID}.${message.id}`,
  defaultMessage: message.defaultMessage,
});

export const NETWORK_LABELS: Record<Network, MessageDescriptor> = byNetwork((profile) => profileMessage(profile.label));

export { isNetwork };

/** A network's name in the reader's language; one this admin has no label for (a newer server) keeps its id. */
export const networkName = (formatMessage: IntlShape['formatMessage'], network: string) =>
  isNetwork(network) ? formatMessage(NETWORK_LABELS[network]) : network;

/** Each profile names its glyph from Strapi's icon set, always shown beside the network's name. */
const GLYPHS: Record<NetworkProfile['icon'], typeof Message> = {
  Message,
  Cloud,
  Feather,
  Briefcase,
  ThumbUp,
  Image,
  Discuss,
  Webhooks,
  PuzzlePiece,
};
export const NETWORK_ICONS: Record<Network, typeof Message> = byNetwork((profile) => GLYPHS[profile.icon]);

/** The networks the post linter's "try it" box offers. */
export const LINTABLE_NETWORKS: readonly Network[] = networksThat('lint');

/** The networks an account can be added for in this version, then those that need OAuth and come later. */
export const CONNECTABLE_NETWORKS: readonly Network[] = networksThat('connect');
export const COMING_SOON_NETWORKS: readonly Network[] = PROFILES.filter((p) => !p.capabilities.connect).map((p) => p.id);

/** The networks that give figures (followers, engagements): the ones a KPI target can name. */
export const MEASURED_NETWORKS: readonly Network[] = networksThat('metrics');
