/**
 * The settings every Strapi booted by the tests or the benchmarks shares: no
 * telemetry, no banner, no demo data, no admin panel, loopback allowed for the
 * fake networks. Plain JS so bench/ scripts can require it too.
 */
exports.quietStrapiEnv = (encryptionKeys) => ({
  NODE_ENV: 'test',
  LOG_LEVEL: 'error',
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_STARTUP_LOG: 'false',
  CM_DEMO_SEED: 'false',
  SERVE_ADMIN_PANEL: 'false',
  ADMIN_RATE_LIMIT: 'false',
  // One sign-in per boot serves a whole file or scenario, which outlasts Strapi's 30-minute access token on a loaded machine.
  ADMIN_ACCESS_TOKEN_LIFESPAN: String(4 * 3600),
  CM_ENCRYPTION_KEYS: encryptionKeys,
  CM_OUTBOUND_ALLOWED_HOSTS: '127.0.0.1,localhost,::1',
  // The watch's scheduler stays off: suites drive fetches themselves (tests/api/watch-scheduler.test.ts turns it on).
  CM_WATCH_ENABLED: 'false',
  // Metric collection too: tests/api/reports.test.ts runs its passes itself.
  CM_METRICS_ENABLED: 'false',
  // Scheduled reports too: tests/api/reports.test.ts sends them pass by pass.
  CM_REPORTS_DELIVERY_ENABLED: 'false',
  // The inbox's reader too: suites read their sources on demand (tests/api/inbox.test.ts).
  CM_INBOX_ENABLED: 'false',
  // strapi-plugin-comments stays out of every boot but the inbox's (its content types cost each boot).
  CM_COMMENTS_ENABLED: 'false',
});
