#!/usr/bin/env node
/**
 * bench/calendar — the calendar's month query and the month grid's render.
 *
 * 1. Query: 100,000 post plans over two years, bulk-inserted; p50 and p95 of
 *    the calendar's month query over 200 random months — what the month grid
 *    requests (`dayMax`) and the full window — and their ratios to a bare
 *    `strapi.documents(uid).findMany` with the same filters. SQLite always,
 *    PostgreSQL when CM_TEST_POSTGRES_URL is set. Goals: p95 < 50 ms,
 *    ratio < 1.2.
 * 2. Render (`--no-render` skips it): in Chromium, a month holding 1,000
 *    posts, to the grid painted with its events, median of 5: after a full
 *    page load, and after an in-app navigation from another section.
 *    Goal: < 500 ms.
 *
 * Each measurement runs in a fresh process on a fresh database. `--no-query`
 * runs the render part alone.
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const playground = path.join(root, 'playground');
const { benchEnv, requireTypeScript } = require('../env');

requireTypeScript();
const { createTestDatabase } = require(path.join(root, 'tests', 'helpers', 'databases.ts'));

const baseEnv = benchEnv();

function runOnce(script, env) {
  const out = execFileSync(process.execPath, [path.join(__dirname, script)], {
    cwd: playground,
    env: { ...baseEnv, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
  });
  return JSON.parse(out.trim().split('\n').pop());
}

/** A fresh database on `engine`, made and dropped the way the test suites do it (tests/helpers/databases.ts). */
async function withDatabase(engine, fn) {
  const db = await createTestDatabase(engine);
  try {
    return await fn(db.env);
  } finally {
    await db.drop();
  }
}

(async () => {
  require(path.join(root, 'tests', 'helpers', 'ensure-built.js'))();
  const engines = process.argv.includes('--no-query') ? [] : ['sqlite', ...(process.env.CM_TEST_POSTGRES_URL ? ['postgres'] : [])];
  const results = { query: {}, render: null };
  for (const engine of engines) {
    process.stderr.write(`[bench:calendar] month query on ${engine}…\n`);
    results.query[engine] = await withDatabase(engine, (env) => runOnce('query-once.js', env));
  }
  if (!process.argv.includes('--no-render')) {
    await require(path.join(root, 'tests', 'helpers', 'ensure-admin-built.js'))();
    process.stderr.write('[bench:calendar] month render in Chromium…\n');
    results.render = await withDatabase('sqlite', (env) => runOnce('render-once.js', { ...env, SERVE_ADMIN_PANEL: 'true' }));
  }
  for (const [engine, q] of Object.entries(results.query)) {
    console.log(
      `${engine}: ${q.posts} posts seeded in ${q.seedMs} ms; ${q.months} months, ~${q.meanRowsPerMonth} posts each ` +
        `(the page draws ~${q.meanPageRowsPerMonth} of them, dayMax ${q.dayMax}):\n` +
        `  page request (dayMax) p50 ${q.ours.p50} ms p95 ${q.ours.p95} ms | ratio to bare p50 ×${q.ratioP50} p95 ×${q.ratioP95} (goals: p95 < 50 ms, ratio < 1.2)\n` +
        `  full window p50 ${q.full.p50} ms p95 ${q.full.p95} ms | ratio to bare p50 ×${q.fullRatioP50} p95 ×${q.fullRatioP95}\n` +
        `  bare findMany (same range, every post) p50 ${q.bare.p50} ms p95 ${q.bare.p95} ms`
    );
  }
  if (results.render) {
    const r = results.render;
    console.log(
      `render: ${r.posts} posts in one month, full page load to grid painted: median ${r.medianMs} ms of ${r.runs} (${r.runsMs.join(', ')} ms)`
    );
    console.log(
      `render: ${r.posts} posts in one month, in-app navigation (click on Calendar) to grid painted: median ${r.inAppMedianMs} ms of ${r.runs} (${r.inAppMs.join(', ')} ms) (goal < 500 ms)`
    );
  }
  console.log(JSON.stringify(results));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
