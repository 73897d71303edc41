import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { adminWith } from '../helpers/admins';
import { ACTION_DEFINITIONS, actionUid } from '../../server/core/permissions';

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

type Fixture = (app: TestApp) => Promise<{ path: string; body?: object }>;

const newLine = async (app: TestApp) =>
  (await app.http.post('/community-manager/editorial-lines').set(bearer(app.token)).send({ name: `Line ${Math.random()}` })).body.data.documentId as string;
const newAccount = async (app: TestApp) =>
  (await app.http.post('/community-manager/accounts').set(bearer(app.token)).send({ network: 'sandbox', name: `Sandbox ${Math.random()}` })).body.data
    .documentId as string;

/** A post plan brought to `status` by the super admin, through the same routes a person uses. */
async function planIn(app: TestApp, status: 'draft' | 'in_review' | 'approved' | 'scheduled' | 'cancelled' | 'failed') {
  const account = await newAccount(app);
  const year = new Date().getUTCFullYear() + 1;
  const created = await app.http
    .post('/community-manager/post-plans')
    .set(bearer(app.token))
    .send({ title: 'RBAC post', body: 'Hello', accountIds: [account], schedule: { local: `${year}-05-05T10:00`, timezone: 'Europe/Paris' } });
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
  if (status === 'failed') await app.strapi.db.query('plugin::community-manager.post-plan').update({ where: { documentId: id }, data: { status: 'failed' } });
  return id;
}

const planBody = async (app: TestApp) => ({ title: `Plan ${Math.random()}`, body: 'Hi', accountIds: [await newAccount(app)] });

const FIXTURES: Record<string, Fixture> = {
  'GET /post-plans': async () => ({ path: '/post-plans' }),
  'GET /post-plans/:documentId': async (app) => ({ path: `/post-plans/${await planIn(app, 'draft')}` }),
  'POST /post-plans': async (app) => ({ path: '/post-plans', body: await planBody(app) }),
  'PUT /post-plans/:documentId': async (app) => ({ path: `/post-plans/${await planIn(app, 'draft')}`, body: await planBody(app) }),
  'DELETE /post-plans/:documentId': async (app) => ({ path: `/post-plans/${await planIn(app, 'draft')}` }),
  'POST /post-plans/:documentId/submit': async (app) => ({ path: `/post-plans/${await planIn(app, 'draft')}/submit`, body: {} }),
  'POST /post-plans/:documentId/withdraw': async (app) => ({ path: `/post-plans/${await planIn(app, 'in_review')}/withdraw`, body: {} }),
  'POST /post-plans/:documentId/approve': async (app) => ({ path: `/post-plans/${await planIn(app, 'in_review')}/approve`, body: {} }),
  'POST /post-plans/:documentId/send_back': async (app) => ({ path: `/post-plans/${await planIn(app, 'in_review')}/send_back`, body: { comment: 'Shorter, please' } }),
  'POST /post-plans/:documentId/schedule': async (app) => ({ path: `/post-plans/${await planIn(app, 'approved')}/schedule`, body: {} }),
  'POST /post-plans/:documentId/unschedule': async (app) => ({ path: `/post-plans/${await planIn(app, 'scheduled')}/unschedule`, body: {} }),
  'POST /post-plans/:documentId/cancel': async (app) => ({ path: `/post-plans/${await planIn(app, 'draft')}/cancel`, body: {} }),
  'POST /post-plans/:documentId/restore': async (app) => ({ path: `/post-plans/${await planIn(app, 'cancelled')}/restore`, body: {} }),
  'POST /post-plans/:documentId/retry': async (app) => ({ path: `/post-plans/${await planIn(app, 'failed')}/retry`, body: {} }),
  'GET /editorial-lines': async () => ({ path: '/editorial-lines' }),
  'GET /editorial-lines/:documentId': async (app) => ({ path: `/editorial-lines/${await newLine(app)}` }),
  'POST /editorial-lines': async () => ({ path: '/editorial-lines', body: { name: `Created ${Math.random()}` } }),
  'PUT /editorial-lines/:documentId': async (app) => ({ path: `/editorial-lines/${await newLine(app)}`, body: { name: `Renamed ${Math.random()}` } }),
  'DELETE /editorial-lines/:documentId': async (app) => ({ path: `/editorial-lines/${await newLine(app)}` }),
  'POST /lint': async () => ({ path: '/lint', body: { text: 'Hello', network: 'mastodon' } }),
  'GET /accounts': async () => ({ path: '/accounts' }),
  'GET /accounts/:documentId': async (app) => ({ path: `/accounts/${await newAccount(app)}` }),
  'POST /accounts': async () => ({ path: '/accounts', body: { network: 'sandbox', name: 'RBAC sandbox' } }),
  'PUT /accounts/:documentId': async (app) => ({ path: `/accounts/${await newAccount(app)}`, body: { name: 'Renamed' } }),
  'DELETE /accounts/:documentId': async (app) => ({ path: `/accounts/${await newAccount(app)}` }),
  'POST /accounts/:documentId/check': async (app) => ({ path: `/accounts/${await newAccount(app)}/check` }),
  'GET /status': async () => ({ path: '/status' }),
};

let app: TestApp;
let routes: RouteDef[];
beforeAll(async () => {
  app = await startApp();
  routes = (app.strapi.plugin('community-manager').routes as unknown as { admin: { routes: RouteDef[] } }).admin.routes;
});
afterAll(async () => app?.stop());

const allActions = ACTION_DEFINITIONS.map((a) => actionUid(a.uid));

function guardOf(route: RouteDef): string[] {
  const policy = route.config.policies.find((p): p is { name: string; config: { actions: string[] } } => typeof p === 'object' && p.name === 'admin::hasPermissions');
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
      expect(guardOf(route)).toHaveLength(1);
      expect(allActions).toContain(guardOf(route)[0]);
    }
  });

  it('answers 401 without a token, 403 without the action and success with it', async () => {
    const tokens = new Map<string, { with: string; without: string }>();
    for (const route of routes) {
      const action = guardOf(route)[0];
      if (!tokens.has(action)) {
        tokens.set(action, {
          with: await adminWith(app, [action]),
          without: await adminWith(app, allActions.filter((a) => a !== action)),
        });
      }
      const { with: allowed, without: denied } = tokens.get(action)!;
      const label = `${route.method} ${route.path}`;

      const anonymous = await FIXTURES[label](app);
      expect([label, (await send(app, route.method, anonymous.path, undefined, anonymous.body)).status]).toEqual([label, 401]);

      const forbidden = await FIXTURES[label](app);
      expect([label, (await send(app, route.method, forbidden.path, denied, forbidden.body)).status]).toEqual([label, 403]);

      const ok = await FIXTURES[label](app);
      const res = await send(app, route.method, ok.path, allowed, ok.body);
      expect([label, res.status]).toEqual([label, 200]);
      expect(res.body.data).toBeDefined();
    }
  });
});
