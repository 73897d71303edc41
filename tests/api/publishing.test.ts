import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { recordEmails, type SentEmail } from '../helpers/emails';
import { createAccount, planStatus, publicationsOf, schedulePlan, tickAt } from '../helpers/publishing';

/**
 * A scheduled post becomes one publication per account, goes out once at its
 * time (the scheduler is driven here with a controlled clock), and every way it
 * can fail ends in a state a person can see and act on.
 */
let app: TestApp;
let hook: WebhookReceiver;
let hookId: string;
let sandboxId: string;
const SECRET = 'publishing-test-secret';
const NOTIFY = 'ops@example.com,lead@example.com';
let emails: SentEmail[] = [];

const auth = () => bearer(app.token);
const posts = () => hook.requests.filter((r) => JSON.parse(r.body).event === 'post');

beforeAll(async () => {
  [app, hook] = await Promise.all([startApp({ CM_SCHEDULER_ENABLED: 'false', CM_PUBLISH_BACKOFF_MS: '1000', CM_PUBLISH_NOTIFY_EMAILS: NOTIFY }), startWebhookReceiver(SECRET)]);
  emails = recordEmails(app);
  hookId = (await createAccount(app, { network: 'webhook', name: 'Team chat', url: `${hook.url}/hook`, flavor: 'generic', secret: SECRET })).documentId;
  sandboxId = (await createAccount(app, { network: 'sandbox', name: 'Sandbox' })).documentId;
});
afterAll(async () => {
  await app?.stop();
  await hook?.stop();
});
beforeEach(() => {
  hook.status = 200;
});

describe('a scheduled post goes out once, at its time', () => {
  it('creates one publication per account when the plan is scheduled, due at the plan’s instant', async () => {
    const plan = await schedulePlan(app, [hookId, sandboxId]);
    const rows = await publicationsOf(app, plan.documentId);
    expect(rows.map((r) => [r.account.name, r.state, r.dueAt]).sort()).toEqual([
      ['Sandbox', 'scheduled', plan.scheduledAt],
      ['Team chat', 'scheduled', plan.scheduledAt],
    ]);
  });

  it('sends nothing before the due time, then delivers a signed post exactly once', async () => {
    const plan = await schedulePlan(app, [hookId, sandboxId], { body: 'Exactly once, please' });
    const due = Date.parse(plan.scheduledAt);
    const before = posts().length;
    await tickAt(app, due - 1000);
    expect(posts().length).toBe(before);
    await tickAt(app, due + 10);
    await tickAt(app, due + 20);
    const mine = posts().filter((r) => JSON.parse(r.body).text === 'Exactly once, please');
    expect(mine).toHaveLength(1);
    expect(hook.verified(mine[0])).toBe(true);
    expect(mine[0].headers['x-community-manager-delivery']).toBeTruthy();
    const rows = await publicationsOf(app, plan.documentId);
    expect(rows.map((r) => r.state)).toEqual(['published', 'published']);
    // The plan's status and its trail line are written together, the trail kept whole (JSON on each database).
    const { status, trail } = (await app.http.get(`/community-manager/post-plans/${plan.documentId}`).set(auth())).body.data;
    expect(status).toBe('published');
    expect(trail.map((t: { event: string }) => t.event)).toEqual(['created', 'submit', 'approve', 'schedule', 'publishing']);
    expect(trail.at(-1)).toMatchObject({ event: 'publishing', from: 'scheduled', to: 'published', by: null });
  });

  it('moves the publication with the plan, and cancels it when the plan is unscheduled', async () => {
    const plan = await schedulePlan(app, [hookId]);
    const res = await app.http.post(`/community-manager/post-plans/${plan.documentId}/unschedule`).set(auth()).send({});
    expect(res.status).toBe(200);
    expect((await publicationsOf(app, plan.documentId)).map((r) => r.state)).toEqual(['cancelled']);
    await app.http.post(`/community-manager/post-plans/${plan.documentId}/schedule`).set(auth()).send({});
    const [row] = await publicationsOf(app, plan.documentId);
    expect(row.state).toBe('scheduled');
    expect(row.history.map((h) => h.event)).toEqual(['scheduled', 'cancelled', 'scheduled']);
  });
});

describe('failures end where a person can see them', () => {
  it('a 422 ends as failed with the network’s message, without retrying', async () => {
    hook.status = 422;
    const plan = await schedulePlan(app, [hookId], { body: 'Refused post' });
    const due = Date.parse(plan.scheduledAt);
    await tickAt(app, due + 1);
    await tickAt(app, due + 60_000);
    const [row] = await publicationsOf(app, plan.documentId);
    expect(row.state).toBe('failed');
    expect(row.error).toMatchObject({ code: 'network_rejected', message: expect.stringContaining('422') });
    expect(posts().filter((r) => JSON.parse(r.body).text === 'Refused post')).toHaveLength(1);
    expect(await planStatus(app, plan.documentId)).toBe('failed');
    // The people named in the settings are told, once, with the network's words.
    const told = emails.filter((e) => String(e.text).includes(row.documentId));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ to: NOTIFY, subject: '[Community Manager] A post could not be published', text: expect.stringContaining('422') });
  });

  it('a 503 is retried after a backoff, then published once', async () => {
    hook.status = 503;
    const plan = await schedulePlan(app, [hookId], { body: 'Second time lucky' });
    const due = Date.parse(plan.scheduledAt);
    await tickAt(app, due + 1);
    let [row] = await publicationsOf(app, plan.documentId);
    expect(row).toMatchObject({ state: 'scheduled', attempts: 1, error: { code: 'server_503' } });
    hook.status = 200;
    await tickAt(app, due + 2);
    expect((await publicationsOf(app, plan.documentId))[0].state).toBe('scheduled');
    await tickAt(app, due + 5_000);
    [row] = await publicationsOf(app, plan.documentId);
    expect(row).toMatchObject({ state: 'published', attempts: 2 });
  });

  it('a webhook pointing at a private address fails with a stored reason, not a retry loop', async () => {
    const privateHook = await createAccount(app, { network: 'webhook', name: 'Intranet', url: 'http://10.1.2.3/hook', flavor: 'slack' });
    const plan = await schedulePlan(app, [privateHook.documentId]);
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    const [row] = await publicationsOf(app, plan.documentId);
    expect(row).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'unreachable_blocked_address' } });
  });

  it('a disabled account is not published to, and says so', async () => {
    const account = await createAccount(app, { network: 'sandbox', name: 'Soon disabled' });
    const plan = await schedulePlan(app, [account.documentId]);
    await app.http.put(`/community-manager/accounts/${account.documentId}`).set(auth()).send({ disabled: true });
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    const [row] = await publicationsOf(app, plan.documentId);
    expect(row).toMatchObject({ state: 'failed', error: { code: 'account_disabled' } });
  });

  it('a refused token puts the account in needs_reauth and holds its posts; other accounts go out', async () => {
    hook.status = 401;
    const first = await schedulePlan(app, [hookId, sandboxId], { body: 'Token revoked' });
    const second = await schedulePlan(app, [hookId], { body: 'Held too', local: `${new Date().getUTCFullYear() + 1}-06-11T09:00` });
    await tickAt(app, Date.parse(first.scheduledAt) + 1);
    const rows = await publicationsOf(app, first.documentId);
    expect(rows.find((r) => r.account.name === 'Team chat')).toMatchObject({ state: 'held', error: { code: 'webhook_refused' } });
    expect(rows.find((r) => r.account.name === 'Sandbox')?.state).toBe('published');
    expect((await publicationsOf(app, second.documentId))[0]).toMatchObject({ state: 'held', error: { code: 'account_needs_reauth' } });
    const account = (await app.http.get(`/community-manager/accounts/${hookId}`).set(auth())).body.data;
    expect(account.status).toBe('needs_reauth');
    const overview = (await app.http.get('/community-manager/publishing').set(auth())).body.data;
    expect(overview.accountsNeedingReauth.map((a: { name: string }) => a.name)).toContain('Team chat');
    expect(overview.needsPerson.length).toBeGreaterThanOrEqual(2);
    const reconnect = emails.filter((e) => e.subject === '[Community Manager] Team chat needs to be reconnected');
    expect(reconnect).toHaveLength(1);
    expect(reconnect[0]).toMatchObject({ to: NOTIFY, text: expect.stringContaining('Its scheduled posts are on hold') });
    // No secret in a mail: not the webhook's signing secret, not its URL (a chat webhook's URL is its credential).
    expect(JSON.stringify(emails)).not.toContain(SECRET);
    expect(JSON.stringify(emails)).not.toContain(`${hook.url}/hook`);

    // Reconnected a minute later: the held posts go back to the queue and out, each at its time.
    hook.status = 200;
    await app.http.post(`/community-manager/accounts/${hookId}/check`).set(auth()).send({});
    await tickAt(app, Date.parse(first.scheduledAt) + 60_000);
    expect((await publicationsOf(app, second.documentId))[0].state).toBe('scheduled');
    await tickAt(app, Date.parse(second.scheduledAt) + 1);
    expect((await publicationsOf(app, first.documentId)).map((r) => r.state)).toEqual(['published', 'published']);
    expect((await publicationsOf(app, second.documentId))[0].state).toBe('published');
  });
});

describe('downtime, pause and people', () => {
  it('catches up a post due two hours ago, and marks one beyond the lateness as missed', async () => {
    const plan = await schedulePlan(app, [sandboxId], { local: `${new Date().getUTCFullYear() + 1}-07-01T09:00` });
    const late = await schedulePlan(app, [sandboxId], { local: `${new Date().getUTCFullYear() + 1}-07-01T05:00` });
    // Down since before both; back at 11:00 Paris: 2 h late is within the default 3 h, 6 h late is not.
    await tickAt(app, Date.parse(plan.scheduledAt) + 2 * 3600_000);
    expect((await publicationsOf(app, plan.documentId))[0].state).toBe('published');
    const [missed] = await publicationsOf(app, late.documentId);
    expect(missed).toMatchObject({ state: 'missed', error: { code: 'missed' } });
    expect(await planStatus(app, late.documentId)).toBe('failed');
  });

  it('pause all publishing stops every claim until it is lifted', async () => {
    const plan = await schedulePlan(app, [sandboxId], { local: `${new Date().getUTCFullYear() + 1}-08-01T09:00` });
    const paused = await app.http.put('/community-manager/publishing/pause').set(auth()).send({ paused: true, reason: 'Crisis' });
    expect(paused.body.data).toMatchObject({ paused: true, reason: 'Crisis', by: 'Owner Test' });
    const report = await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    expect(report).toMatchObject({ paused: true, claimed: 0 });
    expect((await publicationsOf(app, plan.documentId))[0].state).toBe('scheduled');
    await app.http.put('/community-manager/publishing/pause').set(auth()).send({ paused: false });
    await tickAt(app, Date.parse(plan.scheduledAt) + 2);
    expect((await publicationsOf(app, plan.documentId))[0].state).toBe('published');
  });

  it('a person retries a failed publication, or marks one published with its URL, and the plan follows', async () => {
    hook.status = 422;
    const plan = await schedulePlan(app, [hookId], { body: 'Retry me', local: `${new Date().getUTCFullYear() + 1}-09-01T09:00` });
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    const [failed] = await publicationsOf(app, plan.documentId);
    expect(failed.state).toBe('failed');
    const refused = await app.http.post(`/community-manager/publications/${failed.documentId}/publish-now`).set(auth()).send({});
    expect(refused.status).toBe(409);
    const badUrl = await app.http.post(`/community-manager/publications/${failed.documentId}/mark-published`).set(auth()).send({ url: 'javascript:alert(1)' });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.error.details.errors[0].path).toEqual(['url']);
    hook.status = 200;
    const retried = await app.http.post(`/community-manager/publications/${failed.documentId}/retry`).set(auth()).send({});
    expect(retried.body.data.state).toBe('scheduled');
    expect(await planStatus(app, plan.documentId)).toBe('scheduled');
    await tickAt(app, Date.now() + 10);
    expect((await publicationsOf(app, plan.documentId))[0].state).toBe('published');
    expect(await planStatus(app, plan.documentId)).toBe('published');

    hook.status = 422;
    const other = await schedulePlan(app, [hookId], { body: 'Mark me', local: `${new Date().getUTCFullYear() + 1}-09-02T09:00` });
    await tickAt(app, Date.parse(other.scheduledAt) + 1);
    const [row] = await publicationsOf(app, other.documentId);
    const marked = await app.http.post(`/community-manager/publications/${row.documentId}/mark-published`).set(auth()).send({ url: 'https://chat.example.com/p/1' });
    expect(marked.body.data).toMatchObject({ state: 'published', externalUrl: 'https://chat.example.com/p/1' });
    const badge = await app.http.get('/community-manager/publishing/badge').set(auth());
    expect(typeof badge.body.data.count).toBe('number');
  });
});
