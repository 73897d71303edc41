import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { recordEmails, type SentEmail } from '../helpers/emails';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon';
import {
  createAccount,
  planStatus,
  publications,
  publicationsOf,
  schedulePlan,
  tickAt,
  tickUntilSettled,
  tickWithClock,
} from '../helpers/publishing';
import { planAccountIndexExists } from '../../server/publishing/indexes';
import { isUniqueViolation } from '../../server/core/db/indexes';
import { createPublicationStore } from '../../server/publishing/store';
import { rollUpPlan } from '../../server/publishing/rollup';

/**
 * A scheduled post becomes one publication per account, goes out once at its
 * time (the scheduler is driven here with a controlled clock), and every way it
 * can fail ends in a state a person can see and act on.
 */
let app: TestApp;
let hook: WebhookReceiver;
let mastodon: FakeMastodon;
let hookId: string;
let sandboxId: string;
const SECRET = 'publishing-test-secret';
const NOTIFY = 'ops@example.com,lead@example.com';
let emails: SentEmail[] = [];

const auth = () => bearer(app.token);
const posts = () => hook.requests.filter((r) => JSON.parse(r.body).event === 'post');

beforeAll(async () => {
  [app, hook, mastodon] = await Promise.all([
    startApp({ CM_SCHEDULER_ENABLED: 'false', CM_PUBLISH_BACKOFF_MS: '1000', CM_PUBLISH_NOTIFY_EMAILS: NOTIFY }),
    startWebhookReceiver(SECRET),
    startFakeMastodon(),
  ]);
  emails = recordEmails(app);
  hookId = (await createAccount(app, { network: 'webhook', name: 'Team chat', url: `${hook.url}/hook`, flavor: 'generic', secret: SECRET }))
    .documentId;
  sandboxId = (await createAccount(app, { network: 'sandbox', name: 'Sandbox' })).documentId;
});
afterAll(async () => {
  await app?.stop();
  await hook?.stop();
  await mastodon?.stop();
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
    // Each publication's outcome, with what sent it, then the plan's status (issue 14, item 7).
    expect(trail.map((t: { event: string }) => t.event)).toEqual([
      'created',
      'submit',
      'approve',
      'schedule',
      'publication',
      'publication',
      'publishing',
    ]);
    const outcomes = trail.filter((t: { event: string }) => t.event === 'publication');
    expect(outcomes.map((t: { publication: { network: string } }) => t.publication.network).sort()).toEqual(['sandbox', 'webhook']);
    for (const line of outcomes)
      expect(line).toMatchObject({ outcome: 'published', actor: { kind: 'scheduler' }, by: null, publication: { error: null } });
    expect(trail.at(-1)).toMatchObject({ event: 'publishing', from: 'scheduled', to: 'published', by: null });
    // A second roll-up (a later pass, a person's action on the plan) adds no line twice.
    await rollUpPlan(app.strapi, plan.documentId, due + 30);
    const again = (await app.http.get(`/community-manager/post-plans/${plan.documentId}`).set(auth())).body.data.trail;
    expect(again).toHaveLength(trail.length);
  });

  it('one publication per plan and account, even when several instances sync the same plan at once', async () => {
    const plan = await schedulePlan(app, [hookId, sandboxId], { body: 'Synced by everyone' });
    const service = publications(app);
    await Promise.all([service.syncPlan(plan.documentId), service.syncPlan(plan.documentId), service.syncPlan(plan.documentId)]);
    expect((await publicationsOf(app, plan.documentId)).map((r) => r.account.name).sort()).toEqual(['Sandbox', 'Team chat']);
    // The database itself refuses a second row for the same pair (judged by its code on each database).
    expect(await planAccountIndexExists(app.strapi)).toBe(true);
    const refusal = await app.strapi.db
      .query('plugin::community-manager.publication')
      .create({
        data: {
          documentId: 'dupplanaccount00000000001',
          planDocumentId: plan.documentId,
          accountDocumentId: hookId,
          network: 'webhook',
          state: 'scheduled',
          attempts: 0,
          history: [],
        },
      })
      .then(
        () => 'stored twice',
        (err: unknown) => (isUniqueViolation(err) ? 'refused as a duplicate' : `refused otherwise: ${String((err as Error)?.message)}`)
      );
    expect(refusal).toBe('refused as a duplicate');
  });

  it('one UPDATE gives many rows each their own text, number and history, and says which rows it changed', async () => {
    // The scheduler's batched writes (a few rows made `publishing` together, answers written together)
    // on each database: PostgreSQL types a CASE of parameters as text, so numbers and JSON need casts there.
    const store = createPublicationStore(app.strapi);
    const plans = await Promise.all(
      ['a', 'b', 'c'].map((k) =>
        schedulePlan(app, [sandboxId], {
          body: `Batched ${k}`,
          local: `${new Date().getUTCFullYear() + 1}-06-20T09:0${k === 'a' ? 1 : k === 'b' ? 2 : 3}`,
        })
      )
    );
    const rows = await Promise.all(plans.map(async (p) => (await store.findMany({ planDocumentId: p.documentId }))[0]));
    // The third row moves on before the batched write: it must not be changed, nor counted.
    await store.transition(rows[2].id, ['scheduled'], { state: 'held' });
    const items = rows.map((row, i) => ({
      id: row.id,
      patch: { errorCode: `code_${i}`, nextAttemptMs: 1_900_000_000_000 + i * 1_000, attemptId: null },
      history: [{ at: new Date(0).toISOString(), event: `batched_${i}`, message: 'l’été "quoted"' }],
    }));
    const changed = await store.transitionMany(items, ['scheduled']);
    expect([...changed].sort()).toEqual([rows[0].id, rows[1].id].sort());
    const after = await Promise.all(rows.map((r) => store.find(r.id)));
    expect(after.map((r) => [r!.errorCode, Number(r!.nextAttemptMs), r!.history!.at(-1)!.event])).toEqual([
      ['code_0', 1_900_000_000_000, 'batched_0'],
      ['code_1', 1_900_000_001_000, 'batched_1'],
      [null, Number(rows[2].nextAttemptMs), 'scheduled'],
    ]);
    expect(after[0]!.history!.at(-1)!.message).toBe('l’été "quoted"');
    await Promise.all(plans.map((p) => app.http.post(`/community-manager/post-plans/${p.documentId}/cancel`).set(auth()).send({})));
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
    expect(told[0]).toMatchObject({
      to: NOTIFY,
      subject: '[Community Manager] A post could not be published',
      text: expect.stringContaining('422'),
    });
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

/**
 * The scheduler claims and prepares a row a little before its instant (the
 * lookahead, 2 s by default) and sends it at the instant. Here the clock runs,
 * set `msBefore` ahead of the due time, so a pass really waits; meanwhile a
 * person acts, and what they did must win.
 */
describe('claimed ahead of its instant', () => {
  const year = new Date().getUTCFullYear() + 1;

  /*
   * A pass whose clock stands just before `due` until the test releases it,
   * then runs on from the instant. The test acts as a person would (cancel,
   * move, edit, pause) while the row waits, however slow the machine: a
   * running clock gave those requests a fixed window, which a loaded CI
   * machine overran. While held the clock moves one millisecond per read
   * (whole milliseconds: the database stores them), because a clock that
   * stands still makes the pass give its rows back; it starts 1.8 s before
   * the instant, inside the 2 s lookahead, and never reaches it.
   */
  function heldPass(due: number, msBefore = 1800) {
    let releasedAt = 0;
    let reads = 0;
    const clock = () => {
      reads++;
      return releasedAt ? due + (Date.now() - releasedAt) : Math.min(due - 1, due - msBefore + reads);
    };
    return {
      report: tickWithClock(app, clock),
      /** How many times the pass has looked at its clock: it looks after every nap while a row waits. */
      reads: () => reads,
      release: () => {
        releasedAt = Date.now();
      },
    };
  }

  /** Waits until the pass has read its clock `times` more times (one read per nap of at most 50 ms) and `ms` have passed. */
  async function lookedAgain(pass: ReturnType<typeof heldPass>, times: number, ms = 0) {
    const until = pass.reads() + times;
    const notBefore = Date.now() + ms;
    while (pass.reads() < until || Date.now() < notBefore) await new Promise((r) => setTimeout(r, 20));
  }

  /** Waits until the publication is claimed: the pass holds it and waits for its instant. */
  async function claimed(planId: string) {
    for (let i = 0; i < 100; i++) {
      const [row] = await publicationsOf(app, planId);
      if (row.state === 'claimed') return row;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('the publication was never claimed ahead of its instant');
  }

  const sentWith = (text: string) => posts().filter((r) => JSON.parse(r.body).text === text);

  it('is sent at its instant, not before, and the Publishing page shows it in flight meanwhile', async () => {
    const plan = await schedulePlan(app, [hookId], { body: 'Right on time', local: `${year}-07-02T10:00` });
    const pass = heldPass(Date.parse(plan.scheduledAt));
    const row = await claimed(plan.documentId);
    const overview = (await app.http.get('/community-manager/publishing').set(auth())).body.data;
    expect(overview.inFlight.map((p: { documentId: string }) => p.documentId)).toContain(row.documentId);
    // The pass has looked at its clock again and again while the row waited: nothing went out before the instant.
    await lookedAgain(pass, 10);
    expect(sentWith('Right on time')).toHaveLength(0);
    const releasedAt = Date.now();
    pass.release();
    expect((await pass.report).claimed).toBeGreaterThanOrEqual(1);
    const sent = sentWith('Right on time');
    expect(sent).toHaveLength(1);
    expect(sent[0].receivedAt).toBeGreaterThanOrEqual(releasedAt);
    expect((await publicationsOf(app, plan.documentId))[0]).toMatchObject({ state: 'published', attempts: 1 });
  });

  it('posts cancelled while they wait are not sent, from the plan or from the Publishing page; the one left goes out', async () => {
    const local = `${year}-07-03T10:00`;
    const fromPlan = await schedulePlan(app, [hookId], { body: 'Cancelled from its plan', local });
    const fromPage = await schedulePlan(app, [hookId], { body: 'Cancelled on the Publishing page', local });
    const kept = await schedulePlan(app, [hookId], { body: 'Sent with the other two cancelled', local });
    const pass = heldPass(Date.parse(kept.scheduledAt));
    await claimed(fromPlan.documentId);
    const row = await claimed(fromPage.documentId);
    expect((await app.http.post(`/community-manager/post-plans/${fromPlan.documentId}/cancel`).set(auth()).send({})).status).toBe(200);
    const cancelled = await app.http.post(`/community-manager/publications/${row.documentId}/cancel`).set(auth()).send({});
    expect(cancelled.body.data.state).toBe('cancelled');
    pass.release();
    await pass.report;
    // The three were started by one conditional UPDATE: only the one still claimed went out.
    expect(sentWith('Cancelled from its plan')).toHaveLength(0);
    expect(sentWith('Cancelled on the Publishing page')).toHaveLength(0);
    expect(sentWith('Sent with the other two cancelled')).toHaveLength(1);
    const [a] = await publicationsOf(app, fromPlan.documentId);
    expect(a.state).toBe('cancelled');
    expect(a.history.map((h) => h.event)).toEqual(['scheduled', 'cancelled']);
    expect((await publicationsOf(app, fromPage.documentId))[0].state).toBe('cancelled');
    expect((await publicationsOf(app, kept.documentId))[0].state).toBe('published');
  });

  it('a post moved while it waits goes out once, at its new time', async () => {
    const plan = await schedulePlan(app, [hookId], { body: 'Moved at the last second', local: `${year}-07-04T10:00` });
    const pass = heldPass(Date.parse(plan.scheduledAt));
    await claimed(plan.documentId);
    const moved = await app.http
      .post(`/community-manager/post-plans/${plan.documentId}/reschedule`)
      .set(auth())
      .send({ schedule: { local: `${year}-07-04T12:00`, timezone: 'Europe/Paris' } });
    expect(moved.status).toBe(200);
    pass.release();
    await pass.report;
    expect(sentWith('Moved at the last second')).toHaveLength(0);
    const [row] = await publicationsOf(app, plan.documentId);
    expect(row).toMatchObject({ state: 'scheduled', dueAt: moved.body.data.scheduledAt, attempts: 0 });
    await tickAt(app, Date.parse(moved.body.data.scheduledAt));
    expect(sentWith('Moved at the last second')).toHaveLength(1);
  });

  it('a post edited while it waits goes out with its new words (approval not required)', async () => {
    const settings = (await app.http.get('/community-manager/settings').set(auth())).body.data;
    await app.http
      .put('/community-manager/settings')
      .set(auth())
      .send({ ...settings, approvalRequired: false });
    try {
      const plan = await schedulePlan(app, [hookId], { body: 'The old words', local: `${year}-07-05T10:00` });
      const pass = heldPass(Date.parse(plan.scheduledAt));
      await claimed(plan.documentId);
      const edited = await app.http
        .put(`/community-manager/post-plans/${plan.documentId}`)
        .set(auth())
        .send({
          title: 'Publishing test',
          body: 'The new words',
          accountIds: [hookId],
          schedule: { local: `${year}-07-05T10:00`, timezone: 'Europe/Paris' },
        });
      expect(edited.body.data).toMatchObject({ status: 'scheduled', body: 'The new words' });
      pass.release();
      await pass.report;
      // Taken back from the pass, unsent: the next pass reads the plan again.
      expect((await publicationsOf(app, plan.documentId))[0]).toMatchObject({ state: 'scheduled', attempts: 0 });
      await tickAt(app, Date.parse(plan.scheduledAt));
      expect(sentWith('The old words')).toHaveLength(0);
      expect(sentWith('The new words')).toHaveLength(1);
    } finally {
      await app.http.put('/community-manager/settings').set(auth()).send(settings);
    }
  });

  it('pause all publishing stops a post that was already claimed; it goes out once the pause is lifted', async () => {
    const plan = await schedulePlan(app, [hookId], { body: 'Held by the pause', local: `${year}-07-06T10:00` });
    const pass = heldPass(Date.parse(plan.scheduledAt));
    await claimed(plan.documentId);
    await app.http.put('/community-manager/publishing/pause').set(auth()).send({ paused: true, reason: 'Crisis' });
    try {
      // The pass reads the switch at most every 250 ms while it waits (the product's promise): let it read it again.
      await lookedAgain(pass, 12, 1000);
      pass.release();
      await pass.report;
      expect(sentWith('Held by the pause')).toHaveLength(0);
      expect((await publicationsOf(app, plan.documentId))[0]).toMatchObject({ state: 'scheduled', attempts: 0 });
    } finally {
      await app.http.put('/community-manager/publishing/pause').set(auth()).send({ paused: false });
    }
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    expect(sentWith('Held by the pause')).toHaveLength(1);
  });

  it('a pass whose clock does not reach the instant gives the row back untouched', async () => {
    const plan = await schedulePlan(app, [hookId], { body: 'Not yet', local: `${year}-07-07T10:00` });
    await tickAt(app, Date.parse(plan.scheduledAt) - 500);
    expect(sentWith('Not yet')).toHaveLength(0);
    const [row] = await publicationsOf(app, plan.documentId);
    expect(row).toMatchObject({ state: 'scheduled', attempts: 0 });
    expect(row.history.map((h) => h.event)).toEqual(['scheduled']);
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
    // A code with its parameters (the instant as ISO, for the admin to show in the reader's zone), and the English text kept.
    expect(missed).toMatchObject({
      state: 'missed',
      error: { code: 'missed', params: { dueAt: late.scheduledAt, minutes: 180 } },
    });
    expect(missed.error!.message).toBe(
      `Due at ${late.scheduledAt}; publishing was not running, and it is now later than the allowed lateness of 180 minutes`
    );
    expect(await planStatus(app, late.documentId)).toBe('failed');
    const trail = (await app.http.get(`/community-manager/post-plans/${late.documentId}`).set(auth())).body.data.trail;
    expect(trail.find((t: { event: string }) => t.event === 'publication')).toMatchObject({
      outcome: 'missed',
      actor: { kind: 'scheduler' },
      publication: { network: 'sandbox', url: null, error: { code: 'missed', params: { dueAt: late.scheduledAt, minutes: 180 } } },
    });
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
    // The English names the states; the code and the state let the admin say it in the reader's language.
    expect(refused.body.error.details).toMatchObject({
      code: 'not_allowed_from_state',
      messageId: 'not_allowed_from_state',
      state: 'failed',
    });
    expect(refused.body.error.message).toMatch(/^This publication is failed; it can be changed this way only when it is /);
    const badUrl = await app.http
      .post(`/community-manager/publications/${failed.documentId}/mark-published`)
      .set(auth())
      .send({ url: 'javascript:alert(1)' });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.error.details.errors[0].path).toEqual(['url']);
    hook.status = 200;
    const retried = await app.http.post(`/community-manager/publications/${failed.documentId}/retry`).set(auth()).send({});
    expect(retried.body.data.state).toBe('scheduled');
    expect(await planStatus(app, plan.documentId)).toBe('scheduled');
    expect((await tickUntilSettled(app, plan.documentId)).state).toBe('published');
    expect(await planStatus(app, plan.documentId)).toBe('published');

    hook.status = 422;
    const other = await schedulePlan(app, [hookId], { body: 'Mark me', local: `${new Date().getUTCFullYear() + 1}-09-02T09:00` });
    await tickAt(app, Date.parse(other.scheduledAt) + 1);
    const [row] = await publicationsOf(app, other.documentId);
    const marked = await app.http
      .post(`/community-manager/publications/${row.documentId}/mark-published`)
      .set(auth())
      .send({ url: 'https://chat.example.com/p/1' });
    expect(marked.body.data).toMatchObject({ state: 'published', externalUrl: 'https://chat.example.com/p/1' });
    // The trails say who did what: the scheduler's failure with the network's words, then its success after the retry;
    // the person who marked the other one published, by name and id, with the link they gave.
    const lines = async (id: string) =>
      ((await app.http.get(`/community-manager/post-plans/${id}`).set(auth())).body.data.trail as Array<Record<string, unknown>>).filter(
        (t) => t.event === 'publication'
      );
    const retriedLines = await lines(plan.documentId);
    expect(retriedLines).toHaveLength(2);
    expect(retriedLines[0]).toMatchObject({
      outcome: 'failed',
      actor: { kind: 'scheduler' },
      publication: { network: 'webhook', url: null, error: { code: 'network_rejected', params: null } },
    });
    expect((retriedLines[0] as { publication: { error: { message: string } } }).publication.error.message).toMatch(/422/);
    expect(retriedLines[1]).toMatchObject({ outcome: 'published', actor: { kind: 'scheduler' }, publication: { error: null } });
    const markedLines = await lines(other.documentId);
    expect(markedLines.map((l) => l.outcome)).toEqual(['failed', 'marked_published']);
    expect(markedLines[1]).toMatchObject({
      actor: { kind: 'person', name: 'Owner Test' },
      by: { name: 'Owner Test' },
      publication: { url: 'https://chat.example.com/p/1', error: null },
    });
    expect(typeof (markedLines[1].by as { id: unknown }).id).toBe('number');
    // The publication's own history names the person too.
    expect(marked.body.data.history.at(-1)).toMatchObject({ event: 'markPublished', by: 'Owner Test' });
    const badge = await app.http.get('/community-manager/publishing/badge').set(auth());
    expect(typeof badge.body.data.count).toBe('number');
  });
});

describe('the live posts next to the plans: calendar and article panel', () => {
  const ARTICLE = 'api::article.article';
  const TOKEN = 'live-links-mastodon-token';
  const year = new Date().getUTCFullYear() + 1;
  // 1–5 October, Paris (UTC+2): a window no other story of this file uses.
  const window = { from: `${year}-09-30T22:00:00.000Z`, to: `${year}-10-05T22:00:00.000Z` };
  const ids: Record<'both' | 'partly' | 'failed' | 'planned' | 'draft', string> = {
    both: '',
    partly: '',
    failed: '',
    planned: '',
    draft: '',
  };
  let mastoId: string;
  let articleId: string;

  /** The SQL statements a request sends to the publication table, read from knex's own query events. */
  async function publicationQueriesDuring(request: () => Promise<unknown>) {
    const table = app.strapi.db.metadata.get('plugin::community-manager.publication').tableName;
    const knex = app.strapi.db.connection as unknown as {
      on(e: 'query', f: (q: { sql: string }) => void): void;
      off(e: 'query', f: (q: { sql: string }) => void): void;
    };
    const seen: string[] = [];
    const listener = (query: { sql: string }) => {
      if (query.sql.includes(table)) seen.push(query.sql);
    };
    knex.on('query', listener);
    try {
      await request();
    } finally {
      knex.off('query', listener);
    }
    return seen;
  }

  const liveUrlOf = (text: string) => {
    const status = mastodon.statuses.find((s) => s.text === text);
    if (!status) throw new Error(`no status "${text}" on the fake Mastodon`);
    return `${mastodon.url}/@u7/${status.id}`;
  };

  beforeAll(async () => {
    mastodon.tokens.set(TOKEN, { id: '7', username: 'brand', displayName: 'Brand' });
    mastoId = (await createAccount(app, { network: 'mastodon', name: 'Brand on Mastodon', instanceUrl: mastodon.url, accessToken: TOKEN }))
      .documentId;
    const settings = await app.http
      .put('/community-manager/settings')
      .set(auth())
      .send({ siteUrl: 'http://localhost:1337', contentTypes: [{ uid: ARTICLE, urlPattern: 'http://localhost:1337/blog/{slug}' }] });
    expect(settings.status).toBe(200);
    articleId = (await app.strapi.documents(ARTICLE).create({ data: { title: 'Autumn release', slug: 'autumn-release' } as never }))
      .documentId;
    const entry = { entry: { uid: ARTICLE, documentId: articleId } };

    const go = async (key: keyof typeof ids, accounts: string[], day: string, status: number) => {
      const plan = await schedulePlan(app, accounts, {
        title: `Live ${key}`,
        body: `Autumn release: ${key}`,
        local: `${year}-10-0${day}T09:00`,
        more: entry,
      });
      ids[key] = plan.documentId;
      hook.status = status;
      await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    };
    await go('both', [mastoId, sandboxId], '1', 200);
    await go('partly', [mastoId, hookId], '2', 422);
    await go('failed', [hookId], '3', 422);
    ids.planned = (await schedulePlan(app, [sandboxId], { title: 'Live planned', local: `${year}-10-04T09:00`, more: entry })).documentId;
    const draft = await app.http
      .post('/community-manager/post-plans')
      .set(auth())
      .send({
        title: 'Live draft',
        body: 'Not yet',
        accountIds: [sandboxId],
        ...entry,
        schedule: { local: `${year}-10-05T09:00`, timezone: 'Europe/Paris' },
      });
    ids.draft = draft.body.data.documentId;
    expect([
      await planStatus(app, ids.both),
      await planStatus(app, ids.partly),
      await planStatus(app, ids.failed),
      await planStatus(app, ids.planned),
    ]).toEqual(['published', 'partially_published', 'failed', 'scheduled']);
  });

  it('the calendar gives each published post its live links, read in one query for the whole window', async () => {
    let res: { status: number; body: { data: Array<{ documentId: string; live: unknown[] }> } } | undefined;
    const sql = await publicationQueriesDuring(async () => {
      res = await app.http.get('/community-manager/calendar/events').query(window).set(auth());
    });
    expect(res!.status).toBe(200);
    const live = Object.fromEntries(res!.body.data.map((event) => [event.documentId, event.live]));
    expect(live).toEqual({
      [ids.both]: [{ network: 'mastodon', accountName: 'Brand on Mastodon', url: liveUrlOf('Autumn release: both') }],
      [ids.partly]: [{ network: 'mastodon', accountName: 'Brand on Mastodon', url: liveUrlOf('Autumn release: partly') }],
      [ids.failed]: [],
      [ids.planned]: [],
      [ids.draft]: [],
    });
    // Two posts with links in one answer, from a single read of the publications.
    expect(sql).toHaveLength(1);
  });

  it('the month grid’s answer (dayMax) carries the same links', async () => {
    const res = await app.http
      .get('/community-manager/calendar/events')
      .query({ ...window, dayMax: 4, timezone: 'Europe/Paris' })
      .set(auth());
    expect(res.body.data.events.find((e: { documentId: string }) => e.documentId === ids.both).live).toEqual([
      { network: 'mastodon', accountName: 'Brand on Mastodon', url: liveUrlOf('Autumn release: both') },
    ]);
  });

  it('the calendar reads no publication at all when no post of the window went out', async () => {
    const sql = await publicationQueriesDuring(() =>
      app.http
        .get('/community-manager/calendar/events')
        .query({ from: `${year}-10-03T22:00:00.000Z`, to: `${year}-10-05T22:00:00.000Z` })
        .set(auth())
    );
    expect(sql).toEqual([]);
  });

  it('the article panel lists every post’s publications: live links, and the network’s reason for a failure', async () => {
    let res: { status: number; body: { data: Array<{ documentId: string; publications: unknown[] }> } } | undefined;
    const sql = await publicationQueriesDuring(async () => {
      res = await app.http.get(`/community-manager/entries/posts?uid=${ARTICLE}&documentId=${articleId}`).set(auth());
    });
    expect(res!.status).toBe(200);
    const byPost = Object.fromEntries(res!.body.data.map((post) => [post.documentId, post.publications]));
    const publication = (
      accountDocumentId: string,
      network: string,
      accountName: string,
      state: string,
      url: string | null,
      error: object | null
    ) => ({
      documentId: expect.any(String),
      accountDocumentId,
      network,
      accountName,
      state,
      url,
      error,
    });
    expect(byPost[ids.both]).toEqual([
      publication(mastoId, 'mastodon', 'Brand on Mastodon', 'published', liveUrlOf('Autumn release: both'), null),
      // The sandbox keeps its posts to itself: published, with no address to link to.
      publication(sandboxId, 'sandbox', 'Sandbox', 'published', null, null),
    ]);
    expect(byPost[ids.partly]).toEqual([
      publication(mastoId, 'mastodon', 'Brand on Mastodon', 'published', liveUrlOf('Autumn release: partly'), null),
      publication(hookId, 'webhook', 'Team chat', 'failed', null, {
        code: 'network_rejected',
        message: expect.stringContaining('422'),
        params: null,
      }),
    ]);
    expect(byPost[ids.failed]).toEqual([
      publication(hookId, 'webhook', 'Team chat', 'failed', null, {
        code: 'network_rejected',
        message: expect.stringContaining('422'),
        params: null,
      }),
    ]);
    expect(byPost[ids.planned]).toEqual([publication(sandboxId, 'sandbox', 'Sandbox', 'scheduled', null, null)]);
    expect(byPost[ids.draft]).toEqual([]);
    // Five posts, one read of their publications.
    expect(sql).toHaveLength(1);
  });

  it('a link a person typed when marking a post published shows too; an address that is not http(s) never does', async () => {
    const [failed] = await publicationsOf(app, ids.failed);
    const marked = await app.http
      .post(`/community-manager/publications/${failed.documentId}/mark-published`)
      .set(auth())
      .send({ url: 'https://chat.example.com/p/42' });
    expect(marked.status).toBe(200);
    let events = (await app.http.get('/community-manager/calendar/events').query(window).set(auth())).body.data;
    expect(events.find((e: { documentId: string }) => e.documentId === ids.failed).live).toEqual([
      { network: 'webhook', accountName: 'Team chat', url: 'https://chat.example.com/p/42' },
    ]);
    // A network (or an old row) handing back a script address: the row keeps it, no answer links to it.
    await app.strapi.db
      .query('plugin::community-manager.publication')
      .update({ where: { documentId: failed.documentId }, data: { externalUrl: 'javascript:alert(1)' } });
    events = (await app.http.get('/community-manager/calendar/events').query(window).set(auth())).body.data;
    expect(events.find((e: { documentId: string }) => e.documentId === ids.failed).live).toEqual([]);
    const posts = (await app.http.get(`/community-manager/entries/posts?uid=${ARTICLE}&documentId=${articleId}`).set(auth())).body.data;
    expect(posts.find((p: { documentId: string }) => p.documentId === ids.failed).publications[0]).toMatchObject({
      state: 'published',
      url: null,
    });
  });

  it('no answer carries a credential: not the token, the webhook’s address or its secret', async () => {
    const answers = await Promise.all([
      app.http.get('/community-manager/calendar/events').query(window).set(auth()),
      app.http.get(`/community-manager/entries/posts?uid=${ARTICLE}&documentId=${articleId}`).set(auth()),
      app.http.get(`/community-manager/publications?planDocumentId=${ids.partly}`).set(auth()),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(200);
      const text = JSON.stringify(res.body);
      // The check can see: the answers do name these accounts.
      expect(text).toContain('Team chat');
      for (const secret of [TOKEN, SECRET, `${hook.url}/hook`, 'credentials', 'vaultKey']) expect(text).not.toContain(secret);
    }
  });
});

describe('the Sent history', () => {
  type SentItem = { documentId: string; plan: { title: string }; publishedAt: string; url: string | null; by: unknown; network: string };
  const sent = (query: Record<string, string | number>) => app.http.get('/community-manager/publishing/sent').query(query).set(auth());
  const year = new Date().getUTCFullYear() + 1;

  it('lists published posts newest first, a page at a time, by account, network and date; links only when http(s)', async () => {
    // Accounts of their own: other stories of this file publish too.
    const quiet = (await createAccount(app, { network: 'sandbox', name: 'Sent history sandbox' })).documentId;
    const chat = (
      await createAccount(app, {
        network: 'webhook',
        name: 'Sent history chat',
        url: `${hook.url}/hook`,
        flavor: 'generic',
        secret: SECRET,
      })
    ).documentId;
    const days = ['03', '04', '05'];
    const plans = [];
    for (const day of days) {
      const plan = await schedulePlan(app, [quiet], { title: `Sent on the ${day}th`, local: `${year}-11-${day}T09:00` });
      await tickAt(app, Date.parse(plan.scheduledAt) + 5);
      plans.push(plan);
    }
    const webhookPlan = await schedulePlan(app, [chat], { title: 'Sent to the chat', local: `${year}-11-04T12:00` });
    await tickAt(app, Date.parse(webhookPlan.scheduledAt) + 5);

    const all = await sent({ accountDocumentId: quiet });
    expect(all.status).toBe(200);
    expect(all.body.data.items.map((i: SentItem) => i.plan.title)).toEqual(['Sent on the 05th', 'Sent on the 04th', 'Sent on the 03th']);
    expect(all.body.data.items[0]).toMatchObject({
      network: 'sandbox',
      account: { documentId: quiet, name: 'Sent history sandbox', network: 'sandbox' },
      publishedAt: new Date(Date.parse(plans[2].scheduledAt) + 5).toISOString(),
      by: { kind: 'scheduler' },
    });
    // The sandbox gives no address: listed, without a link.
    expect(all.body.data.items[0].url).toBeNull();
    expect(all.body.data.pagination).toEqual({ page: 1, pageSize: 20, total: 3, pageCount: 1 });

    // Paged: two, then the last one, never the same twice.
    const first = (await sent({ accountDocumentId: quiet, pageSize: 2 })).body.data;
    const second = (await sent({ accountDocumentId: quiet, pageSize: 2, page: 2 })).body.data;
    expect(first.pagination).toEqual({ page: 1, pageSize: 2, total: 3, pageCount: 2 });
    expect([...first.items, ...second.items].map((i: SentItem) => i.plan.title)).toEqual(
      all.body.data.items.map((i: SentItem) => i.plan.title)
    );

    // By date range (instants; the admin sends the user's days) and by network.
    const fourth = await sent({ accountDocumentId: quiet, from: `${year}-11-04T00:00:00+01:00`, to: `${year}-11-04T23:59:59.999+01:00` });
    expect(fourth.body.data.items.map((i: SentItem) => i.plan.title)).toEqual(['Sent on the 04th']);
    const onTheFourth = { from: `${year}-11-04T00:00:00Z`, to: `${year}-11-04T23:59:59Z` };
    const webhooks = (await sent({ network: 'webhook', ...onTheFourth })).body.data.items;
    expect(webhooks.map((i: SentItem) => i.plan.title)).toEqual(['Sent to the chat']);
    const sandboxes = (await sent({ network: 'sandbox', ...onTheFourth })).body.data.items;
    expect(sandboxes.map((i: SentItem) => i.plan.title)).toEqual(['Sent on the 04th']);

    // A network's address is linked; one handing back a script address (or an old row) is listed, never linked.
    const [row] = await publicationsOf(app, webhookPlan.documentId);
    const setUrl = (externalUrl: string) =>
      app.strapi.db.query('plugin::community-manager.publication').update({ where: { documentId: row.documentId }, data: { externalUrl } });
    await setUrl('https://chat.example.com/p/6');
    expect((await sent({ accountDocumentId: chat })).body.data.items).toMatchObject([
      { documentId: row.documentId, url: 'https://chat.example.com/p/6' },
    ]);
    await setUrl('javascript:alert(1)');
    expect((await sent({ accountDocumentId: chat })).body.data.items).toMatchObject([{ documentId: row.documentId, url: null }]);

    // Only what went out: a failed post is not in it, and one a person marked published is, with their name.
    hook.status = 422;
    const refused = await schedulePlan(app, [chat], { title: 'Refused, then marked', local: `${year}-11-06T09:00` });
    await tickAt(app, Date.parse(refused.scheduledAt) + 5);
    expect((await sent({ accountDocumentId: chat })).body.data.pagination.total).toBe(1);
    const [failed] = await publicationsOf(app, refused.documentId);
    await app.http
      .post(`/community-manager/publications/${failed.documentId}/mark-published`)
      .set(auth())
      .send({ url: 'https://chat.example.com/p/7' });
    const withMarked = (await sent({ accountDocumentId: chat })).body.data.items;
    expect(withMarked).toHaveLength(2);
    expect(withMarked.find((i: SentItem) => i.documentId === failed.documentId)).toMatchObject({
      documentId: failed.documentId,
      url: 'https://chat.example.com/p/7',
      by: { kind: 'person', name: 'Owner Test' },
    });
  });

  it('refuses a query it does not understand, with the field named', async () => {
    for (const [query, field] of [
      [{ pageSize: 1000 }, 'pageSize'],
      [{ page: 0 }, 'page'],
      [{ from: 'yesterday' }, 'from'],
      [{ from: `${year}-11-05T00:00:00Z`, to: `${year}-11-04T00:00:00Z` }, 'from'],
      [{ network: 'Not a network!' }, 'network'],
      [{ accountDocumentId: '../x' }, 'accountDocumentId'],
    ] as const) {
      const res = await sent(query);
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual([field]);
    }
    expect((await sent({ state: 'failed' })).status).toBe(400);
  });
});
