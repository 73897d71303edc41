import { startApp, type TestApp } from '../helpers/strapi';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon';
import { seededRandom } from '../helpers/bad-payloads';
import { createAccount } from '../helpers/publishing';
import { UID } from '../../content-types';
import { instanceEnv, kill, seedPlans, startInstance, statesCount, waitFor, type Instance } from './cluster';

/**
 * Scenario 2 of the reliability suite (tests/reliability/publishing.test.ts
 * has the others): the only Strapi instance killed with SIGKILL ten times
 * while 300 posts go out, restarted each time. No duplicate, nothing lost,
 * unknown outcomes reconciled. Its own file, so its eleven boots run as a
 * stage of their own beside the other scenarios.
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

describe('reliability of publishing', () => {
  it('the only instance killed with SIGKILL ten times while 300 posts go out: no duplicate, nothing lost', async () => {
    const mastodon: FakeMastodon = await startFakeMastodon();
    // Slow enough that the ten kills land while posts are on the wire (at 400 ms, since the
    // publisher got faster, the tenth kill came after the last post: 9 of 10 midway in CI).
    mastodon.latencyMs = 600;
    mastodon.tokens.set('kill-token', { id: '11', username: 'killme', displayName: 'Kill' });
    try {
      const account = await createAccount(app, {
        network: 'mastodon',
        name: 'Kill target',
        instanceUrl: mastodon.url,
        accessToken: 'kill-token',
      });
      const env = instanceEnv(app);
      await seedPlans(
        app,
        account.documentId,
        300,
        () => Date.now() + 5_000,
        (i) => `Survivor post ${i}`
      );
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
      // The kills are over: the last instance drains what is left at the network's usual speed.
      mastodon.latencyMs = 50;
      instances.push(await startInstance('final', env));
      const done = await waitFor(async () => (await statesCount(app)).published === 300, 240_000);
      const states = await statesCount(app);
      const texts = mastodon.statuses.map((s) => s.text);
      const reconciled = (
        (await app.strapi.db.query(UID.publication).findMany({ select: ['history'] })) as Array<{ history: Array<{ event: string }> }>
      ).filter((r) => r.history.some((h) => h.event === 'reconciled_found' || h.event === 'reconciled_absent')).length;
      console.log(
        `[reliability 2/${app.db.engine}] kills (uptime:published/publishing/unknown) ${kills.join(' ')}; states ${JSON.stringify(states)}; statuses ${texts.length}; reconciled ${reconciled}`
      );
      expect(killedMidway).toBeGreaterThanOrEqual(8);
      expect(done).toBe(true);
      expect(texts).toHaveLength(300);
      expect(new Set(texts).size).toBe(300);
    } finally {
      await stopAll();
      await mastodon.stop();
    }
  });
});
