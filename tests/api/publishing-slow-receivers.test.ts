import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { startTrickleServer, type TrickleServer } from '../fakes/trickle-server';
import { createAccount, publications, publicationsOf, schedulePlan } from '../helpers/publishing';
import { MAX_POST_TEXT } from '../../shared/networks/rules';

/**
 * A small hostile load (issue 10): eight posts to a webhook receiver that
 * answers one byte every 100 ms and never finishes, plus a lint request with
 * the longest text the API takes (emoji with skin tones included), at the same time. The scheduler runs for
 * real here (its own ticks and wake-ups), on a clock moved ahead so next
 * year's posts fall due within seconds. An unrelated sandbox post must still
 * go out on time, and the stuck deliveries end as `unknown` (the request went
 * out, no answer came back: a person decides, nothing is sent twice).
 */
let app: TestApp;
let slow: TrickleServer;
let slowHookId: string;
let sandboxId: string;

/** the webhook deadline the app runs with, short so the test does not wait long */
const WEBHOOK_DEADLINE_MS = 2_000;
/** how late the unrelated post may be: generous, yet far below the stuck deliveries' lifetime before the fix (forever) */
const ON_TIME_MS = 5_000;

const year = new Date().getUTCFullYear() + 1;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, withinMs: number): Promise<T> {
  const until = Date.now() + withinMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`${what}: still ${JSON.stringify(value)} after ${withinMs} ms`);
    await sleep(100);
  }
}

beforeAll(async () => {
  // Only the posts trickle: the connection check answers at once.
  slow = await startTrickleServer({
    slow: (body) => body.includes('"event":"post"'),
  });
  app = await startApp({
    CM_SCHEDULER_ENABLED: 'true',
    CM_SCHEDULER_TICK_MS: '250',
    CM_OUTBOUND_DEADLINE_WEBHOOK_MS: String(WEBHOOK_DEADLINE_MS),
  });
  slowHookId = (
    await createAccount(app, {
      network: 'webhook',
      name: 'Slow chat',
      url: `${slow.url}/hook`,
      flavor: 'generic',
    })
  ).documentId;
  sandboxId = (await createAccount(app, { network: 'sandbox', name: 'Unrelated sandbox' })).documentId;
}, 60_000);
afterAll(async () => {
  if (app) publications(app).useClock(null);
  await slow?.stop();
  await app?.stop();
});

it('eight stuck webhook deliveries and a long lint do not delay an unrelated sandbox post', async () => {
  const stuck: Array<{ documentId: string; scheduledAt: string }> = [];
  for (let i = 0; i < 8; i++)
    stuck.push(
      await schedulePlan(app, [slowHookId], {
        title: `Slow ${i}`,
        body: `Slow delivery ${i}`,
        local: `${year}-06-10T09:00`,
      })
    );
  const unrelated = await schedulePlan(app, [sandboxId], {
    title: 'Unrelated',
    body: 'Unrelated sandbox post',
    local: `${year}-06-10T09:01`,
  });
  const stuckDue = Date.parse(stuck[0].scheduledAt);
  const unrelatedDue = Date.parse(unrelated.scheduledAt);

  // The eight fall due now; the scheduler claims them and they start trickling.
  const service = publications(app);
  const offset = stuckDue - Date.now();
  service.useClock(() => Date.now() + offset);
  await waitFor(
    'deliveries started',
    async () => slow.trickled,
    (n) => n >= 1,
    10_000
  );

  // Then the unrelated post falls due two seconds from now (real time T), while a long text is linted.
  const T = Date.now() + 2_000;
  const later = unrelatedDue - T;
  service.useClock(() => Date.now() + later);
  const lint = app.http
    .post('/community-manager/lint')
    .set(bearer(app.token))
    .send({
      text: 'é👍🏽 word '.repeat(MAX_POST_TEXT).slice(0, MAX_POST_TEXT),
      network: 'mastodon',
    })
    .then((res) => res.status);

  const [row] = await waitFor(
    'unrelated post',
    () => publicationsOf(app, unrelated.documentId),
    (rows) => rows[0]?.state === 'published',
    T - Date.now() + ON_TIME_MS
  );
  const lateBy = Date.now() - T;
  expect(row.state).toBe('published');
  expect(lateBy).toBeLessThan(ON_TIME_MS);
  expect(await lint).toBe(200);

  // Each stuck delivery ends at its deadline as an unknown outcome, never retried on its own, and lets go of its socket.
  const states = await waitFor(
    'stuck deliveries',
    async () => (await Promise.all(stuck.map((p) => publicationsOf(app, p.documentId)))).map((rows) => rows[0]),
    (rows) => rows.every((r) => r.state === 'unknown'),
    8 * WEBHOOK_DEADLINE_MS + 10_000
  );
  for (const r of states) expect(r.error?.code).toBe('unreachable_timeout');
  expect(slow.trickled).toBe(8);
  await waitFor(
    'sockets released',
    () => slow.openConnections(),
    (n) => n === 0,
    2_000
  );
}, 90_000);
