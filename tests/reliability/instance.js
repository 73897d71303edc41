/**
 * One Strapi instance in its own process, scheduler on, for the reliability
 * suite: the parent starts several on one database, kills them with SIGKILL
 * and restarts them. Settings come from the environment the parent passes.
 * Prints READY once bootstrapped (the scheduler is running from then on).
 */
const path = require('node:path');

const PLAYGROUND = path.resolve(__dirname, '..', '..', 'playground');

(async () => {
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND }).load();
  process.stdout.write('READY\n');
  const stop = async () => {
    await strapi.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
})().catch((err) => {
  process.stderr.write(`instance failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
