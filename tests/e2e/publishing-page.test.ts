import type { Browser, Page } from 'playwright-core';
import { serveApp, type ServedApp } from './helpers/app';
import { launchBrowser, logIn, screenshot } from './helpers/browser';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { createAccount, publicationsOf, schedulePlan, tickAt } from '../helpers/publishing';

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

beforeAll(async () => {
  [app, browser, hook] = await Promise.all([serveApp({ CM_SCHEDULER_ENABLED: 'false' }), launchBrowser(), startWebhookReceiver()]);
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
  const account = await createAccount(app, { network: 'webhook', name: 'Team chat', url: `${hook.url}/hook`, flavor: 'slack' });
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
    await page.goto(`${app.url}/admin/plugins/community-manager/publishing`);
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
});
