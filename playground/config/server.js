module.exports = ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  // Demo keys: a real site sets APP_KEYS; these only protect a local playground.
  app: { keys: env.array('APP_KEYS', ['playground-key-1', 'playground-key-2']) },
  logger: { updates: { enabled: false }, startup: { enabled: env.bool('STRAPI_STARTUP_LOG', true) } },
});
