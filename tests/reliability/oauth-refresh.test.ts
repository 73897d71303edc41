import { bearer, startApp, type TestApp } from '../helpers/strapi';
import { startFakeOAuth2, type FakeOAuth2 } from '../fakes/oauth2-server';
import { UID } from '../../content-types';
import { instanceEnv, kill, startInstance, waitFor, type Instance } from './cluster';

/**
 * Token refresh on two Strapi processes sharing one database: the account row
 * is claimed before the refresh token is spent, so the authorization server
 * sees one refresh, and the token it issued is the one stored. The server
 * rotates refresh tokens: a second spend of the old one would be answered
 * `invalid_grant` and leave the account needing re-authorization, which this
 * suite would see.
 */
jest.setTimeout(10 * 60_000);

let app: TestApp;
let fake: FakeOAuth2;
const instances: Instance[] = [];

const oauthEnv = () => ({
  CM_OAUTH_SANDBOX_CLIENT_ID: fake.clientId,
  CM_OAUTH_SANDBOX_CLIENT_SECRET: fake.clientSecret,
  CM_OAUTH_SANDBOX_AUTHORIZE_URL: fake.authorizeUrl,
  CM_OAUTH_SANDBOX_TOKEN_URL: fake.tokenUrl,
  CM_OAUTH_SANDBOX_USERINFO_URL: fake.userinfoUrl,
});

beforeAll(async () => {
  fake = await startFakeOAuth2();
  // The observer signs in and reads; it never refreshes on a timer.
  app = await startApp({ ...oauthEnv(), CM_OAUTH_REFRESH_ENABLED: 'false', CM_SCHEDULER_ENABLED: 'false' });
});
afterAll(async () => {
  await Promise.all(instances.map((i) => kill(i, 'SIGTERM')));
  await Promise.all([app?.stop(), fake?.stop()]);
});

type AccountsService = { publishingAccount(id: string): Promise<{ status: string; secrets: Record<string, string> | null } | null> };
const stored = async (id: string) =>
  (await (app.strapi.plugin('community-manager').service('accounts') as unknown as AccountsService).publishingAccount(id))!;

async function signIn(): Promise<string> {
  const res = await app.http.post('/community-manager/oauth/sandbox/authorize').set(bearer(app.token)).send({ name: 'Two instances' });
  const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('cm_oauth='))!.split(';')[0];
  const consent = await fetch(res.body.data.url as string, { redirect: 'manual' });
  const callback = new URL(consent.headers.get('location')!);
  const back = await app.http.get(`${callback.pathname}${callback.search}`).set('Cookie', cookie);
  const landing = new URL(back.headers.location, app.url);
  expect(landing.searchParams.get('oauth')).toBe('connected');
  return landing.searchParams.get('account')!;
}

it('two instances due at once: one refresh at the server, the new token stored, the account connected', async () => {
  const accountId = await signIn();
  const first = await stored(accountId);
  for (const name of ['a', 'b']) {
    instances.push(
      await startInstance(
        name,
        instanceEnv(app, {
          ...oauthEnv(),
          // The observer's own setting is in this process's environment, which instanceEnv passes on.
          CM_OAUTH_REFRESH_ENABLED: 'true',
          CM_SCHEDULER_ENABLED: 'false',
          CM_OAUTH_REFRESH_TICK_SECONDS: '1',
          CM_OAUTH_REFRESH_LEASE_MS: '20000',
        })
      )
    );
  }
  // Each tick of either instance finds the account due while the server takes its time to answer:
  // both instances try within that window, once a second each.
  fake.options.tokenDelayMs = 3_000;
  await app.strapi.db.query(UID.socialAccount).update({ where: { documentId: accountId }, data: { oauthRefreshAt: new Date() } as never });
  expect(
    await waitFor(
      async () => fake.grants('refresh_token').length > 0 && (await stored(accountId)).secrets?.accessToken !== first.secrets?.accessToken,
      60_000
    )
  ).toBe(true);
  // Several more ticks of both: nobody spends the (rotated) refresh token again.
  await new Promise((r) => setTimeout(r, 5_000));
  expect(fake.grants('refresh_token')).toHaveLength(1);
  const now = await stored(accountId);
  expect(now.status).toBe('connected');
  expect(now.secrets!.accessToken).toBe(fake.issuedAccessTokens.at(-1));
  expect(now.secrets!.refreshToken).not.toBe(first.secrets!.refreshToken);
  expect(fake.tokenErrors).toEqual([]);
});
