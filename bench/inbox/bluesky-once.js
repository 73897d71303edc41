/**
 * Bluesky polling, in one process (env from run.js): the real PDS
 * (tests/fakes/bluesky-pds.ts) proxying `app.bsky.*` to the fake AppView
 * (tests/fakes/bluesky-appview.ts), and the plugin side by side on loopback.
 *
 * Bluesky is polled: a reply waits for the source's next pass (at most the
 * poll interval, plus the timer's granularity), then the pass reads it. What
 * is measured here is the second part, which the plugin adds to the
 * interval: `BENCH_LATENCY_REPLIES` replies written to the PDS by another
 * account, one at a time; after each, one pass of the poll job
 * (`inbox.poll()`, what the timer runs once the source is due), then
 * `GET /inbox/items` until the reply is listed. Figures: the pass alone, and
 * written → readable. The fake AppView reads every repo of the PDS on each
 * call (its own cost, in the figures).
 *
 * With BENCH_BLUESKY_TIMER=1 (run.js `--only=bluesky-timer`, CM_INBOX_POLL_SECONDS=30,
 * the least the config takes): nothing is polled by the script; the inbox's
 * own timer reads the source, and `BENCH_TIMER_REPLIES` replies are written
 * at random moments within the interval: written → readable is then the
 * whole delay a person sees, the wait for the pass included.
 *
 * Prints one JSON line.
 */
const { requireTypeScript } = require('../env');
const { bootApp, summary, hrMs, load, sleep } = require('./app');

requireTypeScript();
const { startLocalPds } = require('../../tests/fakes/bluesky-pds.ts');
const { startFakeAppView } = require('../../tests/fakes/bluesky-appview.ts');

const TIMER = process.env.BENCH_BLUESKY_TIMER === '1';
const REPLIES = TIMER ? Number(process.env.BENCH_TIMER_REPLIES ?? 10) : Number(process.env.BENCH_LATENCY_REPLIES ?? 100);
const POLL_MS = Number(process.env.CM_INBOX_POLL_SECONDS ?? 300) * 1000;
const ITEM = 'plugin::community-manager.inbox-item';

(async () => {
  const loadBefore = load();
  const appView = await startFakeAppView();
  const pds = await startLocalPds({ appView });
  appView.setPds(pds.url);
  const brand = await pds.createAccount('brand', 'brand-main-password');
  await pds.createAccount('fan', 'fan-main-password');
  const session = await fetch(`${pds.url}/xrpc/com.atproto.server.createSession`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: 'fan.test', password: 'fan-main-password' }),
  }).then((r) => r.json());
  const write = async (token, repo, record) => {
    const res = await fetch(`${pds.url}/xrpc/com.atproto.repo.createRecord`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        repo,
        collection: 'app.bsky.feed.post',
        record: { $type: 'app.bsky.feed.post', createdAt: new Date().toISOString(), ...record },
      }),
    });
    if (res.status !== 200) throw new Error(`createRecord: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const brandSession = await fetch(`${pds.url}/xrpc/com.atproto.server.createSession`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: 'brand.test', password: 'brand-main-password' }),
  }).then((r) => r.json());
  const root = await write(brandSession.accessJwt, brand.did, { text: 'Our launch is live' });

  const app = await bootApp();
  const { strapi, get } = app;
  const plugin = strapi.plugin('community-manager');
  const account = await plugin
    .service('accounts')
    .create({ network: 'bluesky', name: 'Bench Bluesky', identifier: 'brand.test', service: pds.url, appPassword: brand.appPassword });
  const inbox = plugin.service('inbox');
  if (TIMER) inbox.start();
  else await inbox.poll(true);

  const pass = [];
  const readable = [];
  for (let i = 0; i < REPLIES; i++) {
    await sleep(TIMER ? Math.floor(Math.random() * POLL_MS) : 100 + Math.floor(Math.random() * 200));
    const t0 = process.hrtime.bigint();
    const reply = await write(session.accessJwt, session.did, { text: `Congrats, reply #${i}`, reply: { root, parent: root } });
    if (!TIMER) {
      const p0 = process.hrtime.bigint();
      await inbox.poll(true);
      pass.push(hrMs(p0));
    }
    for (let tries = 0; ; tries++) {
      const page = await get(`/items?status=open&source=${account.documentId}&page=1&pageSize=25`);
      if (page.results.some((r) => r.externalId === reply.uri)) break;
      if (!TIMER && tries > 50) throw new Error(`${reply.uri} not readable`);
      if (TIMER) {
        if (hrMs(t0) > 3 * POLL_MS) throw new Error(`${reply.uri} not readable after ${3 * POLL_MS} ms`);
        await sleep(100);
      }
    }
    readable.push(hrMs(t0));
  }
  const total = await strapi.db.query(ITEM).count({ where: { sourceRef: account.documentId } });
  const client = String(strapi.db.connection.client.config.client);
  const loadAfter = load();
  await inbox.stop();
  await strapi.destroy();
  await pds.stop();
  await appView.stop();
  process.stdout.write(
    `${JSON.stringify({
      client,
      replies: REPLIES,
      storedOnce: Number(total) === REPLIES,
      timer: TIMER,
      pollMs: POLL_MS,
      pass: pass.length ? summary(pass) : null,
      readable: summary(readable),
      load: { before: loadBefore, after: loadAfter },
    })}\n`
  );
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
