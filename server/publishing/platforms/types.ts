import type { GuardedRequest, GuardedResponse } from '../../core/http/guarded-fetch';
import type { Secrets } from '../../accounts/connectors/types';

/** An image or video to attach: type, name and the alt text people rely on. */
export interface MediaRef {
  mime: string;
  alt: string;
  filename: string;
}

/** The same, read: its bytes are loaded only at the moment of sending. */
export interface MediaItem extends MediaRef {
  bytes: Buffer;
}

/** What is checked before a post is sent (and compared when looking for it afterwards): the words and which media, not their bytes. */
export interface PostDraft {
  text: string;
  firstComment: string | null;
  media: readonly MediaRef[];
}

/** What is sent. */
export interface PostContent extends PostDraft {
  media: MediaItem[];
}

/** What an adapter may know and do about the account it publishes to. */
export interface AdapterContext {
  account: {
    documentId: string;
    network: string;
    instanceUrl: string | null;
    networkAccountId: string | null;
    handle: string | null;
    settings: Record<string, unknown>;
    limits: { maxCharacters?: number } | null;
  };
  secrets: Secrets;
  /** stores secrets the network handed back (a refreshed session), encrypted */
  saveSecrets(secrets: Secrets): Promise<void>;
  /** the guarded fetcher with the plugin's outbound policy */
  fetch(url: string, req?: GuardedRequest): Promise<GuardedResponse>;
  now(): number;
  /** stable across attempts: lets a receiver de-duplicate deliveries */
  publicationId: string;
}

export interface PublishResult {
  externalId: string;
  url: string | null;
  /** what a reply to this post must reference (Bluesky: uri and cid) */
  ref?: Record<string, string>;
}

export type Existing = { found: PublishResult } | 'absent' | 'cannot_tell';

export interface Adapter {
  /**
   * The attempt id, stored before the call: Mastodon's Idempotency-Key,
   * Bluesky's record key (a TID). Defaults to a random UUID.
   */
  newAttemptId?(now: number): string;
  /** refuses, before any call, what the network would refuse (length, media count) */
  validate(ctx: AdapterContext, content: PostDraft): Promise<void>;
  publish(ctx: AdapterContext, content: PostContent, attemptId: string): Promise<PublishResult>;
  /** the first comment, as a reply to the post just published */
  reply?(ctx: AdapterContext, parent: PublishResult, text: string, attemptId: string): Promise<PublishResult>;
  /**
   * After an unknown outcome: is the post there? `absent` must be certain
   * enough that sending again (with the same attempt id) cannot duplicate it.
   */
  findExisting(ctx: AdapterContext, content: PostDraft, attemptId: string, since: number): Promise<Existing>;
}
