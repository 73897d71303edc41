import { Briefcase, Cloud, Discuss, Feather, Image, Message, PuzzlePiece, ThumbUp, Webhooks } from '@strapi/icons';
import type { IntlShape, MessageDescriptor } from 'react-intl';
import type { Network } from './api/types';
import { getTrad } from './utils/getTrad';

export const NETWORK_LABELS: Record<Network, MessageDescriptor> = {
  mastodon: { id: getTrad('network.mastodon'), defaultMessage: 'Mastodon' },
  bluesky: { id: getTrad('network.bluesky'), defaultMessage: 'Bluesky' },
  x: { id: getTrad('network.x'), defaultMessage: 'X' },
  linkedin: { id: getTrad('network.linkedin'), defaultMessage: 'LinkedIn' },
  facebook: { id: getTrad('network.facebook'), defaultMessage: 'Facebook' },
  instagram: { id: getTrad('network.instagram'), defaultMessage: 'Instagram' },
  threads: { id: getTrad('network.threads'), defaultMessage: 'Threads' },
  webhook: { id: getTrad('network.webhook'), defaultMessage: 'Webhook' },
  sandbox: { id: getTrad('network.sandbox'), defaultMessage: 'Sandbox' },
};

export const isNetwork = (value: unknown): value is Network => typeof value === 'string' && value in NETWORK_LABELS;

/** A network's name in the reader's language; one this admin has no label for (a newer server) keeps its id. */
export const networkName = (formatMessage: IntlShape['formatMessage'], network: string) =>
  isNetwork(network) ? formatMessage(NETWORK_LABELS[network]) : network;

/** Strapi's icon set has no brand logos for most networks: a glyph that evokes each, always shown with its name. */
export const NETWORK_ICONS: Record<Network, typeof Message> = {
  mastodon: Message,
  bluesky: Cloud,
  x: Feather,
  linkedin: Briefcase,
  facebook: ThumbUp,
  instagram: Image,
  threads: Discuss,
  webhook: Webhooks,
  sandbox: PuzzlePiece,
};

/** The networks the post linter knows length rules for, in the order people think of them. */
export const LINTABLE_NETWORKS: readonly Network[] = ['mastodon', 'bluesky', 'x', 'linkedin', 'instagram', 'threads', 'facebook'];
