import request from 'supertest';
import { bearer, startApp, type TestApp } from '../helpers/strapi';
import { freePort } from '../helpers/free-port';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { startFakeMastodon, type FakeMastodon, type Fault } from '../fakes/mastodon';
import { startFakeOAuth2, type FakeOAuth2 } from '../fakes/oauth2-server';
import { seededRandom } from '../helpers/bad-payloads';
import { createAccount } from '../helpers/publishing';
import { UID } from '../../content-types';
import { instanceEnv, kill, seedPlans, startInstance, statesCount, waitFor, type Instance } from './cluster';

/**
 * The scheduler's promises under stress, with real Strapi processes on one
 * database (SQLite file, PostgreSQL or MariaDB per CM_TEST_DB):
 *
 * 1. three instances, 500 posts due in the same minute: each delivered once;
 * 2. the only instance killed with SIGKILL ten times while 300 go out
 *    (tests/reliability/kills.test.ts: its eleven boots take minutes on a
 *    loaded machine, so it runs as its own stage beside these);
 * 3. a network that fails 30 % of the time (500, 429 + Retry-After,
 *    timeouts, resets): all published once; a 422 ends as failed with its message;
 * 4. downtime: posts that fell due while no instance ran go out on restart
 *    within the lateness, beyond it they are `missed`, none is dropped;
 * 6. a post moved on instance A while instance B runs goes out once, at its
 *    new time (one moved later, one moved earlier);
 * 7. a token revoked mid-schedule: that account `needs_reauth`, its remaining
 *    posts held and shown, the other account's posts all go out;
 * 8. an OAuth token due for refresh on every instance at once: one refresh
 *    at the authorization server, the token it issued is the one stored.
 *
 * Scenario 5 (the 2026 clock changes) is in tests/api/publishing-clocks.test.ts:
 * it needs a controlled clock stepped to exact instants, which one process
 * driving ticks gives precisely; it runs on the three databases there.
 *
 * One cluster serves every scenario: scenario 4 needs the database written
 * while no instance runs, so it goes first and starts instance A; scenario 1
 * adds B and C, and the rest run on those three. A Strapi boot is about
 * 3.5 CPU-seconds, and ten of them per database were a tenth of the suite's
 * CPU on a two-core CI machine. Each scenario starts what it lacks, so one
 * run alone (`-t`) still works.
 *
 * Each scenario prints what it saw (per-instance share, kills, faults).
 */
jest.setTimeout(15 * 60_000);

let app: TestApp;
let fake: FakeOAuth2;
let port: number;
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
  // The observer only writes and reads: it neither publishes nor refreshes on a timer.
  app = await startApp({ ...oauthEnv(), CM_OAUTH_REFRESH_ENABLED: 'false', CM_SCHEDULER_ENABLED: 'false' });
  port = await freePort();
});
afterAll(async () => {
  await Promise.all(instances.map((i) => kill(i, 'SIGTERM')));
  await Promise.all([app?.stop(), fake?.stop()]);
});

/**
 * Starts instances until `count` run. A (the first) also answers the admin
 * API, for the move "on instance A". Every instance refreshes OAuth tokens
 * once a second (scenario 8). Outbound calls keep the default 10-s deadline:
 * at 3 s, a CI machine at load 30 timed out 100 of scenario 1's 500 webhook
 * calls (each marked `unknown`, rightly never resent); the faulty network's
 * hung connections (scenario 3) take that long to give up, which is fine.
 */
async function cluster(count: number) {
  const env = instanceEnv(app, {
    ...oauthEnv(),
    CM_OAUTH_REFRESH_ENABLED: 'true',
    CM_OAUTH_REFRESH_TICK_SECONDS: '1',
    CM_OAUTH_REFRESH_LEASE_MS: '20000',
  });
  const names = ['A', 'B', 'C'].slice(instances.length, count);
  const started = await Promise.all(
    names.map((name) => startInstance(name, name === 'A' ? { ...env, CM_TEST_LISTEN_PORT: String(port) } : env))
  );
  instances.push(...started);
}

async function cleanSlate() {
  await app.strapi.db.query(UID.publication).deleteMany({});
  await app.strapi.db.query(UID.postPlan).deleteMany({});
}

const publishedBy = async () => {
  const rows = (await app.strapi.db.query(UID.publication).findMany({ where: { state: 'published' }, select: ['history'] })) as Array<{
    history: Array<{ event: string; by?: string }>;
  }>;
  const share: Record<string, number> = {};
  for (const row of rows) {
    const by = row.history.filter((h) => h.event === 'published' || h.event === 'reconciled_found').pop()?.by ?? 'reconciled';
    share[by] = (share[by] ?? 0) + 1;
  }
  return share;
};

type AccountsService = { publishingAccount(id: string): Promise<{ status: string; secrets: Record<string, string> | null } | null> };
const stored = async (id: string) =>
  (await (app.strapi.plugin('community-manager').service('accounts') as unknown as AccountsService).publishingAccount(id))!;

/** Signs in to the sandbox's OAuth server through the observer, as the Accounts page does; returns the account. */
async function signIn(): Promise<string> {
  const res = await app.http.post('/community-manager/oauth/sandbox/authorize').set(bearer(app.token)).send({ name: 'Every instance' });
  const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('cm_oauth='))!.split(';')[0];
  const consent = await fetch(res.body.data.url as string, { redirect: 'manual' });
  const callback = new URL(consent.headers.get('location')!);
  const back = await app.http.get(`${callback.pathname}${callback.search}`).set('Cookie', cookie);
  const landing = new URL(back.headers.location, app.url);
  expect(landing.searchParams.get('oauth')).toBe('connected');
  return landing.searchParams.get('account')!;
}

describe('reliability of publishing', () => {
  it('downtime: posts due two hours ago go out on restart, those beyond the lateness are marked missed, none is dropped', async () => {
    // Downtime means no instance: this scenario runs first, before the cluster exists.
    await Promise.all(instances.splice(0).map((i) => kill(i, 'SIGTERM')));
    await cleanSlate();
    const hook: WebhookReceiver = await startWebhookReceiver();
    try {
      const account = await createAccount(app, { network: 'webhook', name: 'Downtime hook', url: `${hook.url}/hook`, flavor: 'generic' });
      const hour = 3_600_000;
      // Written while no instance runs: due 2 h ago (inside the 3 h lateness) and 4 h ago (beyond it).
      const late = await seedPlans(
        app,
        account.documentId,
        10,
        (i) => Date.now() - 2 * hour + i * 1000,
        (i) => `Late but in time ${i}`
      );
      const tooLate = await seedPlans(
        app,
        account.documentId,
        5,
        (i) => Date.now() - 4 * hour + i * 1000,
        (i) => `Too late ${i}`
      );
      // The lateness is the default, 180 minutes.
      await cluster(1);
      const settled = await waitFor(async () => {
        const states = await statesCount(app);
        return states.published === 10 && states.missed === 5;
      }, 60_000);
      const states = await statesCount(app);
      console.log(`[reliability 4/${app.db.engine}] states ${JSON.stringify(states)}`);
      expect(settled).toBe(true);
      const texts = hook.requests
        .map((r) => JSON.parse(r.body))
        .filter((b) => b.event === 'post')
        .map((b) => b.text as string);
      expect(texts.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Late but in time ${i}`).sort());
      const missed = (await app.strapi.db.query(UID.publication).findMany({ where: { state: 'missed' } })) as Array<{
        planDocumentId: string;
        lastError: string;
      }>;
      expect(missed.map((m) => m.planDocumentId).sort()).toEqual([...tooLate].sort());
      expect(missed.every((m) => /later than the allowed lateness of 180 minutes/.test(m.lastError))).toBe(true);
      // The plans say it too: the missed ones failed, the late ones published.
      const plans = (await app.strapi.db.query(UID.postPlan).findMany({ select: ['documentId', 'status'] })) as Array<{
        documentId: string;
        status: string;
      }>;
      const status = new Map(plans.map((p) => [p.documentId, p.status]));
      expect(late.map((id) => status.get(id))).toEqual(late.map(() => 'published'));
      expect(tooLate.map((id) => status.get(id))).toEqual(tooLate.map(() => 'failed'));
    } finally {
      await hook.stop();
    }
  });

  it('three instances, 500 posts due in the same minute: the receiver gets each exactly once', async () => {
    await cleanSlate();
    const hook: WebhookReceiver = await startWebhookReceiver();
    try {
      const account = await createAccount(app, { network: 'webhook', name: 'Load hook', url: `${hook.url}/hook`, flavor: 'generic' });
      await cluster(3);
      // The same minute: a 60-second window opening 45 s ahead (time to seed 500 plans on a loaded machine),
      // not the next clock minute, which waited up to another minute for nothing.
      const minute = Date.now() + 45_000;
      await seedPlans(
        app,
        account.documentId,
        500,
        (i) => minute + (i % 60) * 1000,
        (i) => `Load post ${i}`
      );
      // `unknown`: a send that outlived its lease on a loaded CI machine (seen once in 500); a webhook cannot be
      // asked whether it got it, so a person settles it — never resent. The receiver's count below is the proof.
      const done = await waitFor(async () => {
        const states = await statesCount(app);
        return (states.published ?? 0) + (states.unknown ?? 0) === 500 && (states.unknown ?? 0) <= 5;
      }, 240_000);
      const posts = hook.requests.filter((r) => JSON.parse(r.body).event === 'post');
      const perDelivery = new Map<string, number>();
      for (const post of posts) {
        const id = String(post.headers['x-community-manager-delivery']);
        perDelivery.set(id, (perDelivery.get(id) ?? 0) + 1);
      }
      console.log(
        `[reliability 1/${app.db.engine}] states ${JSON.stringify(await statesCount(app))}, received ${posts.length}, share ${JSON.stringify(await publishedBy())}`
      );
      expect(done).toBe(true);
      expect(posts).toHaveLength(500);
      expect(perDelivery.size).toBe(500);
      expect([...perDelivery.values()].every((n) => n === 1)).toBe(true);
      expect(new Set(posts.map((p) => JSON.parse(p.body).text)).size).toBe(500);
    } finally {
      await hook.stop();
    }
  });

  it('a network failing 30 % of the time: every post published once; a 422 ends as failed with the network’s message', async () => {
    await cleanSlate();
    const mastodon: FakeMastodon = await startFakeMastodon();
    mastodon.tokens.set('fault-token', { id: '12', username: 'faulty', displayName: 'Faulty' });
    const random = seededRandom(30);
    const injected: Record<string, number> = {};
    mastodon.fault = (req) => {
      if (req.body.includes('REJECT ME'))
        return { kind: 'status', status: 422, body: { error: 'Validation failed: this post breaks the rules' } };
      if (random() >= 0.3) return null;
      const faults: Fault[] = [
        { kind: 'status', status: 500 },
        { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
        { kind: 'apply-then-hang' },
        { kind: 'reset' },
        { kind: 'apply-then-reset' },
      ];
      const fault = faults[Math.floor(random() * faults.length)];
      const name = fault.kind === 'status' ? String(fault.status) : fault.kind;
      injected[name] = (injected[name] ?? 0) + 1;
      return fault;
    };
    try {
      const account = await createAccount(app, {
        network: 'mastodon',
        name: 'Faulty',
        instanceUrl: mastodon.url,
        accessToken: 'fault-token',
      });
      await cluster(3);
      await seedPlans(
        app,
        account.documentId,
        150,
        () => Date.now() + 3_000,
        (i) => (i === 0 ? 'REJECT ME please' : `Faulty network post ${i}`)
      );
      const done = await waitFor(async () => {
        const states = await statesCount(app);
        return (states.published ?? 0) === 149 && (states.failed ?? 0) === 1;
      }, 300_000);
      const states = await statesCount(app);
      console.log(
        `[reliability 3/${app.db.engine}] injected ${JSON.stringify(injected)}; states ${JSON.stringify(states)}; statuses ${mastodon.statuses.length}`
      );
      expect(done).toBe(true);
      const texts = mastodon.statuses.map((s) => s.text);
      expect(texts).toHaveLength(149);
      expect(new Set(texts).size).toBe(149);
      const [failed] = (await app.strapi.db.query(UID.publication).findMany({ where: { state: 'failed' } })) as Array<{
        errorCode: string;
        lastError: string;
      }>;
      expect(failed).toMatchObject({ errorCode: 'network_rejected', lastError: 'Validation failed: this post breaks the rules' });
    } finally {
      await mastodon.stop();
    }
  });

  it('a post moved on instance A while instance B runs goes out once, at its new time', async () => {
    await cleanSlate();
    const hook: WebhookReceiver = await startWebhookReceiver();
    try {
      const account = await createAccount(app, { network: 'webhook', name: 'Move hook', url: `${hook.url}/hook`, flavor: 'generic' });
      await cluster(3);
      // The move goes through A's admin API, where times are whole minutes (UTC here): the next minute at least 20 s away.
      const target = Math.ceil((Date.now() + 20_000) / 60_000) * 60_000;
      const [laterOne] = await seedPlans(
        app,
        account.documentId,
        1,
        () => Math.min(Date.now() + 8_000, target - 5_000),
        () => 'Moved later'
      );
      const [earlierOne] = await seedPlans(
        app,
        account.documentId,
        1,
        () => target + 10 * 60_000,
        () => 'Moved earlier'
      );
      const local = new Date(target).toISOString().slice(0, 16);
      for (const id of [laterOne, earlierOne]) {
        const moved = await request(`http://127.0.0.1:${port}`)
          .post(`/community-manager/post-plans/${id}/reschedule`)
          .set(bearer(app.token))
          .send({ schedule: { local, timezone: 'UTC' } });
        expect(moved.status).toBe(200);
      }
      const done = await waitFor(async () => (await statesCount(app)).published === 2, target - Date.now() + 30_000, 200);
      const posts = hook.requests
        .filter((r) => JSON.parse(r.body).event === 'post')
        .map((r) => ({ text: JSON.parse(r.body).text as string, at: r.receivedAt }));
      console.log(
        `[reliability 6/${app.db.engine}] target ${new Date(target).toISOString()}; received ${JSON.stringify(posts.map((p) => ({ text: p.text, afterTargetMs: p.at - target })))}; published by ${JSON.stringify(await publishedBy())}`
      );
      expect(done).toBe(true);
      expect(posts.map((p) => p.text).sort()).toEqual(['Moved earlier', 'Moved later']);
      // Neither went out at its old time: both at or after the new one (the receiver's clock is this machine's).
      expect(posts.every((p) => p.at >= target)).toBe(true);
      expect(posts.every((p) => p.at < target + 10_000)).toBe(true);
    } finally {
      await hook.stop();
    }
  });

  it('a token revoked mid-schedule: that account needs re-authorization and its posts are held and shown; the other account is unaffected', async () => {
    await cleanSlate();
    const mastodon: FakeMastodon = await startFakeMastodon();
    const hook: WebhookReceiver = await startWebhookReceiver();
    mastodon.tokens.set('revoked-soon', { id: '13', username: 'revoked', displayName: 'Revoked' });
    // Revoked by the instance once 4 toots are out, the other 16 still to come: a test polling for the 4th
    // toot saw it only after all 20 were out when five stages shared the two cores.
    mastodon.revokeAfter = { token: 'revoked-soon', statuses: 4 };
    try {
      const toot = await createAccount(app, {
        network: 'mastodon',
        name: 'Revoked Mastodon',
        instanceUrl: mastodon.url,
        accessToken: 'revoked-soon',
      });
      const other = await createAccount(app, { network: 'webhook', name: 'Healthy hook', url: `${hook.url}/hook`, flavor: 'generic' });
      await cluster(3);
      // Due from now on, with the instances running: timed from before their boots, a slow boot (a busy machine, the
      // stages running side by side) made every post overdue at once, all published before the revocation.
      const start = Date.now() + 4_000;
      await seedPlans(
        app,
        toot.documentId,
        20,
        (i) => start + i * 500,
        (i) => `Toot ${i}`
      );
      await seedPlans(
        app,
        other.documentId,
        20,
        (i) => start + i * 500,
        (i) => `Hook ${i}`
      );
      const settled = await waitFor(async () => {
        const rows = (await app.strapi.db.query(UID.publication).findMany({ select: ['state', 'accountDocumentId'] })) as Array<{
          state: string;
          accountDocumentId: string;
        }>;
        // `unknown`: a send whose lease ran out on a loaded machine; the lookup that settles it needs the
        // revoked token, so it waits for the reconnection (never resent blindly).
        const tootOpen = rows.filter(
          (r) => r.accountDocumentId === toot.documentId && !['published', 'held', 'unknown'].includes(r.state)
        ).length;
        const hookDone = rows.filter((r) => r.accountDocumentId === other.documentId && r.state === 'published').length;
        return tootOpen === 0 && hookDone === 20;
      }, 60_000);
      const rows = (await app.strapi.db.query(UID.publication).findMany({ select: ['state', 'accountDocumentId', 'errorCode'] })) as Array<{
        state: string;
        accountDocumentId: string;
        errorCode: string | null;
      }>;
      const tootRows = rows.filter((r) => r.accountDocumentId === toot.documentId);
      const held = tootRows.filter((r) => r.state === 'held');
      const published = tootRows.filter((r) => r.state === 'published');
      const unknown = tootRows.filter((r) => r.state === 'unknown');
      console.log(
        `[reliability 7/${app.db.engine}] toots published ${published.length}, held ${held.length}, unknown ${JSON.stringify(
          unknown
        )}; statuses on the network ${mastodon.statuses.length}; hook posts ${hook.requests.filter((r) => JSON.parse(r.body).event === 'post').length}`
      );
      expect(settled).toBe(true);
      expect(held.length).toBeGreaterThan(0);
      expect(published.length + held.length + unknown.length).toBe(20);
      // How many end unknown rather than held depends on the machine's load (leases running out mid-send: CI saw 8 and 8
      // at load 16), not on the code: what must hold is below — nothing lost, nothing sent twice, each held with its reason.
      // What the network has is what is marked published (plus, at most, an unknown one it did take): nothing lost,
      // nothing sent twice.
      expect(mastodon.statuses.length).toBeGreaterThanOrEqual(published.length);
      expect(mastodon.statuses.length).toBeLessThanOrEqual(published.length + unknown.length);
      expect(new Set(mastodon.statuses.map((s) => s.text)).size).toBe(mastodon.statuses.length);
      expect(held.every((r) => ['account_needs_reauth', 'token_refused'].includes(String(r.errorCode)))).toBe(true);
      // Shown to people: the account is flagged, and the publishing page lists it.
      const account = await app.http.get(`/community-manager/accounts/${toot.documentId}`).set(bearer(app.token));
      expect(account.body.data.status).toBe('needs_reauth');
      const overview = await app.http.get('/community-manager/publishing').set(bearer(app.token));
      expect(overview.body.data.accountsNeedingReauth.map((a: { documentId: string }) => a.documentId)).toEqual([toot.documentId]);
      expect(hook.requests.filter((r) => JSON.parse(r.body).event === 'post')).toHaveLength(20);
    } finally {
      await mastodon.stop();
      await hook.stop();
    }
  });
  it('an OAuth token due on every instance at once: one refresh at the server, the new token stored, the account connected', async () => {
    await cluster(3);
    const accountId = await signIn();
    const first = await stored(accountId);
    // Each tick of every instance finds the account due while the server takes its time to answer:
    // all three try within that window, once a second each.
    fake.options.tokenDelayMs = 3_000;
    await app.strapi.db
      .query(UID.socialAccount)
      .update({ where: { documentId: accountId }, data: { oauthRefreshAt: new Date() } as never });
    expect(
      await waitFor(
        async () =>
          fake.grants('refresh_token').length > 0 && (await stored(accountId)).secrets?.accessToken !== first.secrets?.accessToken,
        60_000
      )
    ).toBe(true);
    // Several more ticks of each: nobody spends the (rotated) refresh token again.
    await new Promise((r) => setTimeout(r, 5_000));
    console.log(
      `[reliability 8/${app.db.engine}] refresh grants ${fake.grants('refresh_token').length}, token errors ${fake.tokenErrors.length}`
    );
    expect(fake.grants('refresh_token')).toHaveLength(1);
    const now = await stored(accountId);
    expect(now.status).toBe('connected');
    expect(now.secrets!.accessToken).toBe(fake.issuedAccessTokens.at(-1));
    expect(now.secrets!.refreshToken).not.toBe(first.secrets!.refreshToken);
    expect(fake.tokenErrors).toEqual([]);
  });
});
