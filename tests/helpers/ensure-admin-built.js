const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const ensureBuilt = require('./ensure-built');

const root = path.resolve(__dirname, '..', '..');
const playground = path.join(root, 'playground');

/** The browser suite needs the plugin built, then the playground's admin built with it. */
module.exports = async function ensureAdminBuilt() {
  await ensureBuilt();
  const index = path.join(playground, 'build', 'index.html');
  const pluginAdmin = path.join(root, 'dist', 'admin', 'index.mjs');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= fs.statSync(pluginAdmin).mtimeMs) return;
  process.stdout.write('\n[tests] building the playground admin panel…\n');
  execFileSync(process.execPath, [path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], {
    cwd: playground,
    stdio: 'inherit',
    env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true', NODE_ENV: 'production' },
  });
};

// `node tests/helpers/ensure-admin-built.js`: npm test's `admin` stage, before the browser shards.
if (require.main === module)
  module.exports().catch((err) => {
    console.error(err);
    process.exit(1);
  });
