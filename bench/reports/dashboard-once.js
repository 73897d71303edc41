/**
 * The Reports page's reads, measured in one process on one database (env
 * from run.js): seeds a year of posts and snapshots (seed.js), then times,
 * interleaved over `BENCH_RUNS` rounds after warm-ups:
 * - year: the dashboard for the whole year (what a yearly report freezes);
 * - month: the dashboard for a random month of it, with its previous month;
 * - yearAgo: a random month of the year after, compared with the same month a
 *   year earlier (the seeded one): two months read, not the year between;
 * - bare: the baseline, a bare `strapi.db.query(publication).findMany` of
 *   the year's published posts (one read, no snapshot, no arithmetic).
 * Then the year's report generated once and its PDF rendered `BENCH_PDF_RUNS`
 * times. Prints one JSON line.
 */
const path = require('node:path');
const os = require('node:os');
const { createStrapi } = require('@strapi/strapi');
const { seedReports } = require('./seed');
const { percentile, round, summary: stats, time } = require('../stats');

const POSTS = Number(process.env.BENCH_POSTS ?? 10_000);
const PER_POST = Number(process.env.BENCH_SNAPSHOTS_PER_POST ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PDF_RUNS = Number(process.env.BENCH_PDF_RUNS ?? 5);
const WARMUP = 3;

(async () => {
  const appDir = path.resolve(__dirname, '..', '..', 'playground');
  const strapi = await createStrapi({ appDir, distDir: appDir }).load();
  const from = new Date(Date.UTC(2027, 0, 1));
  const to = new Date(Date.UTC(2028, 0, 1));
  const seeded = await seedReports(strapi, { posts: POSTS, perPost: PER_POST, from, to });
  const reports = strapi.plugin('community-manager').service('reports');
  const year = { from: from.toISOString(), to: to.toISOString() };
  const month = () => {
    const m = Math.floor(Math.random() * 12);
    return { from: new Date(Date.UTC(2027, m, 1)).toISOString(), to: new Date(Date.UTC(2027, m + 1, 1)).toISOString() };
  };
  const reads = {
    year: () => reports.dashboard(year, {}),
    month: () => reports.dashboard(month(), {}),
    yearAgo: () => {
      const m = Math.floor(Math.random() * 12);
      const next = { from: new Date(Date.UTC(2028, m, 1)).toISOString(), to: new Date(Date.UTC(2028, m + 1, 1)).toISOString() };
      return reports.dashboard({ ...next, compare: 'yearAgo', timezone: 'UTC' }, {});
    },
    bare: () =>
      strapi.db.query('plugin::community-manager.publication').findMany({
        where: { state: 'published', publishedMs: { $gte: from.getTime(), $lt: to.getTime() } },
      }),
  };
  const orders = [
    ['year', 'month', 'yearAgo', 'bare'],
    ['bare', 'year', 'month', 'yearAgo'],
    ['yearAgo', 'bare', 'year', 'month'],
  ];
  const timings = { year: [], month: [], yearAgo: [], bare: [] };
  const cpu = { year: [], month: [], yearAgo: [], bare: [] };
  let yearPosts = 0;
  let yearAgoPosts = 0;
  for (let i = 0; i < RUNS + WARMUP; i++) {
    for (const which of orders[i % 3]) {
      const { ms, cpuMs, result } = await time(reads[which]);
      if (i < WARMUP) continue;
      timings[which].push(ms);
      cpu[which].push(cpuMs);
      if (which === 'year') yearPosts = result.current.postRows.length;
      if (which === 'yearAgo') yearAgoPosts = result.previous.posts;
    }
  }

  const generated = await time(() => reports.generate({ title: 'Year 2027', ...year }, { id: 1, name: 'Bench' }));
  const pdfMs = [];
  let pdfBytes = 0;
  for (let i = 0; i < PDF_RUNS; i++) {
    const { ms, result } = await time(() =>
      reports.pdf(generated.result.documentId, { language: 'en', timeZone: 'Europe/Paris', adminUrl: null })
    );
    pdfMs.push(ms);
    pdfBytes = result.pdf.length;
  }
  const client = String(strapi.db.connection.client.config.client);
  await strapi.destroy();
  process.stdout.write(
    `${JSON.stringify({
      client,
      ...seeded,
      yearPosts,
      runs: RUNS,
      year: stats(timings.year),
      month: stats(timings.month),
      yearAgo: { ...stats(timings.yearAgo), posts: yearAgoPosts },
      bare: stats(timings.bare),
      cpu: { year: stats(cpu.year), month: stats(cpu.month), yearAgo: stats(cpu.yearAgo), bare: stats(cpu.bare) },
      ratioYearAgoToMonthP50: +(percentile(timings.yearAgo, 50) / percentile(timings.month, 50)).toFixed(2),
      loadAverage: os.loadavg()[0],
      ratioYearP95: +(percentile(timings.year, 95) / percentile(timings.bare, 95)).toFixed(2),
      generateMs: round(generated.ms),
      pdf: { ...stats(pdfMs), bytes: pdfBytes },
    })}\n`
  );
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
