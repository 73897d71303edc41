/**
 * One measured boot, in a fresh process: createStrapi().load() as `strapi
 * start` does, timed from before the first require of Strapi to loaded.
 * Prints one JSON line.
 */
const started = process.hrtime.bigint();
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

(async () => {
  const appDir = path.resolve(__dirname, '..', '..', 'playground');
  const app = await createStrapi({ appDir, distDir: appDir }).load();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const plugin = Boolean(app.plugins['community-manager']);
  const rss = process.memoryUsage().rss;
  await app.destroy();
  process.stdout.write(`${JSON.stringify({ ms, plugin, rss })}\n`);
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
