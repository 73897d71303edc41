import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { adminWith } from '../helpers/admins';
import { actionUid, ACTIONS } from '../../shared/core/permissions';
import { PNG } from '../helpers/images';

/**
 * The composer's server side: media with alt text and per-network rules, UTM
 * rendering, internal comments, duplicate, bulk actions and the list's search,
 * filters and sort.
 */
let app: TestApp;
let sandboxId: string;
let instagramId: string;
let imageId: number;
let audioId: number;
let author: string;
let approver: string;
let publisher: string;

const auth = () => bearer(app.token);
const nextYear = new Date().getUTCFullYear() + 1;
const api = '/community-manager';
beforeAll(async () => {
  app = await startApp();
  sandboxId = (await app.http.post(`${api}/accounts`).set(auth()).send({ network: 'sandbox', name: 'Brand sandbox' })).body.data.documentId;
  // Instagram needs OAuth to connect; a sandbox row relabelled stands in for the rules, which only read the network.
  instagramId = (await app.http.post(`${api}/accounts`).set(auth()).send({ network: 'sandbox', name: 'Brand Instagram' })).body.data
    .documentId;
  await app.strapi.db
    .query('plugin::community-manager.social-account')
    .update({ where: { documentId: instagramId }, data: { network: 'instagram' } });
  const upload = await app.http.post('/upload').set(auth()).attach('files', PNG, { filename: 'harbour.png', contentType: 'image/png' });
  expect(upload.status).toBe(201);
  imageId = upload.body[0].id;
  const audio = await app.http
    .post('/upload')
    .set(auth())
    .attach('files', Buffer.from('ID3 not really audio'), { filename: 'interview.mp3', contentType: 'audio/mpeg' });
  audioId = audio.body[0].id;
  const read = actionUid(ACTIONS.postsRead);
  author = await adminWith(app, [read, actionUid(ACTIONS.postsCreate)]);
  approver = await adminWith(app, [read, actionUid(ACTIONS.postsApprove)]);
  publisher = await adminWith(app, [read, actionUid(ACTIONS.postsPublish)]);
});
afterAll(async () => app?.stop());

const plan = (extra: object = {}) => ({
  title: 'Harbour photo',
  body: 'The harbour at dawn',
  accountIds: [sandboxId],
  schedule: { local: `${nextYear}-05-04T08:00`, timezone: 'Europe/Paris' },
  ...extra,
});
const create = async (extra: object = {}, token = author) => {
  const res = await app.http.post(`${api}/post-plans`).set(bearer(token)).send(plan(extra));
  expect(res.status).toBe(200);
  return res.body.data as { documentId: string; [key: string]: unknown };
};
const step = (token: string, id: string, name: string, body: object = {}) =>
  app.http.post(`${api}/post-plans/${id}/${name}`).set(bearer(token)).send(body);
const approved = async (extra: object = {}) => {
  const { documentId } = await create(extra);
  await step(author, documentId, 'submit');
  await step(approver, documentId, 'approve');
  return documentId;
};

describe('media from the library', () => {
  it('stores files in order with this post’s alt text', async () => {
    const created = await create({ media: [{ id: imageId, alt: 'Fishing boats at dawn' }, { id: audioId }] });
    expect(created.media).toEqual([
      expect.objectContaining({
        id: imageId,
        name: 'harbour.png',
        mime: 'image/png',
        width: 1,
        height: 1,
        alternativeText: 'Fishing boats at dawn',
        url: expect.stringMatching(/^\/uploads\//),
      }),
      expect.objectContaining({ id: audioId, mime: 'audio/mpeg', alternativeText: null }),
    ]);
    expect((created.media as Array<{ size: number }>)[0].size).toBeGreaterThan(0);
  });

  it('refuses a file that is not in the library, naming it, and stores nothing', async () => {
    const before = (await app.http.get(`${api}/post-plans`).set(auth())).body.data.pagination.total;
    const res = await app.http
      .post(`${api}/post-plans`)
      .set(bearer(author))
      .send(plan({ media: [{ id: imageId }, { id: 999999 }] }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0]).toMatchObject({ path: ['media', 1, 'id'], code: 'not_found' });
    expect((await app.http.get(`${api}/post-plans`).set(auth())).body.data.pagination.total).toBe(before);
  });

  it('refuses to schedule media a network cannot take, naming the network and the file', async () => {
    const id = await approved({ accountIds: [instagramId], media: [{ id: audioId }] });
    const res = await step(publisher, id, 'schedule');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code: 'media_kind_refused', network: 'instagram', file: 'interview.mp3' });
    expect(res.body.error.message).toContain('Brand Instagram');
    expect(res.body.error.details.errors[0].path).toEqual(['media', 0]);
    expect((await app.http.get(`${api}/post-plans/${id}`).set(auth())).body.data.status).toBe('approved');
  });

  it('refuses an Instagram post without media and schedules it with an image', async () => {
    const bare = await approved({ accountIds: [instagramId] });
    expect((await step(publisher, bare, 'schedule')).body.error.details.code).toBe('media_required');
    const withImage = await approved({ accountIds: [instagramId], media: [{ id: imageId, alt: 'Boats' }] });
    expect((await step(publisher, withImage, 'schedule')).body.data.status).toBe('scheduled');
  });

  it('sends an approved post back to review when its alt text changes', async () => {
    const id = await approved({ media: [{ id: imageId, alt: 'Boats' }] });
    const res = await app.http
      .put(`${api}/post-plans/${id}`)
      .set(bearer(author))
      .send(plan({ media: [{ id: imageId, alt: 'Boats at dawn' }] }));
    expect(res.body.data.status).toBe('in_review');
  });
});

describe('what the composer reads', () => {
  it('tells each user which transitions they may take on a post', async () => {
    const { documentId } = await create();
    await step(author, documentId, 'submit');
    const asApprover = await app.http.get(`${api}/post-plans/${documentId}`).set(bearer(approver));
    expect(asApprover.body.data.availableTransitions).toEqual(['approve', 'send_back']);
    const asAuthor = await app.http.get(`${api}/post-plans/${documentId}`).set(bearer(author));
    expect(asAuthor.body.data.availableTransitions).toEqual(['withdraw', 'cancel']);
  });

  const me = async (token: string) => {
    const user = (await app.http.get('/admin/users/me').set(bearer(token))).body.data;
    return { id: user.id as number, name: `${user.firstname} ${user.lastname}` };
  };
  const context = async (token: string) => (await app.http.get(`${api}/composer/context`).set(bearer(token))).body.data;
  const names = (actions: Array<{ name: string }>) => actions.map((action) => action.name);
  const setApproval = async (approvalRequired: boolean) => {
    const settings = app.strapi.plugin('community-manager').service('settings') as {
      get(): Promise<object>;
      set(value: object): Promise<object>;
    };
    await settings.set({ ...(await settings.get()), approvalRequired });
  };

  it('offers an author without the approve permission only "send to review", naming who can approve', async () => {
    const asAuthor = await context(author);
    expect(asAuthor.approvalRequired).toBe(true);
    expect(asAuthor.newPostActions).toEqual([{ name: 'submit', to: 'in_review' }]);
    const approverName = (await me(approver)).name;
    const approverNames = asAuthor.approvers.map((person: { name: string }) => person.name);
    expect(approverNames).toContain(approverName);
    // The super admin holds every action; the author and the publisher hold no approve permission.
    expect(asAuthor.approvers.map((person: { id: number }) => person.id)).toContain((await me(app.token)).id);
    expect(approverNames).not.toContain((await me(author)).name);
    expect(approverNames).not.toContain((await me(publisher)).name);
    const { documentId } = await create();
    const plan = (await app.http.get(`${api}/post-plans/${documentId}`).set(bearer(author))).body.data;
    expect(names(plan.allowedActions)).toEqual(['submit', 'cancel']);
  });

  it('offers someone who may approve and publish "approve and schedule" first, in one step', async () => {
    expect(names((await context(app.token)).newPostActions)).toEqual(['approve_and_schedule', 'submit']);
    const { documentId } = await create();
    const asOwner = (await app.http.get(`${api}/post-plans/${documentId}`).set(auth())).body.data;
    expect(asOwner.allowedActions[0]).toEqual({ name: 'approve_and_schedule', to: 'scheduled' });
    // An approver who may not publish gets no shortcut on a post in review: approving is all they can do.
    await step(author, documentId, 'submit');
    const asApprover = (await app.http.get(`${api}/post-plans/${documentId}`).set(bearer(approver))).body.data;
    expect(names(asApprover.allowedActions)).toEqual(['approve', 'send_back']);
  });

  it('approves and schedules a draft in one request, recorded once in the trail with the actor', async () => {
    const { documentId } = await create();
    const res = await step(app.token, documentId, 'schedule', { approve: true });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('scheduled');
    const owner = await me(app.token);
    const trail = res.body.data.trail as Array<{ event: string; by: { id: number; name: string }; from?: string; to?: string }>;
    expect(trail.map((entry) => entry.event)).toEqual(['created', 'approve_and_schedule']);
    expect(trail[1]).toMatchObject({ from: 'draft', to: 'scheduled', by: { id: owner.id } });
    const publications = await app.strapi.db
      .query('plugin::community-manager.publication')
      .findMany({ where: { planDocumentId: documentId } });
    expect(publications).toHaveLength(1);
  });

  it('refuses the one step to whoever may not take every step of it, and changes nothing', async () => {
    const { documentId } = await create();
    const asAuthor = await step(author, documentId, 'schedule', { approve: true });
    expect(asAuthor.status).toBe(403);
    await step(author, documentId, 'submit');
    // The publisher may schedule but not approve: the shortcut's approve step refuses.
    const asPublisher = await step(publisher, documentId, 'schedule', { approve: true });
    expect(asPublisher.status).toBe(403);
    expect(asPublisher.body.error.details).toMatchObject({ code: 'missing_permission', messageId: 'missing_permission' });
    // The workflow's own English (it names the permission) stays what API clients read.
    expect(asPublisher.body.error.message).toContain('permission');
    expect((await app.http.get(`${api}/post-plans/${documentId}`).set(auth())).body.data.status).toBe('in_review');
    const misplaced = await step(app.token, documentId, 'approve', { approve: true });
    expect(misplaced.status).toBe(400);
  });

  it('offers plain "schedule" when approval is off, and no shortcut', async () => {
    await setApproval(false);
    try {
      const asOwner = await context(app.token);
      expect(asOwner.approvalRequired).toBe(false);
      expect(names(asOwner.newPostActions)).toEqual(['submit', 'schedule']);
      const { documentId } = await create();
      const plan = (await app.http.get(`${api}/post-plans/${documentId}`).set(bearer(publisher))).body.data;
      expect(names(plan.allowedActions)).toEqual(['schedule']);
    } finally {
      await setApproval(true);
    }
  });

  it('gives the site’s hosts for UTM tagging', async () => {
    const res = await app.http.get(`${api}/composer/context`).set(bearer(approver));
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body.data.siteHosts)).toBe(true);
  });
});

describe('UTM on the text each network receives', () => {
  it('tags links to the site’s own hosts only, per network, with the campaign', async () => {
    const settings = app.strapi.plugin('community-manager').service('settings') as {
      get(): Promise<object>;
      set(value: object): Promise<object>;
    };
    await settings.set({ ...(await settings.get()), siteUrl: 'https://www.example.com' });
    const bluesky = (await app.http.post(`${api}/accounts`).set(auth()).send({ network: 'sandbox', name: 'Short one' })).body.data
      .documentId;
    await app.strapi.db
      .query('plugin::community-manager.social-account')
      .update({ where: { documentId: bluesky }, data: { network: 'bluesky' } });
    const { documentId } = await create({
      accountIds: [sandboxId, bluesky],
      body: 'Read https://example.com/tides?lang=en#today and https://other.org/x',
      variants: { bluesky: { body: 'Tides: https://www.example.com/tides' } },
      campaign: 'spring',
      utm: { enabled: true },
    });
    const res = await app.http.get(`${api}/post-plans/${documentId}/texts`).set(bearer(approver));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      sandbox:
        'Read https://example.com/tides?lang=en&utm_source=sandbox&utm_medium=social&utm_campaign=spring#today and https://other.org/x',
      bluesky: 'Tides: https://www.example.com/tides?utm_source=bluesky&utm_medium=social&utm_campaign=spring',
    });
    const off = await create({ accountIds: [sandboxId], body: 'https://example.com/a', utm: { enabled: false } });
    expect((await app.http.get(`${api}/post-plans/${off.documentId}/texts`).set(auth())).body.data).toEqual({
      sandbox: 'https://example.com/a',
    });
  });
});

describe('the link card', () => {
  let page: http.Server;
  let base: string;
  beforeAll(async () => {
    page = http.createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<html><head><meta property="og:title" content="Harbour news"><meta property="og:image" content="/boats.jpg"></head></html>');
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => page.close(() => resolve())));

  it('reads a page’s OpenGraph title and image through the guarded fetcher', async () => {
    const res = await app.http
      .get(`${api}/link-preview`)
      .query({ url: `${base}/news` })
      .set(bearer(approver));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ title: 'Harbour news', image: `${base}/boats.jpg`, host: new URL(base).host });
  });

  it('answers 200 "no preview" for a page it cannot read, never a 502 the browser logs', async () => {
    // A port nothing listens on: the connection is refused.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = await app.http
      .get(`${api}/link-preview`)
      .query({ url: `http://127.0.0.1:${deadPort}/gone` })
      .set(bearer(approver));
    expect(unreachable.status).toBe(200);
    expect(unreachable.body.data).toEqual({
      url: `http://127.0.0.1:${deadPort}/gone`,
      host: `127.0.0.1:${deadPort}`,
      unavailable: true,
      reason: 'connect_failed',
    });
    // A private address is one the preview may not fetch: the same answer, and no request made.
    const metadata = await app.http.get(`${api}/link-preview`).query({ url: 'http://169.254.169.254/latest' }).set(auth());
    expect(metadata.status).toBe(200);
    expect(metadata.body.data).toMatchObject({ unavailable: true, reason: 'blocked_address' });
  });

  it('answers "no preview" with the page’s status when it answers an error', async () => {
    const missing = http.createServer((_req, res) => {
      res.statusCode = 404;
      res.end('<title>Not found</title>');
    });
    await new Promise<void>((resolve) => missing.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(missing.address() as AddressInfo).port}/nope`;
      const res = await app.http.get(`${api}/link-preview`).query({ url }).set(auth());
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ unavailable: true, reason: 'http_404' });
      expect(res.body.data.title).toBeUndefined();
    } finally {
      await new Promise<void>((resolve) => missing.close(() => resolve()));
    }
  });

  it('refuses what is not a web address on the url field', async () => {
    const scheme = await app.http.get(`${api}/link-preview`).query({ url: 'file:///etc/passwd' }).set(auth());
    expect(scheme.status).toBe(400);
    expect(scheme.body.error.details.errors[0].path).toEqual(['url']);
  });
});

describe('internal comments', () => {
  it('lets a reviewer and the author discuss a post; each deletes only their own', async () => {
    const { documentId } = await create();
    const mine = await app.http
      .post(`${api}/post-plans/${documentId}/comments`)
      .set(bearer(author))
      .send({ body: 'Is the photo credit right?' });
    expect(mine.status).toBe(200);
    const theirs = await app.http
      .post(`${api}/post-plans/${documentId}/comments`)
      .set(bearer(approver))
      .send({ body: 'Yes, credit the harbour office' });
    expect(theirs.body.data.by.name).toMatch(/^Test /);
    const list = await app.http.get(`${api}/post-plans/${documentId}/comments`).set(bearer(publisher));
    expect(list.body.data.map((c: { body: string }) => c.body)).toEqual(['Is the photo credit right?', 'Yes, credit the harbour office']);
    const refused = await app.http.delete(`${api}/post-plans/${documentId}/comments/${theirs.body.data.id}`).set(bearer(author));
    expect(refused.status).toBe(403);
    expect((await app.http.delete(`${api}/post-plans/${documentId}/comments/${mine.body.data.id}`).set(bearer(author))).status).toBe(200);
    const after = await app.http.get(`${api}/post-plans/${documentId}/comments`).set(auth());
    expect(after.body.data.map((c: { body: string }) => c.body)).toEqual(['Yes, credit the harbour office']);
  });

  it('refuses an empty comment, naming the field, and a comment on a missing post', async () => {
    const { documentId } = await create();
    const empty = await app.http.post(`${api}/post-plans/${documentId}/comments`).set(auth()).send({ body: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.errors[0].path).toEqual(['body']);
    expect((await app.http.post(`${api}/post-plans/nosuchpost0/comments`).set(auth()).send({ body: 'Hi' })).status).toBe(404);
  });

  it('removes a post’s comments with the post', async () => {
    const { documentId } = await create();
    await app.http.post(`${api}/post-plans/${documentId}/comments`).set(auth()).send({ body: 'To be removed' });
    await app.http.delete(`${api}/post-plans/${documentId}`).set(auth());
    expect(await app.strapi.db.query('plugin::community-manager.post-comment').count({ where: { postPlan: documentId } })).toBe(0);
  });
});

describe('duplicate', () => {
  it('makes a new draft with the same content, "(copy)" and no schedule', async () => {
    const id = await approved({
      media: [{ id: imageId, alt: 'Boats' }],
      campaign: 'spring',
      variants: { sandbox: { body: 'Sandbox text' } },
    });
    const res = await app.http.post(`${api}/post-plans/${id}/duplicate`).set(bearer(author));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      title: 'Harbour photo (copy)',
      status: 'draft',
      scheduledAt: null,
      campaign: 'spring',
      variants: { sandbox: { body: 'Sandbox text' } },
      media: [expect.objectContaining({ id: imageId, alternativeText: 'Boats' })],
    });
    expect(res.body.data.documentId).not.toBe(id);
    expect(res.body.data.trail).toEqual([expect.objectContaining({ event: 'duplicated' })]);
  });
});

describe('bulk actions', () => {
  it('applies an action to each post through the workflow, reporting refusals without stopping', async () => {
    const draftA = (await create()).documentId;
    const draftB = (await create()).documentId;
    const cancelled = (await create()).documentId;
    await step(author, cancelled, 'cancel');
    const res = await app.http
      .post(`${api}/post-plans/bulk`)
      .set(bearer(author))
      .send({ action: 'submit', documentIds: [draftA, cancelled, 'nosuchpost0', draftB] });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { documentId: draftA, ok: true },
      { documentId: cancelled, ok: false, code: 'not_allowed_from_status', message: expect.stringContaining('cancelled') },
      { documentId: 'nosuchpost0', ok: false, code: 'not_found', message: expect.any(String) },
      { documentId: draftB, ok: true },
    ]);
    expect((await app.http.get(`${api}/post-plans/${draftB}`).set(auth())).body.data.status).toBe('in_review');
  });

  it('does not let an author bulk-approve, and lets an approver', async () => {
    const id = (await create()).documentId;
    await step(author, id, 'submit');
    const refused = await app.http
      .post(`${api}/post-plans/bulk`)
      .set(bearer(author))
      .send({ action: 'approve', documentIds: [id] });
    expect(refused.body.data).toEqual([expect.objectContaining({ documentId: id, ok: false, code: 'missing_permission' })]);
    expect((await app.http.get(`${api}/post-plans/${id}`).set(auth())).body.data.status).toBe('in_review');
    const done = await app.http
      .post(`${api}/post-plans/bulk`)
      .set(bearer(approver))
      .send({ action: 'approve', documentIds: [id] });
    expect(done.body.data).toEqual([{ documentId: id, ok: true }]);
  });

  it('duplicates only for those who may create posts', async () => {
    const id = (await create()).documentId;
    const refused = await app.http
      .post(`${api}/post-plans/bulk`)
      .set(bearer(approver))
      .send({ action: 'duplicate', documentIds: [id] });
    expect(refused.body.data[0]).toMatchObject({ ok: false, code: 'missing_permission' });
    const done = await app.http
      .post(`${api}/post-plans/bulk`)
      .set(bearer(author))
      .send({ action: 'duplicate', documentIds: [id, id] });
    expect(done.body.data.map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);
  });

  it('refuses an unknown action or an empty selection, naming the field', async () => {
    const res = await app.http.post(`${api}/post-plans/bulk`).set(auth()).send({ action: 'publish', documentIds: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path[0]).sort()).toEqual(['action', 'documentIds']);
  });
});

describe('the list: search, filters, sort, pages', () => {
  const tag = `q${Date.now().toString(36)}`;
  let linkedArticle: string;
  beforeAll(async () => {
    linkedArticle = (await app.strapi.documents('api::article.article').create({ data: { title: 'Tide tables', slug: `tide-${tag}` } }))
      .documentId;
    await create({
      title: `Alpha ${tag}`,
      body: 'Mackerel season',
      campaign: `camp-${tag}`,
      pillar: 'Education',
      schedule: { local: `${nextYear}-03-01T09:00`, timezone: 'UTC' },
    });
    await create({
      title: `Bravo ${tag}`,
      body: `Body mentions ${tag}-tide`,
      pillar: 'Community',
      schedule: { local: `${nextYear}-02-01T09:00`, timezone: 'UTC' },
      entry: { uid: 'api::article.article', documentId: linkedArticle },
    });
    const charlie = await create({
      title: `Charlie ${tag}`,
      body: 'Nets',
      accountIds: [instagramId],
      schedule: { local: `${nextYear}-04-01T09:00`, timezone: 'UTC' },
    });
    await step(author, charlie.documentId, 'submit');
  });
  const list = async (query: Record<string, string | number>) => {
    const res = await app.http
      .get(`${api}/post-plans`)
      .query({ q: tag, ...query })
      .set(auth());
    expect(res.status).toBe(200);
    return res.body.data as { results: Array<{ title: string }>; pagination: { total: number } };
  };
  const titles = (page: { results: Array<{ title: string }> }) => page.results.map((p) => p.title.split(' ')[0]);

  it('searches title and body, case-insensitively', async () => {
    expect(titles(await list({}))).toEqual(['Bravo', 'Alpha', 'Charlie']);
    expect(titles(await list({ q: `${tag.toUpperCase()}-TIDE` }))).toEqual(['Bravo']);
  });

  it('filters by status, account, network, pillar, campaign, period and linked entry', async () => {
    expect(titles(await list({ status: 'in_review' }))).toEqual(['Charlie']);
    expect(titles(await list({ status: 'draft,in_review' }))).toHaveLength(3);
    expect(titles(await list({ network: 'instagram' }))).toEqual(['Charlie']);
    expect(titles(await list({ accountId: sandboxId }))).toEqual(['Bravo', 'Alpha']);
    expect(titles(await list({ pillar: 'Education' }))).toEqual(['Alpha']);
    expect(titles(await list({ campaign: `camp-${tag}` }))).toEqual(['Alpha']);
    expect(titles(await list({ from: `${nextYear}-02-15T00:00:00Z`, to: `${nextYear}-03-15T00:00:00Z` }))).toEqual(['Alpha']);
    expect(titles(await list({ q: '', entryUid: 'api::article.article', entryDocumentId: linkedArticle }))).toEqual(['Bravo']);
  });

  it('sorts by title, time or status either way and pages', async () => {
    expect(titles(await list({ sort: 'title', order: 'desc' }))).toEqual(['Charlie', 'Bravo', 'Alpha']);
    expect(titles(await list({ sort: 'scheduledAt', order: 'desc' }))).toEqual(['Charlie', 'Alpha', 'Bravo']);
    const second = await list({ sort: 'title', order: 'asc', page: 2, pageSize: 2 });
    expect(titles(second)).toEqual(['Charlie']);
    expect(second.pagination.total).toBe(3);
  });

  it('refuses a bad filter, naming it', async () => {
    const res = await app.http.get(`${api}/post-plans`).query({ sort: 'likes', status: 'lost' }).set(auth());
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path[0]).sort()).toEqual(['sort', 'status']);
  });
});
