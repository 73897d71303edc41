import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { createAccount, publications, publicationsOf, schedulePlan, tickAt } from '../helpers/publishing';

/**
 * Posts written in Paris wall-clock time on the days the clocks change go out
 * at the right instants (controlled clock), and a rescheduled post goes out
 * once, at its new time.
 */
let app: TestApp;
let sandboxId: string;
const auth = () => bearer(app.token);

beforeAll(async () => {
  app = await startApp({ CM_SCHEDULER_ENABLED: 'false' });
  sandboxId = (await createAccount(app, { network: 'sandbox', name: 'Clock sandbox' })).documentId;
});
afterAll(async () => app?.stop());

/** A plan for a past 2026 day: drafted through the API (zone rules applied), then scheduled as if it had been in time. */
async function planAt(local: string, fold?: 'earlier' | 'later') {
  const res = await app.http
    .post('/community-manager/post-plans')
    .set(auth())
    .send({
      title: `Clock ${local} ${fold ?? ''}`,
      body: `At ${local} ${fold ?? ''}`,
      accountIds: [sandboxId],
      schedule: { local, timezone: 'Europe/Paris', ...(fold ? { fold } : {}) },
    });
  if (res.status !== 200) return res;
  await app.strapi.db
    .query('plugin::community-manager.post-plan')
    .update({ where: { documentId: res.body.data.documentId }, data: { status: 'scheduled' } });
  await publications(app).syncPlan(res.body.data.documentId);
  return res;
}

const stateOf = async (planId: string) => (await publicationsOf(app, planId))[0].state;

describe('2026 clock changes in Europe/Paris', () => {
  it('spring forward (29 March): 02:30 does not exist and is refused with 03:00 proposed; 03:00 and 09:00 go out at 01:00Z and 07:00Z', async () => {
    const skipped = await planAt('2026-03-29T02:30');
    expect(skipped.status).toBe(400);
    expect(skipped.body.error.details).toMatchObject({ code: 'nonexistent_local_time', nextValid: '2026-03-29T03:00' });
    const three = (await planAt('2026-03-29T03:00')).body.data;
    const nine = (await planAt('2026-03-29T09:00')).body.data;
    expect([three.scheduledAt, nine.scheduledAt]).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-29T07:00:00.000Z']);

    await tickAt(app, Date.parse('2026-03-29T00:59:59.999Z'));
    expect(await stateOf(three.documentId)).toBe('scheduled');
    await tickAt(app, Date.parse('2026-03-29T01:00:00.000Z'));
    expect(await stateOf(three.documentId)).toBe('published');
    await tickAt(app, Date.parse('2026-03-29T06:59:59.999Z'));
    expect(await stateOf(nine.documentId)).toBe('scheduled');
    await tickAt(app, Date.parse('2026-03-29T07:00:00.000Z'));
    expect(await stateOf(nine.documentId)).toBe('published');
  });

  it('fall back (25 October): 02:30 happens twice, each choice goes out at its own instant; 09:00 at 08:00Z', async () => {
    const ambiguous = await planAt('2026-10-25T02:30');
    expect(ambiguous.body.error.details.code).toBe('ambiguous_local_time');
    const first = (await planAt('2026-10-25T02:30', 'earlier')).body.data;
    const second = (await planAt('2026-10-25T02:30', 'later')).body.data;
    const nine = (await planAt('2026-10-25T09:00')).body.data;
    expect([first.scheduledAt, second.scheduledAt, nine.scheduledAt]).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:30:00.000Z',
      '2026-10-25T08:00:00.000Z',
    ]);

    await tickAt(app, Date.parse('2026-10-25T00:30:00.000Z'));
    expect([await stateOf(first.documentId), await stateOf(second.documentId)]).toEqual(['published', 'scheduled']);
    await tickAt(app, Date.parse('2026-10-25T01:29:59.999Z'));
    expect(await stateOf(second.documentId)).toBe('scheduled');
    await tickAt(app, Date.parse('2026-10-25T01:30:00.000Z'));
    expect(await stateOf(second.documentId)).toBe('published');
    await tickAt(app, Date.parse('2026-10-25T07:59:59.999Z'));
    expect(await stateOf(nine.documentId)).toBe('scheduled');
    await tickAt(app, Date.parse('2026-10-25T08:00:00.000Z'));
    expect(await stateOf(nine.documentId)).toBe('published');
  });
});

describe('rescheduling', () => {
  it('a post moved to a later time goes out once, at the new time, not at the old one', async () => {
    const year = new Date().getUTCFullYear() + 1;
    const plan = await schedulePlan(app, [sandboxId], { body: 'Moved post', local: `${year}-05-05T09:00` });
    const moved = await app.http
      .put(`/community-manager/post-plans/${plan.documentId}`)
      .set(auth())
      .send({
        title: 'Publishing test',
        body: 'Moved post',
        accountIds: [sandboxId],
        schedule: { local: `${year}-05-05T11:00`, timezone: 'Europe/Paris' },
      });
    expect(moved.body.data).toMatchObject({ status: 'scheduled', scheduledAt: `${year}-05-05T09:00:00.000Z` });
    const [row] = await publicationsOf(app, plan.documentId);
    expect(row.dueAt).toBe(`${year}-05-05T09:00:00.000Z`);

    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    expect(await stateOf(plan.documentId)).toBe('scheduled');
    await tickAt(app, Date.parse(`${year}-05-05T09:00:00.000Z`));
    await tickAt(app, Date.parse(`${year}-05-05T09:00:00.001Z`));
    const [after] = await publicationsOf(app, plan.documentId);
    expect(after.state).toBe('published');
    expect(after.history.filter((h) => h.event === 'published')).toHaveLength(1);
    expect(after.history.map((h) => h.event)).toEqual(['scheduled', 'moved', 'published']);
  });
});
