import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { startRecordingServer, type RecordingServer } from '../fakes/recording-server';

/**
 * A Bluesky server that answers createSession with a 307 or 308 to another
 * origin asks the client to send the same body (the app password) there. The
 * guarded fetcher refuses: the other server never sees the password.
 */
const APP_PASSWORD = 'abcd-efgh-ijkl-mnop';
let app: TestApp;
let elsewhere: RecordingServer;
let redirector: RecordingServer;
let status = 307;

beforeAll(async () => {
  elsewhere = await startRecordingServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ did: 'did:plc:stolen', handle: 'alice.test', accessJwt: 'x', refreshJwt: 'y' }));
  });
  redirector = await startRecordingServer((req, res) => {
    res.writeHead(status, { location: `${elsewhere.url}${req.path}` });
    res.end();
  });
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
  await elsewhere?.stop();
  await redirector?.stop();
});

describe('a redirect that would re-send credentials to another origin', () => {
  it.each([307, 308])('a %i from the Bluesky server is refused; the other server never gets the app password', async (code) => {
    status = code;
    const res = await app.http
      .post('/community-manager/accounts')
      .set(bearer(app.token))
      .send({
        network: 'bluesky',
        name: `Redirected ${code}`,
        identifier: 'alice.test',
        service: redirector.url,
        appPassword: APP_PASSWORD,
      });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'error', statusCode: 'unreachable_cross_origin_redirect' });
    expect(redirector.requests.some((r) => r.body.includes(APP_PASSWORD))).toBe(true);
    expect(elsewhere.requests).toEqual([]);
  });
});
