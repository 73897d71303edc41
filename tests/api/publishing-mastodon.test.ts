import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon';
import { createAccount, planStatus, publicationsOf, schedulePlan, tickAt } from '../helpers/publishing';
import { PNG } from '../helpers/images';

/** Mastodon publishing against a fake that follows Mastodon's documented API, faults included. */
let app: TestApp;
let mastodon: FakeMastodon;
let accountId: string;
let localDay = 1;

const TOKEN = 'mastodon-publishing-token';
const year = new Date().getUTCFullYear() + 1;
const nextSlot = () => `${year}-03-${String(localDay++).padStart(2, '0')}T09:00`;

beforeAll(async () => {
  [app, mastodon] = await Promise.all([startApp({ CM_SCHEDULER_ENABLED: 'false', CM_PUBLISH_BACKOFF_MS: '1000' }), startFakeMastodon()]);
  mastodon.tokens.set(TOKEN, { id: '7', username: 'brand', displayName: 'Brand' });
  accountId = (await createAccount(app, { network: 'mastodon', name: 'Brand on Mastodon', instanceUrl: mastodon.url, accessToken: TOKEN }))
    .documentId;
});
afterAll(async () => {
  await app?.stop();
  await mastodon?.stop();
});
beforeEach(() => {
  mastodon.fault = null;
  mastodon.hostileUrl = null;
});

const statusesWith = (text: string) => mastodon.statuses.filter((s) => s.text === text);

describe('publishing to Mastodon', () => {
  it('publishes the status with an Idempotency-Key, then the first comment as a reply', async () => {
    const plan = await schedulePlan(app, [accountId], { body: 'Hello fediverse', firstComment: 'More in the thread', local: nextSlot() });
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    const [row] = await publicationsOf(app, plan.documentId);
    const [status] = statusesWith('Hello fediverse');
    expect(row).toMatchObject({ state: 'published', externalId: status.id, externalUrl: `${mastodon.url}/@u7/${status.id}` });
    expect(status.idempotencyKey).toBeTruthy();
    const [reply] = statusesWith('More in the thread');
    expect(reply.inReplyToId).toBe(status.id);
    expect(row.history.map((h) => h.event)).toContain('first_comment');
  });

  it('a 500 after the status was stored is reconciled from the account’s recent statuses, never sent twice', async () => {
    mastodon.fault = () => ({ kind: 'apply-then-reset' });
    const plan = await schedulePlan(app, [accountId], { body: 'Stored, then the line dropped', local: nextSlot() });
    const due = Date.parse(plan.scheduledAt);
    await tickAt(app, due + 1);
    expect((await publicationsOf(app, plan.documentId))[0]).toMatchObject({ state: 'unknown' });
    mastodon.fault = null;
    await tickAt(app, due + 10_000);
    const [row] = await publicationsOf(app, plan.documentId);
    expect(row.state).toBe('published');
    expect(row.history.map((h) => h.event)).toContain('reconciled_found');
    expect(statusesWith('Stored, then the line dropped')).toHaveLength(1);
  });

  it('a reset before anything was stored is looked up, found absent, and sent again with the same key', async () => {
    mastodon.fault = () => ({ kind: 'reset' });
    const plan = await schedulePlan(app, [accountId], { body: 'Lost on the way', local: nextSlot() });
    const due = Date.parse(plan.scheduledAt);
    await tickAt(app, due + 1);
    mastodon.fault = null;
    await tickAt(app, due + 10_000);
    await tickAt(app, due + 10_001);
    const [row] = await publicationsOf(app, plan.documentId);
    expect(row.state).toBe('published');
    expect(row.history.map((h) => h.event)).toEqual(expect.arrayContaining(['outcome_unknown', 'reconciled_absent', 'published']));
    expect(statusesWith('Lost on the way')).toHaveLength(1);
  });

  it('a 429 with Retry-After is honoured: the account waits, then the post goes out once', async () => {
    mastodon.fault = () => ({ kind: 'status', status: 429, body: { error: 'Too many requests' }, headers: { 'retry-after': '120' } });
    const plan = await schedulePlan(app, [accountId], { body: 'Slow down', local: nextSlot() });
    const due = Date.parse(plan.scheduledAt);
    await tickAt(app, due + 1);
    let [row] = await publicationsOf(app, plan.documentId);
    expect(row).toMatchObject({ state: 'scheduled', error: { code: 'rate_limited' } });
    const account = await app.strapi.db.query('plugin::community-manager.social-account').findOne({ where: { documentId: accountId } });
    expect(account.rateLimit.until).toBeGreaterThan(Date.now() + 100_000);
    mastodon.fault = null;
    // Retry-After is measured in real time: the account stays blocked for every instance until then.
    await tickAt(app, due + 5_000);
    expect((await publicationsOf(app, plan.documentId))[0].state).toBe('scheduled');
    await app.strapi.db
      .query('plugin::community-manager.social-account')
      .update({ where: { documentId: accountId }, data: { rateLimit: null } });
    await tickAt(app, due + 200_000);
    [row] = await publicationsOf(app, plan.documentId);
    expect(row.state).toBe('published');
    expect(statusesWith('Slow down')).toHaveLength(1);
  });

  it('a post over the instance’s limit, discovered at publish time, fails with the reason and no retry', async () => {
    const plan = await schedulePlan(app, [accountId], { body: 'x'.repeat(450), local: nextSlot() });
    mastodon.maxCharacters = 400;
    try {
      await tickAt(app, Date.parse(plan.scheduledAt) + 11 * 60_000);
    } finally {
      mastodon.maxCharacters = 500;
    }
    const [row] = await publicationsOf(app, plan.documentId);
    expect(row).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'too_long' } });
    expect(await planStatus(app, plan.documentId)).toBe('failed');
  });

  it('sends what the composer previewed: UTM tags on the site’s own links only, and the library’s image with this post’s alt text', async () => {
    // Hosts under real TLDs: a Mastodon server links (and so the plugin tags) only what twitter-text's TLD list knows.
    await app.http.put('/community-manager/settings').set(bearer(app.token)).send({ siteUrl: 'https://brand.example.com' }).expect(200);
    const upload = await app.http
      .post('/upload')
      .set(bearer(app.token))
      .attach('files', PNG, { filename: 'harbour.png', contentType: 'image/png' });
    expect(upload.status).toBe(201);
    const body = 'Dawn at the harbour https://brand.example.com/blog/harbour and https://other.example.org/x';
    const plan = await schedulePlan(app, [accountId], {
      body,
      local: nextSlot(),
      more: { campaign: 'spring', utm: { enabled: true }, media: [{ id: upload.body[0].id, alt: 'Fishing boats at dawn' }] },
    });
    const texts = (await app.http.get(`/community-manager/post-plans/${plan.documentId}/texts`).set(bearer(app.token))).body.data;
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    const [row] = await publicationsOf(app, plan.documentId);
    expect(row.state).toBe('published');
    const status = mastodon.statuses.find((s) => s.id === row.externalId)!;
    expect(status.text).toBe(
      'Dawn at the harbour https://brand.example.com/blog/harbour?utm_source=mastodon&utm_medium=social&utm_campaign=spring and https://other.example.org/x'
    );
    expect(status.text).toBe(texts.mastodon);
    expect(status.mediaIds).toHaveLength(1);
    expect(mastodon.media.get(status.mediaIds[0])).toMatchObject({ description: 'Fishing boats at dawn', mime: 'image/png' });
  });

  it('media the instance refuses ends as failed with its words, once: no status without its image, no retry loop', async () => {
    const upload = await app.http
      .post('/upload')
      .set(bearer(app.token))
      .attach('files', PNG, { filename: 'broken.png', contentType: 'image/png' });
    expect(upload.status).toBe(201);
    const plan = await schedulePlan(app, [accountId], {
      body: 'With a picture the instance chokes on',
      local: nextSlot(),
      more: { media: [{ id: upload.body[0].id, alt: 'A picture' }] },
    });
    const before = mastodon.statuses.length;
    const uploads = () => mastodon.requests.filter((r) => r.method === 'POST' && r.path === '/api/v2/media').length;
    const uploadsBefore = uploads();
    mastodon.rejectMedia = 'Validation failed: File could not be processed';
    try {
      await tickAt(app, Date.parse(plan.scheduledAt) + 1);
      await tickAt(app, Date.parse(plan.scheduledAt) + 10 * 60_000);
    } finally {
      mastodon.rejectMedia = null;
    }
    const [row] = await publicationsOf(app, plan.documentId);
    expect(row).toMatchObject({
      state: 'failed',
      attempts: 1,
      error: { code: 'media_rejected', message: 'broken.png: Validation failed: File could not be processed' },
    });
    expect(mastodon.statuses.length).toBe(before);
    expect(uploads() - uploadsBefore).toBe(1);
    // Shown where people look: the publishing page's "needs you".
    const overview = (await app.http.get('/community-manager/publishing').set(bearer(app.token))).body.data;
    expect(overview.needsPerson.map((p: { documentId: string }) => p.documentId)).toContain(row.documentId);
  });

  it('a revoked token puts the account in needs_reauth; its posts are held and shown', async () => {
    const plan = await schedulePlan(app, [accountId], { body: 'After revocation', local: nextSlot() });
    mastodon.tokens.delete(TOKEN);
    try {
      await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    } finally {
      mastodon.tokens.set(TOKEN, { id: '7', username: 'brand', displayName: 'Brand' });
    }
    expect((await publicationsOf(app, plan.documentId))[0]).toMatchObject({ state: 'held', error: { code: 'token_refused' } });
    const account = (await app.http.get(`/community-manager/accounts/${accountId}`).set(bearer(app.token))).body.data;
    expect(account).toMatchObject({ status: 'needs_reauth', statusCode: 'token_refused' });
    expect(statusesWith('After revocation')).toHaveLength(0);
  });

  it('a hostile instance’s javascript: profile and status URLs are neither stored nor served as links', async () => {
    const HOSTILE = 'javascript:alert(document.cookie)//';
    mastodon.hostileUrl = HOSTILE;
    mastodon.tokens.set('hostile-token', { id: '9', username: 'mallory', displayName: 'Mallory' });
    const hostile = await createAccount(app, {
      network: 'mastodon',
      name: 'Hostile instance',
      instanceUrl: mastodon.url,
      accessToken: 'hostile-token',
    });
    expect(hostile.status).toBe('connected');
    const plan = await schedulePlan(app, [hostile.documentId], { body: 'Through a hostile instance', local: nextSlot() });
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);

    const [row] = await publicationsOf(app, plan.documentId);
    expect(row).toMatchObject({ state: 'published', externalUrl: null });
    expect(row.externalId).toBe(statusesWith('Through a hostile instance')[0].id);
    const account = (await app.http.get(`/community-manager/accounts/${hostile.documentId}`).set(bearer(app.token))).body.data;
    expect(account).toMatchObject({ status: 'connected', handle: expect.stringContaining('mallory'), profileUrl: null, avatarUrl: null });
    const stored = [
      await app.strapi.db.query('plugin::community-manager.social-account').findOne({ where: { documentId: hostile.documentId } }),
      await app.strapi.db.query('plugin::community-manager.publication').findOne({ where: { documentId: row.documentId } }),
    ];
    expect(JSON.stringify(stored)).not.toContain('javascript:');
    const outcomes = await app.http.get(`/community-manager/post-plans/${plan.documentId}`).set(bearer(app.token));
    expect(JSON.stringify(outcomes.body)).not.toContain('javascript:');
  });
});
