#!/usr/bin/env node
/**
 * bench/first-visit — a new user's first minutes in `npm run develop` (issue 14, item 6).
 *
 * Starts the playground as `npm run develop` does (`strapi develop`: Vite's dev
 * server inside Strapi, demo data) in a copy under bench/.tmp/first-visit/, with
 * Vite's dependency cache (node_modules/.strapi/vite) and the database deleted,
 * so every run is a fresh clone's first start. Then, in Chromium at 1440 px:
 *
 *   1. opens /admin, logs in with the demo login, waits for Home;
 *   2. clicks "Community" in the main menu and records how long until the
 *      plugin's page shows, how many times the page reloaded itself, and where
 *      it landed once nothing moved for 5 s (the issue saw 22 s and Home);
 *   3. loads the calendar's address directly (a new tab, logged in), three
 *      times, and opens it from inside the admin (Home → Community → Calendar),
 *      three times, with how many requests each made.
 *
 * Vite's own lines (dependency optimisation, reloads) are printed with their
 * time since the click, so one sees where the time goes. The load averages at
 * the start and the end are printed: the figures mean little on a busy machine.
 *
 * `--variant=before` runs the copy without the playground's src/admin/vite.config.*
 * (Strapi's defaults, as before the fix); `--variant=after` (the default) with it.
 * `--plugin=package` installs the plugin in the copy's node_modules, as an agency's
 * app has it, instead of loading it from the repository as the playground does.
 * `--runs=N` repeats the whole fresh start N times (default 1). `--json` prints
 * one JSON object per run. CM_BENCH_PLUGIN_DIR=<checkout> loads the plugin from
 * another checkout (e.g. a `git worktree` of an older commit).
 * Needs the plugin's dist/ (`npm run build`) and Chromium (/usr/bin/chromium).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const root = path.resolve(__dirname, '..', '..');
const playground = path.join(root, 'playground');
const work = path.join(root, 'bench', '.tmp', 'first-visit');
const sourcePluginDir = path.resolve(process.env.CM_BENCH_PLUGIN_DIR ?? root);
// The plugin as built when the bench started (its package.json and dist/), so that a rebuild of the
// checkout during a run cannot change what the dev server serves half-way. The copy sits under the
// repository, so its bare imports resolve from the repository's node_modules as the original's do.
const pluginDir = path.join(work, 'plugin');

function snapshotPlugin() {
  fs.rmSync(pluginDir, { recursive: true, force: true });
  fs.mkdirSync(pluginDir, { recursive: true });
  fs.copyFileSync(path.join(sourcePluginDir, 'package.json'), path.join(pluginDir, 'package.json'));
  fs.cpSync(path.join(sourcePluginDir, 'dist'), path.join(pluginDir, 'dist'), { recursive: true });
}
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EMAIL = 'admin@example.com';
const PASSWORD = 'Community-Demo-2026';

const arg = (name, fallback) => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
};
const variant = arg('variant', 'after');
const install = arg('plugin', 'local');
const runs = Number(arg('runs', '1'));
const json = process.argv.includes('--json');
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const progress = (message) => process.stderr.write(`[first-visit] ${new Date().toISOString().slice(11, 19)} ${message}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A copy of the playground whose plugins config points at this repository, wherever the copy lives. */
function makeApp() {
  const app = path.join(work, 'app');
  fs.rmSync(app, { recursive: true, force: true });
  const skip = new Set(['build', 'dist', '.tmp', '.strapi', 'node_modules', 'types', 'uploads', '.env']);
  fs.cpSync(playground, app, { recursive: true, filter: (src) => !skip.has(path.basename(src)) });
  fs.mkdirSync(path.join(app, 'public', 'uploads'), { recursive: true });
  if (variant === 'before') {
    for (const name of ['vite.config.js', 'vite.config.mjs', 'vite.config.ts', 'vite.config.mts']) {
      fs.rmSync(path.join(app, 'src', 'admin', name), { force: true });
    }
  }
  const original = path.join(playground, 'config', 'plugins.js');
  const packageName = JSON.parse(fs.readFileSync(path.join(pluginDir, 'package.json'), 'utf8')).name;
  if (install === 'package') {
    // As an agency's app has it: a dependency in node_modules, which Vite pre-bundles as a whole.
    fs.cpSync(pluginDir, path.join(app, 'node_modules', packageName), { recursive: true });
    const pkgFile = path.join(app, 'package.json');
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    pkg.dependencies[packageName] = '*';
    fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
  }
  fs.writeFileSync(
    path.join(app, 'config', 'plugins.js'),
    [
      '// Written by bench/first-visit: the playground config, with the plugin resolved from the bench copy.',
      `const config = require(${JSON.stringify(original)});`,
      'module.exports = (ctx) => {',
      '  const plugins = config(ctx);',
      install === 'package'
        ? "  delete plugins['community-manager'].resolve;"
        : `  plugins['community-manager'].resolve = ${JSON.stringify(pluginDir)};`,
      '  return plugins;',
      '};',
      '',
    ].join('\n')
  );
  return app;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** `strapi develop` in the copy, as `npm run develop` runs it; resolves once /_health answers. */
async function startDevelop(app, port, log) {
  const started = Date.now();
  const child = spawn(path.join(root, 'node_modules', '.bin', 'strapi'), ['develop', '--no-install-deps'], {
    cwd: app,
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      // Vite's `open` reads BROWSER: no browser window from the dev server.
      BROWSER: 'none',
      STRAPI_TELEMETRY_DISABLED: 'true',
      // Strapi finds installed plugins with its own require, from the repository's node_modules where it
      // lives here, not from the copy's as in a real app: NODE_PATH lets it see the copy's.
      ...(install === 'package' ? { NODE_PATH: path.join(app, 'node_modules') } : {}),
      CM_ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 7).toString('base64')}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onData = (chunk) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) log.push({ at: Date.now(), line: line.trim() });
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`strapi develop exited (${child.exitCode}):\n${log.map((l) => l.line).join('\n')}`);
    if (Date.now() - started > 600_000) throw new Error('strapi develop did not answer within 600 s');
    try {
      const res = await fetch(`${url}/_health`);
      if (res.status < 500) break;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  return {
    url,
    bootMs: Date.now() - started,
    stop: async () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      for (let i = 0; i < 50 && child.exitCode === null && child.signalCode === null; i++) await sleep(100);
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
    },
  };
}

/** Counts the page's own document loads (a reload is one) and its requests. */
function watchPage(page) {
  const stats = { documents: [], loads: 0, requests: 0 };
  // framenavigated also fires on the router's pushState; domcontentloaded only on a new document (a reload).
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) stats.documents.push({ at: Date.now(), url: frame.url() });
  });
  page.on('domcontentloaded', () => stats.loads++);
  page.on('request', () => stats.requests++);
  return stats;
}

// The plugin's own sub-navigation, at the plugin's address (the data router moves the address only once the page's code is in).
const pluginShown = async (page) =>
  page.url().includes('/plugins/community-manager') && (await page.getByRole('link', { name: 'Editorial line', exact: true }).isVisible());

/**
 * Waits until `shown` holds and the page has not navigated for `quietMs`, or
 * until the page reloaded and then sat still for `quietMs` × 4 without it (landed
 * elsewhere), or 600 s.
 */
async function settle(page, stats, shown, t0, quietMs = 5000) {
  let firstShownAt = null;
  for (;;) {
    const now = Date.now();
    const lastNav = stats.documents.at(-1)?.at ?? t0;
    const visible = await shown(page).catch(() => false);
    if (visible && firstShownAt === null) firstShownAt = now;
    if (!visible) firstShownAt = null;
    // Shown, and shown since before the last reload settled: done.
    if (visible && now - Math.max(lastNav, firstShownAt) >= quietMs) break;
    // Not shown, and the page loaded a document (the dev server's reload) and then sat still: it landed elsewhere.
    if (!visible && stats.loads > 0 && now - lastNav >= quietMs * 4) break;
    if (now - t0 > 600_000) break;
    await sleep(100);
  }
  return { shownMs: firstShownAt === null ? null : firstShownAt - t0, url: page.url() };
}

async function oneRun(browser) {
  const app = makeApp();
  const log = [];
  const port = await freePort();
  const loadBefore = load();
  progress(`starting strapi develop (${variant}, plugin ${install})`);
  const server = await startDevelop(app, port, log);
  progress(`strapi develop answered in ${server.bootMs} ms`);
  const { url } = server;
  const result = { variant, plugin: install, loadBefore, bootMs: server.bootMs };
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    // A fresh dev server on a loaded machine can take minutes over its first page.
    context.setDefaultTimeout(600_000);
    context.setDefaultNavigationTimeout(600_000);
    const page = await context.newPage();
    let stats = watchPage(page);

    let t = Date.now();
    await page.goto(`${url}/admin`, { waitUntil: 'commit' });
    await page.getByLabel('Email').waitFor();
    result.loginFormMs = Date.now() - t;
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    t = Date.now();
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(/\/admin\/?$/);
    await page.getByRole('link', { name: 'Community' }).first().waitFor({ timeout: 180_000 });
    result.homeMs = Date.now() - t;
    await sleep(2000);

    progress(`home after login in ${result.homeMs} ms; clicking Community`);
    // The first click on Community, on a dependency cache that has never seen the plugin's pages.
    stats = watchPage(page);
    const clickedAt = Date.now();
    await page.getByRole('link', { name: 'Community' }).first().click();
    // Timed from before the click: under load, Playwright's click itself can take seconds to return.
    const first = await settle(page, stats, pluginShown, clickedAt);
    result.firstClick = {
      shownMs: first.shownMs,
      landedOn: new URL(first.url).pathname,
      reloads: stats.loads,
      documents: stats.documents.map((d) => ({ ms: d.at - clickedAt, path: new URL(d.url).pathname })),
      requests: stats.requests,
    };
    result.viteLog = log
      .filter((l) => l.at >= clickedAt - 1000 && /optimi|reload|vite|dependenc/i.test(l.line))
      .map((l) => `+${((l.at - clickedAt) / 1000).toFixed(1)} s ${l.line}`);
    progress(`first click: ${JSON.stringify({ shownMs: first.shownMs, landedOn: result.firstClick.landedOn, reloads: stats.loads })}`);

    // The calendar's address typed in the same tab (the login is the tab's), three times; then reached
    // from inside: Home → Community (which opens on the calendar), and Posts → Calendar in the plugin.
    const calendarUrl = `${url}/admin/plugins/community-manager/calendar`;
    const timed = async (name, act, until) => {
      const s = watchPage(page);
      const started = Date.now();
      await act();
      try {
        await until().waitFor({ timeout: 180_000 });
      } catch {
        await page.screenshot({ path: path.join(work, `${name}-failed.png`) });
        return { shownMs: null, landedOn: new URL(page.url()).pathname, requests: s.requests };
      }
      return { shownMs: Date.now() - started, landedOn: new URL(page.url()).pathname, requests: s.requests };
    };
    const calendar = () => page.locator('.fc-view').first();
    result.direct = [];
    for (let i = 0; i < 3; i++) {
      result.direct.push(await timed(`direct-${i}`, () => page.goto(calendarUrl, { waitUntil: 'commit' }), calendar));
      await sleep(1000);
    }
    progress(`direct loads: ${JSON.stringify(result.direct)}`);
    result.inside = [];
    result.section = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`${url}/admin`, { waitUntil: 'commit' });
      await page.getByRole('link', { name: 'Community' }).first().waitFor();
      await sleep(1000);
      result.inside.push(await timed(`inside-${i}`, () => page.getByRole('link', { name: 'Community' }).first().click(), calendar));
      await page.getByRole('link', { name: 'Posts', exact: true }).click();
      await page.waitForURL(/\/posts$/);
      await sleep(1000);
      result.section.push(await timed(`section-${i}`, () => page.getByRole('link', { name: 'Calendar', exact: true }).click(), calendar));
    }
    await context.close();
  } catch (error) {
    console.error(log.map((l) => l.line).join('\n'));
    throw error;
  } finally {
    await server.stop();
    result.loadAfter = load();
  }
  return result;
}

async function main() {
  if (!fs.existsSync(path.join(sourcePluginDir, 'dist', 'admin')))
    throw new Error(`no ${sourcePluginDir}/dist/admin: run npm run build first`);
  snapshotPlugin();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    for (let i = 0; i < runs; i++) {
      const r = await oneRun(browser);
      if (json) {
        console.log(JSON.stringify(r));
        continue;
      }
      const s = (ms) => (ms === null ? 'never' : `${(ms / 1000).toFixed(1)} s`);
      console.log(
        `\nfirst-visit (${variant}, plugin ${install === 'package' ? 'installed as a package' : 'local'}), run ${i + 1}/${runs}; load average ${r.loadBefore} → ${r.loadAfter}`
      );
      console.log(`  strapi develop answered in ${s(r.bootMs)}; login form ${s(r.loginFormMs)}; Home after login ${s(r.homeMs)}`);
      console.log(
        `  first click on Community: plugin shown after ${s(r.firstClick.shownMs)}, landed on ${r.firstClick.landedOn}, ` +
          `${r.firstClick.reloads} reload(s), ${r.firstClick.requests} requests`
      );
      for (const d of r.firstClick.documents) console.log(`    navigated +${(d.ms / 1000).toFixed(1)} s ${d.path}`);
      for (const line of r.viteLog) console.log(`    ${line}`);
      console.log(
        `  calendar by address: ${r.direct.map((d) => `${s(d.shownMs)} (${d.requests} req${d.shownMs === null ? `, at ${d.landedOn}` : ''})`).join(', ')}; median ${s(median(r.direct.map((d) => d.shownMs ?? Infinity)))}`
      );
      console.log(
        `  calendar from Home (click Community): ${r.inside.map((d) => `${s(d.shownMs)} (${d.requests} req)`).join(', ')}; median ${s(median(r.inside.map((d) => d.shownMs ?? Infinity)))}`
      );
      console.log(
        `  calendar from Posts (click Calendar): ${r.section.map((d) => `${s(d.shownMs)} (${d.requests} req)`).join(', ')}; median ${s(median(r.section.map((d) => d.shownMs ?? Infinity)))}`
      );
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
