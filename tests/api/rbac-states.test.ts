import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { adminWith } from '../helpers/admins';
import { createAccount, publications } from '../helpers/publishing';
import { ACTIONS, actionUid } from '../../shared/core/permissions';
import type { PostStatus } from '../../shared/planning/workflow';

/**
 * rbac.test.ts checks that each route is guarded; this suite checks that each
 * state change is, whatever the route: the same change of the same post asked
 * through PUT, DELETE or a dedicated route gets the same answer. One Strapi
 * boot; each row gets a fresh post written straight to the database (as the
 * workflow would have left it), then one request over HTTP.
 */
const PLAN = 'plugin::community-manager.post-plan';
const PUBLICATION = 'plugin::community-manager.publication';
const year = new Date().getUTCFullYear() + 1;

const READ = actionUid(ACTIONS.postsRead);
const CREATE = actionUid(ACTIONS.postsCreate);
const APPROVE = actionUid(ACTIONS.postsApprove);
const PUBLISH = actionUid(ACTIONS.postsPublish);
const ROLES = {
  author: [READ, CREATE],
  'author+approver': [READ, CREATE, APPROVE],
  team: [READ, CREATE, APPROVE, PUBLISH],
} as const;
type Role = keyof typeof ROLES;

let app: TestApp;
let accounts: [string, string];
const tokens = {} as Record<Role, string>;

/** What the composer sends for the post the fixture writes; each change differs from it in one thing. */
const base = () => ({
  title: 'Matrix post',
  body: 'Hello',
  accountIds: [accounts[0]],
  schedule: { local: `${year}-05-05T10:00`, timezone: 'Europe/Paris' },
  campaign: 'spring',
  utm: { enabled: true },
});
const CHANGES = {
  nothing: () => ({}),
  title: () => ({ title: 'Renamed' }),
  pillar: () => ({ pillar: 'News' }),
  body: () => ({ body: 'Hello again' }),
  campaign: () => ({ campaign: 'autumn' }),
  'utm campaign': () => ({ utm: { enabled: true, campaign: 'launch' } }),
  'utm off': () => ({ utm: { enabled: false } }),
  accounts: () => ({ accountIds: accounts }),
  'first comment': () => ({ firstComment: 'More below' }),
  time: () => ({
    schedule: { local: `${year}-05-06T10:00`, timezone: 'Europe/Paris' },
  }),
  'past time': () => ({
    schedule: { local: '2020-01-01T09:00', timezone: 'Europe/Paris' },
  }),
  'no time': () => ({ schedule: null }),
} satisfies Record<string, () => object>;
type Change = keyof typeof CHANGES;

type Route = { put: Change } | 'delete' | 'reschedule' | 'reschedule past' | 'cancel' | 'unschedule';
/** What the request answers and the post's status after it; `gone` once deleted, `same` for a refusal. */
type Expected = [httpStatus: number, after: PostStatus | 'gone' | 'same', code?: string];

/** A post as the workflow leaves it in `status`; a scheduled one has its publication, as `schedule` creates it. */
async function planIn(status: PostStatus): Promise<string> {
  const created = (await app.strapi.documents(PLAN).create({
    data: {
      title: 'Matrix post',
      body: 'Hello',
      accounts: [accounts[0]],
      scheduledAt: new Date(`${year}-05-05T08:00:00.000Z`),
      timezone: 'Europe/Paris',
      localTime: `${year}-05-05T10:00`,
      campaign: 'spring',
      utm: { enabled: true },
      variants: {},
      media: [],
      mediaAlt: {},
      status: 'scheduled',
      trail: [],
    } as never,
  })) as unknown as { documentId: string };
  const id = created.documentId;
  await publications(app).syncPlan(id);
  if (status !== 'scheduled') {
    // Every other status is written over a scheduled past, as the publisher and people would leave it.
    const state = status === 'published' || status === 'partially_published' ? 'published' : status === 'failed' ? 'failed' : 'cancelled';
    await app.strapi.db.query(PUBLICATION).updateMany({ where: { planDocumentId: id }, data: { state } });
    await app.strapi.db.query(PLAN).updateMany({ where: { documentId: id }, data: { status } });
    if (status === 'draft' || status === 'in_review' || status === 'approved') {
      // A post that has never been scheduled has no publication at all.
      await app.strapi.db.query(PUBLICATION).deleteMany({ where: { planDocumentId: id } });
    }
  }
  return id;
}

function request(role: Role, id: string, route: Route) {
  const path = `/community-manager/post-plans/${id}`;
  const token = bearer(tokens[role]);
  if (typeof route === 'object')
    return app.http
      .put(path)
      .set(token)
      .send({ ...base(), ...CHANGES[route.put]() });
  if (route === 'delete') return app.http.delete(path).set(token);
  if (route === 'reschedule' || route === 'reschedule past') {
    const local = route === 'reschedule' ? `${year}-05-06T10:00` : '2020-01-01T09:00';
    return app.http
      .post(`${path}/reschedule`)
      .set(token)
      .send({ schedule: { local, timezone: 'Europe/Paris' } });
  }
  return app.http.post(`${path}/${route}`).set(token).send({});
}

const snapshot = async (id: string) => {
  const plan = await app.strapi.db.query(PLAN).findOne({
    where: { documentId: id },
    select: ['status', 'body', 'scheduledAt', 'campaign', 'utm'],
  });
  const rows = (await app.strapi.db.query(PUBLICATION).findMany({
    where: { planDocumentId: id },
    select: ['accountDocumentId', 'state', 'dueMs'],
    orderBy: { id: 'asc' },
  })) as Array<{
    state: string;
    dueMs: unknown;
  }>;
  return {
    plan: plan ? { ...plan, scheduledAt: new Date(plan.scheduledAt).toISOString() } : null,
    rows: rows.map((r) => ({ ...r, dueMs: Number(r.dueMs) })),
  };
};

const put = (change: Change): Route => ({ put: change });

/**
 * The matrix: approval required, retimes not reviewed (the defaults). One
 * line per case; the dedicated routes' lines stand beside the PUT and DELETE
 * lines that ask for the same change.
 */
const MATRIX: Array<[Role, PostStatus, Route, Expected]> = [
  // An author works freely on what nobody has approved yet.
  ['author', 'draft', put('body'), [200, 'draft']],
  ['author', 'draft', put('time'), [200, 'draft']],
  ['author', 'draft', put('past time'), [400, 'same', 'in_the_past']],
  ['author', 'draft', 'reschedule past', [400, 'same', 'in_the_past']],
  ['author', 'draft', 'delete', [200, 'gone']],
  ['author', 'in_review', put('body'), [200, 'in_review']],
  ['author', 'in_review', 'delete', [200, 'gone']],
  // Approved: new words (what goes out, UTM included) go back to review; a new time does not.
  ['author', 'approved', put('nothing'), [200, 'approved']],
  ['author', 'approved', put('title'), [200, 'approved']],
  ['author', 'approved', put('pillar'), [200, 'approved']],
  ['author', 'approved', put('body'), [200, 'in_review']],
  ['author', 'approved', put('campaign'), [200, 'in_review']],
  ['author', 'approved', put('utm campaign'), [200, 'in_review']],
  ['author', 'approved', put('utm off'), [200, 'in_review']],
  ['author', 'approved', put('accounts'), [200, 'in_review']],
  ['author', 'approved', put('first comment'), [200, 'in_review']],
  ['author', 'approved', put('time'), [200, 'approved']],
  ['author', 'approved', 'reschedule', [200, 'approved']],
  ['author', 'approved', put('past time'), [400, 'same', 'in_the_past']],
  ['author', 'approved', 'reschedule past', [400, 'same', 'in_the_past']],
  ['author', 'approved', 'cancel', [200, 'cancelled']],
  ['author', 'approved', 'delete', [200, 'gone']],
  ['author+approver', 'approved', put('body'), [200, 'in_review']],
  // Scheduled: its words and its time are the publisher's, by any route.
  ['author', 'scheduled', 'reschedule', [403, 'same', 'missing_permission']],
  ['author', 'scheduled', put('time'), [403, 'same', 'missing_permission']],
  ['author', 'scheduled', put('past time'), [403, 'same', 'missing_permission']],
  ['author', 'scheduled', put('no time'), [403, 'same', 'missing_permission']],
  ['author', 'scheduled', put('body'), [403, 'same', 'missing_permission']],
  ['author', 'scheduled', put('campaign'), [403, 'same', 'missing_permission']],
  ['author', 'scheduled', put('utm campaign'), [403, 'same', 'missing_permission']],
  ['author', 'scheduled', put('accounts'), [403, 'same', 'missing_permission']],
  ['author', 'scheduled', put('first comment'), [403, 'same', 'missing_permission']],
  // The dedicated route's own guard: unschedule is a publisher's route.
  ['author', 'scheduled', 'unschedule', [403, 'same']],
  ['author', 'scheduled', 'cancel', [403, 'same', 'missing_permission']],
  ['author', 'scheduled', 'delete', [403, 'same', 'missing_permission']],
  ['author+approver', 'scheduled', put('body'), [403, 'same', 'missing_permission']],
  ['author+approver', 'scheduled', 'delete', [403, 'same', 'missing_permission']],
  // What nobody sees on the networks stays open to the author.
  ['author', 'scheduled', put('nothing'), [200, 'scheduled']],
  ['author', 'scheduled', put('title'), [200, 'scheduled']],
  ['team', 'scheduled', put('body'), [200, 'in_review']],
  ['team', 'scheduled', put('utm campaign'), [200, 'in_review']],
  ['team', 'scheduled', put('time'), [200, 'scheduled']],
  ['team', 'scheduled', 'reschedule', [200, 'scheduled']],
  ['team', 'scheduled', put('past time'), [400, 'same', 'in_the_past']],
  ['team', 'scheduled', 'reschedule past', [400, 'same', 'in_the_past']],
  ['team', 'scheduled', put('no time'), [400, 'same', 'schedule_missing']],
  ['team', 'scheduled', 'delete', [200, 'gone']],
  // Failed: the author may rework it (back to review), the retry stays the publisher's.
  ['author', 'failed', put('body'), [200, 'in_review']],
  ['author', 'failed', put('time'), [200, 'failed']],
  ['author', 'failed', put('past time'), [400, 'same', 'in_the_past']],
  ['author', 'failed', 'delete', [200, 'gone']],
  ['author', 'cancelled', put('body'), [200, 'cancelled']],
  ['author', 'cancelled', 'delete', [200, 'gone']],
  // What went out is read-only and stays on record.
  ['author', 'published', put('nothing'), [409, 'same', 'published_is_read_only']],
  ['team', 'published', put('body'), [409, 'same', 'published_is_read_only']],
  ['team', 'published', 'reschedule', [409, 'same', 'published_is_read_only']],
  ['author', 'published', 'delete', [409, 'same', 'published_cannot_be_deleted']],
  ['team', 'published', 'delete', [409, 'same', 'published_cannot_be_deleted']],
  ['team', 'partially_published', 'delete', [409, 'same', 'published_cannot_be_deleted']],
];

const label = (route: Route) => (typeof route === 'object' ? `PUT (${route.put})` : route === 'delete' ? 'DELETE' : `POST ${route}`);

beforeAll(async () => {
  app = await startApp({ CM_WATCH_ENABLED: 'false' });
  accounts = [
    (await createAccount(app, { network: 'sandbox', name: 'Matrix A' })).documentId,
    (await createAccount(app, { network: 'sandbox', name: 'Matrix B' })).documentId,
  ];
  for (const role of Object.keys(ROLES) as Role[]) tokens[role] = await adminWith(app, [...ROLES[role]]);
});
afterAll(async () => app?.stop());

describe('each state change is guarded, whatever the route', () => {
  it('answers every line of the matrix as written', async () => {
    const ids = await Promise.all(MATRIX.map(([, status]) => planIn(status)));
    const mismatches: string[] = [];
    for (const [i, [role, status, route, [httpStatus, after, code]]] of MATRIX.entries()) {
      const id = ids[i];
      const before = await snapshot(id);
      const res = await request(role, id, route);
      const now = await snapshot(id);
      const got = [
        res.status,
        now.plan === null ? 'gone' : now.plan.status === before.plan!.status && after === 'same' ? 'same' : now.plan.status,
        res.body?.error?.details?.code,
      ];
      const want = [httpStatus, after, code];
      const line = `${role} × ${status} × ${label(route)}`;
      if (JSON.stringify(got) !== JSON.stringify(want))
        mismatches.push(
          `${line}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)} ${res.status >= 400 ? res.body?.error?.message : ''}`
        );
      // A refusal changes nothing: not the post, not its publications.
      if (res.status >= 400 && JSON.stringify(now) !== JSON.stringify(before))
        mismatches.push(`${line}: refused but changed ${JSON.stringify(before)} → ${JSON.stringify(now)}`);
      // A refusal about a field names it.
      if (res.status === 400 && !res.body.error.details.errors?.[0]?.path?.[0]) mismatches.push(`${line}: 400 naming no field`);
      // Deleting leaves no publication without its plan.
      if (after === 'gone' && now.rows.length) mismatches.push(`${line}: deleted, but left ${now.rows.length} publication rows`);
      // A scheduled post sent back to review takes its publications off the queue.
      if (after === 'in_review' && now.rows.some((r) => r.state === 'scheduled'))
        mismatches.push(`${line}: back to review with a publication still scheduled`);
      // A move of a scheduled post moves its publication.
      if (
        status === 'scheduled' &&
        after === 'scheduled' &&
        now.plan &&
        now.rows.some((r) => r.dueMs !== Date.parse(now.plan!.scheduledAt))
      ) {
        mismatches.push(`${line}: publication due ${JSON.stringify(now.rows)} but post at ${now.plan.scheduledAt}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('a publication a publisher settled stays settled through any edit', () => {
  /** A scheduled post on both accounts, the second account's publication settled in `state`. */
  async function withSettled(state: 'cancelled' | 'failed') {
    const id = await planIn('scheduled');
    await app.strapi.documents(PLAN).update({ documentId: id, data: { accounts } as never });
    await publications(app).syncPlan(id);
    const second = await app.strapi.db.query(PUBLICATION).findOne({
      where: { planDocumentId: id, accountDocumentId: accounts[1] },
    });
    if (state === 'cancelled') {
      const res = await app.http.post(`/community-manager/publications/${second.documentId}/cancel`).set(bearer(tokens.team)).send({});
      expect(res.status).toBe(200);
    } else {
      // Only the runner fails a publication; written as it would.
      await app.strapi.db.query(PUBLICATION).update({ where: { id: second.id }, data: { state: 'failed' } });
    }
    return { id, secondId: second.id as number };
  }

  it.each([
    ['cancelled', 'author', 'title'],
    ['failed', 'author', 'title'],
    ['cancelled', 'team', 'time'],
    ['failed', 'team', 'time'],
    ['cancelled', 'team', 'nothing'],
  ] as const)('a publication %s stays so when %s changes the %s by PUT', async (state, role, change) => {
    const { id, secondId } = await withSettled(state);
    const res = await app.http
      .put(`/community-manager/post-plans/${id}`)
      .set(bearer(tokens[role]))
      .send({ ...base(), accountIds: accounts, ...CHANGES[change]() });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('scheduled');
    expect((await app.strapi.db.query(PUBLICATION).findOne({ where: { id: secondId } })).state).toBe(state);
  });

  it('is re-armed by the publisher’s own retry of the post, not by an edit', async () => {
    const { id, secondId } = await withSettled('failed');
    await app.strapi.db.query(PUBLICATION).updateMany({ where: { planDocumentId: id }, data: { state: 'failed' } });
    await app.strapi.db.query(PLAN).updateMany({ where: { documentId: id }, data: { status: 'failed' } });
    const edited = await app.http
      .put(`/community-manager/post-plans/${id}`)
      .set(bearer(tokens.author))
      .send({ ...base(), accountIds: accounts, ...CHANGES.time() });
    expect([edited.status, edited.body.data.status]).toEqual([200, 'failed']);
    expect((await app.strapi.db.query(PUBLICATION).findOne({ where: { id: secondId } })).state).toBe('failed');
    expect((await app.http.post(`/community-manager/post-plans/${id}/retry`).set(bearer(tokens.author)).send({})).status).toBe(403);
    const retried = await app.http.post(`/community-manager/post-plans/${id}/retry`).set(bearer(tokens.team)).send({});
    expect([retried.status, retried.body.data.status]).toEqual([200, 'scheduled']);
    expect((await app.strapi.db.query(PUBLICATION).findOne({ where: { id: secondId } })).state).toBe('scheduled');
  });
});

describe('deleting a post whose publications went out', () => {
  it('is refused with 409 while any of them went out, and changes nothing', async () => {
    const id = await planIn('scheduled');
    await app.strapi.db.query(PUBLICATION).updateMany({
      where: { planDocumentId: id },
      data: { state: 'published' },
    });
    // A post cancelled after one network had it: the post is cancelled, its publication stands.
    await app.strapi.db.query(PLAN).updateMany({ where: { documentId: id }, data: { status: 'cancelled' } });
    const before = await snapshot(id);
    const res = await app.http.delete(`/community-manager/post-plans/${id}`).set(bearer(tokens.team));
    expect([res.status, res.body.error?.details?.code]).toEqual([409, 'publications_went_out']);
    expect(await snapshot(id)).toEqual(before);
  });
});
