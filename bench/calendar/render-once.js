/**
 * The month grid's render in Chromium, in one process (env from run.js):
 * 1,000 post plans in the current month, then two timings, five runs each,
 * up to the grid painted with its events (the frame after FullCalendar's
 * `.fc-daygrid-body` holds its events), on the browser's own clock:
 * - full load: a page load of the calendar's address, from navigation start
 *   (the whole Strapi admin boots first);
 * - in-app: from the click on "Calendar" in the plugin's menu, on another
 *   section of the plugin (how a person usually gets there).
 * Prints one JSON line.
 */
/* global document, requestAnimationFrame -- the painted() probe runs inside the page */
const { bootApp } = require('../app');
const { launchChromium, signIn } = require('../browser');
const { seedPostPlans, createAccounts } = require('./seed');

const POSTS = Number(process.env.BENCH_RENDER_POSTS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

(async () => {
  // Port 0: this page is served by the same process (SERVE_ADMIN_PANEL from run.js), whatever its port.
  const { strapi, url: base, admin: owner } = await bootApp();

  const today = new Date();
  const accountIds = await createAccounts(strapi, 4);
  await seedPostPlans(strapi, {
    count: POSTS,
    from: new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)),
    to: new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1)),
    accountIds,
  });

  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await signIn(page, base, owner);

  const url = `${base}/admin/plugins/community-manager/calendar`;
  const painted = () =>
    page.evaluate(
      () =>
        new Promise((resolve) => {
          const check = () => {
            const body = document.querySelector('.fc-daygrid-body');
            if (body && body.querySelector('.fc-event')) requestAnimationFrame(() => resolve(performance.now()));
            else requestAnimationFrame(check);
          };
          check();
        })
    );
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  // One unmeasured load warms the browser's cache of the admin's scripts, as for a person who opens the calendar daily.
  await page.goto(url);
  await painted();
  const runsMs = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(url, { waitUntil: 'commit' });
    runsMs.push(Math.round(await painted()));
  }
  const inAppMs = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(`${base}/admin/plugins/community-manager/accounts`);
    await page.getByRole('heading', { name: 'Social accounts' }).waitFor();
    const clickedAt = await page.evaluate(() => performance.now());
    await page.getByRole('link', { name: 'Calendar', exact: true }).click();
    inAppMs.push(Math.round((await painted()) - clickedAt));
  }
  await browser.close();
  await strapi.destroy();
  process.stdout.write(
    `${JSON.stringify({ posts: POSTS, runs: RUNS, runsMs, medianMs: median(runsMs), inAppMs, inAppMedianMs: median(inAppMs) })}\n`
  );
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
