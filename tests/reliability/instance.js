/**
 * One Strapi instance in its own process, scheduler on, for the reliability
 * suite: the parent starts several on one database, kills them with SIGKILL
 * and restarts them. Settings come from the environment the parent passes.
 * Prints READY once bootstrapped (the scheduler is running from then on).
 */
const path = require('node:path');

const PLAYGROUND = path.resolve(__dirname, '..', '..', 'playground');

/** CM_PROFILE_TO=file.cpuprofile: a CPU profile of the whole run, written on SIGTERM (for bench/ investigations). */
async function startProfile() {
  if (!process.env.CM_PROFILE_TO) return async () => {};
  const { Session } = require('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    require('node:fs').writeFileSync(process.env.CM_PROFILE_TO, JSON.stringify(profile));
  };
}

(async () => {
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND });
  // CM_TEST_SERVER_URL: the site's public address (`server.url`), from which Instagram fetches a post's media
  // through the signed link; the observer app, on the same database and secrets, serves it. Set before load(), as
  // a config file would: set after it, the scheduler's first tick (a restart after kill -9 finds posts due) could
  // run without it, and Instagram posts failed with meta_public_url_missing.
  if (process.env.CM_TEST_SERVER_URL) app.config.set('server.url', process.env.CM_TEST_SERVER_URL);
  const strapi = await app.load();
  const stopProfile = await startProfile();
  // CM_TEST_LISTEN: also answer the admin API, for scenarios that act "on this instance", on a port the system
  // picks at listen time and READY reports. A port picked by the parent beforehand and listened on minutes later
  // was taken meanwhile by another test's socket (CI: B "port already used" in six scenarios in a row).
  let listening = '';
  if (process.env.CM_TEST_LISTEN === 'true') {
    await strapi.server.mount();
    const server = strapi.server.httpServer;
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    listening = ` ${server.address().port}`;
  }
  process.stdout.write(`READY${listening}\n`);
  const stop = async () => {
    await stopProfile();
    await strapi.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
})().catch((err) => {
  process.stderr.write(`instance failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
