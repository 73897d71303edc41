#!/usr/bin/env node
/**
 * bench/watch — the feed fetcher at scale (issue 5).
 *
 * 200 sources of 50 items served by a local server (its own process):
 * - baseline: a plain loop of rss-parser's parseURL, CONCURRENCY at a time;
 * - guarded: the watch's fetchFeed (resolve-and-pin, address policy, manual
 *   redirects, size cap, idle timeout and deadline, charset decoding, DTD
 *   guard, tolerant parsing), same concurrency;
 * - guarded + normalize: the same plus what is done before storing (HTML
 *   sanitized with the allow-list, titles to text, dedup keys, dates);
 * - re-poll: every source asked again with its ETag, all answer 304.
 * Rounds are interleaved and the median is kept. Prints wall time, items/s,
 * peak RSS above the start of the phase, and the ratios to the goals:
 * first fetch ≤ 1.1× the baseline, re-poll ≥ 10× faster than the first fetch.
 * The database is not part of it (the baseline has none).
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const FEEDS = Number(process.env.BENCH_FEEDS ?? 200);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

// The watch's sources are TypeScript.
require('../env').requireTypeScript();
const { fetchFeed } = require(path.join(root, 'server/watch/fetcher.ts'));
const { normalizeEntries } = require(path.join(root, 'server/watch/normalize.ts'));
const Parser = require('rss-parser');

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'feed-server.js')], {
      env: { ...process.env, BENCH_FEEDS: String(FEEDS), BENCH_ITEMS: String(ITEMS) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.once('data', (data) => resolve({ child, port: Number(String(data).trim()) }));
    child.once('error', reject);
  });
}

async function pool(count, task) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

async function measure(label, run) {
  global.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t0 = process.hrtime.bigint();
  const items = await run();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { label, ms, items, peakMb: (peak - start) / 1048576 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const { child, port } = await startServer();
  const url = (n) => `http://127.0.0.1:${port}/feed/${n}.xml`;
  const limits = { timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, deadlineMs: 30_000 };
  // As in the plugin (server/watch/outbound.ts): the fake's address allow-listed, connections pooled per checked address.
  const options = { policy: { allowedHosts: ['127.0.0.1'] }, keepAlive: true };
  const parser = new Parser();
  const validators = new Array(FEEDS);

  const phases = {
    baseline: async () => {
      let items = 0;
      await pool(FEEDS, async (n) => {
        const feed = await parser.parseURL(url(n));
        items += feed.items.length;
      });
      return items;
    },
    guarded: async () => {
      let items = 0;
      await pool(FEEDS, async (n) => {
        const res = await fetchFeed(url(n), {}, limits, options);
        validators[n] = res.validators;
        items += res.feed.entries.length;
      });
      return items;
    },
    'guarded + normalize': async () => {
      let items = 0;
      await pool(FEEDS, async (n) => {
        const res = await fetchFeed(url(n), {}, limits, options);
        const now = new Date();
        items += (await normalizeEntries(res.feed.entries, res.url, now)).length;
      });
      return items;
    },
    're-poll (304)': async () => {
      let notModified = 0;
      await pool(FEEDS, async (n) => {
        const res = await fetchFeed(url(n), validators[n], limits, options);
        if (res.notModified) notModified++;
      });
      if (notModified !== FEEDS) throw new Error(`only ${notModified} of ${FEEDS} answered 304`);
      return 0;
    },
  };

  // One warm-up of each, then interleaved rounds.
  for (const run of Object.values(phases)) await run();
  const results = Object.fromEntries(Object.keys(phases).map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, run] of Object.entries(phases)) results[label].push(await measure(label, run));
  }
  child.kill('SIGTERM');

  const summary = Object.fromEntries(
    Object.entries(results).map(([label, runs]) => [
      label,
      { ms: median(runs.map((r) => r.ms)), items: runs[0].items, peakMb: Math.max(...runs.map((r) => r.peakMb)) },
    ])
  );
  console.log(
    `bench/watch: ${FEEDS} sources × ${ITEMS} items, concurrency ${CONCURRENCY}, median of ${ROUNDS} rounds (Node ${process.version})\n`
  );
  console.log('| Phase | Wall time | Items/s | Peak RSS added |');
  console.log('| --- | --- | --- | --- |');
  for (const [label, s] of Object.entries(summary)) {
    const rate = s.items ? Math.round((s.items / s.ms) * 1000).toLocaleString('en-US') : '—';
    console.log(`| ${label} | ${Math.round(s.ms)} ms | ${rate} | ${s.peakMb.toFixed(1)} MB |`);
  }
  const first = summary.guarded.ms / summary.baseline.ms;
  const full = summary['guarded + normalize'].ms / summary.baseline.ms;
  const repoll = summary.guarded.ms / summary['re-poll (304)'].ms;
  console.log('');
  console.log(`first fetch, guarded / baseline: ×${first.toFixed(2)} (goal ≤ ×1.10) ${first <= 1.1 ? 'met' : 'NOT met'}`);
  console.log(`first fetch with sanitizing / baseline: ×${full.toFixed(2)} (no goal; the baseline does not sanitize)`);
  console.log(`re-poll speed-up over the first fetch: ×${repoll.toFixed(1)} (goal ≥ ×10) ${repoll >= 10 ? 'met' : 'NOT met'}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
