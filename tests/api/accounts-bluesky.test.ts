import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { startLocalPds, type LocalPds } from '../fakes/bluesky-pds';

/** Bluesky accounts are connected against a real PDS (the reference implementation), on loopback. */
let app: TestApp;
let pds: LocalPds;
let alice: { did: string; handle: string; appPassword: string };

beforeAll(async () => {
  [app, pds] = await Promise.all([startApp(), startLocalPds()]);
  alice = await pds.createAccount('alice.test', 'alice-main-password');
});
afterAll(async () => {
  await app?.stop();
  await pds?.stop();
});

describe('connecting a Bluesky account with an app password', () => {
  it('opens a session on the PDS and records the DID and handle', async () => {
    const res = await app.http
      .post('/community-manager/accounts')
      .set(bearer(app.token))
      .send({ network: 'bluesky', name: 'Alice on Bluesky', identifier: '@alice.test', service: pds.url, appPassword: alice.appPassword });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      network: 'bluesky',
      status: 'connected',
      handle: '@alice.test',
      instanceUrl: pds.url,
      settings: { service: pds.url },
      limits: { maxCharacters: 300 },
      storedSecrets: ['appPassword'],
    });
    const [row] = await app.strapi.db.query('plugin::community-manager.social-account').findMany({ where: { network: 'bluesky' } });
    expect(row.networkAccountId).toBe(alice.did);
    expect(JSON.stringify(res.body)).not.toContain(alice.appPassword);
  });

  it('says a wrong app password needs re-authorization, in the PDS’s words', async () => {
    const res = await app.http
      .post('/community-manager/accounts')
      .set(bearer(app.token))
      .send({ network: 'bluesky', name: 'Wrong', identifier: 'alice.test', service: pds.url, appPassword: 'aaaa-bbbb-cccc-dddd' });
    expect(res.body.data.status).toBe('needs_reauth');
    expect(res.body.data.statusReason).toMatch(/Invalid identifier or password/);
    expect(res.body.data).toMatchObject({
      statusCode: 'app_password_refused',
      statusParams: { message: 'Invalid identifier or password' },
    });
  });

  it('accepts a new app password and connects again', async () => {
    const list = await app.http.get('/community-manager/accounts').set(bearer(app.token));
    const wrong = list.body.data.find((a: { name: string }) => a.name === 'Wrong');
    const fixed = await app.http
      .put(`/community-manager/accounts/${wrong.documentId}`)
      .set(bearer(app.token))
      .send({ credentials: { appPassword: alice.appPassword } });
    expect(fixed.body.data.status).toBe('connected');
  });
});
