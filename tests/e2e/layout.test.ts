import type { Browser, Page } from 'playwright-core';
import { serveApp, type ServedApp } from './helpers/app';
import { launchBrowser, logIn, openInApp, screenshot } from './helpers/browser';
import { rss, startFeedServer, type FeedServer } from '../fakes/feeds';
import { schedulePlan } from '../helpers/publishing';

/**
 * Issue 14, item 4: one long title, account or source name pushed a table's
 * status and action columns off-screen. Every plugin page, seeded with names
 * and titles as long as each field takes (200 characters for titles and
 * sources, 120 for lines and accounts, 80 for pillars), half words and half
 * one unbreakable run: at 1280 px (and 1920 px) no element's right edge passes
 * the viewport and every button is whole inside the viewport and inside every
 * box that clips it (a table's sideways scroller hid the action buttons).
 */
let app: ServedApp;
let browser: Browser;
let page: Page;
let feeds: FeedServer;
const auth = () => ({ Authorization: `Bearer ${app.token}` });

/** `length` characters: a few words, then one run no line can break (a URL, a German compound). */
const long = (label: string, length: number) =>
  `${label} with a rather long name that goes on `.concat('Donaudampfschifffahrtsgesellschaft'.repeat(10)).slice(0, length);

async function post<T = { documentId: string }>(path: string, body: object): Promise<T> {
  const res = await app.http.post(`/community-manager${path}`).set(auth()).send(body);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as T;
}

const pages: Array<[name: string, path: string]> = [];

beforeAll(async () => {
  [app, browser, feeds] = await Promise.all([
    serveApp({ CM_WATCH_ENABLED: 'false', CM_SCHEDULER_ENABLED: 'false' }),
    launchBrowser(),
    startFeedServer(),
  ]);
  const line = await post('/editorial-lines', {
    name: long('Line', 120),
    description: long('Description', 500),
    pillars: [1, 2, 3].map((i) => ({ name: long(`Pillar ${i}`, 80), targetShare: 30 })),
  });
  const accounts = await Promise.all(
    [1, 2].map((i) => post('/accounts', { network: 'sandbox', name: long(`Account ${i}`, 120), editorialLineId: line.documentId }))
  );
  const ids = accounts.map((a) => a.documentId);
  const draft = await post('/post-plans', {
    title: long('Draft', 200),
    body: long('Body', 480),
    accountIds: ids,
    pillar: long('Pillar 1', 80),
    campaign: long('Campaign', 120),
  });
  await schedulePlan(app, ids, { title: long('Scheduled', 200), body: long('Body', 480), more: { pillar: long('Pillar 2', 80) } });
  feeds.set('/long.xml', (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'application/rss+xml' })
      .end(rss([{ title: long('Item', 200), link: `https://news.example/${'a'.repeat(180)}` }], long('Feed', 200)))
  );
  const source = await post('/watch/sources', { url: `${feeds.url}/long.xml?${'q'.repeat(150)}`, name: long('Source', 200) });
  await post(`/watch/sources/${source.documentId}/fetch`, {});
  // A source whose every fetch fails shows its error in the status column.
  const failing = await post('/watch/sources', { url: `${feeds.url}/missing-${'m'.repeat(150)}.xml`, name: long('Failing', 200) });
  await post(`/watch/sources/${failing.documentId}/fetch`, {});

  const plugin = (path: string) => `/admin/plugins/community-manager/${path}`;
  pages.push(
    ['calendar', plugin('calendar')],
    ['calendar-list', plugin('calendar?view=listMonth')],
    ['posts', plugin('posts')],
    ['composer', plugin(`posts/${draft.documentId}`)],
    ['publishing', plugin('publishing')],
    ['watch', plugin('watch')],
    ['watch-sources', plugin('watch/sources')],
    ['editorial-lines', plugin('editorial-line')],
    ['editorial-line', plugin(`editorial-line/${line.documentId}`)],
    ['accounts', plugin('accounts')],
    ['settings', '/admin/settings/community-manager']
  );
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  await logIn(page, app.url);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await feeds?.stop();
});

/** What passes the right edge of the viewport, and which buttons are cut (off-screen or clipped by a scroller). */
const overflowing = (p: Page) =>
  p.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const shown = (el: Element) => {
      const rect = el.getBoundingClientRect();
      return rect.width > 0 && rect.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const past = [...document.body.querySelectorAll('*')]
      .filter((el) => shown(el) && el.getBoundingClientRect().right > width + 1)
      .map((el) => `${describe(el)} ends at ${Math.round(el.getBoundingClientRect().right)} px`);
    const cut: string[] = [];
    for (const button of document.querySelectorAll('main button, main [role="button"], main a[href]')) {
      if (!shown(button)) continue;
      const rect = button.getBoundingClientRect();
      if (rect.left < -1 || rect.right > width + 1) cut.push(`${describe(button)} is off-screen`);
      for (let box = button.parentElement; box && box !== document.body; box = box.parentElement) {
        if (getComputedStyle(box).overflowX === 'visible') continue;
        const frame = box.getBoundingClientRect();
        if (rect.left < frame.left - 1 || rect.right > frame.right + 1) {
          cut.push(`${describe(button)} is clipped by ${describe(box)}`);
          break;
        }
      }
    }
    return { past: past.slice(0, 10), cut: cut.slice(0, 10), scrollWidth: document.documentElement.scrollWidth, width };
  });

describe('long names and titles never push anything off-screen', () => {
  it.each([1280, 1920])('at %i px, on every plugin page', async (width) => {
    await page.setViewportSize({ width, height: 900 });
    const problems: string[] = [];
    for (const [name, path] of pages) {
      // The router's navigation, not a new load of the admin per page (helpers/browser.ts: about 4 CPU-s each).
      await openInApp(page, app.url, path);
      await page.locator('h1').first().waitFor();
      // The page's data in (a page that polls never goes idle: then after 5 s), then its layout settled.
      await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
      await page.waitForTimeout(300);
      const found = await overflowing(page);
      if (found.past.length || found.cut.length || found.scrollWidth > found.width) {
        problems.push(`${name} (${width} px, page ${found.scrollWidth} px wide):\n  ${[...found.past, ...found.cut].join('\n  ')}`);
      }
      if (width === 1280) await screenshot(page, `layout-${name}`);
    }
    expect(problems).toEqual([]);
  });
});
