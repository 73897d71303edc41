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
const os = require('node:os');
const { bootApp, freePort } = require('../app');
const { launchChromium, signIn } = require('../browser');
const { percentile, summary } = require('../stats');
const { seedReports } = require('./seed');

const POSTS = Number(process.env.BENCH_POSTS ?? 10_000);
const PER_POST = Number(process.env.BENCH_SNAPSHOTS_PER_POST ?? 50);
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 15);
const WARMUP = 2;
const DAY = 86_400_000;
const KPI_TILES = ['kpi-posts', 'kpi-engagements', 'kpi-engagementPerPost', 'kpi-followerGrowth'];

(async () => {
  process.env.SERVE_ADMIN_PANEL = 'true';
  const { strapi, url, admin } = await bootApp({ port: await freePort() });
  const to = new Date();
  const from = new Date(to.getTime() - 365 * DAY);
  const seeded = await seedReports(strapi, { posts: POSTS, perPost: PER_POST, from, to });

  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
  await signIn(page, url, admin);

  const reportsUrl = `${url}/admin/plugins/community-manager/reports`;
  /** What the posts tile showed, for the record: the page read the seeded data. */
  let shownPosts = '';
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
      const ms = Date.now() - started;
      shownPosts = await page.locator('[data-testid="kpi-posts"] p').first().innerText();
      return ms;
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
  await browser.close();
  const client = String(strapi.db.connection.client.config.client);
  await strapi.destroy();
  process.stdout.write(
    `${JSON.stringify({
      client,
      ...seeded,
      runs: RUNS,
      open: summary(timings.open),
      inApp: summary(timings.inApp),
      home: summary(timings.home),
      ratioOpenToHomeP50: +(percentile(timings.open, 50) / percentile(timings.home, 50)).toFixed(2),
      dashboardRequest: { open: summary(query.open), inApp: summary(query.inApp) },
      kpiPostsTile: shownPosts.replace(/\s+/g, ' '),
      loadAverage: os.loadavg()[0],
    })}\n`
  );
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
