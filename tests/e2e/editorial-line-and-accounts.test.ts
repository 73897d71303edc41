import type { Browser, Page } from 'playwright-core';
import { serveApp, type ServedApp } from './helpers/app';
import { launchBrowser, logIn, openInApp, screenshot } from './helpers/browser';

/**
 * A community manager's first visit, in a real Chromium against the built
 * admin: log in, write the brand's editorial line with its pillars, add a
 * sandbox account, check its connection, and watch the linter flag a banned word.
 */
let app: ServedApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([serveApp(), launchBrowser()]);
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const plugin = (path: string) => `${app.url}/admin/plugins/community-manager/${path}`;

describe('a community manager sets up a brand in the admin', () => {
  it('logs in and finds the Community section with its eight sections', async () => {
    await logIn(page, app.url);
    await page.getByRole('link', { name: 'Community' }).first().click();
    for (const section of ['Calendar', 'Posts', 'Publishing', 'Moderation', 'Watch', 'Reports', 'Editorial line', 'Accounts']) {
      await page.getByRole('link', { name: section, exact: true }).waitFor();
    }
    // Every section is built now: Moderation opens the inbox and Reports its dashboard, each with its heading.
    await page.getByRole('link', { name: 'Moderation', exact: true }).click();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
  });

  it('creates an editorial line with pillars and banned words', async () => {
    await openInApp(page, app.url, plugin('editorial-line'));
    await page
      .getByRole('button', { name: 'Create your first editorial line' })
      .or(page.getByRole('link', { name: 'Create your first editorial line' }))
      .click();
    // Required fields carry a hidden "*" in their accessible name.
    await page.getByRole('textbox', { name: /^Name/ }).fill('Acme Studio');
    await page.getByLabel('Tone', { exact: true }).fill('Warm and precise');

    await page.getByRole('button', { name: 'Add a pillar' }).click();
    await page
      .getByRole('textbox', { name: /^Pillar name/ })
      .nth(0)
      .fill('Tutorials');
    await page
      .getByLabel(/^Target share/)
      .nth(0)
      .fill('60');
    await page.getByRole('button', { name: 'Add a pillar' }).click();
    await page
      .getByRole('textbox', { name: /^Pillar name/ })
      .nth(1)
      .fill('Community');
    await page
      .getByLabel(/^Target share/)
      .nth(1)
      .fill('50');
    await page.getByText('more than 100%').first().waitFor();
    await screenshot(page, '02-pillars-over-100');
    await page
      .getByLabel(/^Target share/)
      .nth(1)
      .fill('40');
    await page.getByText('Total of the target shares: 100% of 100%').waitFor();

    const banned = page.getByLabel('Banned words');
    await banned.fill('cheap');
    await banned.press('Enter');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Editorial line saved.').waitFor();
    await screenshot(page, '03-editorial-line-saved');

    const res = await app.http.get('/community-manager/editorial-lines').set({ Authorization: `Bearer ${app.token}` });
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0]).toMatchObject({
      name: 'Acme Studio',
      tone: 'Warm and precise',
      pillars: [
        { name: 'Tutorials', targetShare: 60 },
        { name: 'Community', targetShare: 40 },
      ],
      bannedWords: ['cheap'],
    });
  });

  it('sees the linter flag a banned word as the post is typed', async () => {
    await page.getByLabel('Sample post').fill('Our CHEAP plans are back!');
    await page.getByText('Banned word “cheap” used 1 time').waitFor();
    await screenshot(page, '04-linter-banned-word');
  });

  it('adds a sandbox account and checks its connection', async () => {
    await openInApp(page, app.url, plugin('accounts'));
    await page.getByRole('button', { name: 'Add your first account' }).click();
    await page.getByRole('dialog').getByRole('radio', { name: 'Sandbox' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: /^Name/ }).fill('Training ground');
    await page.getByRole('button', { name: 'Add and check the connection' }).click();
    await page.getByRole('row', { name: /Training ground/ }).waitFor();
    await page
      .getByRole('row', { name: /Training ground/ })
      .getByText('Connected')
      .waitFor();
    await page.getByRole('button', { name: 'Check the connection of Training ground' }).click();
    await page.getByText('Training ground is connected.').first().waitFor();
    await screenshot(page, '05-accounts');
  });
});
