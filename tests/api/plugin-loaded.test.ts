import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { ACTION_DEFINITIONS, actionUid } from '../../shared/core/permissions';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => app?.stop());

describe('the plugin inside a real Strapi', () => {
  it('answers its admin routes (the server side was loaded from dist/)', async () => {
    const res = await app.http.get('/community-manager/editorial-lines').set(bearer(app.token));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: [] });
  });

  it('registers its content types', () => {
    expect(app.strapi.contentType('plugin::community-manager.editorial-line')).toBeDefined();
    expect(app.strapi.contentType('plugin::community-manager.social-account')).toBeDefined();
  });

  it('offers every plugin action to the roles editor', async () => {
    const res = await app.http.get('/admin/permissions').set(bearer(app.token));
    expect(res.status).toBe(200);
    const plugins = res.body.data.sections.plugins as Array<{ action: string }>;
    const ours = plugins.map((p) => p.action).filter((a) => a.startsWith('plugin::community-manager.'));
    expect(ours.sort()).toEqual(ACTION_DEFINITIONS.map((a) => actionUid(a.uid)).sort());
  });

  it('exposes nothing on the Content API', async () => {
    const res = await app.http.get('/api/community-manager/editorial-lines');
    expect(res.status).toBe(404);
  });
});
