import type { NetworkAdapter, PublishPort } from './types';
import { mastodon } from './mastodon';
import { bluesky } from './bluesky';
import { webhook } from './webhook';
import { sandbox } from './sandbox';
import { linkedin } from './linkedin';
import { x } from './x';
import { facebook } from './facebook';
import { instagram } from './instagram';
import { threads } from './threads';

/**
 * Every network that can be connected, in the order the account form offers
 * them. Adding a network is one line here (docs/adding-a-network.md); the
 * ones the linter knows but that need OAuth have a profile and no adapter yet.
 */
export const NETWORK_ADAPTERS: readonly NetworkAdapter[] = [mastodon, bluesky, webhook, sandbox, x, linkedin, facebook, instagram, threads];

const byId = new Map(NETWORK_ADAPTERS.map((adapter) => [adapter.id, adapter]));

/** The adapter of a stored account's network; undefined for a network that cannot be connected. */
export const adapterFor = (network: string): NetworkAdapter | undefined => byId.get(network);

/** The publishing port of a network, for the scheduler. */
export const publisherFor = (network: string): PublishPort | undefined => byId.get(network)?.publish;

export const connectableNetworks = () => NETWORK_ADAPTERS.map((adapter) => adapter.id);
