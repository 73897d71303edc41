/**
 * The month query, measured in one process on one database (env from
 * run.js): seeds 100,000 post plans over two years, then times over 200
 * random months, interleaved:
 * - page: what the month grid requests, `GET /calendar/events?dayMax=4`
 *   (the service behind it): each local day's first posts and the totals of
 *   the days that hold more;
 * - full: the same route without dayMax, every post of the window (what the
 *   week and list views and the iCalendar consumers read);
 * - bare: `strapi.documents(uid).findMany` with the same range filter and sort,
 *   every post of the window.
 * Prints one JSON line.
 */
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');
const { seedPostPlans, createAccounts } = require('./seed');

const UID = 'plugin::community-manager.post-plan';
const COUNT = Number(process.env.BENCH_POSTS ?? 100_000);
const MONTHS = Number(process.env.BENCH_MONTHS ?? 200);
const WARMUP = 10;
const DAY_MAX = 4; // admin/pages/Calendar/dayLimit.ts

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const time = async (fn) => {
  const started = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
};

/** What the month grid asks for: six weeks from the Monday on or before the 1st. */
function monthWindow(year, month) {
  const first = new Date(Date.UTC(year, month, 1));
  const monday = new Date(first.getTime() - ((first.getUTCDay() + 6) % 7) * 86_400_000);
  return { from: monday.toISOString(), to: new Date(monday.getTime() + 42 * 86_400_000).toISOString() };
}

(async () => {
  const appDir = path.resolve(__dirname, '..', '..', 'playground');
  const strapi = await createStrapi({ appDir, distDir: appDir }).load();
  const start = new Date(Date.UTC(2027, 0, 1));
  const end = new Date(Date.UTC(2029, 0, 1));
  const accountIds = await createAccounts(strapi, 6);
  const seedMs = await seedPostPlans(strapi, { count: COUNT, from: start, to: end, accountIds });
  const calendar = strapi.plugin('community-manager').service('calendar');

  const months = [];
  for (let i = 0; i < MONTHS + WARMUP; i++) {
    const m = Math.floor(Math.random() * 24);
    months.push(monthWindow(2027 + Math.floor(m / 12), m % 12));
  }
  const timings = { page: [], full: [], bare: [] };
  let rows = 0;
  let pageRows = 0;
  const orders = [
    ['page', 'full', 'bare'],
    ['bare', 'page', 'full'],
    ['full', 'bare', 'page'],
  ];
  for (const [i, window] of months.entries()) {
    const filters = { scheduledAt: { $gte: window.from, $lt: window.to } };
    // Rotate which goes first so caches and noisy neighbours favour none.
    for (const which of orders[i % 3]) {
      const { ms, result } = await time(() =>
        which === 'page'
          ? calendar.monthEvents({ from: window.from, to: window.to, dayMax: DAY_MAX, timezone: 'Europe/Paris' })
          : which === 'full'
            ? calendar.events({ from: window.from, to: window.to })
            : strapi.documents(UID).findMany({ filters, sort: ['scheduledAt:asc'] })
      );
      if (i < WARMUP) continue;
      timings[which].push(ms);
      if (which === 'full') rows += result.length;
      if (which === 'page') pageRows += result.events.length;
    }
  }
  const { page: ours, full, bare } = timings;
  const client = String(strapi.db.connection.client.config.client);
  await strapi.destroy();
  const round = (v) => Math.round(v * 10) / 10;
  process.stdout.write(
    `${JSON.stringify({
      client,
      posts: COUNT,
      seedMs,
      months: MONTHS,
      meanRowsPerMonth: Math.round(rows / MONTHS),
      dayMax: DAY_MAX,
      meanPageRowsPerMonth: Math.round(pageRows / MONTHS),
      ours: { p50: round(percentile(ours, 50)), p95: round(percentile(ours, 95)) },
      full: { p50: round(percentile(full, 50)), p95: round(percentile(full, 95)) },
      bare: { p50: round(percentile(bare, 50)), p95: round(percentile(bare, 95)) },
      ratioP50: +(percentile(ours, 50) / percentile(bare, 50)).toFixed(3),
      ratioP95: +(percentile(ours, 95) / percentile(bare, 95)).toFixed(3),
      fullRatioP50: +(percentile(full, 50) / percentile(bare, 50)).toFixed(3),
      fullRatioP95: +(percentile(full, 95) / percentile(bare, 95)).toFixed(3),
    })}\n`
  );
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
