import { z } from 'zod';
import { parseKeyringEnv } from './crypto/vault';
import { DEFAULT_DEADLINES } from './http/guarded-fetch';
import { publishingConfigSchema, publishingDefaults } from '../publishing/config';
import { reportsConfigSchema, reportsDefaults } from '../reports/config';

/**
 * Plugin configuration (`config/plugins.js` -> `community-manager.config`).
 * Environment variables fill the defaults so an agency can configure a client's
 * instance without editing code.
 */
export const configSchema = z.object({
  encryption: z.object({
    keys: z.record(z.string(), z.string()),
    activeKeyId: z.string().nullable(),
  }),
  outbound: z.object({
    /** hosts or CIDR ranges that may be reached even though they are private (intranet feeds, tests) */
    allowedHosts: z.array(z.string()),
    timeoutMs: z.number().int().positive(),
    maxResponseBytes: z.number().int().positive(),
    /**
     * total deadline of one request by purpose, in ms: connect, headers and the
     * whole body (feeds use watch.fetchDeadlineMs); docs/publishing.md, "Deadlines"
     */
    deadlines: z.object({
      linkPreview: z.number().int().min(100).max(600_000),
      accountCheck: z.number().int().min(100).max(600_000),
      publish: z.number().int().min(100).max(600_000),
      webhook: z.number().int().min(100).max(600_000),
      media: z.number().int().min(100).max(600_000),
    }),
  }),
  /** the feed watcher (docs/watch.md) */
  watch: z.object({
    /** false on secondary instances and in tests: nothing is fetched on a timer, only on demand */
    enabled: z.boolean(),
    /** how often this instance looks for due sources */
    tickSeconds: z.number().int().min(1),
    /** feeds fetched at the same time by this instance */
    concurrency: z.number().int().min(1).max(50),
    /** total time budget of one feed fetch, redirects and body included */
    fetchDeadlineMs: z.number().int().positive(),
    digest: z.object({
      /** addresses of the daily alert digest; none = no digest */
      to: z.array(z.string()),
      /** UTC hour the digest goes out */
      hourUtc: z.number().int().min(0).max(23),
    }),
  }),
  publishing: publishingConfigSchema,
  /** accounts whose sign-in ends (docs/accounts.md, "Reconnect before a sign-in ends") */
  accounts: z.object({
    /** announce a sign-in that cannot be renewed this many days before it ends */
    reauthNoticeDays: z.number().int().min(0).max(365),
    /** how often this instance looks for sign-ins to announce; 0 = never on a timer */
    reauthCheckSeconds: z.number().int().min(0),
    /** a webhook subscription (a Facebook page's, an Instagram account's) made again once this old; 0 = never */
    realtimeRenewHours: z.number().int().min(0).max(8760),
  }),
  /** metric collection for the reports (docs/reports.md) */
  reports: reportsConfigSchema,
  /** the community inbox (docs/inbox.md) */
  inbox: z.object({
    /** false on secondary instances and in tests: no source is read on a timer, only on demand */
    enabled: z.boolean(),
    /** how often each account's mentions and replies are read, in seconds */
    pollSeconds: z.number().int().min(30).max(86_400),
    /** how often the reader looks for due sources and streams no instance holds, in ms (capped by pollSeconds) */
    tickMs: z.number().int().min(100).max(3_600_000),
    /** a stream's lease (renewed at a third of it), a poll's twice it: how long a dead instance holds a source */
    leaseMs: z.number().int().min(1_000).max(3_600_000),
    /** hold the streams of the networks that push (Mastodon) open, for near-real-time items; the poll stays the catch-up */
    streaming: z.boolean(),
    /** secrets the site signs its comments with (several while one is rotated); none = the signed endpoint is off */
    siteSecrets: z.array(z.string().min(16)),
    /** the largest signed request body accepted, in bytes */
    siteMaxBytes: z.number().int().min(1024).max(1_048_576),
    /** signed requests accepted per minute from one IP address, and per secret; 0 = no limit */
    siteRatePerIp: z.number().int().min(0).max(1_000_000),
    siteRatePerSecret: z.number().int().min(0).max(1_000_000),
    /** under a tag or searched words the list counts this many items at most, then says "1,000+" (docs/inbox.md) */
    listCountCap: z.number().int().min(1).max(1_000_000),
  }),
});

export type PluginConfig = z.infer<typeof configSchema>;

type Env = ((key: string, fallback?: string) => string | undefined) & {
  int: (key: string, fallback?: number) => number;
};

const list = (raw: string | undefined) =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export const defaultConfig = ({ env }: { env: Env }): PluginConfig => ({
  encryption: parseKeyringEnv(env('CM_ENCRYPTION_KEYS')),
  outbound: {
    allowedHosts: list(env('CM_OUTBOUND_ALLOWED_HOSTS')),
    timeoutMs: env.int('CM_OUTBOUND_TIMEOUT_MS', 10_000),
    maxResponseBytes: env.int('CM_OUTBOUND_MAX_BYTES', 5 * 1024 * 1024),
    deadlines: {
      linkPreview: env.int('CM_OUTBOUND_DEADLINE_LINK_PREVIEW_MS', DEFAULT_DEADLINES.linkPreview),
      accountCheck: env.int('CM_OUTBOUND_DEADLINE_ACCOUNT_CHECK_MS', DEFAULT_DEADLINES.accountCheck),
      publish: env.int('CM_OUTBOUND_DEADLINE_PUBLISH_MS', DEFAULT_DEADLINES.publish),
      webhook: env.int('CM_OUTBOUND_DEADLINE_WEBHOOK_MS', DEFAULT_DEADLINES.webhook),
      media: env.int('CM_OUTBOUND_DEADLINE_MEDIA_MS', DEFAULT_DEADLINES.media),
    },
  },
  watch: {
    enabled: env('CM_WATCH_ENABLED', 'true') !== 'false',
    tickSeconds: env.int('CM_WATCH_TICK_SECONDS', 30),
    concurrency: env.int('CM_WATCH_CONCURRENCY', 4),
    fetchDeadlineMs: env.int('CM_WATCH_FETCH_DEADLINE_MS', 30_000),
    digest: { to: list(env('CM_WATCH_DIGEST_TO')), hourUtc: env.int('CM_WATCH_DIGEST_HOUR_UTC', 7) },
  },
  publishing: publishingDefaults(env),
  accounts: {
    reauthNoticeDays: env.int('CM_ACCOUNTS_REAUTH_NOTICE_DAYS', env.int('CM_OAUTH_NOTICE_DAYS', 7)),
    reauthCheckSeconds: env.int('CM_ACCOUNTS_REAUTH_CHECK_SECONDS', 3600),
    realtimeRenewHours: env.int('CM_ACCOUNTS_REALTIME_RENEW_HOURS', 24),
  },
  reports: reportsDefaults(env),
  inbox: {
    enabled: env('CM_INBOX_ENABLED', 'true') !== 'false',
    pollSeconds: env.int('CM_INBOX_POLL_SECONDS', 300),
    tickMs: env.int('CM_INBOX_TICK_MS', 30_000),
    leaseMs: env.int('CM_INBOX_LEASE_MS', 60_000),
    streaming: env('CM_INBOX_STREAMING', 'true') !== 'false',
    siteSecrets: list(env('CM_INBOX_SITE_SECRETS')),
    siteMaxBytes: env.int('CM_INBOX_SITE_MAX_BYTES', 65_536),
    siteRatePerIp: env.int('CM_INBOX_SITE_RATE_PER_IP', 600),
    siteRatePerSecret: env.int('CM_INBOX_SITE_RATE_PER_SECRET', 6000),
    listCountCap: env.int('CM_INBOX_LIST_COUNT_CAP', 1000),
  },
});

export function validateConfig(config: unknown) {
  const result = configSchema.safeParse(config);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`community-manager config: ${issue.path.join('.')}: ${issue.message}`);
  }
}
