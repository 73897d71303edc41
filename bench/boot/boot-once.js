/**
 * One measured boot, in a fresh process: createStrapi().load() as `strapi
 * start` does, timed from before the first require of Strapi to loaded.
 * Prints one JSON line. Boots the playground, or the app in BENCH_APP_DIR
 * (with its compiled output in BENCH_DIST_DIR for a TypeScript app) with
 * that app's own Strapi.
 */
const started = process.hrtime.bigint();
const path = require('node:path');

const appDir = process.env.BENCH_APP_DIR ?? path.resolve(__dirname, '..', '..', 'playground');
const distDir = process.env.BENCH_DIST_DIR ?? appDir;
const { createStrapi } = require(require.resolve('@strapi/strapi', { paths: [appDir] }));

(async () => {
  const app = await createStrapi({ appDir, distDir }).load();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // CPU time of the whole process (all its threads) up to loaded: on a shared machine the wall
  // time grows with the neighbours' load, the CPU time the boot itself needs much less.
  const { user, system } = process.cpuUsage();
  const cpuMs = (user + system) / 1000;
  const plugin = Boolean(app.plugins['community-manager']);
  const rss = process.memoryUsage().rss;
  await app.destroy();
  process.stdout.write(`${JSON.stringify({ ms, cpuMs, plugin, rss })}\n`);
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
