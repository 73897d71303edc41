#!/usr/bin/env node
/**
 * bench/inbox — the community inbox's latency and scale (issue 15, "Measure").
 * The sentiment's accuracy is bench/inbox/sentiment.js.
 *
 * 1. Latency (latency-once.js, SQLite): from a reply written on the fake
 *    Mastodon to the item readable through `GET /inbox/items`, over the
 *    account's stream; and from a signed site comment POSTed to the same.
 *    Goals: Mastodon streaming p95 ≤ 3 s, site ingest p95 ≤ 500 ms.
 * 2. Scale (list-once.js): the inbox list at 200,000 items with the filters
 *    the Moderation page sends, and its ratio to a bare `findMany` with the
 *    same filters. Goal: p95 < 50 ms. SQLite always, PostgreSQL when
 *    CM_TEST_POSTGRES_URL is set (its trigram indexes for the tag and words
 *    are named in the output: without pg_trgm the filters read the rows).
 * 2b. Bluesky polling (bluesky-once.js, SQLite): a reply written to the real
 *    local PDS by another account → one pass of the poll job → readable
 *    through `GET /inbox/items`; the pass is what polling adds to the wait
 *    for the source's next reading. Goal: p95 ≤ the poll interval + 2 s.
 *    `--only=bluesky-timer` (not in the default run, minutes long): the same
 *    replies written at random moments and read by the inbox's own timer
 *    polling every 30 s, the whole delay measured.
 * 3. Burst (burst-once.js, SQLite): 5,000 mentions pushed over one minute on
 *    the stream: all stored once, the time to drain, what the crisis
 *    detector did.
 *
 * Each part runs in a fresh process on a fresh database. Flags:
 * `--only=latency,bluesky,bluesky-timer,list,burst`, `--engines=sqlite,postgres` (the list).
 * The machine's load average is printed with each figure.
 */
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const { measureOnce } = require('../env');

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = (arg('only') ?? 'latency,bluesky,list,burst').split(',');
const engines = (arg('engines') ?? ['sqlite', ...(process.env.CM_TEST_POSTGRES_URL ? ['postgres'] : [])].join(',')).split(',');
const SITE_SECRET = 'bench-inbox-site-secret-0123456789';

/** One measuring script of this folder in a fresh process on a fresh database of `engine` (bench/env.js). */
const once = (engine, script, env = {}) => measureOnce(engine, path.join(__dirname, script), { env });

const fmt = (s) => `p50 ${s.p50} ms p95 ${s.p95} ms max ${s.max} ms (n ${s.n})`;

(async () => {
  require(path.join(root, 'tests', 'helpers', 'ensure-built.js'))();
  const out = { latency: null, bluesky: null, blueskyTimer: null, list: {}, burst: null };
  // The loopback fakes must be reachable; the scheduler stays off (nothing publishes here).
  const common = { CM_OUTBOUND_ALLOWED_HOSTS: '127.0.0.1,localhost,::1', CM_SCHEDULER_ENABLED: 'false', CM_METRICS_ENABLED: 'false' };
  if (only.includes('latency')) {
    process.stderr.write('[bench:inbox] latency: stream and site ingest to the API (SQLite)…\n');
    out.latency = await once('sqlite', 'latency-once.js', { ...common, CM_INBOX_SITE_SECRETS: SITE_SECRET });
  }
  if (only.includes('bluesky')) {
    process.stderr.write('[bench:inbox] Bluesky: a reply on the PDS, one poll pass, to the API (SQLite)…\n');
    // The inbox's own timer stays off: the passes are the script's.
    out.bluesky = await once('sqlite', 'bluesky-once.js', { ...common, CM_INBOX_ENABLED: 'false' });
  }
  if (only.includes('bluesky-timer')) {
    process.stderr.write('[bench:inbox] Bluesky: replies at random moments, read by the inbox timer every 30 s (SQLite)…\n');
    out.blueskyTimer = await once('sqlite', 'bluesky-once.js', { ...common, CM_INBOX_POLL_SECONDS: '30', BENCH_BLUESKY_TIMER: '1' });
  }
  if (only.includes('list'))
    for (const engine of engines) {
      process.stderr.write(`[bench:inbox] list at scale on ${engine}: seeding and measuring…\n`);
      out.list[engine] = await once(engine, 'list-once.js', { ...common, CM_INBOX_ENABLED: 'false' });
    }
  if (only.includes('burst')) {
    process.stderr.write('[bench:inbox] burst: 5,000 mentions in a minute on the stream (SQLite)…\n');
    out.burst = await once('sqlite', 'burst-once.js', common);
  }

  if (out.latency) {
    const l = out.latency;
    console.log(`latency (${l.client}, load ${l.load.before} → ${l.load.after}), ${l.replies} replies, each stored once: ${l.storedOnce}`);
    console.log(`  Mastodon stream, written on the fake → stored: ${fmt(l.stream.stored)}`);
    console.log(`  Mastodon stream, written on the fake → readable via GET /inbox/items: ${fmt(l.stream.readable)} (goal p95 ≤ 3 s)`);
    if (l.site) {
      console.log(`  site ingest, POST answered: ${fmt(l.site.post)}`);
      console.log(`  site ingest, POST sent → readable via GET /inbox/items: ${fmt(l.site.readable)} (goal p95 ≤ 500 ms)`);
    }
  }
  if (out.bluesky) {
    const b = out.bluesky;
    console.log(
      `Bluesky polling (${b.client}, load ${b.load.before} → ${b.load.after}), ${b.replies} replies, each stored once: ${b.storedOnce}`
    );
    console.log(`  one pass of the poll job (listNotifications through the PDS, stored): ${fmt(b.pass)}`);
    console.log(
      `  written on the PDS → readable via GET /inbox/items, the pass run at once: ${fmt(b.readable)} ` +
        '(goal: p95 ≤ the poll interval + 2 s, i.e. this p95 ≤ 2 s on top of the wait for the next pass)'
    );
  }
  if (out.blueskyTimer) {
    const b = out.blueskyTimer;
    console.log(
      `Bluesky through the inbox timer (${b.client}, poll every ${b.pollMs / 1000} s, load ${b.load.before} → ${b.load.after}): ` +
        `written at a random moment → readable ${fmt(b.readable)} (goal p95 ≤ ${b.pollMs / 1000 + 2} s); each stored once: ${b.storedOnce}`
    );
  }
  for (const r of Object.values(out.list)) {
    console.log(
      `list (${r.client}, load ${r.load.before} → ${r.load.after}): ${r.items} items seeded in ${r.seedMs} ms, ${r.rounds} rounds each (goal p95 < 50 ms); ` +
        `tag and words indexes: ${r.searchIndexes?.length ? r.searchIndexes.join(', ') : 'none (the rows are read)'}`
    );
    for (const [name, c] of Object.entries(r.results))
      console.log(
        `  ${name.padEnd(22)} ${String(c.total).padStart(7)} match | ours p50 ${c.ours.p50} p95 ${c.ours.p95} ms | bare p50 ${c.bare.p50} p95 ${c.bare.p95} ms | ×${c.ratioP95} | CPU ours p50 ${c.oursCpu.p50} p95 ${c.oursCpu.p95}, bare p50 ${c.bareCpu.p50} ms`
      );
    console.log(`  GET /inbox/items (default view, over HTTP): ${fmt(r.http)}`);
    for (const [name, c] of Object.entries(r.counts))
      console.log(
        `  folders' counts, ${name}: every match p50 ${c.grouped.p50} p95 ${c.grouped.p95} ms (CPU p50 ${c.groupedCpu.p50}) | ` +
          `capped at 1,001 p50 ${c.capped.p50} p95 ${c.capped.p95} ms (CPU p50 ${c.cappedCpu.p50})`
      );
  }
  if (out.burst) {
    const b = out.burst;
    console.log(
      `burst (${b.client}, load ${b.load.before} → ${b.load.after}): ${b.sent} mentions over ${b.sendMs} ms; ${b.stored} stored, ` +
        `${b.distinct} distinct, ${b.duplicates} duplicates, ${b.lost} lost; all stored ${b.allStoredMs} ms after the first, ` +
        `${b.drainMs} ms after the last was written; store lag p50 ${b.lag.p50} p95 ${b.lag.p95} max ${b.lag.max} ms`
    );
    console.log(
      `  crisis: ${b.crisis.alerts} alert(s), the first ${b.crisis.firstAlertMs} ms after the burst began ` +
        `(${b.crisis.negatives} negatives in the burst); evaluations ${b.crisis.evaluations}`
    );
  }
  console.log(JSON.stringify(out));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
