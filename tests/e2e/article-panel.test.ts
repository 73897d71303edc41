import type { Browser, Page } from 'playwright-core';
import { bearer } from '../helpers/strapi';
import { serveApp, type ServedApp } from './helpers/app';
import { launchBrowser, screenshot, logIn, openInApp } from './helpers/browser';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon';
import { createAccount, publicationsOf, schedulePlan, tickAt } from '../helpers/publishing';

/**
 * An editor on an article's edit view, in a real Chromium: the "Social posts"
 * panel lists the article's posts, a share timeline adds drafts to it, "Plan a
 * post" opens the composer prefilled from the article, and a post that went
 * out links to its live post (one that failed says why). The settings page
 * shows the URL pattern with a live example, and saves a sign-in's Graph API
 * version.
 */
let app: ServedApp;
let browser: Browser;
let mastodon: FakeMastodon;
let page: Page;
let articleId: string;
const ARTICLE = 'api::article.article';
const nextYear = new Date().getUTCFullYear() + 1;

beforeAll(async () => {
  [app, browser, mastodon] = await Promise.all([serveApp(), launchBrowser(), startFakeMastodon()]);
  const auth = bearer(app.token);
  const accountId = (await app.http.post('/community-manager/accounts').set(auth).send({ network: 'sandbox', name: 'Acme demo feed' })).body
    .data.documentId;
  await app.http
    .put('/community-manager/settings')
    .set(auth)
    .send({ siteUrl: 'http://localhost:1337', contentTypes: [{ uid: ARTICLE, urlPattern: 'http://localhost:1337/blog/{slug}' }] })
    .expect(200);
  articleId = (
    await app.strapi
      .documents(ARTICLE)
      .create({ data: { title: 'Plan a month of social posts', slug: 'plan-a-month', excerpt: 'Three pillars and good habits.' } as never })
  ).documentId;
  await app.http
    .post('/community-manager/post-plans')
    .set(auth)
    .send({
      title: 'Launch post for the month plan',
      body: 'Read it',
      accountIds: [accountId],
      entry: { uid: ARTICLE, documentId: articleId },
      schedule: { local: `${nextYear}-03-10T09:00`, timezone: 'Europe/Paris' },
    })
    .expect(200);
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'en-US', timezoneId: 'Europe/Paris' });
  await logIn(page, app.url);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await mastodon?.stop();
});

const editView = (documentId: string) => `${app.url}/admin/content-manager/collection-types/${ARTICLE}/${documentId}`;
const panelList = () => page.getByRole('list', { name: 'Social posts' });

describe('the “Social posts” panel on an article', () => {
  it('lists the article’s posts with their status and date', async () => {
    await openInApp(page, app.url, editView(articleId));
    await panelList().getByRole('link', { name: 'Launch post for the month plan' }).waitFor();
    await panelList().getByText('Draft').waitFor();
    await panelList().getByText(`Mar 10, ${nextYear}`, { exact: false }).waitFor();
    await screenshot(page, 'panel-01-social-posts');
  });

  it('creates drafts from a share timeline and shows them in the panel', async () => {
    await page.getByRole('button', { name: 'Share timeline' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share timeline' });
    await dialog.waitFor();
    // Today at 09:00 may already be past: keep days 3 and 14.
    await dialog.getByRole('button', { name: 'Remove Today' }).click();
    await dialog.getByRole('button', { name: 'Remove Day 3' }).waitFor();
    // The zone starts as the editor's own (the browser's).
    expect(await dialog.getByRole('combobox', { name: /^Time zone/ }).inputValue()).toBe('Europe/Paris');
    await screenshot(page, 'panel-02-share-timeline');
    await dialog.getByRole('button', { name: 'Create 2 drafts' }).click();
    await page.getByText('2 drafts created, ready for review.').waitFor();
    await panelList().getByRole('link', { name: 'Plan a month of social posts (day 3)' }).waitFor();
    await panelList().getByRole('link', { name: 'Plan a month of social posts (day 14)' }).waitFor();
    expect(await panelList().getByRole('listitem').count()).toBe(3);
    await screenshot(page, 'panel-03-after-timeline');
  });

  it('“Plan a post” opens the composer over the article, prefilled from it, and the saved draft joins the panel', async () => {
    await page.getByRole('button', { name: 'Plan a post' }).click();
    const dialog = page.getByRole('dialog', { name: 'New post' });
    const title = dialog.getByRole('textbox', { name: /^Internal title/ });
    await title.waitFor();
    // Prefilled from the entry: its title, and a text made of the excerpt and the public URL from the pattern.
    expect(await title.inputValue()).toBe('Plan a month of social posts');
    const text = await dialog.getByLabel('Text', { exact: true }).inputValue();
    expect(text).toContain('Three pillars and good habits.');
    expect(text).toContain('http://localhost:1337/blog/plan-a-month');
    await dialog.getByRole('checkbox', { name: 'Acme demo feed' }).click();
    await screenshot(page, 'panel-03b-composer-modal');
    await dialog.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByText('Post saved').first().waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // Still on the article, and its list now holds the new draft beside the three others.
    expect(page.url()).toContain(`/content-manager/collection-types/${ARTICLE}/${articleId}`);
    await panelList().getByRole('link', { name: 'Plan a month of social posts', exact: true }).waitFor();
    expect(await panelList().getByRole('listitem').count()).toBe(4);
    const saved = await app.http
      .get('/community-manager/post-plans')
      .query({ entryUid: ARTICLE, entryDocumentId: articleId, pageSize: 50 })
      .set(bearer(app.token));
    const draft = saved.body.data.results.find((plan: { title: string }) => plan.title === 'Plan a month of social posts');
    expect(draft).toMatchObject({ status: 'draft', entry: { uid: ARTICLE, documentId: articleId } });
  });

  it('links a post that went out to its live post, and says why one failed', async () => {
    mastodon.tokens.set('panel-live-token', { id: '7', username: 'acme', displayName: 'Acme' });
    const mastoId = (
      await createAccount(app, {
        network: 'mastodon',
        name: 'Acme on Mastodon',
        instanceUrl: mastodon.url,
        accessToken: 'panel-live-token',
      })
    ).documentId;
    const entry = { entry: { uid: ARTICLE, documentId: articleId } };
    const live = await schedulePlan(app, [mastoId], {
      title: 'Month plan is live',
      body: 'The month plan is out',
      local: `${nextYear}-04-01T09:00`,
      more: entry,
    });
    await tickAt(app, Date.parse(live.scheduledAt) + 1);
    mastodon.fault = () => ({ kind: 'status', status: 422, body: { error: 'Validation failed: Text contains a blocked link' } });
    const refused = await schedulePlan(app, [mastoId], {
      title: 'Month plan, refused',
      body: 'The month plan, again',
      local: `${nextYear}-04-02T09:00`,
      more: entry,
    });
    await tickAt(app, Date.parse(refused.scheduledAt) + 1);
    mastodon.fault = null;
    const url = (await publicationsOf(app, live.documentId))[0].externalUrl;
    expect(url).toMatch(new RegExp(`^${mastodon.url}/@u7/\\d+$`));
    expect((await publicationsOf(app, refused.documentId))[0].state).toBe('failed');

    await page.goto(editView(articleId));
    const item = (title: string) =>
      panelList()
        .getByRole('listitem')
        .filter({ has: page.getByRole('link', { name: title, exact: true }) });
    const link = item('Month plan is live').getByRole('link', { name: 'View on Mastodon' });
    await link.waitFor();
    await expect(link.getAttribute('href')).resolves.toBe(url);
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    expect((await link.getAttribute('rel'))?.split(' ').sort()).toEqual(['noopener', 'noreferrer']);
    await item('Month plan, refused').getByText('Validation failed: Text contains a blocked link').waitFor();
    await expect(
      item('Month plan, refused')
        .getByRole('link', { name: /^View on/ })
        .count()
    ).resolves.toBe(0);
    // Drafts say nothing more than their status: only the two posts that went out or failed have lines per network.
    await expect(panelList().getByRole('list', { name: 'On the networks' }).count()).resolves.toBe(2);
    await screenshot(page, 'panel-03c-live-links');
  });

  it('asks to save a new article first', async () => {
    await openInApp(page, app.url, `/admin/content-manager/collection-types/${ARTICLE}/create`);
    await page.getByText('Save this entry to plan social posts about it.').waitFor();
    await screenshot(page, 'panel-04-new-entry');
  });
});

describe('the plugin’s settings page', () => {
  it('shows the article type with its URL pattern and a live example', async () => {
    await openInApp(page, app.url, '/admin/settings/community-manager');
    const pattern = page.getByRole('textbox', { name: 'Public URL pattern' });
    await pattern.waitFor();
    expect(await pattern.inputValue()).toBe('http://localhost:1337/blog/{slug}');
    await page.getByText('For example: http://localhost:1337/blog/my-first-article').waitFor();
    await pattern.fill('http://localhost:1337/{nope}');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('{nope} is not a field of Article').first().waitFor();
    await screenshot(page, 'panel-05-settings-error');
  });

  it('saves the Facebook app’s Graph API version, refusing one that is not a version', async () => {
    const field = page.locator('input[name="oauth-facebook-graphVersion"]');
    // The Facebook app's card: the innermost block holding both its version field and its own save button.
    const card = page
      .locator('div')
      .filter({ has: field })
      .filter({ has: page.getByRole('button', { name: 'Save this app' }) })
      .last();
    await field.fill('25');
    await card.getByRole('button', { name: 'Save this app' }).click();
    await card.getByText('An API version such as v24.0').waitFor();
    await field.fill('v25.0');
    await card.getByRole('button', { name: 'Save this app' }).click();
    await page.getByText('App saved.').first().waitFor();
    const apps = (await app.http.get('/community-manager/oauth/apps').set(bearer(app.token))).body.data as Array<{
      network: string;
      options: Record<string, { value: string | null; source: string | null }>;
    }>;
    expect(apps.find((a) => a.network === 'facebook')!.options.graphVersion).toMatchObject({ value: 'v25.0', source: 'settings' });
  });
});
