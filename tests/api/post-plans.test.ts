import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { adminWith } from '../helpers/admins';
import { actionUid, ACTIONS } from '../../shared/core/permissions';

let app: TestApp;
let sandboxId: string;
let blueskyLikeId: string;
let articleId: string;

const auth = () => bearer(app.token);
const nextYear = new Date().getUTCFullYear() + 1;

beforeAll(async () => {
  app = await startApp();
  sandboxId = (await app.http.post('/community-manager/accounts').set(auth()).send({ network: 'sandbox', name: 'Brand sandbox' })).body.data
    .documentId;
  // A second sandbox with a Bluesky-sized limit stands in for a short network.
  blueskyLikeId = (await app.http.post('/community-manager/accounts').set(auth()).send({ network: 'sandbox', name: 'Short sandbox' })).body
    .data.documentId;
  await app.strapi.db
    .query('plugin::community-manager.social-account')
    .update({ where: { documentId: blueskyLikeId }, data: { limits: { maxCharacters: 40 } } });
  articleId = (await app.strapi.documents('api::article.article').create({ data: { title: 'Spring update', slug: 'spring-update' } }))
    .documentId;
});
afterAll(async () => app?.stop());

const plan = (extra: object = {}) => ({
  title: 'Spring update',
  body: 'Our spring update is out',
  accountIds: [sandboxId],
  schedule: { local: `${nextYear}-06-10T09:00`, timezone: 'Europe/Paris' },
  ...extra,
});

describe('planning a post', () => {
  it('stores the editor’s local time as a UTC instant with its zone', async () => {
    const res = await app.http
      .post('/community-manager/post-plans')
      .set(auth())
      .send(plan({ entry: { uid: 'api::article.article', documentId: articleId } }));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      status: 'draft',
      scheduledAt: `${nextYear}-06-10T07:00:00.000Z`,
      timezone: 'Europe/Paris',
      localTime: `${nextYear}-06-10T09:00`,
      accounts: [{ documentId: sandboxId, network: 'sandbox' }],
      entry: { uid: 'api::article.article', documentId: articleId },
    });
    expect(res.body.data.trail).toEqual([
      expect.objectContaining({ event: 'created', by: expect.objectContaining({ name: 'Owner Test' }) }),
    ]);
  });

  it('refuses a local time that the clocks skip, proposing the next valid one', async () => {
    const res = await app.http
      .post('/community-manager/post-plans')
      .set(auth())
      .send(plan({ schedule: { local: '2027-03-28T02:30', timezone: 'Europe/Paris' } }));
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({
      code: 'nonexistent_local_time',
      nextValid: '2027-03-28T03:00',
      messageId: 'nonexistent_local_time',
      params: { local: '2027-03-28T02:30', zone: 'Europe/Paris', next: '2027-03-28T03:00' },
    });
    expect(res.body.error.details.errors[0]).toMatchObject({ path: ['schedule', 'local'], messageId: 'nonexistent_local_time' });
    expect(res.body.error.message).toBe(
      '2027-03-28T02:30 in Europe/Paris does not exist: the clocks skip it. The next valid time is 2027-03-28T03:00'
    );
  });

  it('asks which one is meant when the clocks pass a time twice, and takes the answer', async () => {
    const ambiguous = { local: '2027-10-31T02:30', timezone: 'Europe/Paris' };
    const res = await app.http
      .post('/community-manager/post-plans')
      .set(auth())
      .send(plan({ schedule: ambiguous }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('ambiguous_local_time');
    expect(res.body.error.details.choices.map((c: { fold: string }) => c.fold)).toEqual(['earlier', 'later']);
    const later = await app.http
      .post('/community-manager/post-plans')
      .set(auth())
      .send(plan({ schedule: { ...ambiguous, fold: 'later' } }));
    expect(later.body.data.scheduledAt).toBe('2027-10-31T01:30:00.000Z');
  });

  it('refuses links to things that do not exist', async () => {
    const noAccount = await app.http
      .post('/community-manager/post-plans')
      .set(auth())
      .send(plan({ accountIds: ['nosuchaccount1'] }));
    expect(noAccount.status).toBe(400);
    expect(noAccount.body.error.details.errors[0].path).toEqual(['accountIds', 0]);
    const noEntry = await app.http
      .post('/community-manager/post-plans')
      .set(auth())
      .send(plan({ entry: { uid: 'api::article.article', documentId: 'nosuchentry00' } }));
    expect(noEntry.body.error.details.errors[0].path).toEqual(['entry', 'documentId']);
    const badZone = await app.http
      .post('/community-manager/post-plans')
      .set(auth())
      .send(plan({ schedule: { local: `${nextYear}-06-10T09:00`, timezone: 'Mars/Olympus' } }));
    expect(badZone.body.error.details.errors[0].path).toEqual(['schedule', 'timezone']);
  });
});

describe('the approval workflow over HTTP', () => {
  let author: string;
  let approver: string;
  let publisher: string;
  beforeAll(async () => {
    const read = actionUid(ACTIONS.postsRead);
    author = await adminWith(app, [read, actionUid(ACTIONS.postsCreate)]);
    approver = await adminWith(app, [read, actionUid(ACTIONS.postsApprove)]);
    publisher = await adminWith(app, [read, actionUid(ACTIONS.postsPublish)]);
  });

  async function draft(extra: object = {}) {
    return (await app.http.post('/community-manager/post-plans').set(bearer(author)).send(plan(extra))).body.data.documentId as string;
  }
  const step = (token: string, id: string, name: string, body: object = {}) =>
    app.http.post(`/community-manager/post-plans/${id}/${name}`).set(bearer(token)).send(body);

  it('goes draft → in review → approved → scheduled, each step by its role, with a trail', async () => {
    const id = await draft();
    expect((await step(author, id, 'submit')).body.data.status).toBe('in_review');
    expect((await step(approver, id, 'approve')).body.data.status).toBe('approved');
    const scheduled = await step(publisher, id, 'schedule');
    expect(scheduled.body.data.status).toBe('scheduled');
    expect(scheduled.body.data.trail.map((t: { event: string }) => t.event)).toEqual(['created', 'submit', 'approve', 'schedule']);
  });

  it('refuses the forged shortcut draft → scheduled while approval is required', async () => {
    const id = await draft();
    const res = await step(publisher, id, 'schedule');
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('approval_required');
    expect((await app.http.get(`/community-manager/post-plans/${id}`).set(auth())).body.data.status).toBe('draft');
  });

  it('lets an approver send back only with a comment, and an author cannot approve', async () => {
    const id = await draft();
    await step(author, id, 'submit');
    expect((await step(author, id, 'approve')).status).toBe(403);
    const silent = await step(approver, id, 'send_back', { comment: '   ' });
    expect(silent.status).toBe(400);
    expect(silent.body.error.details.errors[0].path).toEqual(['comment']);
    const back = await step(approver, id, 'send_back', { comment: 'Add the link to the article' });
    expect(back.body.data.status).toBe('draft');
    expect(back.body.data.trail.at(-1)).toMatchObject({ event: 'send_back', comment: 'Add the link to the article' });
  });

  it('sends an approved post back to review when its content changes, not when it moves in time', async () => {
    const id = await draft();
    await step(author, id, 'submit');
    await step(approver, id, 'approve');
    const moved = await app.http
      .put(`/community-manager/post-plans/${id}`)
      .set(bearer(author))
      .send(plan({ schedule: { local: `${nextYear}-06-11T10:00`, timezone: 'Europe/Paris' } }));
    expect(moved.body.data.status).toBe('approved');
    const rewritten = await app.http
      .put(`/community-manager/post-plans/${id}`)
      .set(bearer(author))
      .send(plan({ body: 'A new text' }));
    expect(rewritten.body.data.status).toBe('in_review');
  });

  it('refuses to schedule a post over a network’s limit, naming the network and the count', async () => {
    const id = await draft({ accountIds: [blueskyLikeId], body: 'x'.repeat(41) });
    await step(author, id, 'submit');
    await step(approver, id, 'approve');
    const res = await step(publisher, id, 'schedule');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code: 'too_long', network: 'sandbox', length: { counted: 41, limit: 40 } });
    expect(res.body.error.details.errors[0].path).toEqual(['variants', 'sandbox', 'body']);
  });

  it('refuses to schedule in the past', async () => {
    const id = await draft({ schedule: { local: '2020-01-01T09:00', timezone: 'Europe/Paris' } });
    await step(author, id, 'submit');
    await step(approver, id, 'approve');
    const res = await step(publisher, id, 'schedule');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code: 'in_the_past', messageId: 'in_the_past' });
    expect(res.body.error.message).toBe('This time is in the past: choose a later one');
  });

  it('lists the plans of a period, by time', async () => {
    const res = await app.http
      .get('/community-manager/post-plans')
      .query({ from: `${nextYear}-06-01T00:00:00Z`, to: `${nextYear}-07-01T00:00:00Z`, pageSize: 100 })
      .set(auth());
    expect(res.status).toBe(200);
    const times = res.body.data.results.map((p: { scheduledAt: string }) => p.scheduledAt);
    expect(times.length).toBeGreaterThan(3);
    expect([...times].sort()).toEqual(times);
    expect(res.body.data.pagination.total).toBe(times.length);
  });
});

describe('the pillars and campaigns in use', () => {
  const labels = (token: string, query: object = {}) =>
    app.http.get('/community-manager/post-plans/labels').query(query).set(bearer(token));

  it('answers every distinct pillar and campaign in use, each once and sorted', async () => {
    const tag = `L${Date.now()}`;
    const made = [
      { pillar: `${tag} product`, campaign: `${tag} spring` },
      { pillar: `${tag} product`, campaign: `${tag} autumn` },
      { pillar: `${tag} Culture`, campaign: null },
      { pillar: null, campaign: `${tag} spring` },
    ];
    for (const labelled of made) {
      const res = await app.http.post('/community-manager/post-plans').set(auth()).send(plan(labelled));
      expect(res.status).toBe(200);
    }
    const res = await labels(app.token);
    expect(res.status).toBe(200);
    const mine = (values: string[]) => values.filter((value) => value.startsWith(tag));
    expect(mine(res.body.data.pillars)).toEqual([`${tag} Culture`, `${tag} product`]);
    expect(mine(res.body.data.campaigns)).toEqual([`${tag} autumn`, `${tag} spring`]);
    expect(res.body.data.pillars).not.toContain('');
    expect(new Set(res.body.data.campaigns).size).toBe(res.body.data.campaigns.length);
  });

  it('refuses an unknown parameter, naming it', async () => {
    const res = await labels(app.token, { line: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0]).toMatchObject({ code: 'unrecognized_keys' });
    expect(res.body.error.message).toContain('line');
  });

  it('answers 403 to a role without the posts read action', async () => {
    const withoutRead = await adminWith(app, [actionUid(ACTIONS.calendarRead)]);
    expect((await labels(withoutRead)).status).toBe(403);
    const reader = await adminWith(app, [actionUid(ACTIONS.postsRead)]);
    expect((await labels(reader)).status).toBe(200);
  });
});
