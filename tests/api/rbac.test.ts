import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { adminWith, adminWithRole } from '../helpers/admins';
import { ACTION_DEFINITIONS, actionUid } from '../../shared/core/permissions';
import { startFeedServer, type FeedServer } from '../fakes/feeds';
import { startFakeLinkedIn, type FakeLinkedIn } from '../fakes/linkedin';
import { linkedInSignIn } from '../helpers/linkedin-signin';
import { facebookSignIn, instagramSignIn } from '../helpers/facebook-signin';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon';
import { startFakeMeta, type FakeMeta } from '../fakes/meta';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

/** The LinkedIn page picker lists a sign-in's pages from LinkedIn: a local one, started on first use. */
let linkedin: FakeLinkedIn | undefined;
const linkedInAccount = async (app: TestApp) => linkedInSignIn(app, (linkedin ??= await startFakeLinkedIn()));
afterAll(() => linkedin?.stop());
/** The Facebook page picker: the Graph API of `meta` below, started on first use. */
const facebookAccount = async (app: TestApp) => facebookSignIn(app, (meta ??= await startFakeMeta()));
/** The Instagram account picker: the same Graph API. */
const instagramAccount = async (app: TestApp) => instagramSignIn(app, (meta ??= await startFakeMeta()));

/** The inbox replies through a Mastodon: a local one, started on first use, with one account and items on it. */
let mastodon: FakeMastodon | undefined;
let inboxAccount: string | undefined;
async function inboxItem(app: TestApp, extra: Record<string, unknown> = {}): Promise<string> {
  if (!mastodon) {
    mastodon = await startFakeMastodon();
    mastodon.tokens.set('rbac-inbox-token', { id: '7', username: 'brand', displayName: 'Brand' });
  }
  inboxAccount ??= (
    await app.http
      .post('/community-manager/accounts')
      .set(bearer(app.token))
      .send({ network: 'mastodon', name: 'RBAC inbox', instanceUrl: mastodon.url, accessToken: 'rbac-inbox-token' })
  ).body.data.documentId as string;
  const documentId = `inbox${Math.random().toString(36).slice(2, 14)}`;
  await app.strapi.db.query('plugin::community-manager.inbox-item').create({
    data: {
      documentId,
      sourceRef: inboxAccount,
      network: 'mastodon',
      kind: 'mention',
      externalId: `ext-${documentId}`,
      text: 'Hello @brand',
      postedAt: new Date(),
      status: 'new',
      replyState: 'idle',
      ...extra,
    },
  });
  return documentId;
}
/** Hiding needs a network that can: a Facebook page on a local Graph API, started on first use, with a comment per item. */
let meta: FakeMeta | undefined;
let hideAccount: string | undefined;
afterAll(() => meta?.stop());
async function hideableItem(app: TestApp): Promise<string> {
  meta ??= await startFakeMeta();
  const page = meta.pages[0];
  if (!hideAccount) {
    await inboxItem(app);
    mastodon!.tokens.set('rbac-hide-token', { id: '8', username: 'page', displayName: 'Page' });
    // Facebook pages sign in only: the account is made as a Mastodon one, then pointed at the page with its page token.
    hideAccount = (
      await app.http
        .post('/community-manager/accounts')
        .set(bearer(app.token))
        .send({ network: 'mastodon', name: 'RBAC hide', instanceUrl: mastodon!.url, accessToken: 'rbac-hide-token' })
    ).body.data.documentId as string;
    await app.strapi.db.query('plugin::community-manager.social-account').update({
      where: { documentId: hideAccount },
      data: {
        network: 'facebook',
        instanceUrl: meta.graphUrl,
        networkAccountId: page.id,
        settings: { page: page.id, graphVersion: meta.version },
      },
    });
    await (
      app.strapi.plugin('community-manager').service('accounts') as unknown as { saveSecrets(id: string, s: object): Promise<void> }
    ).saveSecrets(hideAccount, { accessToken: meta.grant('page', page.id) });
    meta.posts.push({
      id: `${page.id}_77`,
      network: 'facebook',
      owner: page.id,
      text: 'RBAC',
      link: null,
      media: [],
      container: null,
      replyTo: null,
      createdAt: Date.now(),
      permalink: 'https://www.facebook.com/1/posts/77',
    });
  }
  const comment = meta.comment(`${page.id}_77`, 'Spam');
  const documentId = `hide${Math.random().toString(36).slice(2, 14)}`;
  await app.strapi.db.query('plugin::community-manager.inbox-item').create({
    data: {
      documentId,
      sourceRef: hideAccount,
      network: 'facebook',
      kind: 'reply',
      externalId: comment.id,
      inReplyToId: comment.on,
      text: comment.text,
      postedAt: new Date(),
      status: 'new',
      replyState: 'idle',
    },
  });
  return documentId;
}

const newSavedReply = async (app: TestApp) =>
  (
    await app.http
      .post('/community-manager/inbox/saved-replies')
      .set(bearer(app.token))
      .send({ name: `Thanks ${Math.random()}`, body: 'Thank you!' })
  ).body.data.documentId as string;
afterAll(() => mastodon?.stop());
const newRule = async (app: TestApp) =>
  (
    await app.http
      .post('/community-manager/inbox/rules')
      .set(bearer(app.token))
      .send({ name: `Rule ${Math.random()}`, conditions: { languages: ['de'] }, actions: { tags: ['de'] } })
  ).body.data.documentId as string;

/**
 * Walks every route the plugin registered: 401 without a token, 403 for an
 * admin holding every plugin action but the route's own, success with a role
 * holding only that action. A new route without a fixture here fails the suite.
 */
interface RouteDef {
  method: string;
  path: string;
  config: { policies: Array<string | { name: string; config: { actions: string[] } }> };
}

/** `token`: the one the request will carry, for fixtures whose success depends on who asks (own comments). */
/** `status`: what the holder of the action gets when success needs what this boot lacks (a 400 is still past the RBAC check). */
type Fixture = (app: TestApp, token?: string) => Promise<{ path: string; body?: object; status?: number }>;

const newLine = async (app: TestApp) =>
  (
    await app.http
      .post('/community-manager/editorial-lines')
      .set(bearer(app.token))
      .send({ name: `Line ${Math.random()}` })
  ).body.data.documentId as string;
const newAccount = async (app: TestApp) =>
  (
    await app.http
      .post('/community-manager/accounts')
      .set(bearer(app.token))
      .send({ network: 'sandbox', name: `Sandbox ${Math.random()}` })
  ).body.data.documentId as string;

/** A post plan brought to `status` by the super admin, through the same routes a person uses. */
async function planIn(app: TestApp, status: 'draft' | 'in_review' | 'approved' | 'scheduled' | 'cancelled' | 'failed') {
  const account = await newAccount(app);
  const year = new Date().getUTCFullYear() + 1;
  const created = await app.http
    .post('/community-manager/post-plans')
    .set(bearer(app.token))
    .send({
      title: 'RBAC post',
      body: 'Hello',
      accountIds: [account],
      schedule: { local: `${year}-05-05T10:00`, timezone: 'Europe/Paris' },
    });
  const id = created.body.data.documentId as string;
  const path: Record<typeof status, string[]> = {
    draft: [],
    in_review: ['submit'],
    approved: ['submit', 'approve'],
    scheduled: ['submit', 'approve', 'schedule'],
    cancelled: ['cancel'],
    failed: [],
  };
  for (const step of path[status]) await app.http.post(`/community-manager/post-plans/${id}/${step}`).set(bearer(app.token)).send({});
  // Only the publisher marks a post failed; the fixture writes it as the publisher would.
  if (status === 'failed')
    await app.strapi.db.query('plugin::community-manager.post-plan').update({ where: { documentId: id }, data: { status: 'failed' } });
  return id;
}

/** The playground's article type with the panel on, and one article in it. */
async function enabledArticle(app: TestApp) {
  const settings = app.strapi.plugin('community-manager').service('settings');
  await settings.set({
    ...(await settings.get()),
    contentTypes: [{ uid: 'api::article.article', urlPattern: 'https://example.com/blog/{slug}' }],
  });
  const slug = `rbac-${Math.random().toString(36).slice(2)}`;
  return (await app.strapi.documents('api::article.article').create({ data: { title: 'RBAC article', slug } as never })).documentId;
}

/** A comment written by `token` when it may comment, else by the super admin (the request is refused before it matters). */
async function commentOn(app: TestApp, token?: string) {
  const id = await planIn(app, 'draft');
  const write = (as: string) =>
    app.http.post(`/community-manager/post-plans/${id}/comments`).set(bearer(as)).send({ body: 'RBAC comment' });
  let res = token ? await write(token) : undefined;
  if (res?.status !== 200) res = await write(app.token);
  return `/post-plans/${id}/comments/${res.body.data.id}`;
}

/** A page for the link card to read, on loopback (allowed in tests), started on first use. */
let cardPage: import('node:http').Server | undefined;
async function cardPageUrl() {
  if (!cardPage) {
    const http = await import('node:http');
    cardPage = http.createServer((_req, res) => res.end('<title>RBAC page</title>'));
    await new Promise<void>((resolve) => cardPage!.listen(0, '127.0.0.1', resolve));
  }
  return `http://127.0.0.1:${(cardPage.address() as import('node:net').AddressInfo).port}/`;
}
afterAll(() => cardPage?.close());
/** Watch fixtures read a local fake feed server (started below). */
let feeds: FeedServer;
const newSource = async (app: TestApp) =>
  (
    await app.http
      .post('/community-manager/watch/sources')
      .set(bearer(app.token))
      .send({ url: `${feeds.url}/rss.xml?${Math.random()}` })
  ).body.data.documentId as string;
async function newItem(app: TestApp) {
  const source = await newSource(app);
  await app.http.post(`/community-manager/watch/sources/${source}/fetch`).set(bearer(app.token)).send({});
  return (await app.http.get('/community-manager/watch/items').query({ source }).set(bearer(app.token))).body.data.results[0]
    .documentId as string;
}
const newAlert = async (app: TestApp) =>
  (
    await app.http
      .post('/community-manager/watch/alerts')
      .set(bearer(app.token))
      .send({ name: `Alert ${Math.random()}`, kind: 'keyword', pattern: 'launch' })
  ).body.data.documentId as string;

const planBody = async (app: TestApp) => ({ title: `Plan ${Math.random()}`, body: 'Hi', accountIds: [await newAccount(app)] });

/** A publication in `state`, from a plan scheduled through the routes; settled states are written as the scheduler would. */
async function publicationIn(app: TestApp, state: 'scheduled' | 'failed' | 'unknown') {
  const plan = await planIn(app, 'scheduled');
  const [row] = await app.strapi.db.query('plugin::community-manager.publication').findMany({ where: { planDocumentId: plan } });
  if (state !== 'scheduled')
    await app.strapi.db.query('plugin::community-manager.publication').update({ where: { id: row.id }, data: { state } });
  return row.documentId as string;
}

const FIXTURES: Record<string, Fixture> = {
  'GET /post-plans': async () => ({ path: '/post-plans' }),
  'GET /post-plans/labels': async () => ({ path: '/post-plans/labels' }),
  'GET /post-plans/:documentId': async (app) => ({ path: `/post-plans/${await planIn(app, 'draft')}` }),
  'POST /post-plans': async (app) => ({ path: '/post-plans', body: await planBody(app) }),
  'PUT /post-plans/:documentId': async (app) => ({ path: `/post-plans/${await planIn(app, 'draft')}`, body: await planBody(app) }),
  'DELETE /post-plans/:documentId': async (app) => ({ path: `/post-plans/${await planIn(app, 'draft')}` }),
  'POST /post-plans/:documentId/submit': async (app) => ({ path: `/post-plans/${await planIn(app, 'draft')}/submit`, body: {} }),
  'POST /post-plans/:documentId/withdraw': async (app) => ({ path: `/post-plans/${await planIn(app, 'in_review')}/withdraw`, body: {} }),
  'POST /post-plans/:documentId/approve': async (app) => ({ path: `/post-plans/${await planIn(app, 'in_review')}/approve`, body: {} }),
  'POST /post-plans/:documentId/send_back': async (app) => ({
    path: `/post-plans/${await planIn(app, 'in_review')}/send_back`,
    body: { comment: 'Shorter, please' },
  }),
  'POST /post-plans/:documentId/schedule': async (app) => ({ path: `/post-plans/${await planIn(app, 'approved')}/schedule`, body: {} }),
  'POST /post-plans/:documentId/unschedule': async (app) => ({
    path: `/post-plans/${await planIn(app, 'scheduled')}/unschedule`,
    body: {},
  }),
  'POST /post-plans/:documentId/cancel': async (app) => ({ path: `/post-plans/${await planIn(app, 'draft')}/cancel`, body: {} }),
  'POST /post-plans/:documentId/restore': async (app) => ({ path: `/post-plans/${await planIn(app, 'cancelled')}/restore`, body: {} }),
  'POST /post-plans/:documentId/retry': async (app) => ({ path: `/post-plans/${await planIn(app, 'failed')}/retry`, body: {} }),
  'GET /post-plans/:documentId/texts': async (app) => ({ path: `/post-plans/${await planIn(app, 'draft')}/texts` }),
  'POST /post-plans/:documentId/duplicate': async (app) => ({ path: `/post-plans/${await planIn(app, 'draft')}/duplicate` }),
  'POST /post-plans/bulk': async (app) => ({
    path: '/post-plans/bulk',
    body: { action: 'submit', documentIds: [await planIn(app, 'draft')] },
  }),
  'GET /post-plans/:documentId/comments': async (app) => ({ path: `/post-plans/${await planIn(app, 'draft')}/comments` }),
  'POST /post-plans/:documentId/comments': async (app) => ({
    path: `/post-plans/${await planIn(app, 'draft')}/comments`,
    body: { body: 'Looks good' },
  }),
  'DELETE /post-plans/:documentId/comments/:commentId': async (app, token) => ({ path: await commentOn(app, token) }),
  'GET /composer/context': async () => ({ path: '/composer/context' }),
  'GET /link-preview': async () => ({ path: `/link-preview?url=${encodeURIComponent(await cardPageUrl())}` }),
  'GET /editorial-lines': async () => ({ path: '/editorial-lines' }),
  'GET /editorial-lines/:documentId': async (app) => ({ path: `/editorial-lines/${await newLine(app)}` }),
  'POST /editorial-lines': async () => ({ path: '/editorial-lines', body: { name: `Created ${Math.random()}` } }),
  'PUT /editorial-lines/:documentId': async (app) => ({
    path: `/editorial-lines/${await newLine(app)}`,
    body: { name: `Renamed ${Math.random()}` },
  }),
  'DELETE /editorial-lines/:documentId': async (app) => ({ path: `/editorial-lines/${await newLine(app)}` }),
  'POST /lint': async () => ({ path: '/lint', body: { text: 'Hello', network: 'mastodon' } }),
  'GET /accounts': async () => ({ path: '/accounts' }),
  'GET /accounts/:documentId': async (app) => ({ path: `/accounts/${await newAccount(app)}` }),
  'POST /accounts': async () => ({ path: '/accounts', body: { network: 'sandbox', name: 'RBAC sandbox' } }),
  'PUT /accounts/:documentId': async (app) => ({ path: `/accounts/${await newAccount(app)}`, body: { name: 'Renamed' } }),
  'DELETE /accounts/:documentId': async (app) => ({ path: `/accounts/${await newAccount(app)}` }),
  'POST /accounts/:documentId/check': async (app) => ({ path: `/accounts/${await newAccount(app)}/check` }),
  // A sandbox account has no real-time updates to subscribe to: past the RBAC check, the refusal says so.
  'POST /accounts/:documentId/subscribe': async (app) => ({ path: `/accounts/${await newAccount(app)}/subscribe`, body: {}, status: 400 }),
  'GET /status': async () => ({ path: '/status' }),
  'GET /settings': async () => ({ path: '/settings' }),
  'PUT /settings': async () => ({ path: '/settings', body: { approvalRequired: true } }),
  'GET /settings/content-types': async () => ({ path: '/settings/content-types' }),
  'GET /entries/config': async () => ({ path: '/entries/config?uid=api::article.article' }),
  'GET /entries/prefill': async (app) => ({ path: `/entries/prefill?uid=api::article.article&documentId=${await enabledArticle(app)}` }),
  'GET /entries/posts': async (app) => ({ path: `/entries/posts?uid=api::article.article&documentId=${await enabledArticle(app)}` }),
  'POST /entries/share-timeline': async (app) => ({
    path: '/entries/share-timeline',
    body: {
      uid: 'api::article.article',
      documentId: await enabledArticle(app),
      accountIds: [await newAccount(app)],
      offsets: [1, 3],
      time: '09:00',
      timezone: 'Europe/Paris',
    },
  }),
  'POST /post-plans/:documentId/reschedule': async (app) => ({
    path: `/post-plans/${await planIn(app, 'draft')}/reschedule`,
    body: { schedule: { local: `${new Date().getUTCFullYear() + 1}-05-06T10:00`, timezone: 'Europe/Paris' } },
  }),
  'GET /calendar/events': async () => ({ path: '/calendar/events?from=2031-06-01T00:00:00Z&to=2031-07-01T00:00:00Z' }),
  'GET /calendar/summary': async () => ({ path: '/calendar/summary?from=2031-06-01T00:00:00Z&to=2031-07-01T00:00:00Z' }),
  'GET /calendar/feed': async () => ({ path: '/calendar/feed' }),
  'POST /calendar/feed': async () => ({ path: '/calendar/feed', body: {} }),
  'DELETE /calendar/feed': async () => ({ path: '/calendar/feed' }),
  'GET /watch/sources': async () => ({ path: '/watch/sources' }),
  'GET /watch/sources/:documentId': async (app) => ({ path: `/watch/sources/${await newSource(app)}` }),
  'POST /watch/sources': async () => ({ path: '/watch/sources', body: { url: `${feeds.url}/atom.xml?${Math.random()}` } }),
  'PUT /watch/sources/:documentId': async (app) => ({ path: `/watch/sources/${await newSource(app)}`, body: { name: 'Renamed' } }),
  'DELETE /watch/sources/:documentId': async (app) => ({ path: `/watch/sources/${await newSource(app)}?keepItems=false` }),
  'POST /watch/sources/:documentId/pause': async (app) => ({ path: `/watch/sources/${await newSource(app)}/pause`, body: {} }),
  'POST /watch/sources/:documentId/resume': async (app) => ({ path: `/watch/sources/${await newSource(app)}/resume`, body: {} }),
  'POST /watch/sources/:documentId/fetch': async (app) => ({ path: `/watch/sources/${await newSource(app)}/fetch`, body: {} }),
  'POST /watch/sources/test': async () => ({ path: '/watch/sources/test', body: { url: `${feeds.url}/rss.xml` } }),
  'POST /watch/discover': async () => ({ path: '/watch/discover', body: { url: `${feeds.url}/site` } }),
  'POST /watch/opml/import': async () => ({
    path: '/watch/opml/import',
    body: {
      opml: `<opml version="2.0"><body><outline text="x" xmlUrl="${feeds.url}/rdf.xml?${Math.random()}"/></body></opml>`,
      intervalMinutes: 60,
    },
  }),
  'GET /watch/opml/export': async () => ({ path: '/watch/opml/export' }),
  'GET /watch/items': async () => ({ path: '/watch/items' }),
  'GET /watch/items/:documentId': async (app) => ({ path: `/watch/items/${await newItem(app)}` }),
  'POST /watch/items/:documentId/state': async (app) => ({ path: `/watch/items/${await newItem(app)}/state`, body: { state: 'starred' } }),
  'POST /watch/items/bulk': async (app) => ({ path: '/watch/items/bulk', body: { ids: [await newItem(app)], state: 'read' } }),
  'POST /watch/items/:documentId/curate': async (app) => ({ path: `/watch/items/${await newItem(app)}/curate`, body: {} }),
  'GET /watch/alerts/count': async () => ({ path: '/watch/alerts/count' }),
  'POST /watch/alerts/digest': async () => ({ path: '/watch/alerts/digest', body: {} }),
  'GET /watch/alerts': async () => ({ path: '/watch/alerts' }),
  'GET /watch/alerts/:documentId': async (app) => ({ path: `/watch/alerts/${await newAlert(app)}` }),
  'POST /watch/alerts': async () => ({ path: '/watch/alerts', body: { name: 'New alert', kind: 'regex', pattern: 'v\\d+' } }),
  'PUT /watch/alerts/:documentId': async (app) => ({
    path: `/watch/alerts/${await newAlert(app)}`,
    body: { name: 'Renamed', kind: 'keyword', pattern: 'x' },
  }),
  'DELETE /watch/alerts/:documentId': async (app) => ({ path: `/watch/alerts/${await newAlert(app)}` }),
  'GET /publishing': async () => ({ path: '/publishing' }),
  'GET /publishing/badge': async () => ({ path: '/publishing/badge' }),
  'GET /publishing/daily-caps': async (app) => ({
    path: `/publishing/daily-caps?at=2030-01-01T09:00:00Z&accountIds=${await newAccount(app)}`,
  }),
  'GET /publishing/sent': async () => ({ path: '/publishing/sent' }),
  'GET /publications': async (app) => ({ path: `/publications?planDocumentId=${await planIn(app, 'scheduled')}` }),
  'GET /publications/:documentId': async (app) => ({ path: `/publications/${await publicationIn(app, 'scheduled')}` }),
  'PUT /publishing/pause': async () => ({ path: '/publishing/pause', body: { paused: false } }),
  'POST /publications/:documentId/publish-now': async (app) => ({
    path: `/publications/${await publicationIn(app, 'scheduled')}/publish-now`,
    body: {},
  }),
  'POST /publications/:documentId/retry': async (app) => ({ path: `/publications/${await publicationIn(app, 'failed')}/retry`, body: {} }),
  'POST /publications/:documentId/cancel': async (app) => ({
    path: `/publications/${await publicationIn(app, 'scheduled')}/cancel`,
    body: {},
  }),
  'POST /publications/:documentId/mark-published': async (app) => ({
    path: `/publications/${await publicationIn(app, 'unknown')}/mark-published`,
    body: { url: 'https://example.com/p/1' },
  }),
  'GET /oauth/networks': async () => ({ path: '/oauth/networks' }),
  'POST /oauth/:network/authorize': async (app) => {
    // The sandbox's OAuth sign-in, set up by the super admin (nothing is called until the callback).
    await app.http
      .put('/community-manager/oauth/apps/sandbox')
      .set(bearer(app.token))
      .send({
        clientId: 'rbac-client',
        options: {
          authorizeUrl: 'https://auth.example.com/a',
          tokenUrl: 'https://auth.example.com/t',
          userinfoUrl: 'https://auth.example.com/u',
        },
      });
    return { path: '/oauth/sandbox/authorize', body: {} };
  },
  'POST /oauth/accounts/:documentId/refresh': async (app) => ({ path: `/oauth/accounts/${await newAccount(app)}/refresh`, body: {} }),
  'GET /oauth/apps': async () => ({ path: '/oauth/apps' }),
  'PUT /oauth/apps/:network': async () => ({ path: '/oauth/apps/sandbox', body: { clientId: 'rbac-client' } }),
  'GET /linkedin/accounts/:documentId/pages': async (app) => ({ path: `/linkedin/accounts/${await linkedInAccount(app)}/pages` }),
  'POST /linkedin/accounts/:documentId/pages': async (app) => ({
    path: `/linkedin/accounts/${await linkedInAccount(app)}/pages`,
    body: { urns: ['urn:li:organization:5515715'] },
  }),
  'GET /facebook/accounts/:documentId/pages': async (app) => ({ path: `/facebook/accounts/${await facebookAccount(app)}/pages` }),
  'POST /facebook/accounts/:documentId/pages': async (app) => ({
    path: `/facebook/accounts/${await facebookAccount(app)}/pages`,
    body: { ids: ['101000000000002'] },
  }),
  'GET /instagram/accounts/:documentId/pages': async (app) => ({ path: `/instagram/accounts/${await instagramAccount(app)}/pages` }),
  'POST /instagram/accounts/:documentId/pages': async (app) => ({
    path: `/instagram/accounts/${await instagramAccount(app)}/pages`,
    body: { ids: ['17841400000000001'] },
  }),
  'GET /reports/dashboard': async () => ({ path: '/reports/dashboard?from=2031-06-01T00:00:00Z&to=2031-07-01T00:00:00Z' }),
  'GET /reports/dashboard/export': async () => ({
    path: '/reports/dashboard/export?from=2031-06-01T00:00:00Z&to=2031-07-01T00:00:00Z&table=kpis',
  }),
  'GET /reports/campaigns': async () => ({ path: '/reports/campaigns?campaigns=Spring' }),
  'GET /reports/campaigns/export': async () => ({ path: '/reports/campaigns/export?campaigns=Spring&table=campaigns' }),
  'GET /reports/campaigns/pdf': async () => ({ path: '/reports/campaigns/pdf?campaigns=Spring&lang=en' }),
  'GET /reports/posts/:documentId/readings': async (app) => ({ path: `/reports/posts/${await publicationIn(app, 'scheduled')}/readings` }),
  'GET /reports': async () => ({ path: '/reports' }),
  'GET /reports/:documentId': async (app) => ({ path: `/reports/${await newReport(app)}` }),
  'GET /reports/:documentId/export': async (app) => ({ path: `/reports/${await newReport(app)}/export?table=posts` }),
  'GET /reports/:documentId/pdf': async (app) => ({ path: `/reports/${await newReport(app)}/pdf?lang=en` }),
  'GET /reports/best-time': async (app) => ({ path: `/reports/best-time?accountId=${await newAccount(app)}` }),
  'GET /reports/best-time/slots': async (app) => ({ path: `/reports/best-time/slots?accountId=${await newAccount(app)}` }),
  'GET /reports/schedules': async () => ({ path: '/reports/schedules' }),
  'POST /reports/schedules': async () => ({ path: '/reports/schedules', body: SCHEDULE }),
  'PUT /reports/schedules/:documentId': async (app) => ({ path: `/reports/schedules/${await newSchedule(app)}`, body: SCHEDULE }),
  'DELETE /reports/schedules/:documentId': async (app) => ({ path: `/reports/schedules/${await newSchedule(app)}` }),
  // Sending e-mails for real: to a local SMTP server, started on first use.
  'POST /reports/schedules/:documentId/send': async (app) => {
    smtp ??= await startSmtpSink(app);
    return { path: `/reports/schedules/${await newSchedule(app)}/send`, body: {} };
  },
  'POST /settings/management-role': async () => ({ path: '/settings/management-role', body: {} }),
  'POST /reports': async () => ({
    path: '/reports',
    body: { title: 'RBAC report', from: '2031-06-01T00:00:00Z', to: '2031-07-01T00:00:00Z' },
  }),
  'PUT /reports/:documentId': async (app) => ({ path: `/reports/${await newReport(app)}`, body: { commentary: 'Read it' } }),
  'POST /reports/:documentId/share': async (app) => ({ path: `/reports/${await newReport(app)}/share`, body: {} }),
  'DELETE /reports/:documentId': async (app) => ({ path: `/reports/${await newReport(app)}` }),
  'GET /inbox/items': async () => ({ path: '/inbox/items' }),
  'GET /inbox/items/:documentId': async (app) => ({ path: `/inbox/items/${await inboxItem(app)}` }),
  // A status the fake holds, so its thread is read for real (200) once past the RBAC check.
  'GET /inbox/items/:documentId/context': async (app) => {
    const documentId = await inboxItem(app);
    const status = mastodon!.mention('7', { id: '77', username: 'rbac', displayName: 'RBAC' }, '@brand Hello');
    await app.strapi.db.query('plugin::community-manager.inbox-item').update({ where: { documentId }, data: { externalId: status.id } });
    return { path: `/inbox/items/${documentId}/context` };
  },
  'POST /inbox/items/bulk': async (app) => ({ path: '/inbox/items/bulk', body: { ids: [await inboxItem(app)], status: 'done' } }),
  'POST /inbox/items/:documentId/status': async (app) => ({
    path: `/inbox/items/${await inboxItem(app)}/status`,
    body: { status: 'done' },
  }),
  // Letting go needs no check of the assignee; giving it to someone is checked in tests/api/inbox.test.ts.
  'POST /inbox/items/:documentId/assign': async (app) => ({
    path: `/inbox/items/${await inboxItem(app)}/assign`,
    body: { assigneeId: null },
  }),
  'PUT /inbox/items/:documentId/tags': async (app) => ({ path: `/inbox/items/${await inboxItem(app)}/tags`, body: { tags: ['vip'] } }),
  'POST /inbox/items/:documentId/notes': async (app) => ({ path: `/inbox/items/${await inboxItem(app)}/notes`, body: { text: 'Seen' } }),
  'PUT /inbox/items/:documentId/sentiment': async (app) => ({
    path: `/inbox/items/${await inboxItem(app)}/sentiment`,
    body: { label: 'positive' },
  }),
  'POST /inbox/items/:documentId/reply': async (app) => ({ path: `/inbox/items/${await inboxItem(app)}/reply`, body: { text: 'Thanks!' } }),
  'POST /inbox/items/:documentId/hide': async (app) => ({ path: `/inbox/items/${await hideableItem(app)}/hide`, body: { hidden: true } }),
  'POST /inbox/items/:documentId/resend': async (app) => ({
    path: `/inbox/items/${await inboxItem(app, { replyState: 'unknown', replyAttemptId: `k${Math.random()}`, replyText: 'Thanks!', replyBy: 1 })}/resend`,
    body: {},
  }),
  // strapi-plugin-comments is off in this boot: 400 past the RBAC check (it works in tests/api/inbox.test.ts).
  'POST /inbox/items/:documentId/moderate': async (app) => ({
    path: `/inbox/items/${await inboxItem(app)}/moderate`,
    body: { action: 'approve' },
    status: 400,
  }),
  'GET /inbox/sources': async () => ({ path: '/inbox/sources' }),
  'POST /inbox/poll': async () => ({ path: '/inbox/poll', body: {} }),
  'GET /inbox/assignees': async () => ({ path: '/inbox/assignees' }),
  'POST /inbox/sentiment': async () => ({ path: '/inbox/sentiment', body: { text: 'Great' } }),
  'GET /inbox/saved-replies': async () => ({ path: '/inbox/saved-replies' }),
  'POST /inbox/saved-replies': async () => ({ path: '/inbox/saved-replies', body: { name: 'Thanks', body: 'Thank you!' } }),
  'PUT /inbox/saved-replies/:documentId': async (app) => ({
    path: `/inbox/saved-replies/${await newSavedReply(app)}`,
    body: { name: 'Renamed' },
  }),
  'DELETE /inbox/saved-replies/:documentId': async (app) => ({ path: `/inbox/saved-replies/${await newSavedReply(app)}` }),
  'GET /inbox/badge': async () => ({ path: '/inbox/badge' }),
  'GET /inbox/reply-counts': async () => ({ path: '/inbox/reply-counts?plans=nosuchplan000000' }),
  'GET /inbox/figures': async () => ({ path: '/inbox/figures?from=2031-01-01T00:00:00Z&to=2031-02-01T00:00:00Z' }),
  'GET /inbox/crisis': async () => ({ path: '/inbox/crisis' }),
  'GET /inbox/crisis/timeline': async () => ({ path: '/inbox/crisis/timeline' }),
  // Each starts from the state it needs: off to turn on, on to turn off.
  'POST /inbox/crisis/start': async (app) => {
    await send(app, 'POST', '/inbox/crisis/end', app.token, {});
    return { path: '/inbox/crisis/start', body: { language: 'en' } };
  },
  'POST /inbox/crisis/end': async (app) => {
    await send(app, 'POST', '/inbox/crisis/start', app.token, {});
    return { path: '/inbox/crisis/end', body: {} };
  },
  'GET /inbox/crisis/settings': async () => ({ path: '/inbox/crisis/settings' }),
  'PUT /inbox/crisis/settings': async () => ({ path: '/inbox/crisis/settings', body: {} }),
  'GET /inbox/rules': async () => ({ path: '/inbox/rules' }),
  'POST /inbox/rules': async () => ({
    path: '/inbox/rules',
    body: { name: 'Tag refunds', conditions: { keywords: ['refund'] }, actions: { tags: ['refund'] } },
  }),
  'POST /inbox/rules/dry-run': async () => ({ path: '/inbox/rules/dry-run', body: { conditions: { keywords: ['refund'] } } }),
  'PUT /inbox/rules/order': async (app) => {
    await newRule(app);
    const all = (await app.http.get('/community-manager/inbox/rules').set(bearer(app.token))).body.data as Array<{ documentId: string }>;
    return { path: '/inbox/rules/order', body: { ids: all.map((r) => r.documentId).reverse() } };
  },
  'PUT /inbox/rules/:documentId': async (app) => ({ path: `/inbox/rules/${await newRule(app)}`, body: { enabled: false } }),
  'DELETE /inbox/rules/:documentId': async (app) => ({ path: `/inbox/rules/${await newRule(app)}` }),
};

let smtp: SmtpSink | undefined;
afterAll(() => smtp?.stop());

/** A KPI report generated by the super admin (figures of an empty month). */
const SCHEDULE = { name: 'Weekly', frequency: 'weekly', hour: 8, timezone: 'UTC', language: 'en', recipients: ['board@example.com'] };
const newSchedule = async (app: TestApp) =>
  (await app.http.post('/community-manager/reports/schedules').set(bearer(app.token)).send(SCHEDULE)).body.data.documentId as string;

async function newReport(app: TestApp) {
  const res = await app.http
    .post('/community-manager/reports')
    .set(bearer(app.token))
    .send({ title: `Report ${Math.random()}`, from: '2031-06-01T00:00:00Z', to: '2031-07-01T00:00:00Z' });
  return res.body.data.documentId as string;
}

let app: TestApp;
let routes: RouteDef[];
beforeAll(async () => {
  feeds = await startFeedServer();
  app = await startApp({ CM_WATCH_ENABLED: 'false' });
  routes = (app.strapi.plugin('community-manager').routes as unknown as { admin: { routes: RouteDef[] } }).admin.routes;
});
afterAll(async () => {
  await app?.stop();
  await feeds?.stop();
});

const allActions = ACTION_DEFINITIONS.map((a) => actionUid(a.uid));

function guardOf(route: RouteDef): string[] {
  const policy = route.config.policies.find(
    (p): p is { name: string; config: { actions: string[] } } => typeof p === 'object' && p.name === 'admin::hasPermissions'
  );
  return policy?.config.actions ?? [];
}

function send(app: TestApp, method: string, path: string, token?: string, body?: object) {
  const req = app.http[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](`/community-manager${path}`);
  if (token) req.set(bearer(token));
  return body ? req.send(body) : req;
}

describe('every plugin route is guarded by authentication and its RBAC action', () => {
  it('has a fixture for every registered route, and every route is behind both policies', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(keys.sort()).toEqual(Object.keys(FIXTURES).sort());
    for (const route of routes) {
      expect(route.config.policies).toContain('admin::isAuthenticatedAdmin');
      // One action of the plugin's first; after it, only Strapi's own (making a role needs `admin::roles.create`).
      const [action, ...strapiActions] = guardOf(route);
      expect(allActions).toContain(action);
      for (const extra of strapiActions) expect(extra).toMatch(/^admin::/);
    }
  });

  // Every plugin route three ways, with role changes between: 170 s on a loaded MariaDB before this stop added routes.
  it('answers 401 without a token, 403 without the action and success with it', async () => {
    // Two admins whose roles change with the route's action: one holding only it, one holding every other.
    const holder = await adminWithRole(app, []);
    const others = await adminWithRole(app, allActions);
    const allowed = holder.token;
    const denied = others.token;
    // Routes sharing an action one after another: each role changes once per action.
    const byAction = [...routes].sort((a, b) => guardOf(a).join().localeCompare(guardOf(b).join()));
    let current = '';
    for (const route of byAction) {
      const required = guardOf(route);
      const [action, ...strapiActions] = required;
      if (required.join() !== current) {
        await holder.setActions(required);
        // Every other action of the plugin, and Strapi's own this route needs: refused for the plugin's alone.
        await others.setActions([...allActions.filter((a) => a !== action), ...strapiActions]);
        current = required.join();
      }
      const label = `${route.method} ${route.path}`;

      // A refused request changes nothing, so the anonymous and the forbidden one share a fixture (each makes rows).
      const forbidden = await FIXTURES[label](app, denied);
      expect([label, (await send(app, route.method, forbidden.path, undefined, forbidden.body)).status]).toEqual([label, 401]);
      expect([label, (await send(app, route.method, forbidden.path, denied, forbidden.body)).status]).toEqual([label, 403]);

      // The article's words reach a post only for who may also read the article in the Content Manager.
      const readsArticle = label === 'GET /entries/prefill' || label === 'POST /entries/share-timeline';
      const permitted = readsArticle
        ? await adminWith(app, [action, { action: 'plugin::content-manager.explorer.read', subject: 'api::article.article' }])
        : allowed;
      const ok = await FIXTURES[label](app, permitted);
      const res = await send(app, route.method, ok.path, permitted, ok.body);
      expect([label, res.status]).toEqual([label, ok.status ?? 200]);
      // A fixture's own status: past the RBAC check, its body is the refusal.
      if (ok.status) expect(res.body.error).toBeDefined();
      else if (String(res.headers['content-type']).startsWith('application/pdf')) expect(res.body.length).toBeGreaterThan(0);
      else expect(res.body.data).toBeDefined();

      if (strapiActions.length > 0) {
        // The plugin's action without Strapi's own is not enough either.
        await holder.setActions([action]);
        current = '';
        const without = await FIXTURES[label](app, allowed);
        expect([label, (await send(app, route.method, without.path, allowed, without.body)).status]).toEqual([label, 403]);
      }
    }
  }, 600_000);
});

/**
 * The plugin's only unauthenticated routes, listed here on purpose: a calendar
 * app cannot sign in, so the token in the path is the credential; an <img>
 * cannot send the admin's token, so the watch images' signed address is
 * (tests/api/watch-images.test.ts). Anything else showing up among the public
 * routes fails this suite.
 */
describe('the public iCalendar feed route', () => {
  interface PublicRoute {
    method: string;
    path: string;
    config: { auth?: boolean };
  }
  const publicRoutes = () =>
    (app.strapi.plugin('community-manager').routes as unknown as Record<string, { type: string; routes: PublicRoute[] }>)['content-api']
      ?.routes ?? [];

  it('is, with the watch images, the only content-api route, and they are unauthenticated by design', () => {
    expect(publicRoutes().map((r) => `${r.method} ${r.path} auth=${String(r.config.auth)}`)).toEqual([
      'GET /calendar/:token.ics auth=false',
      'GET /watch/items/:documentId/image auth=false',
      // The OAuth callback: the network redirects the browser there without the admin's token; the single-use state is the credential (tests/api/oauth.test.ts).
      'GET /oauth/callback auth=false',
      // The site's signed comments: a site's server holds no admin token; the HMAC over the raw body is the credential (tests/api/inbox.test.ts).
      'POST /inbox/site auth=false',
      // A network's webhook: the verify token answers the handshake, the app secret's signature over the raw body is a delivery's credential (tests/api/publishing-meta.test.ts).
      'GET /inbox/push/:signIn auth=false',
      'POST /inbox/push/:signIn auth=false',
      // Media a network fetches by URL (Instagram, Threads): the signed, short-lived token is the credential (tests/api/publishing-meta.test.ts).
      'GET /media/:token auth=false',
    ]);
  });

  it('refuses missing, malformed and unknown tokens with the same 404, and serves a real one', async () => {
    for (const token of ['', 'x', 'A'.repeat(43), 'not-a-token-at-all', '%00']) {
      const res = await app.http.get(`/api/community-manager/calendar/${token}.ics`);
      expect([token, res.status]).toEqual([token, 404]);
      expect(res.text).not.toContain('BEGIN:VCALENDAR');
    }
    const url = (await app.http.post('/community-manager/calendar/feed').set(bearer(app.token))).body.data.url as string;
    const res = await app.http.get(new URL(url).pathname);
    expect(res.status).toBe(200);
    expect(res.text).toContain('BEGIN:VCALENDAR');
  });
});
