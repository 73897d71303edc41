/**
 * The environment every benchmark boots the playground with: production mode,
 * quiet, no demo data, no admin panel, a fixed encryption key. Benchmarks are
 * plain JS so they run without a build; this is their one copy of it.
 */
exports.benchEnv = () => ({
  ...process.env,
  NODE_ENV: 'production',
  LOG_LEVEL: 'error',
  STRAPI_TELEMETRY_DISABLED: 'true',
  CM_DEMO_SEED: 'false',
  SERVE_ADMIN_PANEL: 'false',
  CM_ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 7).toString('base64')}`,
});
