/**
 * The Reports page painted in Chromium (issue 16: goal < 1 s), measured in one
 * process on one database (env from run.js). Seeds a year of posts and
 * snapshots ending now (seed.js: the page opens on the last 30 days), boots
 * the playground with its built admin panel, signs a user in, then over
 * `BENCH_PAGE_RUNS` rounds after warm-ups, alternating:
 *
 * - open: the Reports page's address loaded in the signed-in tab, as a
 *   bookmark or a reload does (the admin's files come from the browser's
 *   cache, as on any visit after the first);
 * - inApp: from the plugin's Calendar page, a click on "Reports" in the
 *   plugin's menu, as a user moving between sections does;
 * - home, the baseline: Strapi's own Home page loaded by its address, until
 *   its heading shows — what any admin page costs before the plugin's part.
 *
 * Each is timed from the navigation (or the click) until the four KPI tiles
 * show their figures: what "painted" means to the reader, not the first
 * pixel. The dashboard request's own time (the server's answer) is taken
 * from the browser's resource timing of the same round, to show how much of
 * the paint is the query. Prints one JSON line.
 */
const path = require('node:path');
const os = require('node:os');
const net = require('node:net');
const { createStrapi } = require('@strapi/strapi');
const { chromium } = require('playwright-core');
const { seedReports } = require('./seed');

const POSTS = Number(process.env.BENCH_POSTS ?? 10_000);
const PER_POST = Number(process.env.BENCH_SNAPSHOTS_PER_POST ?? 50);
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 15);
const WARMUP = 2;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const USER = { email: 'bench@example.com', password: 'Bench-Password-2026', firstname: 'Bench', lastname: 'Reader' };
const DAY = 86_400_000;
const KPI_TILES = ['kpi-posts', 'kpi-engagements', 'kpi-engagementPerPost', 'kpi-followerGrowth'];

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (v) => Math.round(v * 10) / 10;
const stats = (values) => ({ p50: round(percentile(values, 50)), p95: round(percentile(values, 95)), max: round(Math.max(...values)) });

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

(async () => {
  const appDir = path.resolve(__dirname, '..', '..', 'playground');
  const port = await freePort();
  // The admin's address comes from HOST/PORT, so they are set before the boot.
  Object.assign(process.env, { HOST: '127.0.0.1', PORT: String(port), SERVE_ADMIN_PANEL: 'true' });
  const strapi = await createStrapi({ appDir, distDir: appDir }).load();
  await strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${port}`;

  const to = new Date();
  const from = new Date(to.getTime() - 365 * DAY);
  const seeded = await seedReports(strapi, { posts: POSTS, perPost: PER_POST, from, to });
  const registered = await fetch(`${url}/admin/register-admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(USER),
  });
  if (!registered.ok) throw new Error(`register-admin: ${registered.status} ${await registered.text()}`);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
  await page.goto(`${url}/admin/auth/login`, { timeout: 120_000 });
  await page.getByLabel('Email').fill(USER.email);
  await page.getByLabel('Password').fill(USER.password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL(/\/admin\/?$/);

  const reportsUrl = `${url}/admin/plugins/community-manager/reports`;
  // Every tile's figure (its one <p>: the label, the comparison and the formula are spans) written with a digit.
  const painted = () =>
    page.waitForFunction(
      // Runs in the page, where `document` is the page's.
      (ids) => ids.every((id) => /\d/.test(globalThis.document.querySelector(`[data-testid="${id}"] p`)?.textContent ?? '')),
      KPI_TILES,
      { timeout: 60_000, polling: 'raf' }
    );
  const dashboardMs = () =>
    page.evaluate(() => {
      const entries = performance.getEntriesByType('resource').filter((e) => e.name.includes('/reports/dashboard'));
      const last = entries[entries.length - 1];
      return last ? last.responseEnd - last.requestStart : null;
    });
  const rounds = {
    open: async () => {
      const started = Date.now();
      await page.goto(reportsUrl);
      await painted();
      return Date.now() - started;
    },
    // The baseline: Strapi's own Home opened by its address, until its heading shows (the admin's own start).
    home: async () => {
      const started = Date.now();
      await page.goto(`${url}/admin`);
      await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 60_000 });
      return Date.now() - started;
    },
    inApp: async () => {
      await page.goto(`${url}/admin/plugins/community-manager/calendar`);
      const link = page.getByRole('link', { name: /^Reports/ }).first();
      await link.waitFor();
      await page.evaluate(() => performance.clearResourceTimings());
      const started = Date.now();
      await link.click();
      await painted();
      return Date.now() - started;
    },
  };
  const timings = { open: [], inApp: [], home: [] };
  const query = { open: [], inApp: [], home: [] };
  const orders = [
    ['open', 'inApp', 'home'],
    ['home', 'open', 'inApp'],
    ['inApp', 'home', 'open'],
  ];
  for (let i = 0; i < RUNS + WARMUP; i++) {
    for (const which of orders[i % 3]) {
      const ms = await rounds[which]();
      const server = await dashboardMs();
      if (i < WARMUP) continue;
      timings[which].push(ms);
      if (server !== null) query[which].push(server);
    }
  }
  const shownPosts = await page.locator('[data-testid="kpi-posts"] p').first().innerText();
  await browser.close();
  const client = String(strapi.db.connection.client.config.client);
  await strapi.destroy();
  process.stdout.write(
    `${JSON.stringify({
      client,
      ...seeded,
      runs: RUNS,
      open: stats(timings.open),
      inApp: stats(timings.inApp),
      home: stats(timings.home),
      ratioOpenToHomeP50: +(percentile(timings.open, 50) / percentile(timings.home, 50)).toFixed(2),
      dashboardRequest: { open: stats(query.open), inApp: stats(query.inApp) },
      kpiPostsTile: shownPosts.replace(/\s+/g, ' '),
      loadAverage: os.loadavg()[0],
    })}\n`
  );
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
