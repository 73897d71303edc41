import { startApp, type TestApp } from '../helpers/strapi';
import { startWebhookReceiver, type WebhookReceiver } from '../fakes/webhook-receiver';
import { startFakeMastodon, type FakeMastodon, type Fault } from '../fakes/mastodon';
import { seededRandom } from '../helpers/bad-payloads';
import { createAccount } from '../helpers/publishing';
import { UID } from '../../content-types';
import { instanceEnv, kill, seedPlans, startInstance, statesCount, waitFor, type Instance } from './cluster';

/**
 * The scheduler's promises under stress, with real Strapi processes on one
 * database (SQLite file, PostgreSQL or MariaDB per CM_TEST_DB):
 *
 * 1. three instances, 500 posts due in the same minute: each delivered once;
 * 2. the only instance killed with SIGKILL ten times while 300 go out:
 *    no duplicate, nothing lost, unknown outcomes reconciled;
 * 3. a network that fails 30 % of the time (500, 429 + Retry-After,
 *    timeouts, resets): all published once; a 422 ends as failed with its message.
 *
 * Each scenario prints what it saw (per-instance share, kills, faults).
 */
jest.setTimeout(15 * 60_000);

let app: TestApp;
const instances: Instance[] = [];

beforeAll(async () => {
  app = await startApp({ CM_SCHEDULER_ENABLED: 'false' });
});
afterAll(async () => {
  await Promise.all(instances.map((i) => kill(i, 'SIGTERM')));
  await app?.stop();
});

async function stopAll() {
  await Promise.all(instances.splice(0).map((i) => kill(i, 'SIGTERM')));
}

async function cleanSlate() {
  await app.strapi.db.query(UID.publication).deleteMany({});
  await app.strapi.db.query(UID.postPlan).deleteMany({});
}

const publishedBy = async () => {
  const rows = (await app.strapi.db.query(UID.publication).findMany({ where: { state: 'published' }, select: ['history'] })) as Array<{ history: Array<{ event: string; by?: string }> }>;
  const share: Record<string, number> = {};
  for (const row of rows) {
    const by = row.history.filter((h) => h.event === 'published' || h.event === 'reconciled_found').pop()?.by ?? 'reconciled';
    share[by] = (share[by] ?? 0) + 1;
  }
  return share;
};

describe('reliability of publishing', () => {
  it('three instances, 500 posts due in the same minute: the receiver gets each exactly once', async () => {
    await cleanSlate();
    const hook: WebhookReceiver = await startWebhookReceiver();
    try {
      const account = await createAccount(app, { network: 'webhook', name: 'Load hook', url: `${hook.url}/hook`, flavor: 'generic' });
      const env = instanceEnv(app);
      instances.push(...(await Promise.all(['A', 'B', 'C'].map((name) => startInstance(name, env)))));
      const minute = Math.ceil((Date.now() + 45_000) / 60_000) * 60_000;
      await seedPlans(app, account.documentId, 500, (i) => minute + (i % 60) * 1000, (i) => `Load post ${i}`);
      const done = await waitFor(async () => (await statesCount(app)).published === 500, 240_000);
      const posts = hook.requests.filter((r) => JSON.parse(r.body).event === 'post');
      const perDelivery = new Map<string, number>();
      for (const post of posts) {
        const id = String(post.headers['x-community-manager-delivery']);
        perDelivery.set(id, (perDelivery.get(id) ?? 0) + 1);
      }
      console.log(`[reliability 1/${app.db.engine}] states ${JSON.stringify(await statesCount(app))}, received ${posts.length}, share ${JSON.stringify(await publishedBy())}`);
      expect(done).toBe(true);
      expect(posts).toHaveLength(500);
      expect(perDelivery.size).toBe(500);
      expect([...perDelivery.values()].every((n) => n === 1)).toBe(true);
      expect(new Set(posts.map((p) => JSON.parse(p.body).text)).size).toBe(500);
    } finally {
      await stopAll();
      await hook.stop();
    }
  });

  it('the only instance killed with SIGKILL ten times while 300 posts go out: no duplicate, nothing lost', async () => {
    await cleanSlate();
    const mastodon: FakeMastodon = await startFakeMastodon();
    // Slow enough that the ten kills land while posts are on the wire.
    mastodon.latencyMs = 400;
    mastodon.tokens.set('kill-token', { id: '11', username: 'killme', displayName: 'Kill' });
    try {
      const account = await createAccount(app, { network: 'mastodon', name: 'Kill target', instanceUrl: mastodon.url, accessToken: 'kill-token' });
      const env = instanceEnv(app);
      await seedPlans(app, account.documentId, 300, () => Date.now() + 5_000, (i) => `Survivor post ${i}`);
      const random = seededRandom(9);
      const kills: string[] = [];
      let killedMidway = 0;
      for (let k = 0; k < 10; k++) {
        const instance = await startInstance(`K${k}`, env);
        instances.push(instance);
        const wait = 500 + Math.floor(random() * 2500);
        await new Promise((r) => setTimeout(r, wait));
        const before = await statesCount(app);
        await kill(instance);
        instances.splice(instances.indexOf(instance), 1);
        kills.push(`${wait}ms:${before.published ?? 0}p/${before.publishing ?? 0}w/${before.unknown ?? 0}u`);
        if ((before.published ?? 0) < 300) killedMidway++;
      }
      instances.push(await startInstance('final', env));
      const done = await waitFor(async () => (await statesCount(app)).published === 300, 240_000);
      const states = await statesCount(app);
      const texts = mastodon.statuses.map((s) => s.text);
      const reconciled = ((await app.strapi.db.query(UID.publication).findMany({ select: ['history'] })) as Array<{ history: Array<{ event: string }> }>).filter((r) =>
        r.history.some((h) => h.event === 'reconciled_found' || h.event === 'reconciled_absent')
      ).length;
      console.log(`[reliability 2/${app.db.engine}] kills (uptime:published/publishing/unknown) ${kills.join(' ')}; states ${JSON.stringify(states)}; statuses ${texts.length}; reconciled ${reconciled}`);
      expect(killedMidway).toBeGreaterThanOrEqual(8);
      expect(done).toBe(true);
      expect(texts).toHaveLength(300);
      expect(new Set(texts).size).toBe(300);
    } finally {
      await stopAll();
      await mastodon.stop();
    }
  });

  it('a network failing 30 % of the time: every post published once; a 422 ends as failed with the network’s message', async () => {
    await cleanSlate();
    const mastodon: FakeMastodon = await startFakeMastodon();
    mastodon.tokens.set('fault-token', { id: '12', username: 'faulty', displayName: 'Faulty' });
    const random = seededRandom(30);
    const injected: Record<string, number> = {};
    mastodon.fault = (req) => {
      if (req.body.includes('REJECT ME')) return { kind: 'status', status: 422, body: { error: 'Validation failed: this post breaks the rules' } };
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
      const account = await createAccount(app, { network: 'mastodon', name: 'Faulty', instanceUrl: mastodon.url, accessToken: 'fault-token' });
      const env = instanceEnv(app, { CM_OUTBOUND_TIMEOUT_MS: '1500' });
      // Seeded before the instances start: on one SQLite file, a writer that meets another's write lock mid-transaction is refused at once.
      await seedPlans(app, account.documentId, 150, () => Date.now() + 3_000, (i) => (i === 0 ? 'REJECT ME please' : `Faulty network post ${i}`));
      instances.push(...(await Promise.all(['F1', 'F2'].map((name) => startInstance(name, env)))));
      const done = await waitFor(async () => {
        const states = await statesCount(app);
        return (states.published ?? 0) === 149 && (states.failed ?? 0) === 1;
      }, 300_000);
      const states = await statesCount(app);
      console.log(`[reliability 3/${app.db.engine}] injected ${JSON.stringify(injected)}; states ${JSON.stringify(states)}; statuses ${mastodon.statuses.length}`);
      expect(done).toBe(true);
      const texts = mastodon.statuses.map((s) => s.text);
      expect(texts).toHaveLength(149);
      expect(new Set(texts).size).toBe(149);
      const [failed] = (await app.strapi.db.query(UID.publication).findMany({ where: { state: 'failed' } })) as Array<{ errorCode: string; lastError: string }>;
      expect(failed).toMatchObject({ errorCode: 'network_rejected', lastError: 'Validation failed: this post breaks the rules' });
    } finally {
      await stopAll();
      await mastodon.stop();
    }
  });
});
