#!/usr/bin/env node
/**
 * `prepare`: builds dist/ when npm installs the plugin from a git URL, and
 * does nothing otherwise.
 *
 * dist/ is not committed, and Strapi silently skips a plugin without it. For
 * a git dependency npm clones the repository into its cache (a `git-clone…`
 * folder), runs `npm install` there (this script runs at its end, with
 * `_PACOTE_NO_PREPARE_` set), then runs `prepare` once more before packing the
 * folder; the second run finds dist/ fresh and skips.
 *
 * Anywhere else (`npm ci` or `npm install` in a clone of this repository,
 * `npm pack`, `npm publish`) it only prints how to build: CI and the test
 * runner build when they need to (`npm run build`), and a build here would
 * add two CPU-minutes to every `npm ci`. `CM_PREPARE_BUILD=1` forces the git
 * dependency path (how it is tested without npm's cache).
 *
 * Everything it prints goes to stderr: `npm pack --json` (the install test,
 * release tooling) runs `prepare` and prints its JSON on stdout.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const gitDependency =
  Boolean(process.env._PACOTE_NO_PREPARE_) || path.basename(root).startsWith('git-clone') || process.env.CM_PREPARE_BUILD === '1';

if (!gitDependency) {
  console.error('prepare: not a git-dependency install, dist/ left as it is (npm run build builds it)');
  process.exit(0);
}

/** Newest modification time under `entry` (a file or a folder), 0 if absent. */
function newest(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((max, name) => Math.max(max, newest(path.join(entry, name))), stat.mtimeMs);
}

const built = ['dist/server/index.js', 'dist/admin/index.mjs'].map((file) => path.join(root, file));
const sources = ['admin', 'server', 'shared', 'content-types', 'strapi-admin.ts', 'strapi-server.ts', 'package.json'];
const builtAt = Math.min(...built.map(newest));
if (builtAt > 0 && builtAt >= Math.max(...sources.map((s) => newest(path.join(root, s))))) {
  console.error('prepare: dist/ is newer than the sources, not rebuilt');
  process.exit(0);
}

console.error('prepare: git-dependency install, building dist/ (strapi-plugin build)');
const started = Date.now();
const result = spawnSync(
  process.execPath,
  [path.join(path.dirname(require.resolve('@strapi/sdk-plugin/package.json')), 'bin', 'strapi-plugin.js'), 'build'],
  // The build's own output to stderr too.
  { cwd: root, stdio: ['ignore', 2, 2] }
);
if (result.status !== 0) process.exit(result.status ?? 1);
console.error(`prepare: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
