#!/usr/bin/env node
/**
 * bench/boot --fresh-app — what the plugin costs an app that is not the
 * playground: the packed tarball installed with npm into a fresh Strapi 5.54
 * app (the install test's app, tests/helpers/fresh-app.js), booted with the
 * plugin enabled and disabled (config/plugins toggles it on
 * CM_PLUGIN_ENABLED), first as a JavaScript app, then turned into a
 * TypeScript app (the template's tsconfig and config/*.ts, compiled with the
 * app's own tsc, booted from dist/ as `strapi start` does).
 *
 * Each variant has its own SQLite file, migrated by one boot first (Strapi
 * drops the tables of a disabled plugin, so the two cannot share one); then
 * BENCH_RUNS (5) boots of each, interleaved, the order alternated each round.
 *
 *   npm run bench:boot -- --fresh-app [--profile] [--keep]
 *
 * dist/ must be built (`npx strapi-plugin build`). BENCH_FRESH_APP_DIR=dir
 * reuses an app already installed there (skips pack and install); --keep
 * leaves the app in place and prints its folder. --profile adds one
 * `node --cpu-prof` boot with and one without the plugin per variant and
 * prints where the .cpuprofile files are.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { benchEnv } = require('../env');
const {
  JAVASCRIPT_ONLY,
  javaScriptAppFiles,
  npmInstall,
  packPlugin,
  typeScriptAppFiles,
  writeFiles,
} = require('../../tests/helpers/fresh-app');

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const keep = process.argv.includes('--keep') || Boolean(process.env.BENCH_FRESH_APP_DIR);
const profile = process.argv.includes('--profile');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const pluginsJs = `module.exports = ({ env }) => ({
  'community-manager': { enabled: env.bool('CM_PLUGIN_ENABLED', true) },
});
`;
const databaseJs = `module.exports = ({ env }) => ({
  connection: { client: 'sqlite', connection: { filename: env('DATABASE_FILENAME') }, useNullAsDefault: true },
});
`;
const pluginsTs = `import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'community-manager': { enabled: env.bool('CM_PLUGIN_ENABLED', true) },
});
`;
const databaseTs = `import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => ({
  connection: { client: 'sqlite', connection: { filename: env('DATABASE_FILENAME', '.tmp/data.db') }, useNullAsDefault: true },
});

export default config;
`;

function prepareApp() {
  const reuse = process.env.BENCH_FRESH_APP_DIR;
  if (reuse && fs.existsSync(path.join(reuse, 'node_modules', '@strapi', 'strapi'))) return reuse;
  const dir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cm-bench-fresh-app-'));
  fs.mkdirSync(dir, { recursive: true });
  const started = Date.now();
  writeFiles(dir, javaScriptAppFiles(packPlugin(dir), { 'config/plugins.js': pluginsJs, 'config/database.js': databaseJs }));
  npmInstall(dir, ['ignore', 'ignore', 'inherit']);
  console.error(`fresh app packed and installed in ${((Date.now() - started) / 1000).toFixed(0)} s: ${dir}`);
  return dir;
}

/** The app as JavaScript (config/*.js) or TypeScript (config/*.ts compiled to dist/); switches it in place. */
function useLanguage(dir, language) {
  const tsFiles = typeScriptAppFiles({ 'config/plugins.ts': pluginsTs, 'config/database.ts': databaseTs });
  if (language === 'js') {
    for (const file of [...Object.keys(tsFiles), 'tsconfig.tsbuildinfo', 'dist'])
      fs.rmSync(path.join(dir, file), { recursive: true, force: true });
    const jsFiles = javaScriptAppFiles('unused', { 'config/plugins.js': pluginsJs, 'config/database.js': databaseJs });
    writeFiles(dir, Object.fromEntries(JAVASCRIPT_ONLY.map((file) => [file, jsFiles[file]])));
    return { appDir: dir, distDir: dir };
  }
  for (const file of JAVASCRIPT_ONLY) fs.rmSync(path.join(dir, file), { force: true });
  writeFiles(dir, tsFiles);
  execFileSync(process.execPath, [path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
    cwd: dir,
    stdio: 'inherit',
  });
  return { appDir: dir, distDir: path.join(dir, 'dist') };
}

function bootOnce({ appDir, distDir }, withPlugin, dbFile, nodeArgs = []) {
  const out = execFileSync(process.execPath, [...nodeArgs, path.join(__dirname, 'boot-once.js')], {
    cwd: appDir,
    env: {
      ...benchEnv(),
      BENCH_APP_DIR: appDir,
      BENCH_DIST_DIR: distDir,
      CM_PLUGIN_ENABLED: String(withPlugin),
      DATABASE_FILENAME: dbFile,
    },
    encoding: 'utf8',
  });
  const result = JSON.parse(out.trim().split('\n').pop());
  if (result.plugin !== withPlugin) throw new Error(`expected plugin=${withPlugin}, got ${result.plugin}`);
  return result;
}

function measure(app, language, tmp) {
  const db = (withPlugin) => path.join(tmp, `${language}-${withPlugin}.db`);
  for (const withPlugin of [false, true]) bootOnce(app, withPlugin, db(withPlugin)); // migrate once: what is measured is a restart
  const variants = { false: [], true: [] };
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, the order alternated, so a noisy neighbour hits both variants alike.
    for (const withPlugin of i % 2 ? [true, false] : [false, true]) variants[withPlugin].push(bootOnce(app, withPlugin, db(withPlugin)));
  }
  if (profile) {
    const dir = path.join(tmp, `profiles-${language}`);
    for (const withPlugin of [false, true]) {
      bootOnce(app, withPlugin, db(withPlugin), ['--cpu-prof', '--cpu-prof-dir', path.join(dir, withPlugin ? 'with' : 'without')]);
    }
    console.error(`${language} CPU profiles: ${dir}/{with,without}`);
  }
  const without = median(variants.false.map((r) => r.ms));
  const withIt = median(variants.true.map((r) => r.ms));
  return {
    app: language === 'ts' ? 'TypeScript' : 'JavaScript',
    runs: RUNS,
    withoutPluginMs: Math.round(without),
    withPluginMs: Math.round(withIt),
    addedMs: Math.round(withIt - without),
    ratio: +(withIt / without).toFixed(3),
    // The fastest boot of each: less hit by a neighbour's burst on a shared machine than the median.
    addedFastestMs: Math.round(Math.min(...variants.true.map((r) => r.ms)) - Math.min(...variants.false.map((r) => r.ms))),
    // CPU time to loaded (boot-once.js): what a shared machine's load changes least.
    addedCpuMs: Math.round(median(variants.true.map((r) => r.cpuMs)) - median(variants.false.map((r) => r.cpuMs))),
    rssWithoutMB: Math.round(median(variants.false.map((r) => r.rss)) / 2 ** 20),
    rssWithMB: Math.round(median(variants.true.map((r) => r.rss)) / 2 ** 20),
    goal: 'added < 300 ms',
  };
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function main() {
  const dir = prepareApp();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-bench-fresh-boot-'));
  const loadBefore = loadAverage();
  const rows = [];
  for (const language of ['js', 'ts']) {
    rows.push(measure(useLanguage(dir, language), language, tmp));
    console.error(JSON.stringify(rows.at(-1)));
  }
  console.log(`\nbench/boot --fresh-app — fresh Strapi app, packed plugin (median of ${RUNS} fresh processes, migrated SQLite)`);
  console.table(rows);
  console.log(`load average (1, 5, 15 min): before ${loadBefore}, after ${loadAverage()}`);
  if (!profile) fs.rmSync(tmp, { recursive: true, force: true });
  if (keep) console.error(`app kept in ${dir} (BENCH_FRESH_APP_DIR=${dir} reuses it)`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

main();
