import fs from 'node:fs';
import type { Browser, Download, Page } from 'playwright-core';
import { serveApp, type ServedApp } from './helpers/app';
import { launchBrowser, screenshot, logIn, openInApp } from './helpers/browser';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon';
import { createAccount, publications, publicationsOf, schedulePlan } from '../helpers/publishing';
import { readPdf } from '../helpers/pdf-reader';
import { POST_HEADER } from '../../shared/reports/tables';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

/**
 * Issue 16's story in Chromium, for the third kind of user: management. A
 * user invited through Strapi's own admin API with the plugin's read-only
 * Management role opens the Reports page, compares this month with the
 * last, opens a post's figures, downloads a table as CSV; the monthly
 * scheduled report goes out at its due time to a real SMTP server with its
 * PDF, and the manager follows the e-mail's link to the report and downloads
 * its PDF. Posts go out through the publishing routes and the figures come
 * from the Mastodon fake through the collection job, each on a set clock:
 * last month's post on the 2nd of last month, this month's on the 2nd of
 * this one, whatever day the suite runs.
 */
let app: ServedApp;
let browser: Browser;
let page: Page;
let mastodon: FakeMastodon;
let sink: SmtpSink;
const auth = () => ({ Authorization: `Bearer ${app.token}` });
const plugin = (path: string) => `${app.url}/admin/plugins/community-manager/${path}`;
const api = '/community-manager';

const H = 3_600_000;
const TOKEN = 'reports-e2e-token';
const MANAGER = { email: 'manager@example.com', password: 'Manager-Password-2026' };

// Months as the browser (zone UTC) counts them.
const today = new Date();
const month = (offset: number) => Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1);
const lastStart = month(-1);
const thisStart = month(0);
const nextStart = month(1);
const LAST = lastStart + 24 * H + 9 * H;
const THIS = thisStart + 24 * H + 9 * H;
/** when the dashboard reads its figures: two days after this month's posts */
const AS_OF = THIS + 48 * H;
const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);

interface Reports {
  collect(): Promise<{ posts: number; accounts: number; failed: number }>;
  deliver(): Promise<{ sent: number; skipped: number; failed: number }>;
  useClock(fn: (() => number) | null): void;
}
const reports = () => app.strapi.plugin('community-manager').service('reports') as Reports;
async function collectAt(at: number) {
  reports().useClock(() => at);
  const result = await reports().collect();
  expect(result.failed).toBe(0);
  return result;
}

let lineId: string;
let accountId: string;

/** A plan scheduled as a person would, then sent with "Publish now" and the scheduler's pass at `at`. */
async function publishAt(title: string, pillar: string, at: number, campaign: string) {
  const plan = await schedulePlan(app, [accountId], { title, body: `${title} body`, more: { editorialLineId: lineId, pillar, campaign } });
  const service = publications(app);
  service.useClock(() => at);
  try {
    for (const pub of await publicationsOf(app, plan.documentId)) {
      expect((await app.http.post(`${api}/publications/${pub.documentId}/publish-now`).set(auth()).send({})).status).toBe(200);
    }
    await service.tick();
  } finally {
    service.useClock(null);
  }
  const [published] = await publicationsOf(app, plan.documentId);
  expect(published.state).toBe('published');
  return mastodon.statuses.find((s) => s.text === `${title} body`)!;
}

/** The file a click downloads, read once the browser has it. */
async function downloadOf(click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = (await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), click()])) as [Download, void];
  return { name: download.suggestedFilename(), bytes: fs.readFileSync((await download.path())!) };
}

/** Waits for a condition for at most `ms`, checking every 100 ms. */
async function until<T>(read: () => T | Promise<T>, ms = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const parseCsv = (bytes: Buffer) =>
  bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(','));

const normalize = (pages: string[]) => pages.join('\n').replace(/[\s\u00a0\u202f]+/g, ' ');

beforeAll(async () => {
  [app, browser, mastodon] = await Promise.all([serveApp({ CM_SCHEDULER_ENABLED: 'false' }), launchBrowser(), startFakeMastodon()]);
  sink = await startSmtpSink(app);
  mastodon.tokens.set(TOKEN, { id: '7', username: 'brand', displayName: 'Brand' });
  mastodon.audience.set('7', { followers: 1000, following: 40 });
  const line = await app.http
    .post(`${api}/editorial-lines`)
    .set(auth())
    .send({
      name: 'Brand',
      pillars: [
        { name: 'Tutorials', targetShare: 50 },
        { name: 'Community', targetShare: 50 },
      ],
    });
  lineId = line.body.data.documentId;
  accountId = (
    await createAccount(app, {
      network: 'mastodon',
      name: 'Brand Mastodon',
      instanceUrl: mastodon.url,
      accessToken: TOKEN,
      editorialLineId: lineId,
    })
  ).documentId;

  // Last month: one post, read at +1 h and +24 h, the account's 1,000 followers with it.
  (await publishAt('Winter tutorial', 'Tutorials', LAST, 'Winter sale')).counts = { favourites: 6, reblogs: 2, replies: 1, quotes: 1 };
  expect((await collectAt(LAST + H)).posts).toBe(1);
  await collectAt(LAST + 25 * H);
  // This month: two posts, 100 followers more.
  (await publishAt('Spring tutorial', 'Tutorials', THIS, 'Spring launch')).counts = { favourites: 12, reblogs: 4, replies: 3, quotes: 1 };
  (await publishAt('Meet-up photos', 'Community', THIS + H, 'Spring launch')).counts = { favourites: 5, reblogs: 1, replies: 2, quotes: 0 };
  mastodon.audience.set('7', { followers: 1100, following: 40 });
  expect((await collectAt(THIS + 2 * H)).posts).toBeGreaterThanOrEqual(2);
  await collectAt(THIS + 26 * H);
  reports().useClock(() => AS_OF);

  // The Management role in one click, and a manager invited with it through Strapi's admin API, who sets a password.
  const role = await app.http.post(`${api}/settings/management-role`).set(auth()).send({});
  expect(role.status).toBe(200);
  const invited = await app.http
    .post('/admin/users')
    .set(auth())
    .send({ email: MANAGER.email, firstname: 'Mara', lastname: 'Manager', roles: [role.body.data.id] });
  expect(invited.status).toBe(201);
  const registered = await app.http.post('/admin/register').send({
    registrationToken: invited.body.data.registrationToken,
    userInfo: { firstname: 'Mara', lastname: 'Manager', password: MANAGER.password },
  });
  expect(registered.status).toBe(200);

  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    locale: 'en-US',
    timezoneId: 'UTC',
    acceptDownloads: true,
  });
  page = await context.newPage();
  await logIn(page, app.url, MANAGER);
});
afterAll(async () => {
  reports()?.useClock(null);
  await browser?.close();
  await sink?.stop();
  await app?.stop();
  await mastodon?.stop();
});

describe('management reads the month’s figures', () => {
  it('opens the Reports page and compares this month with the last, read-only', async () => {
    await openInApp(page, app.url, plugin('reports'));
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Period' }).click();
    await page.getByRole('option', { name: 'This month' }).click();
    // The calendar month before, not the 28 to 31 days before the 1st.
    await page.getByText(`${day(thisStart)} – ${day(nextStart - 1)}, compared with ${day(lastStart)} – ${day(thisStart - 1)}`).waitFor();

    // What the API says of last month on its own is what the tiles compare with.
    const last = (
      await app.http
        .get(`${api}/reports/dashboard`)
        .query({ from: iso(lastStart), to: iso(thisStart) })
        .set(auth())
    ).body.data.current;
    expect(last).toMatchObject({ posts: 1, engagements: 10 });
    const posts = page.getByTestId('kpi-posts');
    await posts.getByText('2', { exact: true }).waitFor();
    await posts.getByText(`Previous period: ${last.posts} (+100 %)`).waitFor();
    const engagements = page.getByTestId('kpi-engagements');
    // 12 + 4 + 3 + 1 and 5 + 1 + 2 + 0, against 6 + 2 + 1 + 1.
    await engagements.getByText('28', { exact: true }).waitFor();
    await engagements.getByText(`Previous period: ${last.engagements} (+180 %)`).waitFor();
    const growth = page.getByTestId('kpi-followerGrowth');
    await growth.getByText('100', { exact: true }).waitFor();
    // The pillar chart (recharts, loaded with this page): one image, two bars a pillar (share, target) for Tutorials and Community.
    const pillars = page.getByRole('img', { name: 'Share of posts per pillar, against the target share' });
    await pillars.locator('.recharts-bar-rectangle').nth(3).waitFor({ state: 'attached' });
    expect(await pillars.locator('.recharts-bar-rectangle').count()).toBe(4);
    expect(await pillars.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()).toEqual([
      'Tutorials',
      'Community',
    ]);
    // The follower-growth chart: a line for the account, drawn from its daily readings of this month.
    const followers = page.getByRole('img', { name: 'Followers per day of each account over the period' });
    await followers.locator('.recharts-line-curve').first().waitFor({ state: 'attached' });
    // Management reads; generating a report is the community manager's.
    expect(await page.getByRole('button', { name: 'Generate a report' }).count()).toBe(0);
    await screenshot(page, 'reports-01-this-month-vs-last');
  });

  it('opens one post’s figures: every figure, the sum, the rate and its basis', async () => {
    await page.getByRole('button', { name: 'Figures of “Spring tutorial”' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('post-figures').waitFor();
    const row = (name: string) => dialog.getByRole('row').filter({ hasText: name });
    await row('Likes').getByText('12', { exact: true }).waitFor();
    await row('Reposts').getByText('4', { exact: true }).waitFor();
    await row('Replies').getByText('3', { exact: true }).waitFor();
    await row('Quotes').getByText('1', { exact: true }).waitFor();
    // Mastodon gives no impressions: said, never a zero.
    await row('Impressions').getByText('– (Mastodon does not give it)').waitFor();
    await dialog.getByText('20 engagements', { exact: true }).waitFor();
    // Followers at posting: the account's reading before the post (1,000; 1,100 came later).
    await dialog.getByText('Engagement rate: 2 %').waitFor();
    await dialog.getByText('20 engagements ÷ 1,000 followers at posting').waitFor();
    // Its latest reading: +24 h (the collection's pass at THIS + 26 h).
    const readAt = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(THIS + 26 * H);
    await dialog.getByText(new RegExp(`^Figures as read on ${readAt.replace(/[\s\u202f]+/g, '\\s')}$`)).waitFor();
    // Its readings over time: +1 h (the pass at THIS + 2 h) and +1 d, each with its engagements; no inbox item answers it.
    const readings = dialog.getByTestId('post-readings');
    await readings.getByRole('row').filter({ hasText: '+1 h' }).waitFor();
    await readings.getByRole('row').filter({ hasText: '+1 d' }).getByText('20', { exact: true }).waitFor();
    expect(await readings.getByRole('row').count()).toBe(3);
    // The same readings as lines: engagements and its four parts, each through both readings (+1 h, +1 d).
    // Attached, not visible: a flat line's box has no height, which Playwright counts as hidden.
    const chart = readings.getByTestId('post-readings-chart');
    expect(await chart.getAttribute('role')).toBe('img');
    await chart.locator('.recharts-line-curve').nth(4).waitFor({ state: 'attached' });
    expect(await chart.locator('.recharts-line-curve').count()).toBe(5);
    expect(await chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()).toEqual([
      '+1 h',
      '+1 d',
    ]);
    await readings.getByText('No reply, mention or quote in the inbox').waitFor();
    const link = dialog.getByRole('link', { name: /Open the post on Mastodon/ });
    const status = mastodon.statuses.find((s) => s.text === 'Spring tutorial body')!;
    expect(await link.getAttribute('href')).toContain(status.id);
    await screenshot(page, 'reports-02-post-figures');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('downloads the KPIs and the posts as CSV', async () => {
    const kpis = await downloadOf(() => page.getByRole('button', { name: 'KPIs as CSV' }).click());
    expect(kpis.name).toBe(`dashboard-kpis-${iso(thisStart).slice(0, 10)}-${iso(nextStart).slice(0, 10)}.csv`);
    const kpiRows = parseCsv(kpis.bytes);
    expect(kpiRows[0]).toEqual(['kpi', 'value', 'previous', 'change_pct', 'target', 'attainment_pct', 'formula']);
    expect(kpiRows.find((r) => r[0] === 'Engagements')!.slice(1, 4)).toEqual(['28', '10', '180']);
    expect(kpiRows.find((r) => r[0] === 'Posts published')!.slice(1, 4)).toEqual(['2', '1', '100']);

    const posts = await downloadOf(() => page.getByRole('button', { name: 'Top posts as CSV' }).click());
    const [header, ...rows] = parseCsv(posts.bytes);
    // The columns of the table's definition, in its order: the first eleven checked below by position.
    expect(header).toEqual(POST_HEADER);
    expect(rows.map((r) => r.slice(0, 11))).toEqual([
      [iso(THIS), 'Spring tutorial', 'Brand Mastodon', 'mastodon', 'Tutorials', 'Spring launch', '20', '12', '4', '3', '1'],
      [iso(THIS + H), 'Meet-up photos', 'Brand Mastodon', 'mastodon', 'Community', 'Spring launch', '8', '5', '1', '2', '0'],
    ]);
    // Mastodon's missing impressions stay empty cells, not zeros.
    expect(rows.map((r) => r[header.indexOf('impressions')])).toEqual(['', '']);
  });

  it('compares this month with the same days a year earlier, then two campaigns side by side', async () => {
    await page.getByRole('combobox', { name: 'Compare with' }).click();
    await page.getByRole('option', { name: 'The same days a year earlier' }).click();
    const a = new Date(thisStart);
    const yearAgo = (ms: number) => Date.UTC(new Date(ms).getUTCFullYear() - 1, new Date(ms).getUTCMonth(), new Date(ms).getUTCDate());
    await page
      .getByText(
        `${day(thisStart)} – ${day(nextStart - 1)}, compared with the same days a year earlier, ${day(yearAgo(a.getTime()))} – ${day(yearAgo(nextStart) - 1)}`
      )
      .waitFor();
    // Nothing was posted a year ago: no change can be told.
    await page.getByTestId('kpi-posts').getByText('A year earlier: 0 (–)').waitFor();

    await page.getByRole('tab', { name: 'Campaigns' }).click();
    await page.getByRole('combobox', { name: 'Campaigns to compare' }).click();
    await page.getByRole('option', { name: 'Winter sale' }).click();
    await page.getByRole('option', { name: 'Spring launch' }).click();
    await page.keyboard.press('Escape');
    const table = page.getByRole('grid', { name: 'Campaigns side by side' });
    // Last month's post (6 + 2 + 1 + 1) against this month's two (20 + 8).
    await table.getByRole('row').filter({ hasText: 'Engagements' }).getByText('10', { exact: true }).waitFor();
    await table.getByRole('row').filter({ hasText: 'Engagements' }).getByText('28', { exact: true }).waitFor();
    await table.getByRole('row').filter({ hasText: 'Posts published' }).getByText('2', { exact: true }).waitFor();
    await screenshot(page, 'reports-02b-campaigns');
  });
});

describe('the monthly report reaches management', () => {
  let reportId: string;

  it('goes out on the 2nd with the month’s PDF, caught by a real SMTP server', async () => {
    const created = await app.http
      .post(`${api}/reports/schedules`)
      .set(auth())
      .send({
        name: 'Monthly to management',
        frequency: 'monthly',
        hour: 8,
        timezone: 'UTC',
        language: 'en',
        recipients: [MANAGER.email],
        editorialLineId: lineId,
      });
    expect(created.status).toBe(200);
    const dueAt = Date.parse(created.body.data.nextAt);
    expect(dueAt).toBe(nextStart + 24 * H + 8 * H);

    // The manager sees when it comes, and cannot change it. The tab, not a new load of the page: the list is fetched when it opens.
    await page.getByRole('tab', { name: 'Scheduled' }).click();
    await page.getByText('Monthly to management').waitFor();
    await screenshot(page, 'reports-03-schedule');

    // Its due tick, on the clock of the 2nd of next month.
    reports().useClock(() => dueAt + 30_000);
    expect(await reports().deliver()).toEqual({ sent: 1, skipped: 0, failed: 0 });
    reports().useClock(() => AS_OF);
    const mail = await until(() => sink.mails[0]);
    expect((mail.to as { value: Array<{ address: string }> }).value.map((v) => v.address)).toEqual([MANAGER.email]);
    const schedule = (await app.http.get(`${api}/reports/schedules`).set(auth())).body.data[0];
    reportId = schedule.lastReportId;
    const report = (await app.http.get(`${api}/reports/${reportId}`).set(auth())).body.data;
    expect(report).toMatchObject({ from: iso(thisStart), to: iso(nextStart), generatedBy: 'Monthly to management' });
    expect(report.figures.previous.period).toEqual({ from: iso(lastStart), to: iso(thisStart) });
    expect(mail.subject).toBe(`Report: ${report.title}`);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].contentType).toBe('application/pdf');
    const text = normalize((await readPdf(mail.attachments[0].content)).pages);
    expect(text).toContain(report.title);
    expect(text).toContain(`Posts published ${report.figures.current.posts} ${report.figures.previous.posts} `);
    expect(text).toContain(`Engagements 28 10 `);
    expect(text).toContain('Spring tutorial');
  });

  it('opens from the e-mail’s link, and its PDF downloads with the same figures', async () => {
    const link = sink.mails[0].text!.match(/https?:\/\/\S+\/reports\?report=[A-Za-z0-9]+/)![0];
    expect(link).toBe(`${app.url}/admin/plugins/community-manager/reports?report=${reportId}`);
    await page.goto(link);
    const report = (await app.http.get(`${api}/reports/${reportId}`).set(auth())).body.data;
    await page.getByRole('heading', { name: report.title }).waitFor();
    await page.getByTestId('kpi-engagements').getByText('28', { exact: true }).waitFor();
    // Read-only: no commentary to write, nothing to share.
    expect(await page.getByRole('button', { name: 'Share with management' }).count()).toBe(0);
    const pdf = await downloadOf(() => page.getByRole('button', { name: 'Download the PDF' }).click());
    expect(pdf.name).toBe(`report-${iso(thisStart).slice(0, 10)}-${iso(nextStart).slice(0, 10)}-en.pdf`);
    const read = await readPdf(pdf.bytes);
    const text = normalize(read.pages);
    expect(read.title).toBe(report.title);
    expect(text).toContain(`Posts published 2 1 `);
    expect(text).toContain(`Engagements 28 10 `);
    read.pages.forEach((p, i) => expect(p).toContain(`Page ${i + 1} of ${read.pages.length}`));
    await screenshot(page, 'reports-04-report');
  });

  it('is sent now by someone who manages schedules, to check it: the e-mail and its PDF arrive', async () => {
    // The manager (read-only) is offered no such button; the owner is.
    await page.getByRole('tab', { name: 'Scheduled' }).click();
    await page.getByText('Monthly to management').waitFor();
    expect(await page.getByRole('button', { name: 'Send “Monthly to management” now' }).count()).toBe(0);
    const owner = await (
      await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US', timezoneId: 'UTC' })
    ).newPage();
    await logIn(owner, app.url);
    await owner.goto(plugin('reports?tab=schedules'));
    const before = sink.mails.length;
    await owner.getByRole('button', { name: 'Send “Monthly to management” now' }).click();
    // Two days into this month, the latest complete month is last month's.
    await owner.getByText(`Sent to ${MANAGER.email}`).waitFor();
    const mail = await until(() => sink.mails[before]);
    expect(mail.subject).toMatch(/^Report: Monthly report, /);
    expect(mail.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
    const text = normalize((await readPdf(mail.attachments[0].content)).pages);
    expect(text).toContain('Winter tutorial');
    expect(text).toContain(`Posts published 1 `);
    await screenshot(owner, 'reports-05-send-now');
    await owner.context().close();
  });
});
