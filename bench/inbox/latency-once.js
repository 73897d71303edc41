/**
 * From a reply written to the time it reads through the inbox API, in one
 * process (env from run.js): the fake Mastodon (tests/fakes/mastodon.ts) and
 * the plugin side by side on loopback.
 *
 * - Mastodon streaming: the account's stream opened (what the inbox's timer
 *   does), then `BENCH_LATENCY_REPLIES` mentions written on the fake one at a
 *   time, 150–400 ms apart; after each, `GET /inbox/items` (the page's first
 *   page for that source) is asked back to back until the mention is in it.
 *   Two figures each: stored (the row's createdAt, the plugin's own clock,
 *   minus the moment the fake wrote it) and readable (the first API answer
 *   that holds it, minus the same moment).
 * - Site ingest: the same count of comments POSTed, signed, to the public
 *   endpoint, then the API read back to back until each is listed.
 *
 * Prints one JSON line.
 */
const { createHmac } = require('node:crypto');
const { bootWithMastodon, openStream, summary, hrMs, load, sleep } = require('./app');

const REPLIES = Number(process.env.BENCH_LATENCY_REPLIES ?? 100);
const SECRET = process.env.CM_INBOX_SITE_SECRETS;
const ITEM = 'plugin::community-manager.inbox-item';
const TEXTS = [
  '@brand thanks, this helped a lot',
  '@brand the update broke my login again',
  '@brand when is the next release?',
  '@brand merci, super article',
  '@brand ça ne marche pas du tout depuis ce matin',
];

(async () => {
  const loadBefore = load();
  const app = await bootWithMastodon();
  const { strapi, get, fake, account, inbox } = app;
  await openStream(app, 500);

  /** Reads the page's first page until `externalId` is on it; when that answer came (hrtime). */
  async function readUntil(query, externalId, deadlineMs = 30_000) {
    const started = Date.now();
    let requests = 0;
    for (;;) {
      const page = await get(`/items?${query}`);
      requests++;
      if (page.results.some((r) => r.externalId === externalId)) return { at: process.hrtime.bigint(), requests };
      if (Date.now() - started > deadlineMs) throw new Error(`${externalId} not readable after ${deadlineMs} ms`);
    }
  }
  const stored = async (sourceRef, externalId) => {
    const row = await strapi.db.query(ITEM).findOne({ where: { sourceRef, externalId }, select: ['createdAt'] });
    return row ? new Date(row.createdAt).getTime() : null;
  };

  const stream = { stored: [], readable: [], requests: [] };
  const authors = Array.from({ length: 20 }, (_, i) => ({ id: String(600 + i), username: `fan${i}`, displayName: `Fan ${i}` }));
  for (let i = 0; i < REPLIES; i++) {
    await sleep(150 + Math.floor(Math.random() * 250));
    const wall = Date.now();
    const t0 = process.hrtime.bigint();
    const status = fake.mention('7', authors[i % authors.length], `${TEXTS[i % TEXTS.length]} #${i}`);
    const seen = await readUntil(`status=open&source=${account.documentId}&page=1&pageSize=25`, status.id);
    stream.readable.push(Number(seen.at - t0) / 1e6);
    stream.requests.push(seen.requests);
    const at = await stored(account.documentId, status.id);
    stream.stored.push(Math.max(0, at - wall));
  }

  const site = { readable: [], post: [] };
  if (SECRET) {
    for (let i = 0; i < REPLIES; i++) {
      await sleep(150 + Math.floor(Math.random() * 250));
      const id = `bench-site-${i}`;
      const body = JSON.stringify({
        id,
        postUrl: 'https://blog.example/spring',
        author: { name: `Reader ${i % 20}` },
        text: TEXTS[i % TEXTS.length].replace('@brand ', ''),
        language: i % 2 ? 'fr' : 'en',
        createdAt: new Date().toISOString(),
      });
      const t0 = process.hrtime.bigint();
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex');
      const res = await fetch(`${app.url}/api/community-manager/inbox/site`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-cm-timestamp': timestamp, 'x-cm-signature': `sha256=${signature}` },
        body,
      });
      if (res.status !== 200) throw new Error(`site ingest: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      site.post.push(hrMs(t0));
      const seen = await readUntil('status=open&source=site&page=1&pageSize=25', id);
      site.readable.push(Number(seen.at - t0) / 1e6);
    }
  }
  const total = await strapi.db.query(ITEM).count({ where: { sourceRef: account.documentId } });
  const client = String(strapi.db.connection.client.config.client);
  const loadAfter = load();
  await inbox.stop();
  await strapi.destroy();
  await fake.stop();
  process.stdout.write(
    `${JSON.stringify({
      client,
      replies: REPLIES,
      storedOnce: Number(total) === REPLIES,
      stream: {
        stored: summary(stream.stored),
        readable: summary(stream.readable),
        meanRequests: +(stream.requests.reduce((a, b) => a + b, 0) / stream.requests.length).toFixed(2),
      },
      site: SECRET ? { post: summary(site.post), readable: summary(site.readable) } : null,
      load: { before: loadBefore, after: loadAfter },
    })}\n`
  );
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
