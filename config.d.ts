/**
 * The plugin's configuration, as an app writes it under
 * `'community-manager': { config: … }` in `config/plugins.ts`:
 *
 * ```ts
 * import type { CommunityManagerConfig } from 'strapi-plugin-community-manager/config';
 * // …
 * config: { outbound: { allowedHosts: ['10.0.0.0/8'] } } satisfies CommunityManagerConfig,
 * ```
 *
 * Every key is optional: Strapi fills what the app leaves out with the
 * plugin's defaults (most of them read from `CM_*` environment variables, see
 * the README's "Configuration"), then the plugin validates the whole at start.
 *
 * Types only, nothing to import at run time. Written by hand so that editors
 * show these comments; tests/unit/config-types.test.ts fails if it drifts from
 * the schema the server validates with (server/core/config.ts).
 */
export interface CommunityManagerConfig {
  /** Credential encryption; usually set with `CM_ENCRYPTION_KEYS` in `.env` instead. */
  encryption?: {
    /** key id → base64 AES-256 key (32 bytes) */
    keys?: Record<string, string>;
    /** the key that encrypts; the others only decrypt; null refuses credentials */
    activeKeyId?: string | null;
  };
  /** Requests the plugin makes to networks, feeds, webhooks and link previews. */
  outbound?: {
    /** host names, IPs or CIDR ranges that may be reached although they are private (intranet feeds, webhooks) */
    allowedHosts?: string[];
    /** idle timeout: no byte for this long, in ms (default 10000) */
    timeoutMs?: number;
    /** largest response read, after decompression, in bytes (default 5 MiB) */
    maxResponseBytes?: number;
    /** total deadline of one request by purpose, in ms (100 to 600000): connect, headers and the whole body */
    deadlines?: {
      linkPreview?: number;
      accountCheck?: number;
      publish?: number;
      webhook?: number;
      media?: number;
    };
  };
  /** The feed watcher. */
  watch?: {
    /** false on secondary instances and in tests: nothing is fetched on a timer, only on demand */
    enabled?: boolean;
    /** how often this instance looks for due sources, in seconds (default 30) */
    tickSeconds?: number;
    /** feeds fetched at the same time by this instance (1 to 50, default 4) */
    concurrency?: number;
    /** total time budget of one feed fetch, redirects and body included, in ms (default 30000) */
    fetchDeadlineMs?: number;
    /** the daily alert digest, sent through Strapi's email plugin */
    digest?: {
      /** addresses; none = no digest */
      to?: string[];
      /** UTC hour it goes out (0 to 23, default 7) */
      hourUtc?: number;
    };
  };
  /** The publishing scheduler: how this instance takes part. */
  publishing?: {
    /** false on secondary instances (others keep publishing) */
    scheduler?: boolean;
    /** how often the instance looks for due rows even without a wake-up, in ms (at least 50, default 5000) */
    tickMs?: number;
    /** wake up at the earliest due row's exact time (default true) */
    exactWakeUp?: boolean;
    /** make Instagram's and Threads' containers before the due time, so they are processed by then (default true) */
    ahead?: boolean;
    /** how long before its instant a row is claimed and made ready, in ms (0 to 60000, default 2000) */
    lookaheadMs?: number;
    /** how long a claim stays owned before the reaper may hand it back, in ms (at least 1000) */
    leaseMs?: number;
    /** beyond this delay after its due time a never-tried publication is `missed`, not sent, in ms */
    latenessMs?: number;
    /** retryable failures before a publication is given up as failed (at least 1) */
    maxAttempts?: number;
    /** first retry delay in ms; doubled each attempt, capped at backoffMaxMs */
    backoffBaseMs?: number;
    backoffMaxMs?: number;
    /** publications one instance sends at the same time (1 to 64) */
    concurrency?: number;
    /** publications of one account one instance sends at the same time (1 to 64) */
    accountConcurrency?: number;
    /** rows claimed by one conditional update (1 to 500) */
    batchSize?: number;
    /** who is e-mailed failures and re-authorization needs (Strapi's email plugin) */
    notifyEmails?: string[];
  };
  /** Accounts whose sign-in ends and cannot be renewed automatically (docs/accounts.md). */
  accounts?: {
    /** notice on the Accounts page and one e-mail this many days before the end (0 to 365, default 7; `CM_ACCOUNTS_REAUTH_NOTICE_DAYS`) */
    reauthNoticeDays?: number;
    /** how often this instance looks for sign-ins to announce, in seconds; 0 = never on a timer (default 3600) */
    reauthCheckSeconds?: number;
    /**
     * A webhook subscription (a Facebook page's, an Instagram account's) made again once this many hours old,
     * which mends one Meta dropped; 0 = never (default 24; `CM_ACCOUNTS_REALTIME_RENEW_HOURS`).
     */
    realtimeRenewHours?: number;
  };
  /** Metric collection and scheduled reports (docs/reports.md). */
  reports?: {
    /** collect on a timer (default true; `CM_METRICS_ENABLED`); off on secondary instances */
    collect?: boolean;
    /** how often this instance looks for figures due, in seconds (1 to 86,400, default 300; `CM_METRICS_TICK_SECONDS`) */
    tickSeconds?: number;
    /** a post's ages at which its figures are read, in hours (default 1, 6, 24, 72, 168, 720; `CM_METRICS_POST_OFFSETS_HOURS`) */
    postOffsetsHours?: number[];
    /** how often an account's followers are read, in hours (default 24; `CM_METRICS_ACCOUNT_EVERY_HOURS`) */
    accountEveryHours?: number;
    /** how long an hour of the collection schedule lasts, in ms (1,000 to 3,600,000, default 3,600,000; `CM_METRICS_HOUR_MS`): shortened by the reliability suite only */
    hourMs?: number;
    /** rows claimed by one pass (1 to 1,000, default 200; `CM_METRICS_BATCH`) */
    batchSize?: number;
    /** send scheduled reports on a timer (default true; `CM_REPORTS_DELIVERY_ENABLED`); each period is sent once whatever the instances */
    deliver?: boolean;
    /** how often this instance looks for scheduled reports due, in seconds (1 to 86,400, default 300; `CM_REPORTS_DELIVERY_TICK_SECONDS`) */
    deliveryTickSeconds?: number;
  };
  /** The community inbox (docs/inbox.md). */
  inbox?: {
    /** read the accounts' mentions and replies on a timer (default true; `CM_INBOX_ENABLED`); off on secondary instances */
    enabled?: boolean;
    /** how often each account is read, in seconds (30 to 86,400, default 300; `CM_INBOX_POLL_SECONDS`) */
    pollSeconds?: number;
    /** how often the reader looks for due sources and for streams no instance holds, in ms (default 30,000, or `pollSeconds` when shorter; `CM_INBOX_TICK_MS`) */
    tickMs?: number;
    /** a stream's lease in ms, a poll's twice it: how long a stopped instance holds a source before another takes it (default 60,000; `CM_INBOX_LEASE_MS`) */
    leaseMs?: number;
    /** hold Mastodon's streaming API open for near-real-time items, one instance per account, the poll kept as the catch-up (default true; `CM_INBOX_STREAMING`) */
    streaming?: boolean;
    /** secrets (16 characters or more) a site signs its comments with; none = the signed endpoint is off (`CM_INBOX_SITE_SECRETS`, comma-separated) */
    siteSecrets?: string[];
    /** the largest signed request body accepted, in bytes (1,024 to 1,048,576, default 65,536; `CM_INBOX_SITE_MAX_BYTES`) */
    siteMaxBytes?: number;
    /** signed requests accepted per minute from one IP address (default 600, 0 = no limit; `CM_INBOX_SITE_RATE_PER_IP`); more get 429 with Retry-After */
    siteRatePerIp?: number;
    /** signed requests accepted per minute per secret, whatever the IP (default 6,000, 0 = no limit; `CM_INBOX_SITE_RATE_PER_SECRET`) */
    siteRatePerSecret?: number;
    /** under a tag or searched words, the list counts this many matching items at most and then says "1,000+" (default 1,000; `CM_INBOX_LIST_COUNT_CAP`) */
    listCountCap?: number;
  };
}
