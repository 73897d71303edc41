import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon';
import { UID } from '../../content-types';

/**
 * The plugin's types (social accounts with their encrypted credentials and
 * vault key, feed token hashes, drafts) are reached only through the plugin's
 * own routes: the Content Manager neither serves them, even to a super admin,
 * nor lets any role be given them.
 */
const TOKEN = 'cm-hidden-token-abcdef';
let app: TestApp;
let mastodon: FakeMastodon;
const auth = () => bearer(app.token);

beforeAll(async () => {
  mastodon = await startFakeMastodon();
  mastodon.tokens.set(TOKEN, { id: '1', username: 'acme', displayName: 'Acme' });
  app = await startApp();
  const res = await app.http
    .post('/community-manager/accounts')
    .set(auth())
    .send({ network: 'mastodon', name: 'M', instanceUrl: mastodon.url, accessToken: TOKEN });
  expect(res.status).toBe(200);
  expect((await app.http.post('/community-manager/calendar/feed').set(auth())).status).toBe(200);
});
afterAll(async () => {
  await app?.stop();
  await mastodon?.stop();
});

const stored = async () =>
  (await app.strapi.db.query(UID.socialAccount).findOne({ where: { name: 'M' } })) as { credentials: string; vaultKey: string };

describe('the Content Manager and the plugin’s types', () => {
  it.each(Object.values(UID))('refuses %s to the super admin', async (uid) => {
    const { credentials, vaultKey } = await stored();
    expect(credentials).toBeTruthy();
    for (const path of [`/content-manager/collection-types/${uid}`, `/content-manager/collection-types/${uid}/1`]) {
      const res = await app.http.get(path).set(auth());
      expect(res.status).toBe(403);
      expect(res.text).not.toContain(credentials);
      expect(res.text).not.toContain(vaultKey);
      expect(res.text).not.toMatch(/tokenHash|vaultKey|credentials/);
    }
  });

  it('offers none of them in the role editor’s permission registry', async () => {
    const res = await app.http.get('/admin/permissions').set(auth());
    expect(res.status).toBe(200);
    const { collectionTypes, singleTypes } = res.body.data.sections as Record<string, { subjects: Array<{ uid: string }> }>;
    const subjects = [...collectionTypes.subjects, ...singleTypes.subjects].map((s) => s.uid);
    expect(subjects).toContain('api::article.article');
    for (const uid of Object.values(UID)) expect(subjects).not.toContain(uid);
  });

  it('refuses to give a role read on social accounts, and the super admin holds no such permission', async () => {
    const role = await app.http.post('/admin/roles').set(auth()).send({ name: 'Curious', description: 'wants the credentials' });
    expect(role.status).toBe(201);
    const res = await app.http
      .put(`/admin/roles/${role.body.data.id}/permissions`)
      .set(auth())
      .send({
        permissions: [
          {
            action: 'plugin::content-manager.explorer.read',
            subject: UID.socialAccount,
            properties: { fields: ['credentials', 'vaultKey'] },
            conditions: [],
          },
        ],
      });
    expect(res.status).toBe(400);
    const held = (await app.http.get(`/admin/roles/${role.body.data.id}/permissions`).set(auth())).body.data as Array<{
      subject: string | null;
    }>;
    expect(held.map((p) => p.subject)).not.toContain(UID.socialAccount);

    const everyPermission = (await app.strapi.db
      .query('admin::permission')
      .findMany({ where: { subject: { $in: Object.values(UID) } } })) as unknown[];
    expect(everyPermission).toEqual([]);
  });
});
