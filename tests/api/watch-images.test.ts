import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { adminWith } from '../helpers/admins';
import { startFeedServer, rss, type FeedServer } from '../fakes/feeds';
import { PNG } from '../helpers/images';
import { actionUid, ACTIONS } from '../../shared/core/permissions';

/**
 * Strapi's CSP lets the admin load images only from itself: the watch reader's
 * feed images are served through the plugin's proxy, at signed addresses the
 * items API gives a watch.read holder, and nothing else goes through it.
 */
let app: TestApp;
let feeds: FeedServer;
const api = '/community-manager/watch';
const auth = () => bearer(app.token);
const imgSrcs = (html: string) => [...html.matchAll(/<img\b[^>]*?\ssrc="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));

let itemId: string;
let links: string[];

beforeAll(async () => {
  feeds = await startFeedServer();
  app = await startApp({ CM_WATCH_ENABLED: 'false' });
  feeds.set('/pic.png', (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG));
  feeds.set('/vector.svg', (_req, res) =>
    res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
  );
  feeds.set('/huge.png', (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(6 * 1024 * 1024)));
  feeds.set('/page.html', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>not an image</p>'));
  const description = ['pic.png', 'vector.svg', 'huge.png', 'page.html']
    .map((p) => `<p><img src="${feeds.url}/${p}?a=1&b=2" alt="${p}"></p>`)
    .join('');
  feeds.set('/pictures.xml', (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'application/rss+xml' })
      .end(rss([{ title: 'Pictures', link: 'https://p.example/1', description }]))
  );
  const source = (
    await app.http
      .post(`${api}/sources`)
      .set(auth())
      .send({ url: `${feeds.url}/pictures.xml` })
  ).body.data;
  expect((await app.http.post(`${api}/sources/${source.documentId}/fetch`).set(auth())).status).toBe(200);
  const item = (await app.http.get(`${api}/items`).set(auth())).body.data.results.find((i: { title: string }) => i.title === 'Pictures');
  itemId = item.documentId;
  links = imgSrcs(item.content);
});
afterAll(async () => {
  await app?.stop();
  await feeds?.stop();
});

describe('feed images in the watch reader', () => {
  it('are rewritten to the plugin’s own address, which serves the picture without the admin token', async () => {
    expect(links).toHaveLength(4);
    for (const link of links) expect(link).toMatch(new RegExp(`^/api/community-manager/watch/items/${itemId}/image\\?src=`));
    const logged: string[] = [];
    const spy = jest.spyOn(app.strapi.log, 'http').mockImplementation(((message: string) => logged.push(message)) as never);
    const res = await Promise.resolve(app.http.get(links[0]).buffer(true)).finally(() => spy.mockRestore());
    expect(res.status).toBe(200);
    // The signed query is a credential: the request log has the path only.
    expect(logged.filter((l) => l.includes('/image'))).toEqual([
      expect.stringMatching(new RegExp(`^GET /api/community-manager/watch/items/${itemId}/image \\(\\d+ ms\\) 200$`)),
    ]);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(res.body)).toEqual(PNG);
    // The single item, as the reader opens it, carries the same kind of address.
    const one = (await app.http.get(`${api}/items/${itemId}`).set(auth())).body.data;
    expect(imgSrcs(one.content)[0]).toMatch(/\/image\?src=/);
  });

  it('refuses SVG and anything that is not an image (415), and an image over the size cap (502)', async () => {
    expect((await app.http.get(links[1])).status).toBe(415);
    expect((await app.http.get(links[3])).status).toBe(415);
    expect((await app.http.get(links[2])).status).toBe(502);
  });

  it('is no open proxy: another address, another item or a forged signature is refused before any fetch', async () => {
    const before = feeds.requests.length;
    const other = new URL(links[0], app.url);
    other.searchParams.set('src', `${feeds.url}/pictures.xml`);
    expect((await app.http.get(other.pathname + other.search)).status).toBe(403);
    const forged = new URL(links[0], app.url);
    forged.searchParams.set('sig', 'A'.repeat(43));
    expect((await app.http.get(forged.pathname + forged.search)).status).toBe(403);
    const elsewhere = links[0].replace(itemId, 'nosuchitem0000000000000');
    expect((await app.http.get(elsewhere)).status).toBe(403);
    const expired = new URL(links[0], app.url);
    expired.searchParams.set('exp', '1000');
    expect((await app.http.get(expired.pathname + expired.search)).status).toBe(403);
    expect(feeds.requests.length).toBe(before);
  });

  it('stops serving a user who loses watch.read', async () => {
    const token = await adminWith(app, [actionUid(ACTIONS.watchRead)]);
    const item = (await app.http.get(`${api}/items/${itemId}`).set(bearer(token))).body.data;
    const link = imgSrcs(item.content)[0];
    expect((await app.http.get(link)).status).toBe(200);
    const me = (await app.http.get('/admin/users/me').set(bearer(token))).body.data;
    await app.strapi.db.query('admin::user').update({ where: { id: me.id }, data: { isActive: false } });
    expect((await app.http.get(link)).status).toBe(403);
  });
});
