#!/usr/bin/env node
/**
 * bench/reports — metric collection, the Reports page's dashboard query and
 * the yearly PDF.
 *
 * Collection (collect-once.js): 1,000 and then 10,000 posts of a Mastodon
 * account on the fake, their +1 h reading due; the calls it takes (goal:
 * at most 1/20 of a call per post where the network batches) and the time.
 *
 * A year of 10,000 published posts with 500,000 snapshots (50 each) and a
 * daily follower count per account, bulk-inserted; p50/p95 of the dashboard
 * for that year and for a month, and the ratio to a bare read of the year's
 * published posts; the year's PDF. SQLite always, PostgreSQL when
 * CM_TEST_POSTGRES_URL is set, MariaDB when CM_TEST_MYSQL_URL is. Goals
 * (issue 16): dashboard p95 < 300 ms, PDF < 3 s. Each engine runs in a fresh
 * process on a fresh database. The Reports page painted in Chromium on the
 * same year (page-once.js; goal < 1 s; needs the playground's admin built,
 * `node tests/helpers/ensure-admin-built.js`). Flags: `--engines=sqlite,postgres`,
 * `--no-collect`, `--no-dashboard`, `--no-page`;
 * `--profile=DIR` writes each measuring process's CPU profile into DIR.
 */
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const { measureOnce } = require('../env');

const flag = process.argv.find((a) => a.startsWith('--engines='));
const profile = process.argv.find((a) => a.startsWith('--profile='))?.slice('--profile='.length);
const engines = flag
  ? flag.slice('--engines='.length).split(',')
  : ['sqlite', ...(process.env.CM_TEST_POSTGRES_URL ? ['postgres'] : []), ...(process.env.CM_TEST_MYSQL_URL ? ['mysql'] : [])];

(async () => {
  require(path.join(root, 'tests', 'helpers', 'ensure-built.js'))();
  const results = {};
  const collect = {};
  const pages = {};
  const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : [];
  const once = (engine, script, env = {}) => measureOnce(engine, path.join(__dirname, script), { env, nodeArgs });
  for (const engine of engines) {
    if (!process.argv.includes('--no-collect')) {
      for (const posts of [1000, 10_000]) {
        process.stderr.write(`[bench:reports] ${engine}: collecting ${posts} posts…\n`);
        // The fake runs on loopback, in the measuring process; the scheduler stays off (the posts are written as published).
        collect[`${engine} ${posts}`] = await once(engine, 'collect-once.js', {
          BENCH_COLLECT_POSTS: String(posts),
          CM_OUTBOUND_ALLOWED_HOSTS: '127.0.0.1,localhost,::1',
          CM_SCHEDULER_ENABLED: 'false',
          CM_METRICS_ENABLED: 'false',
        });
      }
    }
    if (!process.argv.includes('--no-dashboard')) {
      process.stderr.write(`[bench:reports] ${engine}: seeding and measuring the dashboard…\n`);
      results[engine] = await once(engine, 'dashboard-once.js');
    }
    if (!process.argv.includes('--no-page')) {
      process.stderr.write(`[bench:reports] ${engine}: seeding and measuring the Reports page in Chromium…\n`);
      pages[engine] = await once(engine, 'page-once.js');
    }
  }
  for (const [key, c] of Object.entries(collect)) {
    console.log(
      `${key} posts collected: ${c.statusCalls} status calls (${c.callsPerPost} a post; goal ≤ 0.05), ${c.calls} calls in all, ` +
        `${c.passes} passes, ${c.ms} ms wall, ${c.cpuMs} ms CPU, ${c.snapshots} snapshots`
    );
  }
  for (const [engine, r] of Object.entries(results)) {
    console.log(
      `${engine}: ${r.posts} posts, ${r.snapshots} snapshots seeded in ${r.seedMs} ms; ${r.runs} rounds (load ${r.loadAverage.toFixed(1)}):\n` +
        `  dashboard, the year (${r.yearPosts} posts): p50 ${r.year.p50} ms p95 ${r.year.p95} ms max ${r.year.max} ms (goal p95 < 300 ms); CPU p50 ${r.cpu.year.p50} ms p95 ${r.cpu.year.p95} ms\n` +
        `  dashboard, a month: p50 ${r.month.p50} ms p95 ${r.month.p95} ms; CPU p50 ${r.cpu.month.p50} ms\n` +
        `  dashboard, a month of the year after against the same month a year earlier (${r.yearAgo.posts} posts then): p50 ${r.yearAgo.p50} ms p95 ${r.yearAgo.p95} ms; CPU p50 ${r.cpu.yearAgo.p50} ms | p50 ×${r.ratioYearAgoToMonthP50} a month against the month before\n` +
        `  bare read of the year's posts: p50 ${r.bare.p50} ms p95 ${r.bare.p95} ms; CPU p50 ${r.cpu.bare.p50} ms | year p95 ×${r.ratioYearP95} the bare read\n` +
        `  the year's report generated in ${r.generateMs} ms; its PDF p50 ${r.pdf.p50} ms max ${r.pdf.max} ms, ${r.pdf.bytes} bytes (goal < 3 s)`
    );
  }
  for (const [engine, r] of Object.entries(pages)) {
    console.log(
      `${engine}: the Reports page on a year of ${r.posts} posts, ${r.runs} rounds (load ${r.loadAverage.toFixed(1)}), the last 30 days shown (${r.kpiPostsTile} posts):\n` +
        `  its address opened: painted p50 ${r.open.p50} ms p95 ${r.open.p95} ms max ${r.open.max} ms (goal < 1 s); the dashboard request p50 ${r.dashboardRequest.open.p50} ms\n` +
        `  baseline, Strapi's Home opened by its address: p50 ${r.home.p50} ms p95 ${r.home.p95} ms (the Reports page ×${r.ratioOpenToHomeP50} at p50)\n` +
        `  from the Calendar, "Reports" clicked: painted p50 ${r.inApp.p50} ms p95 ${r.inApp.p95} ms max ${r.inApp.max} ms; the dashboard request p50 ${r.dashboardRequest.inApp.p50} ms`
    );
  }
  console.log(JSON.stringify({ collect, dashboard: results, page: pages }));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
