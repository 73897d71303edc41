import type { Browser, Page } from 'playwright-core';
import { serveApp, type ServedApp } from './helpers/app';
import { launchBrowser, screenshot, logIn, openInApp } from './helpers/browser';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon';
import { createAccount, publicationsOf, schedulePlan, tickAt } from '../helpers/publishing';

/**
 * The planner's calendar in Chromium: a post shows in the month view, is
 * dragged to another day (the API sees the new date), Undo puts it back, the
 * private subscription address serves the post as iCalendar, and a post that
 * went out links to its live post from the grid, the day's list and the composer.
 */
let app: ServedApp;
let browser: Browser;
let mastodon: FakeMastodon;
let page: Page;
let postId: string;
let accountId: string;
const pageErrors: string[] = [];

// A month that is wholly in the future, so every day is a valid drop target.
const now = new Date();
const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1));
const ym = `${month.getUTCFullYear()}-${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
const auth = () => ({ Authorization: `Bearer ${app.token}` });
const plugin = (path: string) => `${app.url}/admin/plugins/community-manager/${path}`;

beforeAll(async () => {
  [app, browser, mastodon] = await Promise.all([serveApp(), launchBrowser(), startFakeMastodon()]);
  const line = await app.http
    .post('/community-manager/editorial-lines')
    .set(auth())
    .send({
      name: 'Acme',
      pillars: [
        { name: 'Tutorials', targetShare: 60, color: '#328048' },
        { name: 'Community', targetShare: 40 },
      ],
      frequencyTargets: [{ network: 'sandbox', perWeek: 3 }],
    });
  // In the line: the summary lists a weekly target only for a network the line has an account on.
  accountId = (
    await app.http
      .post('/community-manager/accounts')
      .set(auth())
      .send({ network: 'sandbox', name: 'Acme sandbox', editorialLineId: line.body.data.documentId })
  ).body.data.documentId;
  const article = await app.strapi
    .documents('api::article.article')
    .create({ data: { title: 'How we ship', slug: 'how-we-ship' } as never });
  postId = (
    await app.http
      .post('/community-manager/post-plans')
      .set(auth())
      .send({
        title: 'Release notes',
        body: 'Our release notes are out',
        accountIds: [accountId],
        pillar: 'Tutorials',
        schedule: { local: `${ym}-10T09:00`, timezone: 'Europe/Paris' },
        entry: { uid: 'api::article.article', documentId: article.documentId },
      })
  ).body.data.documentId;
  await app.http
    .post('/community-manager/post-plans')
    .set(auth())
    .send({
      title: 'Meetup photos',
      body: 'Photos from the meetup',
      accountIds: [accountId],
      pillar: 'Community',
      schedule: { local: `${ym}-14T18:30`, timezone: 'Europe/Paris' },
    });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1100 }, locale: 'en-US', timezoneId: 'Europe/Paris' });
  page = await context.newPage();
  // A script error in the page fails the story that met it, with the message.
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await logIn(page, app.url);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await mastodon?.stop();
});

/** Waits until the API answers `expected`, for at most 10 s: the drop's request is on its way when the notice shows. */
async function eventually<T>(read: () => Promise<T>, expected: T) {
  let last: T | undefined;
  for (const started = Date.now(); Date.now() - started < 10_000; await new Promise((r) => setTimeout(r, 200))) {
    last = await read();
    if (last === expected) return;
  }
  expect(last).toBe(expected);
}

const planOf = async () => (await app.http.get(`/community-manager/post-plans/${postId}`).set(auth())).body.data;

/** Drags with real mouse events, in small steps, as FullCalendar's interaction plugin expects from a person. */
async function drag(
  from: { x: number; y: number; width: number; height: number },
  to: { x: number; y: number; width: number; height: number }
) {
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 5, from.y + from.height / 2 + 5, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 20 });
  await page.mouse.up();
}

describe('the calendar', () => {
  it('shows the month with its posts, the editor’s zone, the article link and the period’s summary', async () => {
    await openInApp(page, app.url, plugin(`calendar?date=${ym}-01`));
    await page
      .getByText('Times are shown in your time zone, Europe/Paris.')
      .waitFor()
      .catch(async (error) => {
        await screenshot(page, 'calendar-00-failed');
        throw new Error(`${error.message}\npage errors: ${pageErrors.join(' | ')}`);
      });
    const event = page.locator('.fc-event', { hasText: 'Release notes' });
    await event.waitFor();
    await expect(page.locator(`td[data-date="${ym}-10"] .fc-event`, { hasText: 'Release notes' }).count()).resolves.toBe(1);
    await expect(event.getByTestId('event-entry-link').getAttribute('href')).resolves.toMatch(
      /\/admin\/content-manager\/collection-types\/api::article\.article\//
    );
    await expect(event.innerText()).resolves.toContain('How we ship');
    // Its state as a named glyph, and its pillar's colour (the line gives Tutorials #328048).
    await expect(event.getByRole('img', { name: 'Draft' }).count()).resolves.toBe(1);
    await expect(event.evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.toBe('rgb(50, 128, 72)');
    const summary = page.getByTestId('calendar-summary');
    await summary.getByText('Pillar mix against Acme').waitFor();
    await summary.getByText('Tutorials: 1 post, 50% (target 60%)').waitFor();
    await expect(summary.getByText(/of 3 Sandbox posts/).count()).resolves.toBeGreaterThan(0);
    await page.getByTestId(`plan-${ym}-20`).waitFor();
    // A day with a post does not invite another one, and shows its number once.
    await expect(page.getByTestId(`plan-${ym}-10`).count()).resolves.toBe(0);
    await expect(page.locator(`td[data-date="${ym}-10"] .fc-daygrid-day-number`).innerText()).resolves.toBe('10');
    expect(pageErrors).toEqual([]);
    await screenshot(page, 'calendar-01-month');
  });

  it('moves a post to another day by drag and drop, and Undo puts it back', async () => {
    const event = page.locator(`td[data-date="${ym}-10"] .fc-event`, { hasText: 'Release notes' });
    const target = page.locator(`td[data-date="${ym}-12"] .fc-daygrid-day-frame`);
    await drag((await event.boundingBox())!, (await target.boundingBox())!);
    await page.getByText('Post moved').waitFor();
    await eventually(async () => (await planOf()).localTime, `${ym}-12T09:00`);
    const moved = await planOf();
    expect(moved.timezone).toBe('Europe/Paris');
    expect(moved.trail.at(-1)).toMatchObject({ event: 'rescheduled' });
    await page.locator(`td[data-date="${ym}-12"] .fc-event`, { hasText: 'Release notes' }).waitFor();
    await screenshot(page, 'calendar-02-moved-with-undo');

    await page.getByTestId('undo-move').click();
    await eventually(async () => (await planOf()).localTime, `${ym}-10T09:00`);
    await page.locator(`td[data-date="${ym}-10"] .fc-event`, { hasText: 'Release notes' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('invites to plan a post on an empty day, at 09:00 that day', async () => {
    const day = page.locator(`td[data-date="${ym}-20"]`);
    await day.hover();
    await Promise.all([page.waitForURL(new RegExp(`/posts/new\\?local=${ym}-20T09(%3A|:)00`)), page.getByTestId(`plan-${ym}-20`).click()]);
    await page.goto(plugin(`calendar?date=${ym}-01`));
    await page.locator('.fc-event', { hasText: 'Release notes' }).waitFor();
  });

  it('puts a post back and shows the server’s reason when it refuses the move', async () => {
    // The post goes out while the page is open (the publisher marks it; the test writes it as it would): the grid still offers the drag.
    await app.strapi.db
      .query('plugin::community-manager.post-plan')
      .update({ where: { documentId: postId }, data: { status: 'published' } });
    const event = page.locator(`td[data-date="${ym}-10"] .fc-event`, { hasText: 'Release notes' });
    await drag((await event.boundingBox())!, (await page.locator(`td[data-date="${ym}-13"] .fc-daygrid-day-frame`).boundingBox())!);
    await page.getByText(/went out on the networks: it cannot be edited/).waitFor();
    await page.locator(`td[data-date="${ym}-10"] .fc-event`, { hasText: 'Release notes' }).waitFor();
    expect((await planOf()).localTime).toBe(`${ym}-10T09:00`);
    await screenshot(page, 'calendar-04-refused');
    // Once the grid knows, a published post is not draggable at all.
    await page.reload();
    const published = page.locator(`td[data-date="${ym}-10"] .fc-event`, { hasText: 'Release notes' });
    await expect(published.getAttribute('class')).resolves.toContain('cm-locked');
    // A published post and a draft differ by their glyph, not by colour alone.
    const draft = page.locator('.fc-event', { hasText: 'Meetup photos' });
    await expect(published.getByRole('img', { name: 'Published' }).count()).resolves.toBe(1);
    await expect(draft.getByRole('img', { name: 'Draft' }).count()).resolves.toBe(1);
    expect(await published.getByTestId('event-status').innerText()).not.toBe(await draft.getByTestId('event-status').innerText());
    await screenshot(page, 'calendar-04b-published-and-draft');
    await app.strapi.db.query('plugin::community-manager.post-plan').update({ where: { documentId: postId }, data: { status: 'draft' } });
  });

  it('filters by pillar through the address, and colours by network on demand', async () => {
    await page.goto(plugin(`calendar?date=${ym}-01&pillars=Community&colorBy=network`));
    await page.locator('.fc-event', { hasText: 'Meetup photos' }).waitFor();
    await expect(page.locator('.fc-event', { hasText: 'Release notes' }).count()).resolves.toBe(0);
    await page.getByTestId('calendar-legend').getByText('Sandbox').waitFor();
    // Coloured by network in the month view too: the legend's Sandbox colour.
    const swatch = await page
      .getByTestId('calendar-legend')
      .locator('li', { hasText: 'Sandbox' })
      .locator('div')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    await expect(
      page.locator('.fc-event', { hasText: 'Meetup photos' }).evaluate((el) => getComputedStyle(el).backgroundColor)
    ).resolves.toBe(swatch);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.locator('.fc-event', { hasText: 'Release notes' }).waitFor();
    expect(new URL(page.url()).searchParams.get('pillars')).toBeNull();
  });

  it('gives a private subscription address that serves the post as iCalendar', async () => {
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByText('You have no calendar address yet.').waitFor();
    await page.getByRole('button', { name: 'Create my address' }).click();
    const url = await page.getByTestId('feed-url').inputValue();
    expect(url).toMatch(/\/api\/community-manager\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await screenshot(page, 'calendar-03-subscribe');
    const ics = await app.http.get(new URL(url).pathname);
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    const text = ics.text.replace(/\r\n /g, '');
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text).toContain(`UID:post-plan-${postId}@community-manager`);
    expect(text).toContain('SUMMARY:[Draft] Release notes (Sandbox)');
    expect(text).toContain(`DTSTART:${ym.replace('-', '')}10T`);
    await page.getByRole('button', { name: 'Close' }).first().click();
  });

  it('draws a busy day’s first three posts and "+3 more", which lists the whole day and opens a post', async () => {
    const busy = Array.from({ length: 6 }, (_, i) => `Busy ${i + 1}`);
    for (const [i, title] of busy.entries()) {
      const res = await app.http
        .post('/community-manager/post-plans')
        .set(auth())
        .send({
          title,
          body: `${title} body`,
          accountIds: [accountId],
          schedule: { local: `${ym}-24T${String(8 + i).padStart(2, '0')}:00`, timezone: 'Europe/Paris' },
        });
      expect(res.status).toBe(200);
    }
    await page.goto(plugin(`calendar?date=${ym}-01`));
    const cell = page.locator(`td[data-date="${ym}-24"]`);
    await cell.getByTestId(`more-${ym}-24`).waitFor();
    await expect(cell.locator('.fc-event').allInnerTexts()).resolves.toEqual([
      expect.stringContaining('Busy 1'),
      expect.stringContaining('Busy 2'),
      expect.stringContaining('Busy 3'),
      '+3 more',
    ]);
    await cell.getByTestId(`more-${ym}-24`).click();
    const list = page.getByTestId('day-posts');
    await list.waitFor();
    for (const title of busy) await list.getByRole('button', { name: title, exact: true }).waitFor();
    await screenshot(page, 'calendar-05-day-more');
    await Promise.all([
      page.waitForURL(/\/community-manager\/posts\/[a-z0-9]+$/),
      list.getByRole('button', { name: 'Busy 5', exact: true }).click(),
    ]);
  });

  it('links a post that went out to its live post: in the grid (by keyboard too, without opening the post), the day’s list and the composer', async () => {
    mastodon.tokens.set('calendar-live-token', { id: '7', username: 'acme', displayName: 'Acme' });
    const mastoId = (
      await createAccount(app, {
        network: 'mastodon',
        name: 'Acme on Mastodon',
        instanceUrl: mastodon.url,
        accessToken: 'calendar-live-token',
      })
    ).documentId;
    // Early on the busy 24th: first in its cell, and in the day's list.
    const plan = await schedulePlan(app, [mastoId, accountId], {
      title: 'Live on Mastodon',
      body: 'Our release is live',
      local: `${ym}-24T07:00`,
      timezone: 'Europe/Paris',
    });
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    const rows = await publicationsOf(app, plan.documentId);
    const url = rows.find((r) => r.account.name === 'Acme on Mastodon')?.externalUrl;
    expect(url).toMatch(new RegExp(`^${mastodon.url}/@u7/\\d+$`));
    expect(rows.map((r) => r.state)).toEqual(['published', 'published']);

    await page.goto(plugin(`calendar?date=${ym}-01`));
    const event = page.locator(`td[data-date="${ym}-24"] .fc-event`, { hasText: 'Live on Mastodon' });
    const live = event.getByRole('link', { name: 'View the live post on Mastodon (Acme on Mastodon)' });
    await live.waitFor();
    await expect(live.getAttribute('href')).resolves.toBe(url);
    await expect(live.getAttribute('target')).resolves.toBe('_blank');
    await expect(live.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    // The sandbox keeps its posts to itself: one link, not two.
    await expect(event.getByTestId('event-live-link').count()).resolves.toBe(1);
    await screenshot(page, 'calendar-06-live-link');

    // Enter on the link opens the live post in a new tab and leaves the calendar where it was.
    const calendarUrl = page.url();
    await live.focus();
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('Enter')]);
    await tab.waitForURL(url!);
    await tab.close();
    expect(page.url()).toBe(calendarUrl);
    expect(pageErrors).toEqual([]);

    await page.getByTestId(`more-${ym}-24`).click();
    const row = page.getByTestId('day-posts').getByTestId('day-post').filter({ hasText: 'Live on Mastodon' });
    const dayLink = row.getByRole('link', { name: 'View on Mastodon (Acme on Mastodon)' });
    await dayLink.waitFor();
    await expect(dayLink.getAttribute('href')).resolves.toBe(url);
    await expect(
      page
        .getByTestId('day-posts')
        .getByRole('link', { name: /^View on/ })
        .count()
    ).resolves.toBe(1);

    await Promise.all([
      page.waitForURL(new RegExp(`/posts/${plan.documentId}$`)),
      row.getByRole('button', { name: 'Live on Mastodon', exact: true }).click(),
    ]);
    const card = page.getByTestId('composer-live-posts');
    const composerLink = card.getByRole('link', { name: 'View on Mastodon' });
    await composerLink.waitFor();
    await expect(composerLink.getAttribute('href')).resolves.toBe(url);
    await expect(composerLink.getAttribute('target')).resolves.toBe('_blank');
    expect((await composerLink.getAttribute('rel'))?.split(' ').sort()).toEqual(['noopener', 'noreferrer']);
    const lines = card.getByTestId('live-post');
    await expect(lines.count()).resolves.toBe(2);
    await lines.filter({ hasText: 'Acme sandbox' }).getByText('Published').waitFor();
    await expect(lines.filter({ hasText: 'Acme sandbox' }).getByRole('link').count()).resolves.toBe(0);
    await screenshot(page, 'calendar-07-composer-live-posts');
  });

  it('in French, keeps the day numbers in line and says a moved post’s time as the grid shows it', async () => {
    // Planned in UTC, seen from Paris: the grid and the banner must both say Paris time.
    const res = await app.http
      .post('/community-manager/post-plans')
      .set(auth())
      .send({ title: 'Zoned post', body: 'Zoned', accountIds: [accountId], schedule: { local: `${ym}-17T09:00`, timezone: 'UTC' } });
    expect(res.status).toBe(200);
    await page.evaluate(() => localStorage.setItem('strapi-admin-language', 'fr'));
    await page.goto(plugin(`calendar?date=${ym}-01`));
    const event = page.locator(`td[data-date="${ym}-17"] .fc-event`, { hasText: 'Zoned post' });
    await event.waitFor();
    // Every week row's day numbers at one height, whether the day invites a post or not.
    const tops = await page
      .locator('.fc-daygrid-body tr')
      .evaluateAll((rows) =>
        rows.map((row) =>
          [...row.querySelectorAll('.fc-daygrid-day-number span:last-child')].map((n) => Math.round(n.getBoundingClientRect().top))
        )
      );
    for (const row of tops) expect(new Set(row).size).toBe(1);
    const gridTime = (await event.locator('b').innerText()).trim();
    await drag((await event.boundingBox())!, (await page.locator(`td[data-date="${ym}-18"] .fc-daygrid-day-frame`).boundingBox())!);
    const banner = page.getByTestId('moved-body');
    await banner.waitFor();
    await expect(banner.innerText()).resolves.toContain(`${gridTime} (Europe/Paris)`);
    await screenshot(page, 'calendar-08-moved-fr');
    await page.evaluate(() => localStorage.removeItem('strapi-admin-language'));
    expect(pageErrors).toEqual([]);
  });
});
