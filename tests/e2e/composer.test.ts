import type { Browser, BrowserContext, Page } from 'playwright-core';
import { serveApp, type ServedApp } from './helpers/app';
import { launchBrowser, openInApp, screenshot } from './helpers/browser';
import { actionUid, ACTIONS } from '../../shared/core/permissions';
import { PNG } from '../helpers/images';

/**
 * The composer's story in a real Chromium: a community manager writes a post
 * with an image picked in Strapi's media library, gives it alt text, sees the
 * preview and sends it to review; a second admin whose role may only read and
 * approve posts approves it in their own browser; the manager schedules it;
 * then acts on several posts at once from the posts page.
 */
let app: ServedApp;
let browser: Browser;
let owner: Page;
let approverContext: BrowserContext;
let sandboxId: string;
let postId: string;

const auth = () => ({ Authorization: `Bearer ${app.token}` });
const plugin = (path: string) => `${app.url}/admin/plugins/community-manager/${path}`;
const nextYear = new Date().getUTCFullYear() + 1;
const APPROVER = { email: 'approver@example.com', password: 'Approver-Password-2026' };
const AUTHOR = { email: 'author@example.com', password: 'Author-Password-2026' };

async function logIn(page: Page, email: string, password: string) {
  await page.goto(`${app.url}/admin/auth/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL(/\/admin\/?$/);
}

/** A role holding `actions` and one admin in it, set up over the admin API the way a super admin's settings page does it. */
async function invite(
  name: string,
  actions: Array<(typeof ACTIONS)[keyof typeof ACTIONS]>,
  user: { email: string; password: string; firstname: string; lastname: string }
) {
  const role = await app.http.post('/admin/roles').set(auth()).send({ name, description: name });
  expect(role.status).toBe(201);
  const roleId = role.body.data.id;
  const permissions = actions.map((action) => ({ action: actionUid(action), subject: null, conditions: [], properties: {} }));
  expect((await app.http.put(`/admin/roles/${roleId}/permissions`).set(auth()).send({ permissions })).status).toBe(200);
  const invited = await app.http
    .post('/admin/users')
    .set(auth())
    .send({ email: user.email, firstname: user.firstname, lastname: user.lastname, roles: [roleId] });
  expect(invited.status).toBe(201);
  const registered = await app.http.post('/admin/register').send({
    registrationToken: invited.body.data.registrationToken,
    userInfo: { firstname: user.firstname, lastname: user.lastname, password: user.password },
  });
  expect(registered.status).toBe(200);
}

beforeAll(async () => {
  [app, browser] = await Promise.all([serveApp(), launchBrowser()]);
  sandboxId = (await app.http.post('/community-manager/accounts').set(auth()).send({ network: 'sandbox', name: 'Brand sandbox' })).body.data
    .documentId;
  const upload = await app.http.post('/upload').set(auth()).attach('files', PNG, { filename: 'harbour.png', contentType: 'image/png' });
  expect(upload.status).toBe(201);

  await invite('Post approver', [ACTIONS.postsRead, ACTIONS.postsApprove], { ...APPROVER, firstname: 'Ada', lastname: 'Approver' });
  await invite('Post author', [ACTIONS.postsRead, ACTIONS.postsCreate], { ...AUTHOR, firstname: 'Alan', lastname: 'Author' });

  owner = await browser.newPage({ viewport: { width: 1440, height: 1100 }, locale: 'en-US', timezoneId: 'Europe/Paris' });
  await logIn(owner, 'owner@example.com', 'Owner-Password-2026');
});
afterAll(async () => {
  await approverContext?.close();
  await browser?.close();
  await app?.stop();
});

describe('composing, approving and scheduling a post with an image', () => {
  it('composes a post with an image from the media library, alt text and a live preview, and sends it to review', async () => {
    await openInApp(owner, app.url, plugin('posts/new'));
    await owner.getByRole('textbox', { name: /^Internal title/ }).fill('Harbour at dawn');
    await owner.getByRole('checkbox', { name: 'Brand sandbox' }).click();
    await owner.getByLabel('Text', { exact: true }).fill('The harbour at dawn https://example.com/harbour');

    await owner.getByRole('button', { name: 'Add from the media library' }).click();
    const library = owner.getByRole('dialog');
    await library.getByText('harbour', { exact: false }).first().waitFor();
    await library.getByRole('checkbox').last().click();
    await library.getByRole('button', { name: 'Finish' }).click();
    await owner.getByLabel('Alt text for harbour.png').fill('Fishing boats at dawn');

    const preview = owner.getByTestId('preview-sandbox');
    await preview.getByText('The harbour at dawn').waitFor();
    await preview.locator('img[alt="Fishing boats at dawn"]').waitFor();
    await owner.getByLabel('Date and time').fill(`${nextYear}-05-04T09:30`);
    await owner.getByText('Time in Europe/Paris').waitFor();
    await screenshot(owner, 'composer-01-compose-with-image');

    await owner.getByRole('button', { name: 'Send to review' }).click();
    await owner.waitForURL(/\/posts\/(?!new$)[a-z0-9]+$/);
    postId = owner.url().split('/').pop()!;
    const saved = (await app.http.get(`/community-manager/post-plans/${postId}`).set(auth())).body.data;
    expect(saved).toMatchObject({
      title: 'Harbour at dawn',
      status: 'in_review',
      timezone: 'Europe/Paris',
      localTime: `${nextYear}-05-04T09:30`,
      scheduledAt: `${nextYear}-05-04T07:30:00.000Z`,
      accounts: [expect.objectContaining({ documentId: sandboxId })],
      media: [expect.objectContaining({ name: 'harbour.png', alternativeText: 'Fishing boats at dawn' })],
    });
    await owner.getByTestId('trail-entry').nth(1).waitFor();
  });

  it('is approved by a second admin whose role only reads and approves posts', async () => {
    approverContext = await browser.newContext({ viewport: { width: 1440, height: 1100 }, locale: 'en-US' });
    const approver = await approverContext.newPage();
    await logIn(approver, APPROVER.email, APPROVER.password);
    await approver.goto(plugin(`posts/${postId}`));
    await approver.getByTestId('preview-sandbox').getByText('The harbour at dawn').waitFor();
    // The buttons are the server's: a reviewer sees approve and send back, not schedule or save.
    const actions = approver.getByTestId('composer-actions');
    await actions.getByRole('button', { name: 'Approve', exact: true }).waitFor();
    await actions.getByRole('button', { name: 'Send back with a comment' }).waitFor();
    expect(await actions.getByRole('button', { name: 'Schedule' }).count()).toBe(0);
    expect(await actions.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    await approver.getByLabel('Internal comment').fill('Lovely light. Approved.');
    await approver.getByRole('button', { name: 'Add comment' }).click();
    await approver.getByTestId('comment').getByText('Lovely light. Approved.').waitFor();
    await actions.getByRole('button', { name: 'Approve', exact: true }).click();
    // The confirmation says what happened, not just "saved".
    await approver.getByText('Approved', { exact: true }).first().waitFor();
    await screenshot(approver, 'composer-02-approved-by-approver');
    const plan = (await app.http.get(`/community-manager/post-plans/${postId}`).set(auth())).body.data;
    expect(plan.status).toBe('approved');
    expect(plan.trail.at(-1)).toMatchObject({ event: 'approve', by: { name: 'Ada Approver' } });
  });

  it('is scheduled by the manager once approved', async () => {
    await owner.reload();
    await owner.getByTestId('comment').getByText('Lovely light. Approved.').waitFor();
    const actions = owner.getByTestId('composer-actions');
    await actions.getByRole('button', { name: 'Schedule', exact: true }).click();
    await actions.getByRole('button', { name: 'Unschedule' }).waitFor();
    await screenshot(owner, 'composer-03-scheduled');
    expect((await app.http.get(`/community-manager/post-plans/${postId}`).set(auth())).body.data.status).toBe('scheduled');
  });

  it('is locked for an author who may not unschedule it, with a note saying who can change it', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1100 }, locale: 'en-US' });
    try {
      const author = await context.newPage();
      await logIn(author, AUTHOR.email, AUTHOR.password);
      await author.goto(plugin(`posts/${postId}`));
      await author
        .getByTestId('composer-scheduled-locked')
        .getByText('only someone who may schedule and publish posts can change its words or its time')
        .waitFor();
      // Locked rather than refused on save: no Save button, the text cannot be typed in.
      expect(await author.getByTestId('composer-actions').getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
      expect(await author.getByTestId('preview-sandbox').count()).toBe(1);
      await screenshot(author, 'composer-04-scheduled-locked-for-author');
    } finally {
      await context.close();
    }
  });
});

describe('scheduling a new post in one step', () => {
  it('approves and schedules a new post at once for a user who may, then shows it at its own address', async () => {
    await openInApp(owner, app.url, plugin('posts/new'));
    await owner.getByRole('textbox', { name: /^Internal title/ }).fill('Lighthouse open day');
    await owner.getByRole('checkbox', { name: 'Brand sandbox' }).click();
    await owner.getByLabel('Text', { exact: true }).fill('The lighthouse opens on Sunday');
    await owner.getByLabel('Date and time').fill(`${nextYear}-06-02T10:00`);
    const actions = owner.getByTestId('composer-actions');
    // Only what will work: approval is on, so no plain "Schedule"; "Send to review" names who approves.
    await actions.getByRole('button', { name: 'Approve and schedule' }).waitFor();
    expect(await actions.getByRole('button', { name: 'Schedule', exact: true }).count()).toBe(0);
    await owner
      .getByTestId('composer-action-hints')
      .getByText(/Asks .*Ada Approver/)
      .waitFor();
    await screenshot(owner, 'composer-06-one-step-offered');
    await actions.getByRole('button', { name: 'Approve and schedule' }).click();
    await owner.waitForURL(/\/posts\/(?!new$)[a-z0-9]+$/);
    await owner.getByText(/^Approved and scheduled for .*10:00.*Paris$/).waitFor();
    await owner.waitForFunction(() => document.title.includes('Lighthouse open day'));
    await actions.getByRole('button', { name: 'Unschedule' }).waitFor();
    const plan = (await app.http.get(`/community-manager/post-plans/${owner.url().split('/').pop()}`).set(auth())).body.data;
    expect(plan.status).toBe('scheduled');
    expect(plan.trail.map((entry: { event: string }) => entry.event)).toEqual(['created', 'approve_and_schedule']);
    await screenshot(owner, 'composer-07-scheduled-in-one-step');
  });
});

describe('time done right in the composer', () => {
  it('offers the next valid time for a skipped one, and asks which one for a doubled one', async () => {
    // The router, from the post the last story created: "New post" must be a fresh form, not that post's.
    await openInApp(owner, app.url, plugin('posts/new'));
    await owner.getByRole('heading', { name: 'New post', level: 1 }).waitFor();
    expect(await owner.getByRole('textbox', { name: /^Internal title/ }).inputValue()).toBe('');
    expect(owner.url()).toMatch(/\/posts\/new$/);
    await owner.getByRole('textbox', { name: /^Internal title/ }).fill('Clock change');
    await owner.getByRole('checkbox', { name: 'Brand sandbox' }).click();
    await owner.getByLabel('Date and time').fill('2027-03-28T02:30');
    await owner.getByRole('button', { name: 'Save as draft' }).click();
    await owner
      .getByText(/does not exist/)
      .first()
      .waitFor();
    await screenshot(owner, 'composer-05-skipped-time');
    await owner.getByRole('button', { name: 'Use 03:00' }).click();
    await owner.getByRole('button', { name: 'Save as draft' }).click();
    await owner
      .getByText('Post saved')
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(async (error) => {
        await screenshot(owner, 'composer-05-failed-save');
        throw error;
      });
    await owner.waitForURL(/\/posts\/(?!new$)[a-z0-9]+$/);
    const skipped = (await app.http.get(`/community-manager/post-plans/${owner.url().split('/').pop()}`).set(auth())).body.data;
    expect(skipped).toMatchObject({ localTime: '2027-03-28T03:00', scheduledAt: '2027-03-28T01:00:00.000Z' });

    await owner.getByLabel('Date and time').fill('2027-10-31T02:30');
    await owner.getByRole('button', { name: 'Save', exact: true }).click();
    await owner.getByRole('button', { name: 'The second one (UTC+01:00)' }).click();
    await owner.getByRole('button', { name: 'Save', exact: true }).click();
    let scheduledAt = '';
    for (let i = 0; i < 40 && scheduledAt !== '2027-10-31T01:30:00.000Z'; i++) {
      scheduledAt = (await app.http.get(`/community-manager/post-plans/${skipped.documentId}`).set(auth())).body.data.scheduledAt;
      if (scheduledAt !== '2027-10-31T01:30:00.000Z') await owner.waitForTimeout(250);
    }
    expect(scheduledAt).toBe('2027-10-31T01:30:00.000Z');
  });
});

describe('the posts page', () => {
  it('finds posts and sends several to review at once, reporting each', async () => {
    const make = async (title: string) =>
      (
        await app.http
          .post('/community-manager/post-plans')
          .set(auth())
          .send({ title, body: 'Bulk body', accountIds: [sandboxId] })
      ).body.data.documentId as string;
    const first = await make('Tide table one');
    await make('Tide table two');
    const cancelled = await make('Tide table cancelled');
    await app.http.post(`/community-manager/post-plans/${cancelled}/cancel`).set(auth()).send({});

    await openInApp(owner, app.url, plugin('posts'));
    await owner.getByRole('link', { name: 'Harbour at dawn' }).waitFor();
    const search = owner.getByRole('searchbox', { name: 'Search the posts' }).or(owner.getByPlaceholder('Search the posts'));
    await search.first().fill('Tide table');
    await search.first().press('Enter');
    // The search has applied once the posts it does not match are gone.
    await owner.getByRole('link', { name: 'Harbour at dawn' }).waitFor({ state: 'detached' });
    expect(await owner.getByTestId('post-row').count()).toBe(3);
    await owner.getByRole('checkbox', { name: 'Select every post of this page' }).click();
    await owner.getByTestId('bulk-actions').getByRole('button', { name: 'Send to review' }).click();
    const results = owner.getByTestId('bulk-results');
    await results.getByText('Tide table one: done').waitFor();
    await results.getByText('Tide table two: done').waitFor();
    await results.getByText(/Tide table cancelled: .*cancelled/).waitFor();
    await screenshot(owner, 'composer-04-bulk-results');
    expect((await app.http.get(`/community-manager/post-plans/${first}`).set(auth())).body.data.status).toBe('in_review');
  });
});

describe('accounts that cannot publish, in the composer', () => {
  it('says why a webhook refused for its address cannot publish, instead of asking for a new sign-in', async () => {
    const created = await app.http
      .post('/community-manager/accounts')
      .set(auth())
      .send({ network: 'webhook', name: 'Intranet hook', url: 'http://10.20.30.40/hook', flavor: 'generic' });
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({ status: 'error', statusCode: 'unreachable_blocked_address' });

    await owner.goto(plugin('posts/new'));
    const row = owner.getByTestId('composer-account').filter({ hasText: 'Intranet hook' });
    await row.getByText('Connection error').waitFor();
    await row.getByText('10.20.30.40 resolves to a private or reserved address, which is not allowed.').waitFor();
    expect(await row.getByText('Needs a new sign-in').count()).toBe(0);
  });
});
