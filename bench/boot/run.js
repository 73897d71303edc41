#!/usr/bin/env node
/**
 * bench/boot — what the plugin costs an app.
 *
 * 1. Boot time of the playground with and without the plugin: median of 5
 *    fresh processes each, on a database already migrated (so the figure is
 *    a restart, as in production). Goal: the plugin adds under 300 ms.
 * 2. Admin bundle the plugin adds: the playground's admin built with and
 *    without it, gzip sizes of every emitted JS/CSS file compared. Goal: under
 *    300 KB gzip. `--no-admin` skips this part (it builds twice, ~1.5 min).
 *
 * `--fresh-app` measures boot time in a fresh Strapi app instead, JavaScript
 * and TypeScript, with the packed plugin (bench/boot/fresh-app.js).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');

const root = path.resolve(__dirname, '..', '..');
const playground = path.join(root, 'playground');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
let tmp;

const { benchEnv } = require('../env');

const baseEnv = { ...benchEnv(), DATABASE_CLIENT: 'sqlite' };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function bootOnce(withPlugin, dbFile) {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'boot-once.js')], {
    cwd: playground,
    env: { ...baseEnv, CM_PLUGIN_ENABLED: String(withPlugin), DATABASE_FILENAME: dbFile },
    encoding: 'utf8',
  });
  const result = JSON.parse(out.trim().split('\n').pop());
  if (result.plugin !== withPlugin) throw new Error(`expected plugin=${withPlugin}, got ${result.plugin}`);
  return result;
}

function bootBench() {
  const variants = {};
  for (const withPlugin of [false, true]) {
    const dbFile = path.join(tmp, `boot-${withPlugin}.db`);
    bootOnce(withPlugin, dbFile); // migrate once: what is measured is a restart
    variants[withPlugin] = [];
  }
  // Interleaved so a noisy neighbour hits both variants alike.
  for (let i = 0; i < RUNS; i++) {
    for (const withPlugin of [false, true]) variants[withPlugin].push(bootOnce(withPlugin, path.join(tmp, `boot-${withPlugin}.db`)));
  }
  const without = median(variants.false.map((r) => r.ms));
  const withIt = median(variants.true.map((r) => r.ms));
  return {
    runs: RUNS,
    withoutPluginMs: Math.round(without),
    withPluginMs: Math.round(withIt),
    addedMs: Math.round(withIt - without),
    ratio: +(withIt / without).toFixed(3),
    // CPU time to loaded (boot-once.js): what a shared machine's load changes least.
    addedCpuMs: Math.round(median(variants.true.map((r) => r.cpuMs)) - median(variants.false.map((r) => r.cpuMs))),
    rssWithoutMB: Math.round(median(variants.false.map((r) => r.rss)) / 2 ** 20),
    rssWithMB: Math.round(median(variants.true.map((r) => r.rss)) / 2 ** 20),
    goal: 'added < 300 ms',
  };
}

function gzipTotal(dir) {
  let total = 0;
  const files = new Map();
  for (const name of fs.readdirSync(dir)) {
    if (!/\.(m?js|css)$/.test(name)) continue;
    const size = zlib.gzipSync(fs.readFileSync(path.join(dir, name)), { level: 9 }).length;
    files.set(name, size);
    total += size;
  }
  return { total, files };
}

function buildAdmin(withPlugin) {
  execFileSync(process.execPath, [path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], {
    cwd: playground,
    env: { ...baseEnv, CM_PLUGIN_ENABLED: String(withPlugin) },
    stdio: 'ignore',
  });
  return gzipTotal(path.join(playground, 'build'));
}

function bundleBench() {
  const without = buildAdmin(false);
  const withIt = buildAdmin(true);
  // Leave the playground's admin as `npm run develop` and the browser suite expect it.
  const added = withIt.total - without.total;
  return {
    adminWithoutPluginKB: Math.round(without.total / 1024),
    adminWithPluginKB: Math.round(withIt.total / 1024),
    addedKB: Math.round(added / 1024),
    goal: 'added < 300 KB gzip',
  };
}

function main() {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-bench-boot-'));
  const boot = bootBench();
  console.log('\nbench/boot — playground boot (median of', RUNS, 'fresh processes, migrated SQLite)');
  console.table([boot]);
  if (!process.argv.includes('--no-admin')) {
    const bundle = bundleBench();
    console.log('\nbench/boot — admin bundle the plugin adds (gzip -9 of every emitted .js/.css)');
    console.table([bundle]);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

if (process.argv.includes('--fresh-app')) require('./fresh-app');
else main();
