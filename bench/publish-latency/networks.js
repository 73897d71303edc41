#!/usr/bin/env node
/**
 * bench/publish-latency/networks.js: the publish-latency bench against the
 * local fakes of the API tests (tests/fakes/): X, a LinkedIn page, and
 * Meta's Facebook page, Instagram and Threads, each connected through the
 * OAuth core as a person would, with their asynchronous states as the
 * fakes play them — Instagram and Threads containers IN_PROGRESS for
 * `--processing-ms` after Meta fetched the image from its public URL, then
 * FINISHED; LinkedIn's image upload PROCESSING, then AVAILABLE; X's chunked
 * media upload; Facebook's unpublished photo, then the feed post.
 *
 * `--rounds` post plans, each to the five accounts with one JPEG, due
 * `--spacing-ms` apart (one post per account at a time, as a real calendar
 * has them, not a burst one account could not take). The image is served
 * by a local "media host" at an absolute URL, as an S3 or Cloudinary
 * provider gives it: Instagram and Threads fetch it, the others get its bytes.
 *
 * The lateness of a post is the instant the fake network stored it (accepted
 * the publish call) minus its due time. Printed per network: p50, p95, p99,
 * max; for our scheduler (exact wake-up + 5 s tick, 2 s lookahead,
 * Instagram's and Threads' containers made up to 5 min ahead), then the same
 * with the containers made at the instant (`CM_PUBLISH_AHEAD=false`), then
 * the named baseline of bench/publish-latency/run.js: a once-a-minute polling
 * scheduler (the same code with the exact wake-up off and a 60 s tick — how
 * strapi-plugin-publisher's cron works), nothing made ahead. Also: the
 * containers made for the posts (one each when the ahead one is adopted) and
 * the machine's load average over each run. Needs a built plugin (npm run build).
 *
 *   node bench/publish-latency/networks.js [--rounds=30] [--spacing-ms=10000] [--processing-ms=5000]
 *        [--db=sqlite|postgres|mysql] [--ours-only] [--env=NAME=VALUE ...]
 */
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { quietStrapiEnv } = require('../../tests/helpers/quiet-strapi-env');
const { requireTypeScript } = require('../env');

requireTypeScript();
const { createTestDatabase } = require('../../tests/helpers/databases.ts');
const { startFakeMeta } = require('../../tests/fakes/meta.ts');
const { startFakeX } = require('../../tests/fakes/x.ts');
const { startFakeLinkedIn } = require('../../tests/fakes/linkedin.ts');

const ROOT = path.resolve(__dirname, '..', '..');
const PLAYGROUND = path.join(ROOT, 'playground');
const arg = (name, fallback) => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
};
const ROUNDS = Number(arg('rounds', '30'));
const SPACING_MS = Number(arg('spacing-ms', '10000'));
const PROCESSING_MS = Number(arg('processing-ms', '5000'));
const ENGINE = arg('db', 'sqlite');
/** extra environment for the instance under test, e.g. --env=CM_SCHEDULER_LOOKAHEAD_MS=10000 */
const EXTRA_ENV = Object.fromEntries(process.argv.filter((a) => a.startsWith('--env=')).map((a) => a.slice(6).split(/=(.*)/s).slice(0, 2)));
const KEY = `bench:${randomBytes(32).toString('base64')}`;
const NETWORKS = ['facebook', 'instagram', 'threads', 'x', 'linkedin'];

/** a 16×16 JPEG (Instagram takes JPEG only), the one of tests/api/publishing-meta.test.ts */
const JPEG = Buffer.from(
  '/9j/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAQABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAH/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAX/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCADoD/2Q==',
  'base64'
);

function startMediaHost() {
  const server = http.createServer((req, res) => {
    if (req.url === '/bench.jpg') res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': JPEG.length }).end(JPEG);
    else res.writeHead(404).end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/bench.jpg` }))
  );
}

/** The OAuth apps of the five networks, pointed at the fakes (as the API tests configure them). */
function oauthEnv(meta, x, linkedin) {
  const facebookLogin = (network) => ({
    [`CM_OAUTH_${network}_CLIENT_ID`]: meta.clientId,
    [`CM_OAUTH_${network}_CLIENT_SECRET`]: meta.clientSecret,
    [`CM_OAUTH_${network}_API_URL`]: meta.graphUrl,
    [`CM_OAUTH_${network}_AUTHORIZE_URL`]: meta.authorizeUrl,
    [`CM_OAUTH_${network}_GRAPH_VERSION`]: meta.version,
  });
  return {
    ...facebookLogin('FACEBOOK'),
    ...facebookLogin('INSTAGRAM'),
    CM_OAUTH_THREADS_CLIENT_ID: meta.threads.clientId,
    CM_OAUTH_THREADS_CLIENT_SECRET: meta.threads.clientSecret,
    CM_OAUTH_THREADS_API_URL: meta.threads.apiUrl,
    CM_OAUTH_THREADS_AUTHORIZE_URL: meta.threads.authorizeUrl,
    CM_OAUTH_X_CLIENT_ID: x.clientId,
    CM_OAUTH_X_CLIENT_SECRET: x.clientSecret,
    CM_OAUTH_X_AUTHORIZE_URL: x.authorizeUrl,
    CM_OAUTH_X_TOKEN_URL: x.tokenUrl,
    CM_OAUTH_X_API_URL: x.url,
    CM_OAUTH_LINKEDIN_CLIENT_ID: linkedin.clientId,
    CM_OAUTH_LINKEDIN_CLIENT_SECRET: linkedin.clientSecret,
    CM_OAUTH_LINKEDIN_AUTHORIZE_URL: `${linkedin.url}/oauth/v2/authorization`,
    CM_OAUTH_LINKEDIN_TOKEN_URL: `${linkedin.url}/oauth/v2/accessToken`,
    CM_OAUTH_LINKEDIN_API_BASE_URL: linkedin.url,
  };
}

const baseEnv = (extra) => ({ ...process.env, ...quietStrapiEnv(KEY), CM_OAUTH_REFRESH_ENABLED: 'false', ...extra });

/**
 * In this process, scheduler off: an admin, the five accounts signed in
 * through the OAuth core (authorize, the fake's consent, the callback), the
 * image as a library file at the media host's address, and the plans.
 */
async function seed(env, mediaUrl, dues) {
  Object.assign(process.env, baseEnv({ ...env, CM_SCHEDULER_ENABLED: 'false' }));
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND }).load();
  const plugin = strapi.plugin('community-manager');
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  const admin = await strapi.service('admin::user').create({
    email: `bench-${randomBytes(4).toString('hex')}@example.com`,
    firstname: 'Bench',
    lastname: 'Admin',
    isActive: true,
    roles: [superAdmin.id],
  });
  const oauth = plugin.service('oauth');
  const accounts = {};
  for (const network of NETWORKS) {
    const { url, cookie } = await oauth.authorize(admin.id, network, { name: `Bench ${network}` }, 'http://127.0.0.1:1337');
    const consent = await fetch(url, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location'));
    const landing = new URL(
      await oauth.callback({ state: back.searchParams.get('state'), code: back.searchParams.get('code') }, cookie.value),
      'http://127.0.0.1:1337'
    );
    if (landing.searchParams.get('oauth') !== 'connected') throw new Error(`${network}: sign-in failed (${landing.search})`);
    accounts[network] = landing.searchParams.get('account');
  }
  const file = await strapi.db.query('plugin::upload.file').create({
    data: {
      name: 'bench.jpg',
      hash: `bench_${randomBytes(4).toString('hex')}`,
      ext: '.jpg',
      mime: 'image/jpeg',
      size: JPEG.length / 1000,
      width: 16,
      height: 16,
      url: mediaUrl,
      provider: 'bench-media-host',
    },
  });
  for (const [i, dueAt] of dues.entries()) {
    const plan = await strapi.documents('plugin::community-manager.post-plan').create({
      data: {
        title: `Bench ${i}`,
        body: `Bench round ${i}`,
        accounts: Object.values(accounts),
        media: [file.id],
        mediaAlt: { [String(file.id)]: `Bench image ${i}` },
        scheduledAt: new Date(dueAt),
        timezone: 'UTC',
        status: 'scheduled',
        trail: [],
      },
    });
    await plugin.service('publications').syncPlan(plan.documentId);
  }
  const rows = await strapi.db.query('plugin::community-manager.publication').count({});
  await strapi.destroy();
  if (rows !== dues.length * NETWORKS.length) throw new Error(`seeded ${rows} publications, expected ${dues.length * NETWORKS.length}`);
  return accounts;
}

/** When each fake stored each round's post: round → network → ms. */
function accepted(meta, x, linkedin) {
  const at = new Map();
  const put = (text, network, ms) => {
    const round = /^Bench round (\d+)$/.exec(text)?.[1];
    if (round === undefined) return;
    const byNetwork = at.get(Number(round)) ?? {};
    (byNetwork[network] ??= []).push(ms);
    at.set(Number(round), byNetwork);
  };
  for (const p of meta.posts) if (!p.replyTo) put(p.text, p.network, p.createdAt);
  for (const p of x.posts) if (!p.inReplyTo) put(p.text, 'x', Date.parse(p.createdAt));
  for (const p of linkedin.posts) put(p.commentary, 'linkedin', p.createdAt);
  return at;
}

async function runOnce(label, schedulerEnv) {
  const [meta, x, linkedin, host] = await Promise.all([startFakeMeta(), startFakeX(), startFakeLinkedIn(), startMediaHost()]);
  meta.options.processingMs = PROCESSING_MS;
  const env = oauthEnv(meta, x, linkedin);
  const db = await createTestDatabase(ENGINE);
  const seedStart = Date.now();
  // The first round due far enough ahead for the seeding and the boot to finish first.
  const first = Math.ceil((Date.now() + 60_000 + ROUNDS * 250) / 1000) * 1000;
  const dues = Array.from({ length: ROUNDS }, (_, i) => first + i * SPACING_MS);
  await seed({ ...env, ...db.env }, host.url, dues);
  const seedMs = Date.now() - seedStart;
  const child = spawn(process.execPath, [path.join(ROOT, 'tests', 'reliability', 'instance.js')], {
    env: baseEnv({ ...env, ...db.env, CM_SCHEDULER_ENABLED: 'true', ...EXTRA_ENV, ...schedulerEnv }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => c.toString().includes('READY') && resolve());
    child.on('exit', (code) => reject(new Error(`instance exited ${code}`)));
  });
  if (Date.now() > first) console.warn(`[${label}] warning: ready ${Date.now() - first} ms after the first due time`);
  const loadBefore = os.loadavg()[0];
  const expected = ROUNDS * NETWORKS.length;
  const count = () => [...accepted(meta, x, linkedin).values()].reduce((n, by) => n + Object.keys(by).length, 0);
  const deadline = dues.at(-1) + 3 * 60_000;
  while (count() < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  const loadAfter = os.loadavg()[0];
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  const at = accepted(meta, x, linkedin);
  // Containers made per network for the rounds' posts: one per post when an ahead one is adopted, never two published.
  const containers = {};
  for (const c of meta.containers.values())
    if (/^Bench round \d+$/.test(c.params.caption ?? c.params.text ?? '')) containers[c.network] = (containers[c.network] ?? 0) + 1;
  await Promise.all([meta.stop(), x.stop(), linkedin.stop(), new Promise((r) => host.server.close(r))]);
  await db.drop();

  const rows = NETWORKS.map((network) => {
    const late = [];
    let duplicates = 0;
    for (const [round, byNetwork] of at) {
      const times = byNetwork[network] ?? [];
      if (times.length > 1) duplicates += times.length - 1;
      if (times.length) late.push(Math.min(...times) - dues[round]);
    }
    late.sort((a, b) => a - b);
    const pct = (p) => late[Math.min(late.length - 1, Math.ceil((p / 100) * late.length) - 1)];
    return {
      scheduler: label,
      network,
      accepted: `${late.length}/${ROUNDS}`,
      duplicates,
      containers: containers[network] ?? '',
      p50: pct(50),
      p95: pct(95),
      p99: pct(99),
      max: late.at(-1),
    };
  });
  return { rows, seedMs, load: `${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}` };
}

(async () => {
  console.log(
    `${ROUNDS} rounds × ${NETWORKS.length} networks, ${SPACING_MS} ms apart, containers processed ${PROCESSING_MS} ms, ${ENGINE}, ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}${Object.keys(EXTRA_ENV).length ? `, ${JSON.stringify(EXTRA_ENV)}` : ''}`
  );
  const runs = [];
  const report = (run) => {
    runs.push(run);
    console.log(JSON.stringify(run));
    console.table(run.rows);
  };
  report(await runOnce('ours: exact wake-up + 5 s tick, containers ahead', {}));
  // --ours-only: skip the runs to compare with while investigating.
  if (!process.argv.includes('--ours-only')) {
    report(await runOnce('ours, containers made at the instant', { CM_PUBLISH_AHEAD: 'false' }));
    // The named baseline of bench/publish-latency/run.js, with nothing made ahead: everything happens at the minute's pass.
    report(
      await runOnce('baseline: poll once a minute', {
        CM_SCHEDULER_TICK_MS: '60000',
        CM_SCHEDULER_EXACT_WAKEUP: 'false',
        CM_PUBLISH_AHEAD: 'false',
      })
    );
    console.table(runs.flatMap((r) => r.rows));
    for (const r of runs) console.log(`${r.rows[0].scheduler}: machine load (1 min) ${r.load}, seeding ${r.seedMs} ms`);
  }
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
