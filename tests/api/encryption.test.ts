import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { startApp, bearer, PLAYGROUND, ROOT, TEST_KEY, TEST_KEY_ID, type TestApp } from '../helpers/strapi';
import { createTestDatabase } from '../helpers/databases';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon';

const run = promisify(execFile);
const TOKEN = 'rotating-token-abcdef';

let mastodon: FakeMastodon;
beforeAll(async () => {
  mastodon = await startFakeMastodon();
  mastodon.tokens.set(TOKEN, { id: '1', username: 'acme', displayName: 'Acme' });
});
afterAll(async () => mastodon?.stop());

describe('without an encryption key', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ CM_ENCRYPTION_KEYS: '' });
  });
  afterAll(async () => app?.stop());

  it('says so, refuses to store a credential, and stores nothing', async () => {
    const status = await app.http.get('/community-manager/status').set(bearer(app.token));
    expect(status.body.data.encryption).toEqual({ configured: false, activeKeyId: null });
    const res = await app.http
      .post('/community-manager/accounts')
      .set(bearer(app.token))
      .send({ network: 'mastodon', name: 'M', instanceUrl: mastodon.url, accessToken: TOKEN });
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('encryption_not_configured');
    expect(res.body.error.message).toMatch(/CM_ENCRYPTION_KEYS/);
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
    expect(await app.strapi.db.query('plugin::community-manager.social-account').count()).toBe(0);
  });

  it('still lets a sandbox account in: it has no credentials', async () => {
    const res = await app.http.post('/community-manager/accounts').set(bearer(app.token)).send({ network: 'sandbox', name: 'Demo' });
    expect(res.body.data.status).toBe('connected');
  });
});

describe('rotating the key with the documented command', () => {
  it('re-encrypts every credential with the new key, and the old key can then go', async () => {
    const database = await createTestDatabase();
    const oldKeys = `${TEST_KEY_ID}:${TEST_KEY}`;
    const newKey = `k2027:${randomBytes(32).toString('base64')}`;

    let app = await startApp({ CM_ENCRYPTION_KEYS: oldKeys }, { database });
    const created = await app.http
      .post('/community-manager/accounts')
      .set(bearer(app.token))
      .send({ network: 'mastodon', name: 'M', instanceUrl: mastodon.url, accessToken: TOKEN });
    expect(created.body.data.status).toBe('connected');
    // An OAuth app's client secret set in Settings is sealed with the same key.
    const APP_SECRET = 'oauth-app-secret-0123456789';
    expect(
      (await app.http.put('/community-manager/oauth/apps/sandbox').set(bearer(app.token)).send({ clientSecret: APP_SECRET })).status
    ).toBe(200);
    await app.stop({ keepDatabase: true });

    const { stdout } = await run(process.execPath, [path.join(ROOT, 'bin', 'rekey.js')], {
      cwd: PLAYGROUND,
      env: {
        ...process.env,
        ...database.env,
        CM_ENCRYPTION_KEYS: `${newKey},${oldKeys}`,
        CM_DEMO_SEED: 'false',
        LOG_LEVEL: 'error',
        STRAPI_TELEMETRY_DISABLED: 'true',
      },
    });
    const report = JSON.parse(stdout.slice(stdout.indexOf('{')));
    expect(report).toMatchObject({ activeKeyId: 'k2027', checked: 1, rotated: 1, failed: 0 });
    expect(report.oauthApps).toMatchObject({ checked: 1, rotated: 1, failed: 0 });
    expect(stdout).not.toContain(TOKEN);
    expect(stdout).not.toContain(APP_SECRET);

    app = await startApp({ CM_ENCRYPTION_KEYS: newKey }, { database });
    const [row] = await app.strapi.db.query('plugin::community-manager.social-account').findMany({});
    expect(row.credentials).toMatch(/^enc:v1:k2027:/);
    const apps = (await app.strapi.store({ type: 'plugin', name: 'community-manager', key: 'oauth-apps' }).get({})) as {
      sandbox: { clientSecretSealed: string };
    };
    expect(apps.sandbox.clientSecretSealed).toMatch(/^enc:v1:k2027:/);
    const check = await app.http.post(`/community-manager/accounts/${created.body.data.documentId}/check`).set(bearer(app.token));
    expect(check.body.data.status).toBe('connected');
    await app.stop();
  });

  it('asks for the credentials again when their key is gone, instead of failing silently', async () => {
    const database = await createTestDatabase();
    let app = await startApp({}, { database });
    const created = await app.http
      .post('/community-manager/accounts')
      .set(bearer(app.token))
      .send({ network: 'mastodon', name: 'M', instanceUrl: mastodon.url, accessToken: TOKEN });
    await app.stop({ keepDatabase: true });
    app = await startApp({ CM_ENCRYPTION_KEYS: `other:${randomBytes(32).toString('base64')}` }, { database });
    const check = await app.http.post(`/community-manager/accounts/${created.body.data.documentId}/check`).set(bearer(app.token));
    expect(check.body.data.status).toBe('needs_reauth');
    expect(check.body.data.statusReason).toMatch(/cannot be decrypted.*Enter them again/);
    expect(check.body.data).toMatchObject({ statusCode: 'credentials_unreadable', statusParams: { keyId: TEST_KEY_ID } });
    await app.stop();
  });
});
