import type { Browser, Page } from 'playwright-core';
import { serveApp, type ServedApp } from './helpers/app';
import { launchBrowser, logIn, openInApp, screenshot } from './helpers/browser';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { createAccount, publicationsOf, schedulePlan, tickAt } from '../helpers/publishing';
import { bearer } from '../helpers/strapi';

/**
 * The Publishing page in a real Chromium: a post the network refused shows in
 * "Needs you" with the network's words; a person retries it and it goes out;
 * pausing all publishing says so on the page.
 */
let app: ServedApp;
let browser: Browser;
let page: Page;
let hook: WebhookReceiver;
let planId: string;
let accountId: string;

beforeAll(async () => {
  [app, browser, hook] = await Promise.all([serveApp({ CM_SCHEDULER_ENABLED: 'false' }), launchBrowser(), startWebhookReceiver()]);
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
  const account = await createAccount(app, { network: 'webhook', name: 'Team chat', url: `${hook.url}/hook`, flavor: 'slack' });
  accountId = account.documentId;
  hook.status = 422;
  const plan = await schedulePlan(app, [account.documentId], { title: 'Spring launch', body: 'Our spring launch is here' });
  planId = plan.documentId;
  await tickAt(app, Date.parse(plan.scheduledAt) + 1);
  await schedulePlan(app, [account.documentId], {
    title: 'Next one',
    body: 'Coming soon',
    local: `${new Date().getUTCFullYear() + 1}-06-11T09:00`,
  });
  hook.status = 200;
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await hook?.stop();
});

describe('the publishing page', () => {
  it('shows a refused post under "Needs you" with the network’s reason, and a retry sends it', async () => {
    await logIn(page, app.url);
    await openInApp(page, app.url, '/admin/plugins/community-manager/publishing');
    const needs = page.getByTestId('needs-person');
    await needs.getByText('Spring launch').waitFor();
    await needs.getByText(/refused the post \(422\)/).waitFor();
    await needs.getByText('Failed').waitFor();
    // The navigation counts what waits for a person.
    await page.getByRole('link', { name: /^Publishing.*1/ }).waitFor();
    await screenshot(page, '06-publishing-needs-you');

    await needs.getByRole('button', { name: 'Retry' }).click();
    await page.getByText('Nothing needs you: every post went out or is on its way.').waitFor();
    await tickAt(app, Date.now() + 10);
    expect((await publicationsOf(app, planId))[0].state).toBe('published');
  });

  it('pauses all publishing and says so', async () => {
    await page.getByRole('button', { name: 'Pause all publishing' }).click();
    await page.getByText('Publishing is paused', { exact: true }).waitFor();
    await screenshot(page, '07-publishing-paused');
    await page.getByRole('button', { name: 'Resume publishing' }).click();
    await page.getByRole('button', { name: 'Pause all publishing' }).waitFor();
  });

  it('lists what went out under Sent, with its live link', async () => {
    // A post the network refused, then marked published by hand with its address.
    hook.status = 422;
    const plan = await schedulePlan(app, [accountId], { title: 'Summer sale', local: `${new Date().getUTCFullYear() + 1}-07-14T09:00` });
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    hook.status = 200;
    const [row] = await publicationsOf(app, plan.documentId);
    const marked = await app.http
      .post(`/community-manager/publications/${row.documentId}/mark-published`)
      .set(bearer(app.token))
      .send({ url: 'https://chat.example.com/p/summer' });
    expect(marked.status).toBe(200);

    await page.getByRole('tab', { name: 'Sent' }).click();
    const sent = page.getByTestId('sent-table');
    const line = sent.getByTestId(`sent-${row.documentId}`);
    await line.getByText('Summer sale').waitFor();
    expect(await line.getByRole('link', { name: /View the post/ }).getAttribute('href')).toBe('https://chat.example.com/p/summer');
    await line.getByText('Owner Test').waitFor();
    // The one the scheduler sent (the retried "Spring launch") is there too, by the scheduler.
    await sent.getByText('Spring launch').waitFor();
    expect(page.url()).toContain('tab=sent');
    await screenshot(page, '07b-publishing-sent');
  });

  it('keeps the Sent tab’s filters through a reload and in a shared link', async () => {
    const sent = page.getByTestId('sent');
    const accountFilter = page.getByRole('combobox', { name: 'Account' });
    await accountFilter.click();
    await page.getByRole('option', { name: /^Team chat/ }).click();
    await page.waitForURL((url) => url.searchParams.get('account') === accountId);
    await page.reload();
    await sent.getByText('Summer sale').waitFor();
    await accountFilter.filter({ hasText: 'Team chat' }).waitFor();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('sent');

    // A link whose days hold nothing: the list is empty, and stays so after a reload (the filter came from the address).
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000);
    const day = `${inTwoDays.getFullYear()}-${String(inTwoDays.getMonth() + 1).padStart(2, '0')}-${String(inTwoDays.getDate()).padStart(2, '0')}`;
    await page.goto(`${page.url()}&from=${day}`);
    await page.getByText('Nothing was published with these filters yet.').waitFor();
    await page.reload();
    await page.getByText('Nothing was published with these filters yet.').waitFor();
    expect(await page.getByTestId('sent-table').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('from')).toBe(day);

    // The Queue tab does not carry them.
    await page.getByRole('tab', { name: 'Queue' }).click();
    await page.waitForURL((url) => !url.searchParams.has('from') && !url.searchParams.has('account'));
  });

  it('keeps every action button on screen at 1280 px, whatever the title’s length', async () => {
    hook.status = 422;
    const title = `A very long title ${'that keeps going '.repeat(12)}`.slice(0, 200);
    const plan = await schedulePlan(app, [accountId], { title, local: `${new Date().getUTCFullYear() + 1}-07-15T09:00` });
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    hook.status = 200;
    const [row] = await publicationsOf(app, plan.documentId);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${app.url}/admin/plugins/community-manager/publishing`);
    const line = page.getByTestId(`publication-${row.documentId}`);
    await line.getByText('Failed').waitFor();
    const buttons = [
      line.getByRole('button', { name: 'Retry' }),
      line.getByRole('button', { name: 'Cancel' }),
      line.getByRole('button', { name: 'Mark as published…' }),
    ];
    for (const button of buttons) {
      await button.scrollIntoViewIfNeeded();
      const box = await button.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
    }
    // Nothing on the page reaches past the viewport's right edge (the page does not scroll sideways).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const tableBox = await page.getByTestId('needs-person').boundingBox();
    expect(tableBox!.x + tableBox!.width).toBeLessThanOrEqual(1280);
    // The reason wraps inside its cell rather than widening it.
    const reason = await line.getByTestId('publication-reason').boundingBox();
    expect(reason!.x + reason!.width).toBeLessThanOrEqual(1280);
    await screenshot(page, '07c-publishing-long-title-1280');
  });
});
