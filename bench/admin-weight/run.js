#!/usr/bin/env node
/**
 * bench/admin-weight — the JavaScript the plugin adds to an app's admin panel.
 *
 * Builds the playground's admin twice, with the plugin and without it
 * (CM_PLUGIN_ENABLED=false, read by playground/config/plugins.js), and prints
 * the gzip size of every emitted JS file, of the entry ("main") chunk that
 * every admin page loads, and of the chunks the entry imports statically
 * (loaded with it before any page renders). Goal (issue 19): the plugin adds
 * under 30 KB gzip to what every page loads; the rest comes with its pages.
 *
 * The builds run in a copy of the playground under bench/.tmp/ so that the
 * playground's own build/ (used by the browser suite and `npm run develop`)
 * is never replaced by a build without the plugin. Sizes are deterministic:
 * one build per variant is enough, and machine load does not change them.
 *
 * Options: `--json` prints one JSON object; `--keep` leaves the builds in
 * bench/.tmp/admin-weight/ for inspection (e.g. to grep a chunk).
 * `--open=App,EditorialLinesListPage` (the default) adds what opening the
 * plugin there loads: those plugin chunks and their static imports, less what
 * the entry already brought. Plugin chunks are the ones named twice over
 * (`App-<hash>-<hash>.js`: the plugin's own chunk name, then the app's hash).
 * CM_BENCH_PLUGIN_DIR=<checkout> measures the plugin built in another checkout
 * (e.g. a `git worktree` of an older commit) in this playground: before/after
 * figures from one machine and one Strapi.
 * Plain Node, no network: the plugin's dist/ must be built (`npm run build`).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const root = path.resolve(__dirname, '..', '..');
const playground = path.join(root, 'playground');
const work = path.join(root, 'bench', '.tmp', 'admin-weight');
const pluginDir = path.resolve(process.env.CM_BENCH_PLUGIN_DIR ?? root);
const { benchEnv } = require('../env');

const gzip = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (bytes) => +(bytes / 1024).toFixed(1);

/** A copy of the playground whose plugins config points at this repository, wherever the copy lives. */
function makeApp() {
  const app = path.join(work, 'app');
  fs.rmSync(app, { recursive: true, force: true });
  const skip = new Set(['build', 'dist', '.tmp', '.strapi', 'node_modules', 'types', 'uploads', '.env']);
  fs.cpSync(playground, app, { recursive: true, filter: (src) => !skip.has(path.basename(src)) });
  const original = path.join(playground, 'config', 'plugins.js');
  fs.writeFileSync(
    path.join(app, 'config', 'plugins.js'),
    [
      '// Written by bench/admin-weight: the playground config, with the plugin resolved from the repository.',
      `const config = require(${JSON.stringify(original)});`,
      'module.exports = (ctx) => {',
      '  const plugins = config(ctx);',
      `  plugins['community-manager'].resolve = ${JSON.stringify(pluginDir)};`,
      '  return plugins;',
      '};',
      '',
    ].join('\n')
  );
  return app;
}

/** The chunks `starts` import statically, transitively, themselves included. */
function staticClosure(buildDir, starts) {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    const code = fs.readFileSync(path.join(buildDir, name), 'utf8');
    // Static imports only: `import … from "./x.js"` and bare `import "./x.js"`; `import("./x.js")` is lazy.
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g)) visit(m[1]);
  };
  starts.forEach(visit);
  return [...seen];
}

/** The entry chunk named by index.html, and the chunks it imports statically (transitively). */
function entryClosure(buildDir) {
  const html = fs.readFileSync(path.join(buildDir, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => path.basename(m[1]));
  if (entries.length === 0) throw new Error('no module script in build/index.html');
  return { entries, closure: staticClosure(buildDir, entries) };
}

const openArg = process.argv.find((arg) => arg.startsWith('--open='));
const OPEN = (openArg ? openArg.slice('--open='.length) : 'App,EditorialLinesListPage').split(',').filter(Boolean);

function build(app, withPlugin) {
  const buildDir = path.join(app, 'build');
  execFileSync(process.execPath, [path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], {
    cwd: app,
    env: { ...benchEnv(), CM_PLUGIN_ENABLED: String(withPlugin) },
    stdio: 'ignore',
  });
  const files = fs.readdirSync(buildDir).filter((name) => name.endsWith('.js'));
  const sizes = new Map(files.map((name) => [name, gzip(path.join(buildDir, name))]));
  const { entries, closure } = entryClosure(buildDir);
  const sum = (names) => names.reduce((total, name) => total + sizes.get(name), 0);
  const pluginChunks = OPEN.map((prefix) => files.find((name) => new RegExp(`^${prefix}-[\\w-]{8}-[\\w-]{8}\\.js$`).test(name))).filter(
    Boolean
  );
  const opened = staticClosure(buildDir, pluginChunks).filter((name) => !closure.includes(name));
  const result = {
    totalJs: sum(files),
    main: sum(entries),
    initial: sum(closure),
    open: sum(opened),
    files: files.length,
    mainChunk: entries.join(' '),
    opened: pluginChunks.join(' '),
  };
  if (process.argv.includes('--keep')) {
    fs.rmSync(path.join(work, `build-${withPlugin ? 'with' : 'without'}`), { recursive: true, force: true });
    fs.renameSync(buildDir, path.join(work, `build-${withPlugin ? 'with' : 'without'}`));
  }
  return result;
}

if (!fs.existsSync(path.join(pluginDir, 'dist', 'admin', 'index.mjs'))) {
  console.error(`bench/admin-weight: ${pluginDir}/dist/admin is missing; run \`npm run build\` there first.`);
  process.exit(1);
}
fs.mkdirSync(work, { recursive: true });
const app = makeApp();
const without = build(app, false);
const withIt = build(app, true);
if (!process.argv.includes('--keep')) fs.rmSync(app, { recursive: true, force: true });

const row = (label, key) => ({
  measure: label,
  withoutKB: kb(without[key]),
  withKB: kb(withIt[key]),
  addedKB: kb(withIt[key] - without[key]),
});
const rows = [
  row('all admin JS (gzip -9)', 'totalJs'),
  row('main (entry) chunk', 'main'),
  row('entry + its static imports', 'initial'),
  row(`opening ${OPEN.join(' + ')} (beyond the entry)`, 'open'),
];
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ without, with: withIt, rows }));
} else {
  console.log(`bench/admin-weight — playground admin built with and without the plugin (${pluginDir})`);
  console.table(rows);
  console.log(`chunks: ${without.files} without, ${withIt.files} with; main chunk: ${without.mainChunk} / ${withIt.mainChunk}`);
  console.log(`opened plugin chunks: ${withIt.opened || '(none found)'}`);
  console.log('goal (issue 19): main chunk + static imports grow by < 30 KB gzip');
}
