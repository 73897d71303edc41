import type scheduleModule from 'node-schedule';
import { startApp, bearer, nodeRequire, type TestApp } from '../helpers/strapi';
import { startFeedServer, type FeedServer } from '../fakes/feeds';

// The instance Strapi loaded (outside jest's sandbox), whose jobs the plugin's timer is among.
const schedule = nodeRequire('node-schedule') as typeof scheduleModule;

/**
 * The watcher on its own: with CM_WATCH_ENABLED=true and a one-second tick,
 * a new source is fetched without anyone asking, a paused one is not, and
 * once Strapi is destroyed its timer is cancelled.
 */
const GATED_RSS =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>Gated</title><link>https://site.example/</link>' +
  '<item><title>Held back</title><link>https://site.example/held</link></item></channel></rss>';

let app: TestApp;
let stopped = false;
let feeds: FeedServer;
const api = '/community-manager/watch';

beforeAll(async () => {
  feeds = await startFeedServer();
  app = await startApp({ CM_WATCH_ENABLED: 'true', CM_WATCH_TICK_SECONDS: '1', CM_WATCH_CONCURRENCY: '2' });
});
afterAll(async () => {
  // The last test stops Strapi itself; when it did not run (`-t`) or failed first, stop it here.
  if (app && !stopped) await app.stop();
  await feeds?.stop();
});

async function waitFor<T>(probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`nothing after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

it('a source paused while its fetch is in flight stays paused, the fetch’s items kept', async () => {
  const auth = bearer(app.token);
  const waiting: Array<() => void> = [];
  feeds.set('/gated.xml', (_req, res) => {
    waiting.push(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(GATED_RSS));
  });
  const gated = (
    await app.http
      .post(`${api}/sources`)
      .set(auth)
      .send({ url: `${feeds.url}/gated.xml` })
  ).body.data.documentId;
  // The tick claimed it and the request is on the wire: pause it now, then let the feed answer.
  await waitFor(async () => (waiting.length > 0 ? true : undefined), 15_000);
  expect((await app.http.post(`${api}/sources/${gated}/pause`).set(auth).send({})).status).toBe(200);
  waiting.shift()!();
  const sources = app.strapi.db.query('plugin::community-manager.watch-source');
  const settled = await waitFor(async () => {
    const row = await sources.findOne({ where: { documentId: gated } });
    return row && !row.leaseOwner ? row : undefined;
  }, 15_000);
  expect(settled).toMatchObject({ status: 'paused' });
  expect(settled.lastSuccessAt).not.toBeNull();
  expect((await app.http.get(`${api}/sources/${gated}`).set(auth)).body.data).toMatchObject({ status: 'paused', unread: 1 });
}, 60_000);

it('fetches due sources on its tick, skips paused ones, and stops with Strapi', async () => {
  const auth = bearer(app.token);
  const due = (
    await app.http
      .post(`${api}/sources`)
      .set(auth)
      .send({ url: `${feeds.url}/rdf.xml` })
  ).body.data.documentId;
  const paused = (
    await app.http
      .post(`${api}/sources`)
      .set(auth)
      .send({ url: `${feeds.url}/atom.xml` })
  ).body.data.documentId;
  await app.http.post(`${api}/sources/${paused}/pause`).set(auth).send({});

  const fetched = await waitFor(async () => {
    const source = (await app.http.get(`${api}/sources/${due}`).set(auth)).body.data;
    return source.lastSuccessAt ? source : undefined;
  }, 15_000);
  expect(fetched).toMatchObject({ status: 'active', kind: 'rdf', unread: 2 });
  // A new source is due at once, so a tick may have claimed the other one between its creation
  // and the pause (seen on a loaded CI machine), and its fetch may still be in flight: wait for
  // that claim's lease to be released. Then make it due again: only the pause keeps it unfetched.
  const sources = app.strapi.db.query('plugin::community-manager.watch-source');
  await waitFor(async () => ((await sources.findOne({ where: { documentId: paused } }))?.leaseOwner ? undefined : true), 15_000);
  await app.strapi.db
    .query('plugin::community-manager.watch-source')
    .update({ where: { documentId: paused }, data: { nextFetchAt: new Date(0) } });
  const atomAtPause = feeds.hits.get('/atom.xml') ?? 0;
  expect(atomAtPause).toBeLessThanOrEqual(1);
  // Not due again for about an hour: a few more ticks do not fetch it again.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  expect(feeds.hits.get('/rdf.xml')).toBe(1);
  expect(feeds.hits.get('/atom.xml') ?? 0).toBe(atomAtPause);

  // The plugin's timer is a node-schedule job of this same module; destroy must cancel it.
  expect(Object.keys(schedule.scheduledJobs).length).toBeGreaterThan(0);
  await app.stop();
  stopped = true;
  expect(Object.keys(schedule.scheduledJobs)).toEqual([]);
}, 60_000);
