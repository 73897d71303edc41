import type { Browser, Page } from 'playwright-core';
import { serveApp, type ServedApp } from './helpers/app';
import { launchBrowser, screenshot, logIn, openInApp } from './helpers/browser';
import { XSS_PAYLOADS, startFeedServer, type FeedServer } from '../fakes/feeds';

/**
 * The watch in a real Chromium: add a feed by its site's address, read an
 * item, curate it into a post draft; then a feed full of XSS payloads is read
 * item by item with a `window.__xss` trap that must stay untouched.
 */
let app: ServedApp;
let browser: Browser;
let page: Page;
let feeds: FeedServer;
const auth = () => ({ Authorization: `Bearer ${app.token}` });

beforeAll(async () => {
  feeds = await startFeedServer();
  [app, browser] = await Promise.all([serveApp({ CM_WATCH_ENABLED: 'false' }), launchBrowser()]);
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
  // Any script a payload manages to run writes window.__xss; the setter records it even if the page resets the value.
  await page.addInitScript(() => {
    const w = window as unknown as { __xssHits: unknown[] };
    w.__xssHits = [];
    Object.defineProperty(window, '__xss', { configurable: false, set: (value: unknown) => w.__xssHits.push(value), get: () => undefined });
  });
  page.on('dialog', (dialog) => void dialog.dismiss());
  await logIn(page, app.url);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await feeds?.stop();
});

const plugin = (path: string) => `${app.url}/admin/plugins/community-manager/${path}`;

describe('a community manager follows a site and shares what it found', () => {
  it('adds a source by the site’s address: finds its feeds, previews one, adds it', async () => {
    await openInApp(page, app.url, plugin('watch/sources'));
    await page.getByRole('button', { name: 'Add a source' }).first().click();
    // An intranet address is refused before it is saved, and the form says how an administrator allows it.
    await page.getByRole('textbox', { name: /^Feed or site address/ }).fill('http://10.0.0.1/feed.xml');
    await page.getByRole('button', { name: 'Add the source' }).click();
    await page
      .getByText(/10\.0\.0\.1 resolves to a private or reserved address.*adds 10\.0\.0\.1 to CM_OUTBOUND_ALLOWED_HOSTS/)
      .first()
      .waitFor();
    expect((await app.http.get('/community-manager/watch/sources').set(auth())).body.data).toEqual([]);
    await page.getByRole('textbox', { name: /^Feed or site address/ }).fill(`${feeds.url}/site`);
    await page.getByRole('button', { name: 'Find feeds' }).click();
    await page.getByRole('radio', { name: /Site RSS/ }).click();
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    await page.getByTestId('watch-preview').getByText('AI in the newsroom').waitFor();
    await screenshot(page, 'watch-01-add-source-preview');
    await page.getByRole('button', { name: 'Add the source' }).click();
    await page.getByText(/was added with 2 items/).waitFor();
    await page.locator('table').getByText('Site RSS', { exact: true }).waitFor();
    await screenshot(page, 'watch-02-sources');
  });

  it('reads an item in the reader pane and curates it into a post draft', async () => {
    await openInApp(page, app.url, plugin('watch'));
    await page.getByTestId('watch-sources-rail').getByText('Site RSS').waitFor();
    await page.getByRole('button', { name: 'AI in the newsroom' }).click();
    const reader = page.getByTestId('watch-reader');
    await reader.getByRole('heading', { name: 'AI in the newsroom' }).waitFor();
    await reader.getByTestId('watch-content').getByText('helps editors').waitFor();
    await page.getByRole('button', { name: 'Curate into a post' }).click();
    const draftLink = reader.getByRole('link', { name: 'Open the post draft' });
    await draftLink.waitFor();
    await screenshot(page, 'watch-03-curated');
    const plans = (await app.http.get('/community-manager/post-plans').set(auth())).body.data.results as Array<{
      documentId: string;
      title: string;
      body: string;
      status: string;
    }>;
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ title: 'AI in the newsroom', status: 'draft' });
    expect(plans[0].body).toContain('https://site.example/ai');
    expect(await draftLink.getAttribute('href')).toMatch(new RegExp(`/plugins/community-manager/posts/${plans[0].documentId}$`));
  });
});

describe('hostile feed content in the reader', () => {
  it('renders every XSS payload of the corpus without running any of it', async () => {
    const source = await app.http
      .post('/community-manager/watch/sources')
      .set(auth())
      .send({ url: `${feeds.url}/xss.xml`, name: 'Hostile feed' });
    const outcome = await app.http.post(`/community-manager/watch/sources/${source.body.data.documentId}/fetch`).set(auth()).send({});
    expect(outcome.body.data.created).toBe(XSS_PAYLOADS.length);

    await page.goto(plugin('watch'));
    await page.getByTestId('watch-sources-rail').getByText('Hostile feed').click();
    const titles = page.getByTestId('watch-items').getByRole('button', { name: /^XSS \d+/ });
    await titles.first().waitFor();
    expect(await titles.count()).toBe(XSS_PAYLOADS.length);
    for (let i = 0; i < XSS_PAYLOADS.length; i++) {
      await page
        .getByTestId('watch-items')
        .getByRole('button', { name: new RegExp(`^XSS ${i}\\b`) })
        .click();
      await page.getByTestId('watch-reader').getByText(`Payload ${i}`).waitFor();
      // Give an onerror / onload / ontoggle handler its chance to fire.
      await page.waitForTimeout(150);
    }
    await screenshot(page, 'watch-04-xss-corpus');
    const state = await page.evaluate(() => ({
      hits: (window as unknown as { __xssHits: unknown[] }).__xssHits,
      scripts: document.querySelectorAll(
        '[data-testid="watch-content"] script, [data-testid="watch-content"] iframe, [data-testid="watch-content"] svg'
      ).length,
      handlers: [...document.querySelectorAll('[data-testid="watch-content"] *')].filter((el) =>
        [...el.attributes].some((a) => a.name.startsWith('on'))
      ).length,
    }));
    expect(state).toEqual({ hits: [], scripts: 0, handlers: 0 });
  });

  it('the trap itself works: a script that does run is caught', async () => {
    await page.evaluate(() => ((window as unknown as { __xss: number }).__xss = 99));
    expect(await page.evaluate(() => (window as unknown as { __xssHits: unknown[] }).__xssHits)).toEqual([99]);
  });
});

describe('a failing source, in French', () => {
  it('says why in the reader’s language: the server sends a code and its facts, not a sentence', async () => {
    const source = await app.http
      .post('/community-manager/watch/sources')
      .set(auth())
      .send({ url: `${feeds.url}/not-found.xml`, name: 'Missing feed' });
    const outcome = await app.http.post(`/community-manager/watch/sources/${source.body.data.documentId}/fetch`).set(auth()).send({});
    expect(outcome.body.data).toMatchObject({ status: 'failed', error: { messageId: 'feed_http_error', params: { status: 404 } } });

    await page.evaluate(() => localStorage.setItem('strapi-admin-language', 'fr'));
    try {
      await page.goto(plugin('watch/sources'));
      const row = page.locator('tr', { hasText: 'Missing feed' });
      await row.getByTestId('watch-source-error').getByText('Le serveur a répondu HTTP 404 (1 échec d’affilée)').first().waitFor();
      await screenshot(page, 'watch-05-failing-source-fr');
    } finally {
      await page.evaluate(() => localStorage.removeItem('strapi-admin-language'));
    }
  });
});
