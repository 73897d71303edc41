const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Strapi loads the plugin's server from dist/ only, and silently skips it when
 * the file is missing: a stale or absent build would make every API test lie.
 */
module.exports = async function ensureBuilt() {
  // Names this run's database templates (tests/helpers/strapi.ts); its files see the variable, each in its own copy of process.env.
  process.env.CM_TEST_RUN_ID ??= `${process.pid}-${Date.now()}`;
  const built = path.join(root, 'dist', 'server', 'index.js');
  const sources = Math.max(...['server', 'shared', 'admin', 'content-types'].map((d) => newestMtime(path.join(root, d))));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources && fs.existsSync(path.join(root, 'dist', 'admin', 'index.mjs'))) return;
  process.stdout.write('\n[tests] building the plugin (dist/ is missing or older than the sources)…\n');
  execFileSync(process.execPath, [path.join(root, 'node_modules', '@strapi', 'sdk-plugin', 'bin', 'strapi-plugin.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
};
