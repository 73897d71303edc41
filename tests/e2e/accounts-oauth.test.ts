import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { serveApp, type ServedApp } from './helpers/app';
import { launchBrowser, logIn, openInApp, screenshot } from './helpers/browser';
import { bearer } from '../helpers/strapi';
import { publicationsOf, schedulePlan, tickAt } from '../helpers/publishing';
import { JPEG, PNG } from '../helpers/images';
import { startFakeX, type FakeX } from '../fakes/x';
import { startFakeLinkedIn, type FakeLinkedIn } from '../fakes/linkedin';
import { startFakeMeta, type FakeMeta } from '../fakes/meta';

/**
 * Connecting X, LinkedIn pages and Facebook pages in a real Chromium, through
 * the real OAuth redirects against the local networks (tests/fakes): the
 * browser leaves the admin for the fake's authorization page and comes back
 * to the Accounts page. Then each account's sign-in end on the Accounts page,
 * the re-authorization notice when a LinkedIn sign-in ends within the notice
 * window (the fake issues shorter tokens), and the notice gone after
 * "Reconnect" (issues 17 and 18, Must show). Last, with those accounts, a
 * post with an image composed for X and a LinkedIn page, an Instagram
 * carousel, and a photo post to a Facebook page with a thread on Threads
 * (the post and its first comment as a reply), each published from the
 * Publishing page's "Publish now" and its live link shown on the post's page
 * and under Sent.
 */
let app: ServedApp;
let browser: Browser;
let page: Page;
let x: FakeX;
let linkedin: FakeLinkedIn;
let meta: FakeMeta;
/** every URL the browser asked for: the sign-ins must pass through the fakes' authorization pages */
const visited: string[] = [];
const DAY = 86_400_000;

beforeAll(async () => {
  [x, linkedin, meta] = await Promise.all([startFakeX(), startFakeLinkedIn(), startFakeMeta()]);
  [app, browser] = await Promise.all([
    serveApp({
      CM_SCHEDULER_ENABLED: 'false',
      CM_OAUTH_REFRESH_ENABLED: 'false',
      CM_OAUTH_X_CLIENT_ID: x.clientId,
      CM_OAUTH_X_CLIENT_SECRET: x.clientSecret,
      CM_OAUTH_X_AUTHORIZE_URL: x.authorizeUrl,
      CM_OAUTH_X_TOKEN_URL: x.tokenUrl,
      CM_OAUTH_X_API_URL: x.url,
      CM_OAUTH_LINKEDIN_CLIENT_ID: linkedin.clientId,
      CM_OAUTH_LINKEDIN_CLIENT_SECRET: linkedin.clientSecret,
      CM_OAUTH_LINKEDIN_AUTHORIZE_URL: `${linkedin.url}/oauth/v2/authorization`,
      CM_OAUTH_LINKEDIN_TOKEN_URL: `${linkedin.url}/oauth/v2/accessToken`,
      CM_OAUTH_LINKEDIN_API_BASE_URL: linkedin.url,
      CM_OAUTH_FACEBOOK_CLIENT_ID: meta.clientId,
      CM_OAUTH_FACEBOOK_CLIENT_SECRET: meta.clientSecret,
      CM_OAUTH_FACEBOOK_API_URL: meta.graphUrl,
      CM_OAUTH_FACEBOOK_AUTHORIZE_URL: meta.authorizeUrl,
      CM_OAUTH_FACEBOOK_GRAPH_VERSION: meta.version,
      CM_OAUTH_INSTAGRAM_CLIENT_ID: meta.clientId,
      CM_OAUTH_INSTAGRAM_CLIENT_SECRET: meta.clientSecret,
      CM_OAUTH_INSTAGRAM_API_URL: meta.graphUrl,
      CM_OAUTH_INSTAGRAM_AUTHORIZE_URL: meta.authorizeUrl,
      CM_OAUTH_INSTAGRAM_GRAPH_VERSION: meta.version,
      CM_OAUTH_INSTAGRAM_LOGIN_CLIENT_ID: meta.instagramLogin.clientId,
      CM_OAUTH_INSTAGRAM_LOGIN_CLIENT_SECRET: meta.instagramLogin.clientSecret,
      CM_OAUTH_INSTAGRAM_LOGIN_API_URL: meta.instagramLogin.apiUrl,
      CM_OAUTH_INSTAGRAM_LOGIN_AUTHORIZE_URL: meta.instagramLogin.authorizeUrl,
      CM_OAUTH_INSTAGRAM_LOGIN_TOKEN_URL: meta.instagramLogin.tokenUrl,
      CM_OAUTH_INSTAGRAM_LOGIN_GRAPH_VERSION: meta.version,
      CM_OAUTH_THREADS_CLIENT_ID: meta.threads.clientId,
      CM_OAUTH_THREADS_CLIENT_SECRET: meta.threads.clientSecret,
      CM_OAUTH_THREADS_API_URL: meta.threads.apiUrl,
      CM_OAUTH_THREADS_AUTHORIZE_URL: meta.threads.authorizeUrl,
    }),
    launchBrowser(),
  ]);
  // UTC in the page, so the dates it shows can be written here with the same formatter.
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'en-US', timezoneId: 'UTC' });
  page.on('request', (req) => visited.push(req.url()));
  await logIn(page, app.url);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await Promise.all([x?.stop(), linkedin?.stop(), meta?.stop()]);
});

const accountsPage = () => `${app.url}/admin/plugins/community-manager/accounts`;
const auth = () => bearer(app.token);

type Account = { documentId: string; name: string; network: string; tokenExpiresAt: string | null; signInEndsAt: string | null };
async function accounts(): Promise<Account[]> {
  const res = await app.http.get('/community-manager/accounts').set(auth());
  expect(res.status).toBe(200);
  return res.body.data as Account[];
}
const byName = async (name: string) => (await accounts()).find((a) => a.name === name)!;

/** How the Accounts page writes a sign-in's end (SignInEnd.tsx), and the notice its date (ReauthNotice.tsx). */
const shown = (iso: string) =>
  new Intl.DateTimeFormat('en-US', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'UTC',
  }).format(new Date(iso));
const noticeDate = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    new Date(iso)
  );

const row = (name: string) => page.getByRole('row', { name: new RegExp(name) });
// A warning Alert is a status (a danger one is an alert).
const notice = (name: string) => page.getByRole('status').filter({ hasText: `${name}: reconnect before` });

/** "Add an account" → the network → its name → "Sign in with …": the browser goes to the network and back. */
async function signIn(network: string, name: string, authorizeUrl: string) {
  const before = visited.length;
  await page
    .getByRole('button', { name: 'Add your first account' })
    .or(page.getByRole('button', { name: 'Add an account' }))
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: network, exact: true }).click();
  await dialog.getByRole('textbox', { name: /^Name/ }).fill(name);
  await dialog.getByRole('button', { name: `Sign in with ${network}` }).click();
  const trip = await backFromNetwork(before);
  expect(trip.some((url) => url.startsWith(authorizeUrl))).toBe(true);
}

/**
 * Waits until the browser is back on the Accounts page through the plugin's callback, and returns the
 * URLs asked for since `before`. The previous sign-in's "Signed in" notice (and its `?oauth=connected`
 * address) can still be on the page, so waiting for that text alone could pass before this trip started.
 */
async function backFromNetwork(before: number) {
  const callback = `${app.url}/api/community-manager/oauth/callback?`;
  await page.waitForURL((url) => url.pathname.endsWith('/accounts') && visited.slice(before).some((u) => u.startsWith(callback)));
  await page.getByText('Signed in: the account is connected.').first().waitFor();
  return visited.slice(before);
}

describe('connecting accounts by signing in at the network', () => {
  it('connects an X account: its two-hour token, renewed automatically', async () => {
    await openInApp(page, app.url, accountsPage());
    await signIn('X', 'Brand on X', x.authorizeUrl);
    await row('Brand on X').getByText('Connected').waitFor();
    const account = await byName('Brand on X');
    expect(account).toMatchObject({ network: 'x', signInEndsAt: null });
    expect(Date.parse(account.tokenExpiresAt!) - Date.now()).toBeGreaterThan(DAY / 24);
    await row('Brand on X').getByText(shown(account.tokenExpiresAt!)).waitFor();
    await row('Brand on X').getByText('Renewed automatically').waitFor();
  });

  it('connects a LinkedIn page, then picks the member’s other page: both end in 60 days', async () => {
    await signIn('LinkedIn', 'Acme on LinkedIn', `${linkedin.url}/oauth/v2/authorization`);
    // The member administers two pages: the picker offers the one the sign-in did not connect.
    const picker = page.getByRole('dialog').filter({ hasText: 'Choose the LinkedIn pages to connect' });
    await picker.getByRole('checkbox', { name: 'Acme Corporation (acme-corp)' }).waitFor();
    expect(await picker.getByRole('checkbox', { name: 'Acme Corporation (acme-corp)' }).isDisabled()).toBe(true);
    await picker.getByRole('checkbox', { name: 'Acme Labs (acme-labs)' }).click();
    await picker.getByRole('button', { name: 'Connect 1 page' }).click();
    await page.getByText('1 LinkedIn page connected').first().waitFor();
    for (const name of ['Acme on LinkedIn', 'Acme Labs']) {
      await row(name).getByText('Connected').waitFor();
      const account = await byName(name);
      expect(account.network).toBe('linkedin');
      // No refresh token (not a partner app): the sign-in ends with the token, 60 days on.
      expect(Date.parse(account.signInEndsAt!) - Date.now()).toBeGreaterThan(59 * DAY);
      await row(name).getByText(shown(account.signInEndsAt!)).waitFor();
      await row(name).getByText('Sign in again by then').waitFor();
    }
    // Sixty days away is outside the notice window: no notice.
    expect(await page.getByText('reconnect before').count()).toBe(0);
  });

  it('connects a Facebook page, picks the other page the person manages: page tokens do not expire', async () => {
    // Without pages_manage_metadata the pages connect all the same; their comments arrive by polling, and the row says why.
    meta.options.declined = ['pages_manage_metadata'];
    await signIn('Facebook', 'Café page', meta.authorizeUrl);
    const picker = page.getByRole('dialog').filter({ hasText: 'Choose the Facebook pages to connect' });
    await picker.getByRole('checkbox', { name: 'Harbour Events' }).click();
    await picker.getByRole('button', { name: 'Connect 1 page' }).click();
    await page.getByText('1 Facebook page connected').first().waitFor();
    meta.options.declined = [];
    for (const name of ['Café page', 'Harbour Events']) {
      await row(name).getByText('Connected').waitFor();
      await row(name).getByText('Does not expire').waitFor();
      await row(name)
        .getByText(/^Comments arrive by polling every \d+ min: .*pages_manage_metadata/)
        .waitFor();
      expect(await byName(name)).toMatchObject({ network: 'facebook', tokenExpiresAt: null, signInEndsAt: null });
    }
    // Granted since: "Subscribe again" subscribes the page with its token.
    await row('Café page').getByRole('button', { name: 'Subscribe Café page to real-time updates again' }).click();
    await page.getByText('Café page now receives its comments in real time.').first().waitFor();
    await row('Café page').getByText('Comments arrive in real time').waitFor();
    await screenshot(page, 'accounts-oauth-connected');
  });

  it('connects an Instagram account, picks the one linked to another page: it publishes with that page’s token', async () => {
    // The person manages a third page, linked to a second Instagram account.
    meta.pages.push({ id: '101000000000003', name: 'Harbour Bakery', instagramId: '17841400000000003' });
    meta.instagramUsers.push({ id: '17841400000000003', username: 'harbourbakery', name: 'Harbour Bakery' });
    // A fourth page, whose Instagram account Facebook refuses to describe: shown with why, not offered.
    meta.pages.push({ id: '101000000000006', name: 'Harbour Market', instagramId: '17841400000000006' });
    meta.instagramUsers.push({ id: '17841400000000006', username: 'harbourmarket', name: 'Harbour Market' });
    meta.options.instagramUserErrors['17841400000000006'] = { status: 500, code: 2, message: 'An unexpected error has occurred' };
    await signIn('Instagram', 'Café on Instagram', meta.authorizeUrl);
    const picker = page.getByRole('dialog').filter({ hasText: 'Choose the Instagram accounts to connect' });
    // The signed-in account is offered connected; the page without an Instagram account is not offered.
    await picker.getByRole('checkbox', { name: 'Harbour Café (harbourcafe)' }).waitFor();
    expect(await picker.getByRole('checkbox', { name: 'Harbour Café (harbourcafe)' }).isDisabled()).toBe(true);
    expect(await picker.getByText('Harbour Events').count()).toBe(0);
    await picker.getByText('Not available: Facebook did not give this Instagram account’s details').waitFor();
    expect(await picker.getByRole('checkbox', { name: 'Harbour Market' }).isDisabled()).toBe(true);
    await picker.getByRole('checkbox', { name: 'Harbour Bakery (harbourbakery)' }).click();
    await picker.getByRole('button', { name: 'Connect 1 account' }).click();
    await page.getByText('1 Instagram account connected').first().waitFor();
    for (const name of ['Café on Instagram', 'Harbour Bakery']) {
      await row(name).getByText('Connected').waitFor();
      await row(name).getByText('Does not expire').waitFor();
      expect(await byName(name)).toMatchObject({ network: 'instagram', tokenExpiresAt: null, signInEndsAt: null });
    }
    meta.options.instagramUserErrors = {};
    meta.pages.pop();
    meta.instagramUsers.pop();
  });

  it('connects a Threads account: its 60-day token, shown with its end date', async () => {
    await signIn('Threads', 'Café on Threads', meta.threads.authorizeUrl);
    await row('Café on Threads').getByText('Connected').waitFor();
    const account = await byName('Café on Threads');
    expect(account.network).toBe('threads');
    expect(Date.parse(account.tokenExpiresAt!) - Date.now()).toBeGreaterThan(59 * DAY);
    // Renewed by the plugin before it ends (th_refresh_token), so the page shows the date, not a warning.
    await row('Café on Threads').getByText(shown(account.tokenExpiresAt!)).waitFor();
  });
});

describe('an Instagram account without a Facebook page', () => {
  it('chooses Instagram Login in the dialog, signs in at Instagram: its own 60-day token, no page picker', async () => {
    const before = visited.length;
    await page.getByRole('button', { name: 'Add an account' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'Instagram', exact: true }).click();
    // Both ways, each with its line; the Facebook page is the default.
    await dialog.getByText('For an Instagram account linked to a Facebook page you manage: you sign in with Facebook.').waitFor();
    expect(await dialog.getByRole('radio', { name: /^Through a Facebook page/ }).isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: /^Instagram Login \(no Facebook page\)/ }).click();
    await dialog.getByRole('textbox', { name: /^Name/ }).fill('Studio on Instagram');
    await screenshot(page, 'accounts-instagram-login-choice');
    await dialog.getByRole('button', { name: 'Sign in with Instagram' }).click();
    const trip = await backFromNetwork(before);
    expect(trip.some((url) => url.startsWith(meta.instagramLogin.authorizeUrl))).toBe(true);
    expect(trip.some((url) => url.startsWith(meta.authorizeUrl))).toBe(false);
    await row('Studio on Instagram').getByText('Connected').waitFor();
    const account = await byName('Studio on Instagram');
    expect(account.network).toBe('instagram');
    // The long-lived token's end is the sign-in's (renewed by the server ten days before).
    expect(Date.parse(account.signInEndsAt!) - Date.now()).toBeGreaterThan(59 * DAY);
    expect(account.signInEndsAt).toBe(account.tokenExpiresAt);
    await row('Studio on Instagram').getByText(shown(account.signInEndsAt!)).waitFor();
    // No Facebook pages behind it: no picker after the sign-in, none in its row.
    expect(await page.getByRole('dialog').count()).toBe(0);
  });
});

describe('a LinkedIn sign-in that ends soon', () => {
  let labs: string;

  it('a sign-in whose token ends in 3 days: both pages warn, naming the posts due after that date', async () => {
    linkedin.options.accessTokenSeconds = 3 * 86_400;
    await signIn('LinkedIn', 'Acme on LinkedIn', `${linkedin.url}/oauth/v2/authorization`);
    // Nothing left to pick: the dialog renewed the other page with the new token, and stayed closed.
    await page.getByText('The sign-in of 1 other LinkedIn page was renewed too.').first().waitFor();
    const [corp, lab] = [await byName('Acme on LinkedIn'), await byName('Acme Labs')];
    labs = lab.documentId;
    for (const account of [corp, lab]) {
      expect(Date.parse(account.signInEndsAt!) - Date.now()).toBeLessThan(3 * DAY);
      expect(Date.parse(account.signInEndsAt!) - Date.now()).toBeGreaterThan(2 * DAY);
    }
    // Posts of Acme Labs: tomorrow's goes out with the current token; those in 5 and 6 days come after its end.
    const utc = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 16);
    const plans: Record<number, string> = {};
    for (const days of [1, 5, 6])
      plans[days] = (
        await schedulePlan(app, [labs], {
          title: `Labs news, day ${days}`,
          body: `Labs news in ${days} days`,
          local: utc(days),
          timezone: 'UTC',
        })
      ).documentId;

    await page.goto(accountsPage());
    await notice('Acme Labs')
      .getByText(`Acme Labs: reconnect before ${noticeDate(lab.signInEndsAt!)}`)
      .waitFor();
    await notice('Acme Labs')
      .getByText(
        'The sign-in of this LinkedIn account ends then and cannot be renewed automatically: 2 scheduled posts are due after that date and will be held.'
      )
      .waitFor();
    // The notice names those two posts, soonest first, each opening its post; not tomorrow's.
    const named = notice('Acme Labs').getByRole('list', { name: 'Posts due after that date' }).getByRole('link');
    await named.first().waitFor();
    expect(await named.allTextContents()).toEqual(['Labs news, day 5', 'Labs news, day 6']);
    expect(await named.first().getAttribute('href')).toBe(`/admin/plugins/community-manager/posts/${plans[5]}`);
    await notice('Acme on LinkedIn').getByText('No scheduled post is due after that date.', { exact: false }).waitFor();
    await row('Acme Labs').getByText(shown(lab.signInEndsAt!)).waitFor();
    await screenshot(page, 'accounts-oauth-reauth-notice');
  });

  it('"Reconnect" on a page’s notice signs in again: both pages renewed, the notices gone', async () => {
    linkedin.options.accessTokenSeconds = 60 * 86_400;
    const before = visited.length;
    await notice('Acme Labs').getByRole('button', { name: 'Reconnect' }).click();
    expect((await backFromNetwork(before)).some((url) => url.startsWith(`${linkedin.url}/oauth/v2/authorization`))).toBe(true);
    // The sign-in lands on the member's first page; the picker renews Acme Labs, whose notice it was.
    await page.getByText('The sign-in of 1 other LinkedIn page was renewed too.').first().waitFor();
    await notice('Acme Labs').waitFor({ state: 'detached' });
    await notice('Acme on LinkedIn').waitFor({ state: 'detached' });
    const lab = (await accounts()).find((a) => a.documentId === labs)!;
    expect(Date.parse(lab.signInEndsAt!) - Date.now()).toBeGreaterThan(59 * DAY);
    await row('Acme Labs').getByText(shown(lab.signInEndsAt!)).waitFor();
    expect(await page.getByText('reconnect before').count()).toBe(0);
    await screenshot(page, 'accounts-oauth-reconnected');
  });
});

describe('publishing to the signed-in accounts, with the live links shown', () => {
  /** What the fakes held before this describe: the uploads counted below are this describe's own. */
  const before = { xMedia: 0, linkedinImages: 0, containers: 0 };
  /** each upload's path under the site (Strapi may rewrite the file: the networks get what it stored) */
  const stored: Record<string, string> = {};
  const storedBytes = (filename: string) => fs.statSync(path.join(app.strapi.dirs.static.public, stored[filename])).size;

  beforeAll(async () => {
    before.xMedia = x.media.size;
    before.linkedinImages = linkedin.images.size;
    before.containers = meta.containers.size;
    // Instagram fetches each file from the site's public address (a short-lived signed link on it), as in
    // tests/api/publishing-meta.test.ts: the fake Graph API fetches it from this loopback address.
    app.strapi.config.set('server.url', app.url);
    const uploads: Array<[Buffer, string, string]> = [
      [PNG, 'lighthouse.png', 'image/png'],
      [JPEG, 'quay-1.jpg', 'image/jpeg'],
      [JPEG, 'quay-2.jpg', 'image/jpeg'],
      [JPEG, 'quay-3.jpg', 'image/jpeg'],
    ];
    for (const [bytes, filename, contentType] of uploads) {
      const res = await app.http.post('/upload').set(auth()).attach('files', bytes, { filename, contentType });
      expect(res.status).toBe(201);
      stored[filename] = res.body[0].url;
    }
  });

  /** In two hours, as the composer's field takes it (the page's zone is UTC): inside the Publishing page's next 24 hours. */
  const soon = () => new Date(Date.now() + 2 * 3600_000).toISOString().slice(0, 16);

  /** The composer: title, accounts, text, files from the media library with their alt text, a time; scheduled. */
  async function compose(
    title: string,
    text: string,
    accountNames: string[],
    files: Array<{ name: string; alt: string }>,
    firstComment?: string
  ) {
    // The router: a post's write refreshes the Publishing page's queue, which publishNow opens next.
    await openInApp(page, app.url, '/admin/plugins/community-manager/posts/new');
    await page.getByRole('textbox', { name: /^Internal title/ }).fill(title);
    for (const name of accountNames) await page.getByRole('checkbox', { name }).click();
    await page.getByLabel('Text', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Add from the media library' }).click();
    const library = page.getByRole('dialog');
    for (const file of files) await library.getByRole('checkbox', { name: file.name }).click();
    await library.getByRole('button', { name: 'Finish' }).click();
    for (const file of files) await page.getByLabel(`Alt text for ${file.name}`).fill(file.alt);
    if (firstComment) await page.getByLabel('First comment').fill(firstComment);
    await page.getByLabel('Date and time').fill(soon());
    const actions = page.getByTestId('composer-actions');
    // With nobody else to approve, the owner's one step is "Approve and schedule" (or "Schedule" with approval off).
    await actions
      .getByRole('button', { name: 'Approve and schedule' })
      .or(actions.getByRole('button', { name: 'Schedule', exact: true }))
      .first()
      .click();
    await page.waitForURL(/\/posts\/(?!new$)[a-z0-9]+$/);
    await actions.getByRole('button', { name: 'Unschedule' }).waitFor();
    return page.url().split('/').pop()!;
  }

  /**
   * "Publish now" on each of the post's lines of the Publishing page's queue, as a person would. The file
   * keeps the app's scheduler off (CM_SCHEDULER_ENABLED=false), so the test's scheduler pass stands in for
   * it: it ticks until no line is left in the queue.
   */
  async function publishNow(planId: string, lines: number) {
    const rows = await publicationsOf(app, planId);
    expect(rows.map((r) => r.state)).toEqual(Array.from({ length: lines }, () => 'scheduled'));
    // Through the admin's own navigation, not a reload: each full load of the admin costs seconds on a busy machine.
    await page
      .getByRole('link', { name: /^Publishing/ })
      .first()
      .click();
    for (const row of rows) {
      const line = page.getByTestId('queue').getByTestId(`publication-${row.documentId}`);
      await Promise.all([
        page.waitForResponse((res) => res.url().endsWith(`/publications/${row.documentId}/publish-now`) && res.status() === 200),
        line.getByRole('button', { name: 'Publish now' }).click(),
      ]);
    }
    const until = Date.now() + 30_000;
    for (;;) {
      await tickAt(app, Date.now() + 1);
      const settled = await publicationsOf(app, planId);
      if (settled.every((r) => !['scheduled', 'claimed', 'publishing'].includes(r.state))) return settled;
      if (Date.now() > until) throw new Error(`still in the queue: ${settled.map((r) => r.state).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The post's "On the networks" card: the account's line published, and the href of its "View on …" link. */
  async function liveLinkOnPostPage(accountName: string, network: string) {
    const card = page.getByTestId('composer-live-posts');
    const line = card.getByTestId('live-post').filter({ hasText: accountName });
    await line.getByText('Published').waitFor();
    return line.getByRole('link', { name: `View on ${network}` }).getAttribute('href');
  }

  /** The posts page from the admin's navigation, then the post by its title. */
  async function openPost(title: string) {
    await page
      .getByRole('link', { name: /^Posts/ })
      .first()
      .click();
    await page.getByRole('link', { name: title }).click();
    await page.getByTestId('composer-live-posts').waitFor();
  }

  /** The Publishing page's Sent tab: the publication's "View the post" link. */
  async function liveLinkUnderSent(publicationId: string) {
    const line = page.getByTestId('sent-table').getByTestId(`sent-${publicationId}`);
    await line.waitFor();
    return line.getByRole('link', { name: /View the post/ }).getAttribute('href');
  }

  it('composes a post with an image for X and a LinkedIn page, publishes it now: each live link is the network’s post', async () => {
    const text = 'The lighthouse is lit again tonight';
    const planId = await compose(
      'Lighthouse lit',
      text,
      ['Brand on X', 'Acme on LinkedIn'],
      [{ name: 'lighthouse.png', alt: 'The lighthouse at dusk' }]
    );
    const rows = await publishNow(planId, 2);
    expect(rows.map((r) => r.state)).toEqual(['published', 'published']);

    // X: one media upload (initialize, append, finalize), attached to the one post made.
    const tweets = x.posts.filter((p) => p.text === text);
    expect(tweets).toHaveLength(1);
    expect(x.media.size - before.xMedia).toBe(1);
    const xMedia = [...x.media.values()].at(-1)!;
    expect(tweets[0].mediaIds).toEqual([xMedia.id]);
    expect(xMedia).toMatchObject({ state: 'succeeded', totalBytes: storedBytes('lighthouse.png'), alt: 'The lighthouse at dusk' });
    const xUrl = `https://x.com/${x.user.username}/status/${tweets[0].id}`;

    // LinkedIn: one images?action=initializeUpload and one PUT of the bytes, the image on the one post made.
    const shares = linkedin.posts.filter((p) => p.commentary === text);
    expect(shares).toHaveLength(1);
    expect(linkedin.images.size - before.linkedinImages).toBe(1);
    const initialized = linkedin.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/rest/images?action=initializeUpload'));
    const put = linkedin.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/dms-uploads/'));
    expect([initialized.length, put.length]).toEqual([1, 1]);
    const imageUrn = [...linkedin.images.keys()].at(-1)!;
    expect(linkedin.images.get(imageUrn)?.status).toBe('AVAILABLE');
    expect(shares[0].content?.media).toMatchObject({ id: imageUrn, altText: 'The lighthouse at dusk' });
    // The post's URN is the x-restli-id the fake answered; its address is LinkedIn's feed update for it.
    const linkedinUrl = `https://www.linkedin.com/feed/update/${shares[0].id}/`;

    const xRow = rows.find((r) => r.account.name === 'Brand on X')!;
    const liRow = rows.find((r) => r.account.name === 'Acme on LinkedIn')!;
    expect([xRow.externalUrl, liRow.externalUrl]).toEqual([xUrl, linkedinUrl]);

    // Where a person looks: the Publishing page's Sent tab…
    await page.getByRole('tab', { name: 'Sent' }).click();
    expect(await liveLinkUnderSent(xRow.documentId)).toBe(xUrl);
    expect(await liveLinkUnderSent(liRow.documentId)).toBe(linkedinUrl);
    // …and the post's page.
    await openPost('Lighthouse lit');
    expect(await liveLinkOnPostPage('Brand on X', 'X')).toBe(xUrl);
    expect(await liveLinkOnPostPage('Acme on LinkedIn', 'LinkedIn')).toBe(linkedinUrl);
    await screenshot(page, 'accounts-oauth-published-x-linkedin');
  });

  it('publishes a carousel of three images to Instagram now: one carousel container with its children, and its permalink', async () => {
    const text = 'Three views of the quay at low tide';
    const files = [1, 2, 3].map((n) => ({ name: `quay-${n}.jpg`, alt: `The quay, view ${n}` }));
    const planId = await compose('Quay carousel', text, ['Café on Instagram'], files);
    const [row] = await publishNow(planId, 1);
    expect(row.state).toBe('published');

    const made = [...meta.containers.values()].slice(before.containers);
    const carousels = made.filter((c) => c.network === 'instagram' && c.params.media_type === 'CAROUSEL');
    expect(carousels).toHaveLength(1);
    const children = carousels[0].params.children.split(',');
    expect(children).toHaveLength(3);
    // Each child is one of the images, fetched by the fake from the site's signed address, with its alt text.
    expect(made.filter((c) => c.params.is_carousel_item === 'true').map((c) => c.id)).toEqual(children);
    for (const [i, id] of children.entries()) {
      const child = meta.containers.get(id)!;
      expect(child).toMatchObject({ fetched: 'ok', params: expect.objectContaining({ alt_text: files[i].alt }) });
      expect(new URL(child.params.image_url).origin).toBe(app.url);
    }
    const posts = meta.posts.filter((p) => p.network === 'instagram' && p.text === text);
    expect(posts).toHaveLength(1);
    expect(posts[0].container).toBe(carousels[0].id);
    expect(row.externalUrl).toBe(posts[0].permalink);

    await page.getByRole('tab', { name: 'Sent' }).click();
    expect(await liveLinkUnderSent(row.documentId)).toBe(posts[0].permalink);
    await openPost('Quay carousel');
    expect(await liveLinkOnPostPage('Café on Instagram', 'Instagram')).toBe(posts[0].permalink);
    await screenshot(page, 'accounts-oauth-published-instagram-carousel');
  });

  it('publishes a photo post to a Facebook page and a thread to Threads now: each live link is the network’s post', async () => {
    const text = 'Fresh bread on the quay every morning';
    const comment = 'Open from 7 am, the bakery corner of the quay';
    const planId = await compose(
      'Bread on the quay',
      text,
      ['Café page', 'Café on Threads'],
      [{ name: 'quay-1.jpg', alt: 'Loaves on the quay' }],
      comment
    );
    const rows = await publishNow(planId, 2);
    expect(rows.map((r) => r.state)).toEqual(['published', 'published']);

    // Facebook: the photo uploaded unpublished, then one feed post attaching it, the first comment under that post.
    const [fbPost, ...fbMore] = meta.posts.filter((p) => p.network === 'facebook' && p.text === text);
    expect(fbMore).toEqual([]);
    expect(fbPost.media).toHaveLength(1);
    expect(meta.photos.get(fbPost.media[0])).toMatchObject({ published: false, alt: 'Loaves on the quay' });
    expect(meta.posts.filter((p) => p.network === 'facebook' && p.replyTo === fbPost.id).map((p) => p.text)).toEqual([comment]);

    // Threads: an IMAGE container fetched from the site, published, then the first comment as its reply: a thread of two.
    const [thPost, ...thMore] = meta.posts.filter((p) => p.network === 'threads' && p.text === text && !p.replyTo);
    expect(thMore).toEqual([]);
    const container = meta.containers.get(thPost.container!)!;
    expect(container).toMatchObject({ fetched: 'ok', params: expect.objectContaining({ media_type: 'IMAGE' }) });
    expect(new URL(container.params.image_url).origin).toBe(app.url);
    expect(meta.posts.filter((p) => p.network === 'threads' && p.replyTo === thPost.id).map((p) => p.text)).toEqual([comment]);

    const fbRow = rows.find((r) => r.account.name === 'Café page')!;
    const thRow = rows.find((r) => r.account.name === 'Café on Threads')!;
    expect([fbRow.externalUrl, thRow.externalUrl]).toEqual([fbPost.permalink, thPost.permalink]);
    await page.getByRole('tab', { name: 'Sent' }).click();
    expect(await liveLinkUnderSent(fbRow.documentId)).toBe(fbPost.permalink);
    expect(await liveLinkUnderSent(thRow.documentId)).toBe(thPost.permalink);
    await openPost('Bread on the quay');
    expect(await liveLinkOnPostPage('Café page', 'Facebook')).toBe(fbPost.permalink);
    expect(await liveLinkOnPostPage('Café on Threads', 'Threads')).toBe(thPost.permalink);
    await screenshot(page, 'accounts-oauth-published-facebook-threads');
  });

  it('a page token Facebook revoked (190): the check marks the page as needing new credentials, on the Accounts page', async () => {
    // The password changed: every token Meta issued dies (the last case of the file: nothing publishes after it).
    meta.revokeAll();
    await page
      .getByRole('link', { name: /^Accounts/ })
      .first()
      .click();
    await row('Café page').getByRole('button', { name: 'Check the connection of Café page' }).click();
    await page
      .getByText(/^Café page needs new credentials: /)
      .first()
      .waitFor();
    await row('Café page').getByText('Needs new credentials').waitFor();
    expect((await byName('Café page')) as unknown as { status: string }).toMatchObject({ status: 'needs_reauth' });
    await screenshot(page, 'accounts-oauth-facebook-needs-reauth');
  });
});
