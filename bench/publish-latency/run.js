#!/usr/bin/env node
/**
 * bench/publish-latency: 1,000 publications due in the same second, sent to a
 * local webhook receiver by one Strapi process (the plugin's scheduler: a
 * 5 s tick plus an exact wake-up at the earliest due row), then the same with
 * a once-a-minute polling scheduler (how strapi-plugin-publisher works: the
 * same code with the exact wake-up off and a 60 s tick).
 *
 * Prints, for each: delay from due time to receipt (p50, p99, max), time
 * until all are delivered, peak resident memory of the Strapi process; then
 * the ratio. Needs a built plugin (npm run build). SQLite in a temp dir by
 * default; `--db=postgres` or `--db=mysql` uses a fresh database on the
 * server CM_TEST_POSTGRES_URL / CM_TEST_MYSQL_URL names (as the tests do).
 *
 *   node bench/publish-latency/run.js [count=1000] [--db=sqlite|postgres|mysql] [--ours-only]
 */
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { quietStrapiEnv } = require('../../tests/helpers/quiet-strapi-env');
const { requireTypeScript } = require('../env');

requireTypeScript();
const { createTestDatabase } = require('../../tests/helpers/databases.ts');

const ROOT = path.resolve(__dirname, '..', '..');
const PLAYGROUND = path.join(ROOT, 'playground');
const COUNT = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1000);
const ENGINE = (process.argv.find((a) => a.startsWith('--db=')) ?? '--db=sqlite').slice(5);
const KEY = `bench:${randomBytes(32).toString('base64')}`;

function baseEnv(dbEnv, extra = {}) {
  return {
    ...process.env,
    ...quietStrapiEnv(KEY),
    ...dbEnv,
    ...extra,
  };
}

function startReceiver() {
  const arrivals = new Map();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (body.event === 'post') {
          const id = String(req.headers['x-community-manager-delivery']);
          arrivals.set(id, (arrivals.get(id) ?? []).concat(at));
        }
      } catch {
        // a ping or garbage: not counted
      }
      res.writeHead(200).end('ok');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, arrivals, url: `http://127.0.0.1:${server.address().port}/hook` }))
  );
}

/** Seeds `COUNT` scheduled plans due at `dueAt`, in this process, scheduler off. */
async function seed(dbEnv, url, dueAt) {
  Object.assign(process.env, baseEnv(dbEnv, { CM_SCHEDULER_ENABLED: 'false' }));
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND }).load();
  const plugin = strapi.plugin('community-manager');
  const account = await plugin.service('accounts').create({ network: 'webhook', name: 'Bench hook', url, flavor: 'generic' });
  for (let i = 0; i < COUNT; i++) {
    const plan = await strapi.documents('plugin::community-manager.post-plan').create({
      data: {
        title: `Bench ${i}`,
        body: `Bench post ${i}`,
        accounts: [account.documentId],
        scheduledAt: new Date(dueAt),
        timezone: 'UTC',
        status: 'scheduled',
        trail: [],
      },
    });
    await plugin.service('publications').syncPlan(plan.documentId);
  }
  await strapi.destroy();
}

function rssOf(pid) {
  try {
    const line = fs
      .readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return Number(line.split(/\s+/)[1]) * 1024;
  } catch {
    return 0;
  }
}

async function runOnce(label, schedulerEnv) {
  const db = await createTestDatabase(ENGINE);
  const receiver = await startReceiver();
  // Due far enough ahead for the seeding and the boot to finish first.
  const seedStart = Date.now();
  const dueAt = Math.ceil((Date.now() + 60_000 + COUNT * 40) / 1000) * 1000;
  await seed(db.env, receiver.url, dueAt);
  const seedMs = Date.now() - seedStart;
  const child = spawn(process.execPath, [path.join(ROOT, 'tests', 'reliability', 'instance.js')], {
    env: baseEnv(db.env, { CM_SCHEDULER_ENABLED: 'true', ...schedulerEnv }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => c.toString().includes('READY') && resolve());
    child.on('exit', (code) => reject(new Error(`instance exited ${code}`)));
  });
  if (Date.now() > dueAt)
    console.warn(`[${label}] warning: the instance was ready ${Date.now() - dueAt} ms after the due time (seeding took ${seedMs} ms)`);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(child.pid))), 100);
  const deadline = dueAt + 5 * 60_000;
  while (receiver.arrivals.size < COUNT && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  clearInterval(sampler);
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  receiver.server.close();
  await db.drop();

  const firsts = [...receiver.arrivals.values()].map((times) => times[0] - dueAt).sort((a, b) => a - b);
  const duplicates = [...receiver.arrivals.values()].filter((times) => times.length > 1).length;
  const pct = (p) => firsts[Math.min(firsts.length - 1, Math.floor((p / 100) * firsts.length))];
  return {
    label: `${label} (${ENGINE})`,
    delivered: firsts.length,
    duplicates,
    first: firsts[0],
    p50: pct(50),
    p99: pct(99),
    max: firsts[firsts.length - 1],
    allDeliveredMs: firsts[firsts.length - 1],
    peakRssMb: Math.round(peak / 1048576),
    seedMs,
  };
}

(async () => {
  const ours = await runOnce('exact wake-up + 5 s tick', {});
  console.log(JSON.stringify(ours));
  // --ours-only: skip the minute-long baseline while investigating.
  if (process.argv.includes('--ours-only')) process.exit(0);
  const polling = await runOnce('poll once a minute', { CM_SCHEDULER_TICK_MS: '60000', CM_SCHEDULER_EXACT_WAKEUP: 'false' });
  console.log(JSON.stringify(polling));
  console.table([ours, polling]);
  console.log(
    `p50 ratio (polling / ours): ${(polling.p50 / Math.max(1, ours.p50)).toFixed(1)}×; p99 ratio: ${(polling.p99 / Math.max(1, ours.p99)).toFixed(1)}×; all delivered ratio: ${(polling.allDeliveredMs / Math.max(1, ours.allDeliveredMs)).toFixed(1)}×`
  );
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
