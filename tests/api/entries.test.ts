import { randomBytes } from 'node:crypto';
import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { actionUid, ACTIONS } from '../../shared/core/permissions';

/**
 * The site's articles seen from the plugin: the composer's prefill, the posts
 * linked to an article, its share timeline and auto-share on publish, on a
 * real Strapi with the playground's article type.
 */
let app: TestApp;
let accountId: string;
let articleId: string;
let coverId: number;
const auth = () => bearer(app.token);
const ARTICLE = 'api::article.article';
const nextYear = new Date().getUTCFullYear() + 1;

const putSettings = (contentType: object = {}, extra: object = {}) =>
  app.http
    .put('/community-manager/settings')
    .set(auth())
    .send({
      siteUrl: 'http://localhost:1337',
      contentTypes: [{ uid: ARTICLE, urlPattern: 'http://localhost:1337/blog/{slug}', ...contentType }],
      ...extra,
    });

const entryPosts = async (documentId: string) =>
  (await app.http.get(`/community-manager/entries/posts?uid=${ARTICLE}&documentId=${documentId}`).set(auth())).body.data as Array<
    Record<string, unknown>
  >;

/** The wall clock an instant shows in a zone, as YYYY-MM-DDTHH:mm (Intl, independent of the process's TZ). */
const wallClock = (iso: string, timeZone: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value])
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
};

beforeAll(async () => {
  app = await startApp();
  accountId = (await app.http.post('/community-manager/accounts').set(auth()).send({ network: 'sandbox', name: 'Brand sandbox' })).body.data
    .documentId;
  // A file row as the upload plugin writes it; the panel only reads it.
  coverId = (
    await app.strapi.db.query('plugin::upload.file').create({
      data: {
        name: 'spring.png',
        alternativeText: 'A field of tulips',
        url: '/uploads/spring.png',
        mime: 'image/png',
        ext: '.png',
        size: 1.2,
        hash: 'spring',
        provider: 'local',
      },
    })
  ).id;
  articleId = (
    await app.strapi.documents(ARTICLE).create({
      data: { title: 'Our spring update', slug: 'spring-update', excerpt: 'Faster pages and a new editor.', cover: coverId } as never,
    })
  ).documentId;
  expect((await putSettings()).status).toBe(200);
});
afterAll(async () => app?.stop());

describe('prefilling the composer from an article', () => {
  it('gives the title, the excerpt and public URL as the body, and the cover', async () => {
    const res = await app.http.get(`/community-manager/entries/prefill?uid=${ARTICLE}&documentId=${articleId}`).set(auth());
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      title: 'Our spring update',
      body: 'Faster pages and a new editor.\n\nhttp://localhost:1337/blog/spring-update',
      link: 'http://localhost:1337/blog/spring-update',
      excerpt: 'Faster pages and a new editor.',
      entry: { uid: ARTICLE, documentId: articleId, title: 'Our spring update' },
      media: [{ id: coverId, url: '/uploads/spring.png', name: 'spring.png', mime: 'image/png', alternativeText: 'A field of tulips' }],
    });
  });

  it('follows the field mapping of the settings', async () => {
    await putSettings({ fields: { title: 'slug', excerpt: null, image: null } });
    const res = await app.http.get(`/community-manager/entries/prefill?uid=${ARTICLE}&documentId=${articleId}`).set(auth());
    expect(res.body.data.title).toBe('spring-update');
    await putSettings();
  });

  it('refuses a type without the panel (400) and a missing article (404)', async () => {
    const other = await app.http.get(`/community-manager/entries/prefill?uid=api::nothing.nothing&documentId=${articleId}`).set(auth());
    expect(other.status).toBe(400);
    expect(other.body.error.details).toMatchObject({ code: 'not_enabled', errors: [{ path: ['uid'] }] });
    const missing = await app.http.get(`/community-manager/entries/prefill?uid=${ARTICLE}&documentId=nosuchdocument`).set(auth());
    expect(missing.status).toBe(404);
    const bad = await app.http.get(`/community-manager/entries/prefill?uid=${ARTICLE}&documentId=../etc`).set(auth());
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['documentId']);
  });
});

/** An editor holding the plugin's post actions and, optionally, a Content Manager read on articles (restricted to `fields`). */
async function editor(articleFields: string[] | null): Promise<string> {
  const roles = app.strapi.service('admin::role') as unknown as {
    create(data: object): Promise<{ id: number }>;
    assignPermissions(id: number, permissions: object[]): Promise<unknown>;
  };
  const suffix = randomBytes(4).toString('hex');
  const role = await roles.create({ name: `Editor ${suffix}`, description: 'plugin posts only' });
  const plugin = [ACTIONS.postsRead, ACTIONS.postsCreate].map((a) => ({
    action: actionUid(a),
    subject: null,
    conditions: [],
    properties: {},
  }));
  const read = articleFields
    ? [{ action: 'plugin::content-manager.explorer.read', subject: ARTICLE, conditions: [], properties: { fields: articleFields } }]
    : [];
  await roles.assignPermissions(role.id, [...plugin, ...read]);
  const credentials = { email: `editor-${suffix}@example.com`, password: `Pass-${suffix}-2026` };
  await (app.strapi.service('admin::user') as unknown as { create(data: object): Promise<unknown> }).create({
    ...credentials,
    firstname: 'Ed',
    lastname: suffix,
    isActive: true,
    roles: [role.id],
  });
  return (await app.http.post('/admin/login').send(credentials)).body.data.token as string;
}

describe('an entry reaches a post only for who may read it in the Content Manager', () => {
  it('refuses the prefill and the share timeline of an unpublished article to an editor without read on articles', async () => {
    const draftId = (
      await app.strapi
        .documents(ARTICLE)
        .create({ data: { title: 'Unannounced merger', slug: 'merger', excerpt: 'Embargoed until Monday.' } as never })
    ).documentId;
    const token = await editor(null);
    const prefill = await app.http.get(`/community-manager/entries/prefill?uid=${ARTICLE}&documentId=${draftId}`).set(bearer(token));
    expect(prefill.status).toBe(403);
    expect(prefill.body.error.details.code).toBe('entry_not_readable');
    expect(prefill.text).not.toMatch(/merger|Embargoed/i);
    const timeline = await app.http
      .post('/community-manager/entries/share-timeline')
      .set(bearer(token))
      .send({ uid: ARTICLE, documentId: draftId, accountIds: [accountId], offsets: [1], time: '10:00', timezone: 'Europe/Paris' });
    expect(timeline.status).toBe(403);
    expect(await entryPosts(draftId)).toEqual([]);
  });

  it('gives an editor only the fields their role may read', async () => {
    const token = await editor(['title']);
    const res = await app.http.get(`/community-manager/entries/prefill?uid=${ARTICLE}&documentId=${articleId}`).set(bearer(token));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ title: 'Our spring update', excerpt: '', media: [] });
    expect(res.text).not.toContain('Faster pages');
  });
});

describe('the posts of one article', () => {
  it('lists this article’s post plans newest first, and no other article’s', async () => {
    const otherId = (await app.strapi.documents(ARTICLE).create({ data: { title: 'Other', slug: 'other' } as never })).documentId;
    const create = (title: string, documentId: string) =>
      app.http
        .post('/community-manager/post-plans')
        .set(auth())
        .send({
          title,
          body: 'Read it',
          accountIds: [accountId],
          entry: { uid: ARTICLE, documentId },
          schedule: { local: `${nextYear}-05-05T10:00`, timezone: 'Europe/Paris' },
        });
    await create('First', articleId);
    await create('Elsewhere', otherId);
    await create('Second', articleId);
    const posts = await entryPosts(articleId);
    expect(posts.map((p) => p.title)).toEqual(['Second', 'First']);
    expect(posts[0]).toMatchObject({
      status: 'draft',
      origin: 'manual',
      timezone: 'Europe/Paris',
      localTime: `${nextYear}-05-05T10:00`,
      networks: ['sandbox'],
      accounts: [{ documentId: accountId, name: 'Brand sandbox', network: 'sandbox' }],
    });
    expect(posts[0]).not.toHaveProperty('body');
  });
});

describe('share timeline', () => {
  const share = (body: object) =>
    app.http
      .post('/community-manager/entries/share-timeline')
      .set(auth())
      .send({
        uid: ARTICLE,
        documentId: articleId,
        accountIds: [accountId],
        offsets: [1, 3, 14],
        time: '09:00',
        timezone: 'Europe/Paris',
        ...body,
      });

  it('creates one draft per day with varied openings, linked to the article', async () => {
    const res = await share({});
    expect(res.status).toBe(200);
    const created = res.body.data.results;
    expect(created).toHaveLength(3);
    expect(created.every((p: { status: string; origin: string }) => p.status === 'draft' && p.origin === 'share-timeline')).toBe(true);
    const bodies = await Promise.all(
      created.map(
        async (p: { documentId: string }) => (await app.http.get(`/community-manager/post-plans/${p.documentId}`).set(auth())).body.data
      )
    );
    const openings = bodies.map((p: { body: string }) => p.body.split(' Our spring update')[0]);
    expect(new Set(openings).size).toBe(3);
    for (const plan of bodies) {
      expect(plan.entry).toEqual({ uid: ARTICLE, documentId: articleId });
      expect(plan.body).toContain('http://localhost:1337/blog/spring-update');
      expect(wallClock(plan.scheduledAt, 'Europe/Paris')).toBe(plan.localTime);
      expect(plan.localTime).toMatch(/T09:00$/);
    }
    const listed = (await entryPosts(articleId)).map((p) => p.documentId);
    for (const p of created) expect(listed).toContain(p.documentId);
  });

  it('keeps 09:00 in the editor’s zone across a clock change', async () => {
    // Any 229 days in Paris contain a clock change (the longest stretch without one is 217 days).
    const res = await share({ offsets: [1, 230] });
    expect(res.status).toBe(200);
    const [first, last] = res.body.data.results as Array<{ scheduledAt: string; localTime: string }>;
    expect([wallClock(first.scheduledAt, 'Europe/Paris').slice(11), wallClock(last.scheduledAt, 'Europe/Paris').slice(11)]).toEqual([
      '09:00',
      '09:00',
    ]);
    expect(new Date(first.scheduledAt).getUTCHours()).not.toBe(new Date(last.scheduledAt).getUTCHours());
  });

  it('writes the openings in French when the account’s editorial line is French', async () => {
    const line = (
      await app.http
        .post('/community-manager/editorial-lines')
        .set(auth())
        .send({ name: 'Ligne FR', languages: ['fr'] })
    ).body.data.documentId;
    const frAccount = (
      await app.http.post('/community-manager/accounts').set(auth()).send({ network: 'sandbox', name: 'Compte FR', editorialLineId: line })
    ).body.data.documentId;
    const res = await share({ accountIds: [frAccount], offsets: [0, 2], time: '23:59', timezone: 'Pacific/Kiritimati' });
    expect(res.status).toBe(200);
    const plan = (await app.http.get(`/community-manager/post-plans/${res.body.data.results[1].documentId}`).set(auth())).body.data;
    expect(plan.body.startsWith('Au cas où vous l’auriez manqué\u202f:')).toBe(true);
    expect(plan.title).toBe('Our spring update (jour 2)');
  });

  it.each([
    ['a day chosen twice', { offsets: [1, 1] }, ['offsets', 1], 'duplicate'],
    ['more than ten steps', { offsets: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }, ['offsets'], 'too_big'],
    ['a time already past today', { offsets: [0], time: '00:00', timezone: 'Etc/GMT+12' }, ['offsets', 0], 'in_the_past'],
    ['no account', { accountIds: [] }, ['accountIds'], 'too_small'],
    ['a missing account', { accountIds: ['nosuchaccount'] }, ['accountIds', 0], 'not_found'],
    ['a time that is no time', { time: '9h' }, ['time'], 'invalid_format'],
    ['a zone that does not exist', { timezone: 'Mars/Olympus' }, ['timezone'], 'custom'],
    ['a negative day', { offsets: [-1] }, ['offsets', 0], 'too_small'],
  ])('refuses %s with 400 naming the field, creating nothing', async (_, body, path, code) => {
    const before = (await entryPosts(articleId)).length;
    const res = await share(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0]).toMatchObject({ path, code });
    expect((await entryPosts(articleId)).length).toBe(before);
  });
});

describe('auto-share on publish', () => {
  const publish = (documentId: string) =>
    app.http.post(`/content-manager/collection-types/${ARTICLE}/${documentId}/actions/publish`).set(auth()).send({});
  const newArticle = async (slug: string) =>
    (await app.strapi.documents(ARTICLE).create({ data: { title: `Auto ${slug}`, slug, excerpt: 'Short and sweet.' } as never }))
      .documentId;
  const record = (documentId: string) =>
    app.strapi.db.query('plugin::community-manager.auto-share').findOne({ where: { entryDocumentId: documentId } });
  /**
   * Auto-share runs once the publish is committed: it claims its record
   * (`running`), makes the posts, then settles the record. Wait for the
   * `attempts`-th attempt to settle rather than guess a delay, then read the posts.
   */
  const settled = async (documentId: string, attempts: number) => {
    const done = async () => {
      const row = await record(documentId);
      return Number(row?.attempts ?? 0) >= attempts && row?.status !== 'running';
    };
    for (let i = 0; i < 100 && !(await done()); i++) await new Promise((r) => setTimeout(r, 100));
    return entryPosts(documentId);
  };

  it('creates a draft from the template when an article is published, and only once', async () => {
    await putSettings({ autoShare: { enabled: true, mode: 'draft', accountIds: [accountId], template: 'Just out: {title} {url}' } });
    const id = await newArticle('auto-draft');
    expect((await publish(id)).status).toBe(200);
    const posts = await settled(id, 1);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ status: 'draft', origin: 'auto-share', scheduledAt: null });
    const plan = (await app.http.get(`/community-manager/post-plans/${posts[0].documentId}`).set(auth())).body.data;
    expect(plan.body).toBe('Just out: Auto auto-draft http://localhost:1337/blog/auto-draft');
    expect(plan.trail[0].by.name).toBe('Auto-share');

    await app.strapi.documents(ARTICLE).update({ documentId: id, data: { excerpt: 'Edited.' } as never });
    expect((await publish(id)).status).toBe(200);
    await app.strapi.documents(ARTICLE).publish({ documentId: id });
    await new Promise((r) => setTimeout(r, 500));
    expect(await entryPosts(id)).toHaveLength(1);
    expect(await record(id)).toMatchObject({ status: 'created', attempts: 1 });
  });

  it('schedules at publish time + delay when approval is not required, and submits for review when it is', async () => {
    await putSettings(
      { autoShare: { enabled: true, mode: 'scheduled', accountIds: [accountId], delayMinutes: 90, timezone: 'America/New_York' } },
      { approvalRequired: false }
    );
    const direct = await newArticle('auto-scheduled');
    const before = Date.now();
    await publish(direct);
    const [scheduled] = await settled(direct, 1);
    expect(scheduled).toMatchObject({ status: 'scheduled', timezone: 'America/New_York' });
    const at = new Date(scheduled.scheduledAt as string).getTime();
    expect(at).toBeGreaterThanOrEqual(before + 90 * 60_000);
    expect(at).toBeLessThanOrEqual(Date.now() + 92 * 60_000);

    await putSettings(
      { autoShare: { enabled: true, mode: 'scheduled', accountIds: [accountId], delayMinutes: 90 } },
      { approvalRequired: true }
    );
    const reviewed = await newArticle('auto-reviewed');
    await publish(reviewed);
    expect((await settled(reviewed, 1))[0]).toMatchObject({ status: 'in_review' });
  });

  it('never blocks the editor’s publish when auto-share fails, records why, and retries on the next publish', async () => {
    const doomed = (await app.http.post('/community-manager/accounts').set(auth()).send({ network: 'sandbox', name: 'Soon gone' })).body
      .data.documentId;
    await putSettings({ autoShare: { enabled: true, accountIds: [doomed] } });
    await app.http.delete(`/community-manager/accounts/${doomed}`).set(auth());
    const id = await newArticle('auto-failing');
    const res = await publish(id);
    expect(res.status).toBe(200);
    expect(res.body.data.publishedAt).toBeTruthy();
    const published = await app.strapi.documents(ARTICLE).findOne({ documentId: id, status: 'published' });
    expect(published).not.toBeNull();
    expect(await settled(id, 1)).toHaveLength(0);
    expect(await record(id)).toMatchObject({ status: 'failed', error: expect.stringContaining('account does not exist') });

    await putSettings({ autoShare: { enabled: true, accountIds: [accountId] } });
    await publish(id);
    expect(await settled(id, 2)).toHaveLength(1);
    expect(await record(id)).toMatchObject({ status: 'created', attempts: 2 });
  });

  it('two instances handling the same publish at once make the posts once (the record is claimed first)', async () => {
    await putSettings({ autoShare: { enabled: true, mode: 'draft', accountIds: [accountId] } });
    const id = (
      await app.strapi.documents(ARTICLE).create({ data: { title: 'Auto twice', slug: 'auto-twice', excerpt: 'Once.' } as never })
    ).documentId;
    await app.strapi.documents(ARTICLE).publish({ documentId: id });
    await settled(id, 1);
    // As a second and a third instance would, right after the first: each asks the same service.
    const entries = app.strapi.plugin('community-manager').service('entries') as { autoShareOnPublish(e: object): Promise<unknown> };
    const entry = { uid: ARTICLE, documentId: id, locale: null };
    await Promise.all([entries.autoShareOnPublish(entry), entries.autoShareOnPublish(entry)]);
    expect(await entryPosts(id)).toHaveLength(1);
    expect(await record(id)).toMatchObject({ status: 'created', attempts: 1 });
    // A fresh entry shared by two at the very same moment: one record, one post.
    const raced = (
      await app.strapi.documents(ARTICLE).create({ data: { title: 'Auto raced', slug: 'auto-raced', excerpt: 'Once.' } as never })
    ).documentId;
    await app.strapi.documents(ARTICLE).publish({ documentId: raced });
    await Promise.all([
      entries.autoShareOnPublish({ ...entry, documentId: raced }),
      entries.autoShareOnPublish({ ...entry, documentId: raced }),
    ]);
    await settled(raced, 1);
    expect(await entryPosts(raced)).toHaveLength(1);
    expect(await app.strapi.db.query('plugin::community-manager.auto-share').count({ where: { entryDocumentId: raced } })).toBe(1);
  });

  it('does nothing for a type whose auto-share is off', async () => {
    await putSettings();
    const id = await newArticle('auto-off');
    await publish(id);
    await new Promise((r) => setTimeout(r, 500));
    expect(await entryPosts(id)).toHaveLength(0);
  });
});
