import request from 'supertest';
import { bearer, startApp, type TestApp } from '../helpers/strapi';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { startFakeMastodon, type FakeMastodon, type Fault } from '../fakes/mastodon';
import { startFakeOAuth2, type FakeOAuth2 } from '../fakes/oauth2-server';
import { startFakeLinkedIn, type LinkedInFault } from '../fakes/linkedin';
import { startFakeX, type XFault } from '../fakes/x';
import { startFakeMeta, type MetaFault } from '../fakes/meta';
import { linkedInSignIn } from '../helpers/linkedin-signin';
import { facebookSignIn, instagramSignIn } from '../helpers/facebook-signin';
import { xSignIn } from '../helpers/x-signin';
import { JPEG } from '../helpers/images';
import { seededRandom } from '../helpers/bad-payloads';
import { createAccount as createAccountOnce } from '../helpers/publishing';
import { UID } from '../../content-types';
import { instanceEnv, kill, seedPlans, startInstance, statesCount, waitFor, type Instance } from './cluster';

/**
 * The scheduler's promises under stress, with real Strapi processes on one
 * database (SQLite file, PostgreSQL or MariaDB per CM_TEST_DB):
 *
 * 1. three instances, 500 posts due in the same minute: each delivered once;
 *    30 Mastodon posts among them get their figures collected, each age read
 *    once (never fetched twice, never stored twice) and a 429 met by one
 *    instance held by all three;
 * 2. the only instance killed with SIGKILL ten times while 300 go out on
 *    Mastodon, LinkedIn, X, Facebook and Instagram (tests/reliability/kills.test.ts:
 *    its eleven boots take minutes on a loaded machine, so it runs as its
 *    own stage beside these);
 * 3. Mastodon, LinkedIn, X, Facebook and Instagram each failing 30 % of the
 *    time in their own ways (5xx, 429 or Meta's throttles, timeouts, resets,
 *    Instagram's 2207051 after success): all published once on each; each
 *    network's rejection ends as failed with its message;
 * 4. downtime: posts (webhook, LinkedIn, X, Facebook, Instagram) that fell due while no instance
 *    ran go out on restart within the lateness, beyond it they are `missed`,
 *    none is dropped; Mastodon posts published before the downtime get one
 *    catch-up reading each, labelled with the latest age passed (including
 *    tracks a killed instance left leased);
 * 6. a post moved on instance A while instance B runs goes out once, at its
 *    new time (one moved later, one moved earlier);
 * 7. tokens revoked mid-schedule (Mastodon, LinkedIn's REVOKED_ACCESS_TOKEN,
 *    Meta's 190 killing a page token used by Facebook and Instagram, X's
 *    app removed: its 401 renewed once under the core's claim, the refresh
 *    refused with invalid_grant): those accounts `needs_reauth`, their
 *    remaining posts held and shown, the other account's posts all go out;
 * 8. an OAuth token due for refresh on every instance at once: one refresh
 *    at the authorization server, the token it issued is the one stored;
 * 9. the inbox (issue 15): three instances reading one Mastodon account whose
 *    stream drops every 3 s, each mention stored once, one reading and one
 *    stream at a time; then replies sent to A and B at once under 30 %
 *    faults, each reaching the network exactly once.
 *
 * Scenario 5 (the 2026 clock changes) is in tests/api/publishing-clocks.test.ts:
 * it needs a controlled clock stepped to exact instants, which one process
 * driving ticks gives precisely; it runs on the three databases there.
 *
 * The networks' scenarios spread their posts over the networks at once,
 * on the same cluster: a network added no boot, only a share of the load.
 *
 * One cluster serves every scenario: scenario 4 needs the database written
 * while no instance runs, so it goes first and starts instance A; scenario 1
 * adds B and C, and the rest run on those three. A Strapi boot is about
 * 3.5 CPU-seconds, and ten of them per database were a tenth of the suite's
 * CPU on a two-core CI machine. Each scenario starts what it lacks, so one
 * run alone (`-t`) still works.
 *
 * Metric collection (checked by scenarios 4 and 1) and the inbox's reader
 * (scenario 9) run on every instance throughout, not only in the scenarios
 * that check them. Idle, they cost about 1 CPU-s over scenarios 3, 6, 7
 * and 8 (those four alone on SQLite, load 4-5: 47.8 CPU-s with both, 46.5
 * without); restarting the three instances whenever what they run changes
 * (scenario 9, then 3) cost six boots more, about 21 CPU-s (the whole file
 * on SQLite: 94 CPU-s and 316 s that way at load 4-7, 73 and 282 with one
 * cluster at load 1-4).
 *
 * Each scenario prints what it saw (per-instance share, kills, faults).
 */
jest.setTimeout(15 * 60_000);

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
  // The observer only writes and reads: it neither publishes nor refreshes on a timer.
  app = await startApp({ ...oauthEnv(), CM_OAUTH_REFRESH_ENABLED: 'false', CM_SCHEDULER_ENABLED: 'false' });
});
afterAll(async () => {
  await Promise.all(instances.map((i) => kill(i, 'SIGTERM')));
  await Promise.all([app?.stop(), fake?.stop()]);
});

/**
 * Starts instances until `count` run. A (the first) also answers the admin
 * API, for the move "on instance A" and the replies; B too, for the replies.
 * Every instance publishes, collects figures, reads the inbox and refreshes
 * OAuth tokens once a second (scenario 8). Outbound calls keep the default
 * 10-s deadline: at 3 s, a CI machine at load 30 timed out 100 of scenario
 * 1's 500 webhook calls (each marked `unknown`, rightly never resent); the
 * faulty network's hung connections (scenario 3) take that long to give up,
 * which is fine.
 */
async function cluster(count: number) {
  const env = instanceEnv(app, {
    ...oauthEnv(),
    ...METRICS_ENV,
    ...INBOX_ENV,
    CM_OAUTH_REFRESH_ENABLED: 'true',
    CM_OAUTH_REFRESH_TICK_SECONDS: '1',
    CM_OAUTH_REFRESH_LEASE_MS: '20000',
    // Instagram fetches a post's media from the site's signed link: the observer serves it.
    CM_TEST_SERVER_URL: app.url,
  });
  const names = ['A', 'B', 'C'].slice(instances.length, count);
  const started = await Promise.allSettled(
    names.map((name) => startInstance(name, name === 'C' ? env : { ...env, CM_TEST_LISTEN: 'true' }))
  );
  const up = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    // Those that did start are stopped: left running untracked, they would publish into the next scenarios.
    await Promise.all(up.map((i) => kill(i)));
    throw failed.reason;
  }
  instances.push(...up);
}

/**
 * Scenario 6's move through instance A's admin API, tried again while A answers 500 for SQLite's "database is
 * locked" (its log says so), as `createAccount` does: several processes on one SQLite file is the tests' own
 * arrangement. Strapi's document update is a transaction that reads, then writes; when another process commits
 * in between, SQLite refuses the write at once (WAL's snapshot rule, which no busy timeout waits out) and the whole
 * update rolls back, before the publications are touched. With the observer writing another table in a loop, 31
 * of 40 moves on A answered 500 so, A's log naming `update cm_post_plans … - database is locked`. Any other 500,
 * or one on PostgreSQL or MariaDB, is answered as is, with A's log printed.
 */
async function moveOnA(id: string, local: string) {
  const a = instances[0];
  const until = Date.now() + 30_000;
  for (;;) {
    const mark = a.written();
    const moved = await request(`http://127.0.0.1:${a.port}`)
      .post(`/community-manager/post-plans/${id}/reschedule`)
      .set(bearer(app.token))
      .send({ schedule: { local, timezone: 'UTC' } });
    if (moved.status !== 500) return moved;
    // A's log comes through a pipe, apart from its answer: a moment for it to arrive.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const log = a.output(mark);
    const locked = app.db.engine === 'sqlite' && /database is locked|SQLITE_BUSY/.test(log);
    console.log(`[reliability 6/${app.db.engine}] the move answered 500${locked ? ', SQLite busy: again' : ''}; A's log: ${log}`);
    if (!locked || Date.now() > until) return moved;
  }
}

async function cleanSlate() {
  await app.strapi.db.query(UID.publication).deleteMany({});
  await app.strapi.db.query(UID.postPlan).deleteMany({});
  await app.strapi.db.query(UID.metricTrack).deleteMany({});
  await app.strapi.db.query(UID.metricSnapshot).deleteMany({});
}

/**
 * An account made through the observer's API, tried again while SQLite refuses that write under the instances'
 * own (they collect figures between scenarios): seeding only, as cluster.ts `retryBusy` does for plans.
 */
async function createAccount(target: TestApp, body: object): Promise<{ documentId: string; status: string }> {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      return await createAccountOnce(target, body);
    } catch (err) {
      if (target.db.engine !== 'sqlite' || Date.now() > until || !/^Error: account: 500/.test(String(err))) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** The collection schedule of the cluster (docs/reports.md, "Settings"): one hour of it lasts HOUR_MS. */
const HOUR_MS = 5_000;
const OFFSETS = [1, 3, 6];
/** the Retry-After of scenario 1's 429, in seconds */
const RETRY_AFTER_S = 12;
/**
 * How long after the 429's answer an instance may still ask: one that read the account before the hold was
 * written sends its call anyway. 2 s was too short on a CI machine at full load (SQLite, three processes and
 * four other stages): a call decided before the write reached the fake 3.8 s after the 429.
 */
const HOLD_WRITE_GRACE_MS = 4_000;
/** how long the fake takes to answer a read of figures in scenario 1 */
const READ_LATENCY_MS = 1000;
/**
 * Metric collection on a schedule whose hour lasts 5 s: a post is read at +5 s, +15 s and +30 s (its +1 h, +3 h
 * and +6 h), an account every 120 s, so readings happen within a scenario.
 */
const METRICS_ENV = {
  CM_METRICS_ENABLED: 'true',
  CM_METRICS_TICK_SECONDS: '2',
  CM_METRICS_HOUR_MS: String(HOUR_MS),
  CM_METRICS_POST_OFFSETS_HOURS: OFFSETS.join(','),
};
/**
 * The inbox's reader (issue 15's reliability, scenario 9): the instances read the streams of the Mastodon accounts
 * the scenarios make, one instance each. A source's timed reading is due hourly, so accounts of earlier
 * scenarios cost one reading each; scenario 9 makes its source due itself. The reader ticks every 2 s, like the
 * scheduler; a stopped instance's stream is taken over after 10 s.
 */
const INBOX_ENV = {
  CM_INBOX_ENABLED: 'true',
  CM_INBOX_POLL_SECONDS: '3600',
  CM_INBOX_TICK_MS: '2000',
  CM_INBOX_LEASE_MS: '10000',
};

interface Snapshot {
  kind: string;
  publicationDocumentId: string | null;
  accountDocumentId: string;
  slotHours: number | null;
  takenMs: number;
  likes: number | null;
}
const snapshotsOf = async (accountDocumentId: string): Promise<Snapshot[]> =>
  (
    (await app.strapi.db.query(UID.metricSnapshot).findMany({ where: { accountDocumentId }, orderBy: { id: 'asc' } })) as Array<
      Snapshot & { takenMs: string | number }
    >
  ).map((s) => ({ ...s, takenMs: Number(s.takenMs) }));
const tracksOf = async (accountDocumentId: string) =>
  (await app.strapi.db.query(UID.metricTrack).findMany({ where: { accountDocumentId, kind: 'post' } })) as Array<{
    publicationDocumentId: string;
    stoppedReason: string | null;
    collections: number;
  }>;

/** How many times the fake answered each status id with its figures (200): a second fetch of one age is a doubled reading. */
const servedReads = (mastodon: FakeMastodon) => {
  const served = new Map<string, number>();
  for (const read of mastodon.statusReads.filter((r) => r.status === 200))
    for (const id of read.ids) served.set(id, (served.get(id) ?? 0) + 1);
  return served;
};

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

/** Readings of one subject never closer than `ms`: none doubled by two instances. */
const spacedBy = (readings: Snapshot[], ms: number) => readings.every((r, i) => i === 0 || r.takenMs - readings[i - 1].takenMs >= ms);

/**
 * Six Mastodon posts that went out 7 hours of the cluster's schedule (35 s) before the instances start, written
 * while none runs: four without a track (the instance died right after publishing them), two whose track a
 * killed instance left leased at their +3 h age, after their +1 h reading. The statuses exist on the fake,
 * each with its own likes.
 */
async function seedPublishedBeforeDowntime(mastodon: FakeMastodon) {
  const token = 'downtime-figures';
  mastodon.tokens.set(token, { id: '21', username: 'downtime', displayName: 'Downtime' });
  const { documentId: account } = await createAccount(app, {
    network: 'mastodon',
    name: 'Downtime Mastodon',
    instanceUrl: mastodon.url,
    accessToken: token,
  });
  const before = Date.now() - 7 * HOUR_MS;
  const plans = await seedPlans(
    app,
    account,
    6,
    () => before,
    (i) => `Before the downtime ${i}`
  );
  const posts: Array<{ documentId: string; externalId: string; leftLeased: boolean }> = [];
  for (const [i, plan] of plans.entries()) {
    const res = await fetch(`${mastodon.url}/api/v1/statuses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: `Before the downtime ${i}` }),
    });
    const status = (await res.json()) as { id: string; url: string };
    mastodon.statuses.find((st) => st.id === status.id)!.counts = { favourites: i + 1, reblogs: 0, replies: 0, quotes: 0 };
    const publication = (await app.strapi.db.query(UID.publication).update({
      where: { planDocumentId: plan },
      data: { state: 'published', externalId: status.id, externalUrl: status.url, publishedMs: before } as never,
    })) as { documentId: string };
    const leftLeased = i < 2;
    if (leftLeased) {
      const subject = { accountDocumentId: account, publicationDocumentId: publication.documentId, network: 'mastodon' };
      await app.strapi.db.query(UID.metricTrack).create({
        data: {
          ...subject,
          documentId: `killed-${publication.documentId}`,
          subject: `post:${publication.documentId}`,
          kind: 'post',
          externalId: status.id,
          externalUrl: status.url,
          publishedMs: before,
          nextMs: before + 3 * HOUR_MS,
          collections: 1,
          failures: 0,
          leaseOwner: 'killed-instance',
          leaseUntilMs: Date.now() - 1000,
        } as never,
      });
      await app.strapi.db.query(UID.metricSnapshot).create({
        data: {
          ...subject,
          documentId: `killed-${publication.documentId}-1h`,
          kind: 'post',
          takenMs: before + HOUR_MS,
          slotHours: 1,
          likes: 0,
        } as never,
      });
    }
    posts.push({ documentId: publication.documentId, externalId: status.id, leftLeased });
  }
  return { account, posts };
}

describe('reliability of publishing', () => {
  it('downtime: posts due two hours ago go out on restart, those beyond the lateness are marked missed, none is dropped', async () => {
    // Downtime means no instance: this scenario runs first, before the cluster exists.
    await Promise.all(instances.splice(0).map((i) => kill(i, 'SIGTERM')));
    await cleanSlate();
    const hook: WebhookReceiver = await startWebhookReceiver();
    const [linkedin, x, meta, mastodon] = await Promise.all([startFakeLinkedIn(), startFakeX(), startFakeMeta(), startFakeMastodon()]);
    try {
      const account = await createAccount(app, { network: 'webhook', name: 'Downtime hook', url: `${hook.url}/hook`, flavor: 'generic' });
      const caughtUp = await seedPublishedBeforeDowntime(mastodon);
      const hour = 3_600_000;
      // Instagram publishes media only: the restarted instance serves the file through the observer's signed link.
      const upload = await app.http
        .post('/upload')
        .set(bearer(app.token))
        .attach('files', JPEG, { filename: 'downtime.jpg', contentType: 'image/jpeg' });
      expect(upload.status).toBe(201);
      // LinkedIn, X, a Facebook page and an Instagram account too, fewer each: what the restart owes them is the
      // same, and each network's count is checked on its own fake. Instagram's late posts also prove that a container
      // made after the restart, for a post already due, is published once (none for those beyond the lateness).
      const others = {
        linkedin: await linkedInSignIn(app, linkedin),
        x: await xSignIn(app, x),
        facebook: await facebookSignIn(app, meta),
        instagram: await instagramSignIn(app, meta),
      };
      const otherLate: Record<string, string[]> = {};
      const otherTooLate: Record<string, string[]> = {};
      for (const [network, id] of Object.entries(others)) {
        const more = network === 'instagram' ? { media: [upload.body[0].id] } : {};
        otherLate[network] = await seedPlans(
          app,
          id,
          3,
          (i) => Date.now() - 2 * hour + i * 1000,
          (i) => `${network} late but in time ${i}`,
          more
        );
        otherTooLate[network] = await seedPlans(
          app,
          id,
          2,
          (i) => Date.now() - 4 * hour + i * 1000,
          (i) => `${network} too late ${i}`,
          more
        );
      }
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
        const tracks = await tracksOf(caughtUp.account);
        return (
          states.published === 22 + 6 && states.missed === 13 && tracks.length === 6 && tracks.every((t) => t.stoppedReason === 'done')
        );
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
      expect(missed.map((m) => m.planDocumentId).sort()).toEqual([...tooLate, ...Object.values(otherTooLate).flat()].sort());
      // Each network got its late posts once, and none of those beyond the lateness.
      const late3 = (network: string) => [0, 1, 2].map((i) => `${network} late but in time ${i}`);
      expect(linkedin.posts.map((p) => p.commentary).sort()).toEqual(late3('linkedin'));
      expect(x.posts.map((p) => p.text).sort()).toEqual(late3('x'));
      const onMeta = (network: string) => meta.posts.filter((p) => p.network === network && !p.replyTo).map((p) => p.text);
      expect(onMeta('facebook').sort()).toEqual(late3('facebook'));
      expect(onMeta('instagram').sort()).toEqual(late3('instagram'));
      // Nothing was even prepared for the missed ones: no Instagram container carries their caption.
      expect([...meta.containers.values()].filter((c) => /too late/.test(c.params.caption ?? ''))).toEqual([]);
      expect(missed.every((m) => /later than the allowed lateness of 180 minutes/.test(m.lastError))).toBe(true);
      // The plans say it too: the missed ones failed, the late ones published.
      const plans = (await app.strapi.db.query(UID.postPlan).findMany({ select: ['documentId', 'status'] })) as Array<{
        documentId: string;
        status: string;
      }>;
      const status = new Map(plans.map((p) => [p.documentId, p.status]));
      const lateAll = [...late, ...Object.values(otherLate).flat()];
      const tooLateAll = [...tooLate, ...Object.values(otherTooLate).flat()];
      expect(lateAll.map((id) => status.get(id))).toEqual(lateAll.map(() => 'published'));
      expect(tooLateAll.map((id) => status.get(id))).toEqual(tooLateAll.map(() => 'failed'));

      // Figures caught up: every age of the posts published before the downtime had passed (6 h of the schedule: 30 s);
      // one reading each, labelled +6 h, the missed +1 h and +3 h not replayed; what a killed instance left leased
      // (its +3 h, claimed when it died) was taken over once its lease ran out.
      const snapshots = await snapshotsOf(caughtUp.account);
      const served = servedReads(mastodon);
      const seen = caughtUp.posts.map((post) => ({
        slots: snapshots.filter((sn) => sn.publicationDocumentId === post.documentId).map((sn) => sn.slotHours),
        likes: snapshots.filter((sn) => sn.publicationDocumentId === post.documentId && sn.slotHours === 6).map((sn) => sn.likes),
        fetched: served.get(post.externalId) ?? 0,
      }));
      console.log(`[reliability 4/${app.db.engine}] figures caught up ${JSON.stringify(seen)}`);
      expect(seen).toEqual(caughtUp.posts.map((post, i) => ({ slots: post.leftLeased ? [1, 6] : [6], likes: [i + 1], fetched: 1 })));
      const tracks = await tracksOf(caughtUp.account);
      expect(caughtUp.posts.map((post) => tracks.find((t) => t.publicationDocumentId === post.documentId)?.collections)).toEqual(
        caughtUp.posts.map((post) => (post.leftLeased ? 2 : 1))
      );
      // The account's followers too, read at once and not again before a day of the schedule.
      const accountReadings = snapshots.filter((sn) => sn.kind === 'account');
      expect(accountReadings.length).toBeGreaterThan(0);
      expect(spacedBy(accountReadings, 24 * HOUR_MS)).toBe(true);
    } finally {
      await Promise.all([hook.stop(), linkedin.stop(), x.stop(), meta.stop(), mastodon.stop()]);
    }
  });

  it('three instances, 500 posts due in the same minute: the receiver gets each exactly once; Mastodon figures read once per age, a 429 held by all', async () => {
    await cleanSlate();
    const hook: WebhookReceiver = await startWebhookReceiver();
    const mastodon = await startFakeMastodon();
    try {
      const account = await createAccount(app, { network: 'webhook', name: 'Load hook', url: `${hook.url}/hook`, flavor: 'generic' });
      mastodon.tokens.set('load-figures', { id: '31', username: 'load', displayName: 'Load' });
      const toot = await createAccount(app, {
        network: 'mastodon',
        name: 'Load Mastodon',
        instanceUrl: mastodon.url,
        accessToken: 'load-figures',
      });
      // The figures take a second to come, as a slow network's do: an instance claiming what another is still reading
      // would read it too. The first read is answered 429 with Retry-After: no instance may ask again before then.
      mastodon.statusReadLatencyMs = READ_LATENCY_MS;
      let limitedAt = 0;
      mastodon.readFault = (req) => {
        if (limitedAt) return null;
        limitedAt = req.receivedAt;
        return { kind: 'status', status: 429, headers: { 'retry-after': String(RETRY_AFTER_S) } };
      };
      await cluster(3);
      // The same minute: a 60-second window opening 45 s ahead (time to seed 500 plans on a loaded machine),
      // not the next clock minute, which waited up to another minute for nothing.
      const minute = Date.now() + 45_000;
      // 30 Mastodon posts in its first 10 s: their three ages (+5, +15, +30 s) come while the webhook's go out.
      await seedPlans(
        app,
        toot.documentId,
        30,
        (i) => minute + (i % 10) * 1000,
        (i) => `Load toot ${i}`
      );
      await seedPlans(
        app,
        account.documentId,
        500,
        (i) => minute + (i % 60) * 1000,
        (i) => `Load post ${i}`
      );
      // `unknown`: a send that outlived its (4-second) lease on a loaded CI machine; a webhook cannot be asked whether it
      // got it, so a person settles it — never resent. The receiver's count below is the proof. Seen: 1 in 500 at a
      // normal load, 6 with the machine 96 % busy for the whole run (SQLite, the receiver still got each post once):
      // up to 2 % is the load's, more would be the code's.
      // The webhook's posts (the Mastodon ones are awaited below, with their figures: an unknown one is looked up).
      const done = await waitFor(async () => {
        const states = await statesCount(app, account.documentId);
        return (states.published ?? 0) + (states.unknown ?? 0) === 500 && (states.unknown ?? 0) <= 10;
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

      // Each Mastodon post read until its last age (a post still `unknown` is settled by a lookup, then tracked).
      const toots = async () =>
        (await app.strapi.db.query(UID.publication).findMany({
          where: { accountDocumentId: toot.documentId, state: 'published' },
          select: ['documentId', 'externalId'],
        })) as Array<{ documentId: string; externalId: string }>;
      const figuresDone = await waitFor(async () => {
        const tracks = await tracksOf(toot.documentId);
        return (await toots()).length === 30 && tracks.length === 30 && tracks.every((t) => t.stoppedReason === 'done');
      }, 120_000);
      const snapshots = await snapshotsOf(toot.documentId);
      const served = servedReads(mastodon);
      const unfinished = (
        (await app.strapi.db.query(UID.metricTrack).findMany({
          where: { accountDocumentId: toot.documentId, kind: 'post', stoppedReason: { $null: true } },
          select: ['collections', 'nextMs', 'leaseOwner', 'leaseUntilMs', 'lastError', 'failures'],
        })) as Array<Record<string, unknown>>
      ).map((t) => ({
        ...t,
        nextMs: Number(t.nextMs) - Date.now(),
        leaseUntilMs: t.leaseUntilMs ? Number(t.leaseUntilMs) - Date.now() : null,
      }));
      // Per post: the ages read (each once), and how many times the network served its figures: once per reading
      // stored. A reading fetched by two instances (a claim that let two take it) shows as served > stored.
      const perPost = (await toots()).map((pub) => {
        const slots = snapshots.filter((sn) => sn.publicationDocumentId === pub.documentId).map((sn) => sn.slotHours);
        return { pub: pub.documentId, slots, stored: slots.length, served: served.get(pub.externalId) ?? 0 };
      });
      const reads = mastodon.statusReads;
      const heldFrom = limitedAt + READ_LATENCY_MS + HOLD_WRITE_GRACE_MS;
      const heldTo = limitedAt + RETRY_AFTER_S * 1000;
      // Figures asked of the account while the network said wait: reads of statuses and of the account (verify_credentials).
      const askedWhileHeld = mastodon.requests.filter(
        (r) =>
          r.method === 'GET' &&
          (r.path.startsWith('/api/v1/statuses') || r.path.startsWith('/api/v1/accounts/verify_credentials')) &&
          r.receivedAt >= heldFrom &&
          r.receivedAt < heldTo
      );
      console.log(
        `[reliability 1/${app.db.engine}] figures: ${reads.length} reads (${reads.filter((r) => r.status === 429).length} answered 429), ` +
          `${snapshots.filter((sn) => sn.kind === 'post').length} post readings, ${snapshots.filter((sn) => sn.kind === 'account').length} account readings; ` +
          `asked while held ${JSON.stringify(askedWhileHeld.map((r) => `${r.path.slice(0, 40)} at +${r.receivedAt - limitedAt} ms`))}; ` +
          `unfinished (ms from now) ${JSON.stringify(unfinished)}; doubled ${JSON.stringify(perPost.filter((p) => p.served !== p.stored || new Set(p.slots).size !== p.slots.length))}`
      );
      expect(figuresDone).toBe(true);
      expect(perPost.filter((p) => p.served !== p.stored || new Set(p.slots).size !== p.slots.length || p.slots.at(-1) !== 6)).toEqual([]);
      // The 429 reached one instance; none of the three asked for figures again before its Retry-After (the network's
      // latency and HOLD_WRITE_GRACE_MS for the write every instance reads), and they did after.
      expect(limitedAt).toBeGreaterThan(0);
      expect(askedWhileHeld.map((r) => `${r.path} at +${r.receivedAt - limitedAt} ms`)).toEqual([]);
      expect(reads.some((r) => r.status === 200 && r.receivedAt >= heldTo)).toBe(true);
      expect(
        spacedBy(
          snapshots.filter((sn) => sn.kind === 'account'),
          24 * HOUR_MS
        )
      ).toBe(true);
    } finally {
      await Promise.all([hook.stop(), mastodon.stop()]);
    }
  });

  it('the inbox on three instances: each mention stored once, one reading and one stream at a time; replies under 30 % faults sent once', async () => {
    await cluster(3);
    const mastodon: FakeMastodon = await startFakeMastodon();
    // A reading takes 300 ms, so two readings at once would overlap and be seen; heartbeats every second.
    mastodon.readLatencyMs = 300;
    mastodon.heartbeatMs = 1000;
    mastodon.tokens.set('inbox-token', { id: '31', username: 'brand', displayName: 'Brand' });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const timers: NodeJS.Timeout[] = [];
    try {
      const account = await createAccount(app, {
        network: 'mastodon',
        name: 'Inbox on three',
        instanceUrl: mastodon.url,
        accessToken: 'inbox-token',
      });
      const items = app.strapi.db.query(UID.inboxItem);
      const stored = async () =>
        ((await items.findMany({ where: { sourceRef: account.documentId }, select: ['externalId'] })) as Array<{ externalId: string }>).map(
          (r) => r.externalId
        );
      // The stream dropped every 3 s (the issue's 30 s, ten times faster); the source's reading made due every
      // 700 ms, as if its interval had passed: the three instances' ticks race for it, the claim lets one read.
      let drops = 0;
      timers.push(
        setInterval(() => {
          if (mastodon.streams('31')) {
            mastodon.dropStreams();
            drops++;
          }
        }, 3000),
        setInterval(
          () =>
            void app.strapi.db
              .query(UID.inboxCursor)
              .updateMany({ where: { sourceRef: account.documentId }, data: { nextPollAt: null } })
              .catch(() => undefined),
          700
        )
      );
      const fans = ['ana', 'bo', 'cy'].map((username, i) => ({ id: String(900 + i), username, displayName: username }));
      const written: string[] = [];
      for (let i = 0; i < 60; i++) {
        written.push(mastodon.mention('31', fans[i % 3], `@brand mention ${i}`).id);
        await sleep(200);
      }
      const all = await waitFor(async () => (await stored()).length >= 60, 60_000);
      timers.splice(0).forEach(clearInterval);
      const ids = await stored();
      const seen = mastodon.activity('31');
      console.log(`[reliability 9/${app.db.engine}] ingest: stored ${ids.length}/60, drops ${drops}, on the fake ${JSON.stringify(seen)}`);
      expect(all).toBe(true);
      expect([...ids].sort()).toEqual([...written].sort());
      // One reader at a time (the cursor's claim), one stream at a time (the stream's claim), however often it was due.
      expect(seen.maxReadsAtOnce).toBe(1);
      expect(seen.maxStreamsAtOnce).toBe(1);
      expect(seen.reads).toBeGreaterThanOrEqual(5);
      expect(drops).toBeGreaterThanOrEqual(3);
      expect(seen.streamsOpened).toBeGreaterThanOrEqual(2);

      // Replies under 30 % faults (500, 429, an answer that never comes, resets before and after storing),
      // each request sent to A and B at the same moment; an unconfirmed one resent, on A or B, until sent.
      const random = seededRandom(91);
      const kinds: Fault[] = [
        { kind: 'status', status: 500 },
        { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
        { kind: 'apply-then-hang' },
        { kind: 'reset' },
        { kind: 'apply-then-reset' },
      ];
      let faults = 0;
      mastodon.fault = () => (random() < 0.3 ? (faults++, kinds[Math.floor(random() * kinds.length)]) : null);
      const on = [instances[0].port, instances[1].port].map(
        (p) => (path: string, body: object) =>
          request(`http://127.0.0.1:${p}`).post(`/community-manager/inbox${path}`).set(bearer(app.token)).send(body)
      );
      const targets = (
        (await items.findMany({ where: { sourceRef: account.documentId }, orderBy: { id: 'asc' }, limit: 8 })) as Array<{
          documentId: string;
          externalId: string;
        }>
      ).map((row, i) => ({ ...row, text: `Thanks, reply ${i}`, requestId: `reliability-reply-${i}` }));
      const outcomes: Record<string, number> = {};
      await Promise.all(
        targets.map(async (t, i) => {
          for (let round = 0; round < 60; round++) {
            const row = (await items.findOne({ where: { documentId: t.documentId } })) as {
              replyState: string;
              replies: Array<{ state: string }>;
            };
            if (row.replies.some((r) => r.state === 'sent')) return;
            const answers =
              row.replyState === 'unknown'
                ? [await on[(i + round) % 2](`/items/${t.documentId}/resend`, {})]
                : await Promise.all(on.map((send) => send(`/items/${t.documentId}/reply`, { text: t.text, requestId: t.requestId })));
            for (const a of answers) {
              const key = `${a.status} ${a.body?.error?.details?.code ?? ''}`.trim();
              outcomes[key] = (outcomes[key] ?? 0) + 1;
            }
            if (answers.some((a) => a.status !== 200)) await sleep(300);
          }
        })
      );
      mastodon.fault = null;
      const sentTo = (t: (typeof targets)[number]) =>
        mastodon.statuses.filter((st) => st.inReplyToId === t.externalId).map((st) => st.text);
      console.log(`[reliability 9/${app.db.engine}] replies: ${faults} faults; answers ${JSON.stringify(outcomes)}`);
      for (const t of targets) expect([t.externalId, sentTo(t)]).toEqual([t.externalId, [t.text]]);
      expect(faults).toBeGreaterThanOrEqual(2);
    } finally {
      timers.forEach(clearInterval);
      await mastodon.stop();
    }
  });

  it('networks failing 30 % of the time: every post published once on each; a rejection ends as failed with the network’s message', async () => {
    await cleanSlate();
    const mastodon: FakeMastodon = await startFakeMastodon();
    const [linkedin, x, meta] = await Promise.all([startFakeLinkedIn(), startFakeX(), startFakeMeta()]);
    mastodon.tokens.set('fault-token', { id: '12', username: 'faulty', displayName: 'Faulty' });
    const injected: Record<string, number> = {};
    /** ~30 % of the calls misbehave, each fault drawn from the network's own kinds and counted by name. */
    const faulty = <T>(seed: number, network: string, faults: Array<[string, T]>) => {
      const random = seededRandom(seed);
      return (): T | null => {
        if (random() >= 0.3) return null;
        const [name, fault] = faults[Math.floor(random() * faults.length)];
        injected[`${network} ${name}`] = (injected[`${network} ${name}`] ?? 0) + 1;
        return fault;
      };
    };
    const hang = { kind: 'apply-then-hang' as const };
    const reset = { kind: 'reset' as const };
    const applyReset = { kind: 'apply-then-reset' as const };

    // Mastodon: 500, 429 + Retry-After, an answer that never comes, resets before and after storing; a 422.
    const mastodonFault = faulty<Fault>(30, 'mastodon', [
      ['500', { kind: 'status', status: 500 }],
      ['429', { kind: 'status', status: 429, headers: { 'retry-after': '1' } }],
      ['hang', hang],
      ['reset', reset],
      ['apply-then-reset', applyReset],
    ]);
    mastodon.fault = (req) =>
      req.body.includes('REJECT ME')
        ? { kind: 'status', status: 422, body: { error: 'Validation failed: this post breaks the rules' } }
        : mastodonFault();

    // LinkedIn (docs/networks/linkedin.md): its error body, 429 without a rate-limit header (daily limits), 500 and
    // 504 (the post may be stored), resets, a hang; a 422 for a duplicate, as LinkedIn words it.
    const linkedinFault = faulty<LinkedInFault>(31, 'linkedin', [
      ['500', { kind: 'status', status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal Server Error' }],
      [
        '429',
        {
          kind: 'status',
          status: 429,
          code: 'TOO_MANY_REQUESTS',
          serviceErrorCode: 101,
          message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
        },
      ],
      ['504', { kind: 'status', status: 504, code: 'GATEWAY_TIMEOUT', message: 'Gateway Timeout' }],
      ['hang', hang],
      ['reset', reset],
      ['apply-then-reset', applyReset],
    ]);
    linkedin.fault = (req) =>
      req.body.includes('REJECT ME')
        ? {
            kind: 'status',
            status: 422,
            code: 'UNPROCESSABLE_ENTITY',
            message: 'Content is a duplicate of urn:li:share:6844785523593134080',
          }
        : linkedinFault();

    // X (docs/networks/x.md): problem bodies, 429 with x-rate-limit-* headers (the window resets in a second),
    // 500 and 503, resets, a hang; a 400 for an invalid request.
    const problem = (status: number, title: string, detail: string) => ({ type: 'about:blank', title, detail, status });
    const xFault = faulty<XFault>(32, 'x', [
      ['500', { kind: 'status', status: 500, body: problem(500, 'Internal Server Error', 'Internal Server Error') }],
      ['503', { kind: 'status', status: 503, body: problem(503, 'Service Unavailable', 'Service Unavailable') }],
      [
        '429',
        {
          kind: 'status',
          status: 429,
          body: problem(429, 'Too Many Requests', 'Too Many Requests'),
          headers: {
            'x-rate-limit-limit': '100',
            'x-rate-limit-remaining': '0',
            'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 1),
          },
        },
      ],
      ['hang', hang],
      ['reset', reset],
      ['apply-then-reset', applyReset],
    ]);
    x.fault = (req) => {
      if (req.body.includes('REJECT ME'))
        return {
          kind: 'status',
          status: 400,
          body: problem(400, 'Invalid Request', 'One or more parameters to your request was invalid.'),
        };
      const fault = xFault();
      // The window's reset, as X gives it: epoch seconds, a second from now.
      if (fault?.kind === 'status' && fault.status === 429)
        return { ...fault, headers: { ...fault.headers, 'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 1) } };
      return fault;
    };

    // Facebook and Instagram (docs/networks/facebook.md, instagram.md): Graph's error envelope — 1 and 2 (service
    // errors: a write's outcome unknown), resets, an answer that never comes, and Instagram's 2207051 after the media
    // really went out. Rejections: Facebook's 368, Instagram's aspect ratio (36003). No throttle here: Meta's wait is
    // a minute at least (X-Business-Use-Case-Usage), which would double the scenario; tests/unit/meta-graph.test.ts
    // reads it.
    const graph = (code: number, status: number, message: string, more: Partial<Extract<MetaFault, { kind: 'error' }>> = {}) =>
      ({ kind: 'error', status, code, message, ...more }) as MetaFault;
    const metaFaults = (network: string, extra: Array<[string, MetaFault]> = []) =>
      faulty<MetaFault>(network === 'facebook' ? 33 : 34, network, [
        ['1', graph(1, 500, 'An unknown error occurred')],
        ['2', graph(2, 503, 'Service temporarily unavailable')],
        ['hang', { kind: 'apply-then-hang' }],
        ['reset', { kind: 'reset' }],
        ['apply-then-reset', { kind: 'apply-then-reset' }],
        ...extra,
      ]);
    const facebookFault = metaFaults('facebook');
    const instagramFault = metaFaults('instagram', [
      ['2207051 after publishing', graph(4, 400, 'Action is blocked', { subcode: 2207051, apply: true })],
    ]);
    let blockedAfterSuccess = 0;
    meta.fault = (step, req) => {
      if (step === 'feed')
        return req.form.get('message')?.includes('REJECT ME')
          ? graph(368, 400, 'The action attempted has been deemed abusive or is otherwise disallowed')
          : facebookFault();
      if (step === 'container' && req.form.get('caption')?.includes('REJECT ME'))
        return graph(36003, 400, 'The aspect ratio is not supported.', { subcode: 2207009 });
      if (step === 'publish') {
        // The first two publishes surely: 2207051 after the media went out (the draw may not pick it in 20 posts).
        if (blockedAfterSuccess < 2) {
          blockedAfterSuccess++;
          injected['instagram 2207051 after publishing'] = (injected['instagram 2207051 after publishing'] ?? 0) + 1;
          return graph(4, 400, 'Action is blocked', { subcode: 2207051, apply: true });
        }
        return instagramFault();
      }
      return null;
    };

    try {
      const upload = await app.http
        .post('/upload')
        .set(bearer(app.token))
        .attach('files', JPEG, { filename: 'faulty.jpg', contentType: 'image/jpeg' });
      expect(upload.status).toBe(201);
      const accounts = {
        mastodon: (await createAccount(app, { network: 'mastodon', name: 'Faulty', instanceUrl: mastodon.url, accessToken: 'fault-token' }))
          .documentId,
        linkedin: await linkedInSignIn(app, linkedin),
        x: await xSignIn(app, x),
        facebook: await facebookSignIn(app, meta),
        instagram: await instagramSignIn(app, meta),
      };
      // 150 posts as before, spread: Mastodon's 70, 20 for each of the others; each network rejects its first.
      const counts: Record<keyof typeof accounts, number> = { mastodon: 70, linkedin: 20, x: 20, facebook: 20, instagram: 20 };
      await cluster(3);
      const text = (network: string) => (i: number) => (i === 0 ? `REJECT ME please, ${network}` : `${network} faulty network post ${i}`);
      for (const [network, id] of Object.entries(accounts) as Array<[keyof typeof accounts, string]>) {
        await seedPlans(
          app,
          id,
          counts[network],
          () => Date.now() + 3_000,
          text(network),
          network === 'instagram' ? { media: [upload.body[0].id] } : {}
        );
      }
      const perAccount = async () => {
        const rows = (await app.strapi.db.query(UID.publication).findMany({ select: ['state', 'accountDocumentId'] })) as Array<{
          state: string;
          accountDocumentId: string;
        }>;
        const out: Record<string, Record<string, number>> = {};
        for (const [network, id] of Object.entries(accounts)) {
          out[network] = {};
          for (const row of rows.filter((r) => r.accountDocumentId === id)) out[network][row.state] = (out[network][row.state] ?? 0) + 1;
        }
        return out;
      };
      const done = await waitFor(async () => {
        const states = await perAccount();
        return Object.entries(counts).every(([network, n]) => states[network].published === n - 1 && states[network].failed === 1);
      }, 300_000);
      const states = await perAccount();
      // What each network holds: the text of every post it made (replies and comments left out).
      const held: Record<keyof typeof accounts, string[]> = {
        mastodon: mastodon.statuses.map((st) => st.text),
        linkedin: linkedin.posts.map((p) => p.commentary),
        x: x.posts.filter((p) => !p.inReplyTo).map((p) => p.text),
        facebook: meta.posts.filter((p) => p.network === 'facebook' && !p.replyTo).map((p) => p.text),
        instagram: meta.posts.filter((p) => p.network === 'instagram' && !p.replyTo).map((p) => p.text),
      };
      console.log(
        `[reliability 3/${app.db.engine}] injected ${JSON.stringify(injected)}; states ${JSON.stringify(states)}; on the networks ${JSON.stringify(
          Object.fromEntries(Object.entries(held).map(([k, v]) => [k, v.length]))
        )}`
      );
      expect(done).toBe(true);
      for (const [network, n] of Object.entries(counts) as Array<[keyof typeof accounts, number]>) {
        // Exactly once on each network: every post but the rejected one, none twice, none lost.
        expect([network, [...held[network]].sort()]).toEqual([
          network,
          Array.from({ length: n - 1 }, (_, i) => text(network)(i + 1)).sort(),
        ]);
      }
      const failed = (await app.strapi.db.query(UID.publication).findMany({ where: { state: 'failed' } })) as Array<{
        accountDocumentId: string;
        errorCode: string;
        lastError: string;
      }>;
      const failure = (network: keyof typeof accounts) => failed.find((f) => f.accountDocumentId === accounts[network]);
      expect(failure('mastodon')).toMatchObject({
        errorCode: 'network_rejected',
        lastError: 'Validation failed: this post breaks the rules',
      });
      // Each with the network's own words.
      expect(failure('linkedin')?.lastError).toContain('Content is a duplicate of urn:li:share:6844785523593134080');
      expect(failure('x')).toMatchObject({ errorCode: 'network_rejected' });
      expect(failure('x')?.lastError).toContain('One or more parameters to your request was invalid.');
      expect(failure('facebook')).toMatchObject({ errorCode: 'meta_blocked' });
      expect(failure('facebook')?.lastError).toContain('The action attempted has been deemed abusive or is otherwise disallowed');
      expect(failure('instagram')?.lastError).toContain('The aspect ratio is not supported.');
    } finally {
      await Promise.all([mastodon.stop(), linkedin.stop(), x.stop(), meta.stop()]);
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
        const moved = await moveOnA(id, local);
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

  it('tokens revoked mid-schedule (Mastodon, LinkedIn, Meta, X): those accounts need re-authorization, their posts held and shown; the other account is unaffected', async () => {
    await cleanSlate();
    const mastodon: FakeMastodon = await startFakeMastodon();
    const hook: WebhookReceiver = await startWebhookReceiver();
    const [linkedin, meta, x] = await Promise.all([startFakeLinkedIn(), startFakeMeta(), startFakeX()]);
    mastodon.tokens.set('revoked-soon', { id: '13', username: 'revoked', displayName: 'Revoked' });
    // Revoked by the network once a few posts are out, the rest still to come: a test polling for the 4th
    // toot saw it only after all 20 were out when five stages shared the two cores. LinkedIn answers 401
    // REVOKED_ACCESS_TOKEN from then on; Meta 190 (the password changed: the page token dies, and with it
    // the Instagram account reached through that page).
    mastodon.revokeAfter = { token: 'revoked-soon', statuses: 4 };
    linkedin.revokeAfter = { posts: 3 };
    meta.revokeAfter = { network: 'facebook', posts: 3 };
    // X: the user removes the app after the third post. A refused access token is renewed once through the core's
    // claimed refresh (server/core/oauth/renew.ts), which needs the app's token endpoint: the instances, booted long
    // before this fake, read it from Settings (stored in the database) rather than their environment.
    x.revokeAfter = { posts: 3 };
    const xApp = (body: object) => app.http.put('/community-manager/oauth/apps/x').set(bearer(app.token)).send(body);
    try {
      expect(
        (
          await xApp({
            clientId: x.clientId,
            clientSecret: x.clientSecret,
            options: { authorizeUrl: x.authorizeUrl, tokenUrl: x.tokenUrl, apiUrl: x.url },
          })
        ).status
      ).toBe(200);
      const upload = await app.http
        .post('/upload')
        .set(bearer(app.token))
        .attach('files', JPEG, { filename: 'revoked.jpg', contentType: 'image/jpeg' });
      expect(upload.status).toBe(201);
      const toot = await createAccount(app, {
        network: 'mastodon',
        name: 'Revoked Mastodon',
        instanceUrl: mastodon.url,
        accessToken: 'revoked-soon',
      });
      const other = await createAccount(app, { network: 'webhook', name: 'Healthy hook', url: `${hook.url}/hook`, flavor: 'generic' });
      const revocable = {
        mastodon: { id: toot.documentId, count: 20, onNetwork: () => mastodon.statuses.map((st) => st.text) },
        linkedin: { id: await linkedInSignIn(app, linkedin), count: 10, onNetwork: () => linkedin.posts.map((p) => p.commentary) },
        facebook: {
          id: await facebookSignIn(app, meta),
          count: 10,
          onNetwork: () => meta.posts.filter((p) => p.network === 'facebook' && !p.replyTo).map((p) => p.text),
        },
        instagram: {
          id: await instagramSignIn(app, meta),
          count: 6,
          onNetwork: () => meta.posts.filter((p) => p.network === 'instagram' && !p.replyTo).map((p) => p.text),
        },
        x: { id: await xSignIn(app, x), count: 10, onNetwork: () => x.posts.filter((p) => !p.inReplyTo).map((p) => p.text) },
      };
      await cluster(3);
      // Due from now on, with the instances running: timed from before their boots, a slow boot (a busy machine, the
      // stages running side by side) made every post overdue at once, all published before the revocation.
      const start = Date.now() + 4_000;
      for (const [network, { id, count }] of Object.entries(revocable)) {
        await seedPlans(
          app,
          id,
          count,
          // Instagram's after Facebook's third post, which kills the page token both use.
          (i) => start + (network === 'instagram' ? 3_000 : 0) + i * 500,
          (i) => `${network === 'mastodon' ? 'Toot' : network} ${i}`,
          network === 'instagram' ? { media: [upload.body[0].id] } : {}
        );
      }
      await seedPlans(
        app,
        other.documentId,
        20,
        (i) => start + i * 500,
        (i) => `Hook ${i}`
      );
      const rowsNow = async () =>
        (await app.strapi.db.query(UID.publication).findMany({ select: ['state', 'accountDocumentId', 'errorCode'] })) as Array<{
          state: string;
          accountDocumentId: string;
          errorCode: string | null;
        }>;
      const settled = await waitFor(async () => {
        const rows = await rowsNow();
        // `unknown`: a send whose lease ran out on a loaded machine; the lookup that settles it needs the
        // revoked token, so it waits for the reconnection (never resent blindly).
        const open = Object.values(revocable).some(
          ({ id }) => rows.filter((r) => r.accountDocumentId === id && !['published', 'held', 'unknown'].includes(r.state)).length > 0
        );
        const hookDone = rows.filter((r) => r.accountDocumentId === other.documentId && r.state === 'published').length;
        return !open && hookDone === 20;
      }, 90_000);
      const rows = await rowsNow();
      const seen: Record<string, unknown> = {};
      for (const [network, { id, onNetwork }] of Object.entries(revocable)) {
        const mine = rows.filter((r) => r.accountDocumentId === id);
        seen[network] = {
          published: mine.filter((r) => r.state === 'published').length,
          held: mine.filter((r) => r.state === 'held').length,
          unknown: mine.filter((r) => r.state === 'unknown').length,
          onNetwork: onNetwork().length,
          codes: [...new Set(mine.filter((r) => r.state === 'held').map((r) => r.errorCode))],
        };
      }
      console.log(
        `[reliability 7/${app.db.engine}] ${JSON.stringify(seen)}; hook posts ${hook.requests.filter((r) => JSON.parse(r.body).event === 'post').length}`
      );
      expect(settled).toBe(true);
      for (const [network, { id, count, onNetwork }] of Object.entries(revocable)) {
        const mine = rows.filter((r) => r.accountDocumentId === id);
        const held = mine.filter((r) => r.state === 'held');
        const published = mine.filter((r) => r.state === 'published');
        const unknown = mine.filter((r) => r.state === 'unknown');
        const texts = onNetwork();
        // Not all out: the posts after the revocation are held, or unknown when their send's lease ran out first.
        expect([network, held.length + unknown.length > 0]).toEqual([network, true]);
        expect([network, published.length + held.length + unknown.length]).toEqual([network, count]);
        // How many end unknown rather than held depends on the machine's load (leases running out mid-send: CI saw 8 and 8
        // at load 16, and all 7 Facebook posts unknown at load 30), not on the code: what must hold is below — nothing
        // lost, nothing sent twice, each held with its reason, and the account flagged even when no send saw the refusal
        // (the lookup of an unknown post meets it).
        // What the network has is what is marked published (plus, at most, an unknown one it did take).
        expect([network, texts.length >= published.length, texts.length <= published.length + unknown.length]).toEqual([
          network,
          true,
          true,
        ]);
        expect([network, new Set(texts).size]).toEqual([network, texts.length]);
        expect([
          network,
          held.filter(
            (r) => !['account_needs_reauth', 'token_refused', 'meta_token_revoked', 'token_revoked'].includes(String(r.errorCode))
          ),
        ]).toEqual([network, []]);
        // Shown to people: the account is flagged.
        const account = await app.http.get(`/community-manager/accounts/${id}`).set(bearer(app.token));
        expect([network, account.body.data.status]).toEqual([network, 'needs_reauth']);
      }
      // And the publishing page lists each of them, not the healthy one. The accounts of earlier scenarios are still
      // there, pointed at fakes since stopped: one whose port a fake of this scenario took again meets a refused token
      // and is rightly flagged too (CI saw it once on MariaDB), so only this scenario's accounts are compared.
      const ours = new Set([...Object.values(revocable).map((r) => r.id), other.documentId]);
      const overview = await app.http.get('/community-manager/publishing').set(bearer(app.token));
      expect(
        overview.body.data.accountsNeedingReauth
          .map((a: { documentId: string }) => a.documentId)
          .filter((id: string) => ours.has(id))
          .sort()
      ).toEqual(
        Object.values(revocable)
          .map((r) => r.id)
          .sort()
      );
      expect(hook.requests.filter((r) => JSON.parse(r.body).event === 'post')).toHaveLength(20);
      // X: one refresh asked at the token endpoint, refused; never a loop of renewals (three instances, ten posts).
      expect(x.grants('refresh_token')).toHaveLength(1);
      expect(x.tokenErrors).toEqual(['invalid_grant: Value passed for the token was invalid.']);
    } finally {
      await xApp({ clientId: null, clientSecret: null, options: { authorizeUrl: null, tokenUrl: null, apiUrl: null } });
      await Promise.all([mastodon.stop(), hook.stop(), linkedin.stop(), meta.stop(), x.stop()]);
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
