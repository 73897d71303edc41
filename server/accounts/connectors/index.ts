import type { Connector } from './types';
import { mastodon } from './mastodon';
import { bluesky } from './bluesky';
import { webhook } from './webhook';
import { sandbox } from './sandbox';

/** Networks that can be connected today; LinkedIn, Facebook, Instagram, X and Threads need OAuth (later issue). */
export const CONNECTORS = { mastodon, bluesky, webhook, sandbox } satisfies Record<string, Connector>;

export type ConnectableNetwork = keyof typeof CONNECTORS;
