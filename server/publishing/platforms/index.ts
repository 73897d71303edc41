import type { Adapter } from './types';
import { sandbox } from './sandbox';
import { webhook } from './webhook';
import { mastodon } from './mastodon';
import { bluesky } from './bluesky';

/** One adapter per network the scheduler can publish to. */
export const ADAPTERS: Record<string, Adapter> = { sandbox, webhook, mastodon, bluesky };

export type { Adapter, AdapterContext, PostContent, PostDraft, PublishResult, MediaItem, MediaRef, Existing } from './types';
