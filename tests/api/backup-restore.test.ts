import { execFile } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startApp, bearer, PLAYGROUND, ROOT, TEST_KEY, TEST_KEY_ID, type TestApp } from '../helpers/strapi';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { quietStrapiEnv } from '../helpers/quiet-strapi-env';
import { PNG } from '../helpers/images';
import { schedulePlan } from '../helpers/publishing';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon';
import { startFeedServer, type FeedServer } from '../fakes/feeds';

/**
 * Switching the plugin off makes Strapi drop its tables. The way back: the
 * backup command before, the restore command after, and everything the
 * plugin's routes show is as it was — a sealed credential still opens, the
 * roles keep their access, and new rows get new ids.
 */
jest.setTimeout(600_000);

const run = promisify(execFile);
const TOKEN = `backup-token-${randomBytes(6).toString('hex')}`;
const ARTICLE = 'api::article.article';
const api = '/community-manager';
const INBOX_SECRET = 'backup-inbox-secret-0123456789';
const EDITOR = { email: 'editor-backup@example.com', password: 'Editor-Backup-2026' };

let mastodon: FakeMastodon;
let feeds: FeedServer;
let database: TestDatabase;
let workDir: string;
let app: TestApp | null = null;

beforeAll(async () => {
  mastodon = await startFakeMastodon();
  mastodon.tokens.set(TOKEN, { id: '7', username: 'agency', displayName: 'Agency' });
  feeds = await startFeedServer();
  database = await createTestDatabase();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-backup-'));
});
afterAll(async () => {
  await app?.stop();
  await database?.drop();
  await mastodon?.stop();
  await feeds?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

/** Runs a command of the plugin from the app's folder, as `npx community-manager-…` does. */
async function command(name: 'backup' | 'restore', args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'bin', `${name}.js`), ...args], {
      cwd: PLAYGROUND,
      env: { ...process.env, ...quietStrapiEnv(`${TEST_KEY_ID}:${TEST_KEY}`), ...database.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const boot = async (env: Record<string, string> = {}) => {
  app = await startApp(env, { database });
  return app;
};
const stop = async () => {
  await app?.stop({ keepDatabase: true });
  app = null;
};

/** Everything the plugin's routes show, to compare before and after. */
async function snapshot(a: TestApp, articleId: string) {
  const get = async (url: string) => {
    const res = await a.http.get(`${api}${url}`).set(bearer(a.token));
    expect(res.status).toBe(200);
    return res.body.data;
  };
  const plans = ((await get('/post-plans?pageSize=100')) as { results: Array<{ documentId: string }> }).results;
  const perPlan = [];
  for (const plan of plans) {
    perPlan.push({
      plan: await get(`/post-plans/${plan.documentId}`),
      comments: await get(`/post-plans/${plan.documentId}/comments`),
      publications: await get(`/publications?planDocumentId=${plan.documentId}`),
    });
  }
  return {
    lines: await get('/editorial-lines'),
    accounts: await get('/accounts'),
    plans,
    perPlan,
    sources: await get('/watch/sources'),
    items: await get('/watch/items'),
    alerts: await get('/watch/alerts'),
    feed: await get('/calendar/feed'),
    settings: await get('/settings'),
    articlePosts: await get(`/entries/posts?uid=${ARTICLE}&documentId=${articleId}`),
    autoShares: await a.strapi.db.query('plugin::community-manager.auto-share').findMany({ orderBy: { id: 'asc' } }),
    inbox: await get('/inbox/items?status=all&pageSize=100'),
    savedReplies: await get('/inbox/saved-replies'),
    inboxCursors: (await a.strapi.db.query('plugin::community-manager.inbox-cursor').findMany({ select: ['sourceRef', 'cursor'] })).map(
      (c: { sourceRef: string; cursor: string }) => ({ sourceRef: c.sourceRef, cursor: c.cursor })
    ),
  };
}

it('brings every plugin type back after the plugin was switched off and on', async () => {
  // 1. Data in every type, through the plugin's own routes.
  // The inbox's signed site endpoint is on, so a site comment and its delivery id are stored too.
  let a = await boot({ CM_INBOX_SITE_SECRETS: INBOX_SECRET });
  const auth = bearer(a.token);
  const line = await a.http
    .post(`${api}/editorial-lines`)
    .set(auth)
    .send({ name: 'Client brand', pillars: [{ name: 'News', targetShare: 60 }], bannedWords: ['cheap'] });
  expect(line.status).toBe(200);
  const lineId = line.body.data.documentId as string;
  const mastodonAccount = await a.http
    .post(`${api}/accounts`)
    .set(auth)
    .send({ network: 'mastodon', name: 'Brand Mastodon', instanceUrl: mastodon.url, accessToken: TOKEN, editorialLineId: lineId });
  expect(mastodonAccount.body.data.status).toBe('connected');
  const mastodonId = mastodonAccount.body.data.documentId as string;
  const sandboxId = (await a.http.post(`${api}/accounts`).set(auth).send({ network: 'sandbox', name: 'Brand sandbox' })).body.data
    .documentId as string;
  const upload = await a.http.post('/upload').set(auth).attach('files', PNG, { filename: 'harbour.png', contentType: 'image/png' });
  expect(upload.status).toBe(201);
  const scheduled = await schedulePlan(a, [mastodonId, sandboxId], {
    title: 'Launch',
    more: { editorialLineId: lineId, pillar: 'News', media: [{ id: upload.body[0].id, alt: 'The harbour at dawn' }] },
  });
  const draft = await a.http
    .post(`${api}/post-plans`)
    .set(auth)
    .send({ title: 'Idea', body: 'Later', accountIds: [sandboxId] });
  expect(draft.status).toBe(200);
  expect(
    (await a.http.post(`${api}/post-plans/${scheduled.documentId}/comments`).set(auth).send({ body: 'Checked with legal' })).status
  ).toBe(200);
  const alert = await a.http.post(`${api}/watch/alerts`).set(auth).send({ name: 'AI', kind: 'keyword', pattern: 'newsroom' });
  expect(alert.status).toBe(200);
  const source = await a.http
    .post(`${api}/watch/sources`)
    .set(auth)
    .send({ url: `${feeds.url}/rss.xml` });
  expect(source.status).toBe(200);
  expect((await a.http.post(`${api}/watch/sources/${source.body.data.documentId}/fetch`).set(auth).send({})).status).toBe(200);
  const feedUrl = (await a.http.post(`${api}/calendar/feed`).set(auth)).body.data.url as string;
  // The inbox: a mention read from Mastodon (an item and its source's cursor), a site comment (an item and its delivery id), a saved reply.
  mastodon.mention('7', { id: '901', username: 'fan', displayName: 'Fan' }, '@agency Great work!');
  expect((await a.http.post(`${api}/inbox/poll`).set(auth).send({})).body.data.created).toBe(1);
  const siteComment = JSON.stringify({ id: 'c-1', author: { name: 'Ann' }, text: 'Lovely article', createdAt: new Date().toISOString() });
  const stamp = String(Math.floor(Date.now() / 1000));
  const signed = await a.http
    .post('/api/community-manager/inbox/site')
    .set('content-type', 'application/json')
    .set('x-cm-timestamp', stamp)
    .set('x-cm-signature', `sha256=${createHmac('sha256', INBOX_SECRET).update(`${stamp}.${siteComment}`).digest('hex')}`)
    .send(siteComment);
  expect(signed.status).toBe(200);
  expect(
    (await a.http.post(`${api}/inbox/saved-replies`).set(auth).send({ name: 'Thanks', language: 'en', body: 'Thank you {author}!' })).status
  ).toBe(200);
  const settings = await a.http
    .put(`${api}/settings`)
    .set(auth)
    .send({
      siteUrl: 'http://localhost:1337',
      contentTypes: [
        {
          uid: ARTICLE,
          urlPattern: 'http://localhost:1337/blog/{slug}',
          autoShare: { enabled: true, mode: 'draft', accountIds: [sandboxId], template: 'Just out: {title} {url}' },
        },
      ],
    });
  expect(settings.status).toBe(200);
  const articleId = (await a.strapi.documents(ARTICLE).create({ data: { title: 'Spring', slug: 'spring', excerpt: 'Tulips.' } as never }))
    .documentId;
  expect((await a.http.post(`/content-manager/collection-types/${ARTICLE}/${articleId}/actions/publish`).set(auth).send({})).status).toBe(
    200
  );
  const autoShared = async () =>
    (await a.strapi.db.query('plugin::community-manager.auto-share').findOne({ where: { entryDocumentId: articleId } }))?.status;
  for (let i = 0; i < 100 && ['running', undefined].includes(await autoShared()); i++) await new Promise((r) => setTimeout(r, 100));
  // An editor whose role holds the plugin's actions: Strapi deletes those permissions while the plugin is off.
  const role = await (a.strapi.service('admin::role') as unknown as { create(d: object): Promise<{ id: number }> }).create({
    name: 'Community editor',
    description: 'Plans posts',
  });
  await (a.strapi.service('admin::role') as unknown as { assignPermissions(id: number, p: object[]): Promise<unknown> }).assignPermissions(
    role.id,
    ['posts.read', 'posts.create'].map((action) => ({
      action: `plugin::community-manager.${action}`,
      subject: null,
      conditions: [],
      properties: {},
    }))
  );
  await (a.strapi.service('admin::user') as unknown as { create(d: object): Promise<unknown> }).create({
    ...EDITOR,
    firstname: 'Edith',
    lastname: 'Tor',
    isActive: true,
    roles: [role.id],
  });

  // Reports: a collection pass (each connected account's first reading) and a KPI report.
  const reports = a.strapi.plugin('community-manager').service('reports') as { collect(): Promise<{ accounts: number }> };
  expect(await reports.collect()).toMatchObject({ accounts: 2 });
  const kpiReport = await a.http
    .post(`${api}/reports`)
    .set(auth)
    .send({ title: 'January', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', editorialLineId: lineId });
  expect(kpiReport.status).toBe(200);
  const before = await snapshot(a, articleId);
  // Every type holds rows, or the round trip proves less than it claims.
  for (const uid of [
    'editorial-line',
    'social-account',
    'post-plan',
    'post-comment',
    'publication',
    'auto-share',
    'calendar-feed',
    'watch-source',
    'watch-item',
    'watch-alert',
    'inbox-item',
    'inbox-cursor',
    'inbox-delivery',
    'saved-reply',
    'metric-track',
    'metric-snapshot',
    'kpi-report',
  ]) {
    expect([uid, (await a.strapi.db.query(`plugin::community-manager.${uid}`).count({})) > 0]).toEqual([uid, true]);
  }
  expect(before.perPlan.find((p) => p.plan.documentId === scheduled.documentId)!.plan.media).toHaveLength(1);
  await stop();

  // 2. The backup: counts only, owner-only file, the credential still sealed in it.
  const file = path.join(workDir, 'cm-backup.json');
  const backup = await command('backup', ['--file', file]);
  expect(backup.code).toBe(0);
  const report = JSON.parse(backup.stdout.slice(backup.stdout.indexOf('{')));
  expect(report.tables.cm_social_accounts).toBe(2);
  expect(report.tables.files_related_mph).toBe(1);
  expect(report.permissions).toBeGreaterThanOrEqual(2);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  const content = fs.readFileSync(file, 'utf8');
  expect(content).not.toContain(TOKEN);
  expect(content).toMatch(/enc:v1:test2026:/);
  expect(`${backup.stdout}${backup.stderr}`).not.toContain('enc:v1');
  expect(JSON.parse(content)).toMatchObject({ formatVersion: 1, pluginVersion: expect.any(String) });
  expect((await command('backup', ['--file', file])).code).not.toBe(0);

  // 3. Switched off: Strapi drops every table of the plugin.
  a = await boot({ CM_PLUGIN_ENABLED: 'false' });
  const tables = Object.keys(report.tables).filter((t) => t.startsWith('cm_'));
  expect(tables.length).toBeGreaterThanOrEqual(13);
  for (const table of tables) expect([table, await a.strapi.db.connection.schema.hasTable(table)]).toEqual([table, false]);
  expect((await a.http.get(`${api}/editorial-lines`).set(bearer(a.token))).status).toBe(404);
  await stop();

  // 4-5. On again, the restore: the command boots the app with the plugin on, which creates its tables empty (step 3
  // showed them gone), and writes the backup's rows into them.
  const restored = await command('restore', ['--file', file]);
  expect(restored.stderr).toBe('');
  expect(restored.code).toBe(0);
  const restoreReport = JSON.parse(restored.stdout.slice(restored.stdout.indexOf('{')));
  expect(restoreReport.tables).toEqual(report.tables);
  expect(restoreReport.permissions.restored).toBeGreaterThanOrEqual(2);
  expect(restored.stdout).not.toContain('enc:v1');
  // A second restore would duplicate everything: refused, nothing written.
  const again = await command('restore', ['--file', file]);
  expect(again.code).not.toBe(0);
  expect(again.stderr).toMatch(/not empty/);

  // 6. Everything back, through the same routes.
  a = await boot();
  expect(await snapshot(a, articleId)).toEqual(before);
  const seen = mastodon.requests.length;
  const check = await a.http.post(`${api}/accounts/${mastodonId}/check`).set(bearer(a.token));
  expect(check.body.data.status).toBe('connected');
  // The fake saw the token itself: the credential was opened, not a status read from the row.
  expect(mastodon.requests.slice(seen).some((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  // The private calendar address still works.
  expect((await a.http.get(new URL(feedUrl).pathname)).status).toBe(200);
  // New rows get new ids (PostgreSQL's sequences were moved past the restored ones).
  const newLine = await a.http.post(`${api}/editorial-lines`).set(bearer(a.token)).send({ name: 'Second brand' });
  expect(newLine.status).toBe(200);
  const newPlan = await a.http
    .post(`${api}/post-plans`)
    .set(bearer(a.token))
    .send({ title: 'After', body: 'New', accountIds: [sandboxId] });
  expect(newPlan.status).toBe(200);
  // The editor's role holds its plugin permissions again.
  const login = await a.http.post('/admin/login').send(EDITOR);
  expect(login.status).toBe(200);
  expect((await a.http.get(`${api}/post-plans`).set(bearer(login.body.data.token))).status).toBe(200);
  expect((await a.http.get(`${api}/accounts`).set(bearer(login.body.data.token))).status).toBe(403);
  await stop();

  // 7. --force replaces what is there with the backup's rows: the line and the plan made since are gone.
  const forced = await command('restore', ['--file', file, '--force']);
  expect(forced.stderr).toBe('');
  expect(JSON.parse(forced.stdout.slice(forced.stdout.indexOf('{'))).tables).toEqual(report.tables);
  a = await boot();
  const after = await snapshot(a, articleId);
  expect(after.lines).toEqual(before.lines);
  expect(after.plans).toEqual(before.plans);
  expect((await a.http.get(`${api}/accounts/${mastodonId}`).set(bearer(a.token))).body.data.name).toBe('Brand Mastodon');
});
