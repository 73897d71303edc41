import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { badInputRoutes, type BadInputIds, type BadInputRoute } from '../helpers/bad-input-routes';
import { sampleBadPayloads, type Json } from '../helpers/bad-payloads';

/**
 * Bad payloads to every write route over HTTP, on each database: a sample of
 * every field and every failure kind (sampleBadPayloads), each answered 400
 * with the field named, none a 500, and the database unchanged. The full
 * generated set, 1,000 per route, goes through the same route schemas in the
 * unit suite (tests/unit/bad-input.test.ts): over HTTP it took most of this
 * file's minutes on each database and proved nothing more about the wiring.
 */
const IN_FLIGHT = 4;

/** Routes whose every refusal is catalogued (shared/core/messages.ts): the admin shows each field's message in the user's language. */
const CATALOGUED = /^\/(editorial-lines|lint|settings|entries)\b/;

let app: TestApp;
const routes = new Map<string, BadInputRoute>();

beforeAll(async () => {
  app = await startApp({ CM_WATCH_ENABLED: 'false' });
  const post = async (path: string, body: Record<string, Json>) =>
    (await app.http.post(`/community-manager${path}`).set(bearer(app.token)).send(body)).body.data.documentId as string;
  const lineId = await post('/editorial-lines', { name: 'Brand', pillars: [{ name: 'A', targetShare: 60 }] });
  const accountId = await post('/accounts', { network: 'sandbox', name: 'Sandbox' });
  const planId = await post('/post-plans', {
    title: 'Valid plan',
    body: 'Hello',
    accountIds: [accountId],
    schedule: { local: '2031-05-05T10:00', timezone: 'Europe/Paris' },
  });
  await app.http.post(`/community-manager/post-plans/${planId}/submit`).set(bearer(app.token)).send({});
  const articleId = (await app.strapi.documents('api::article.article').create({ data: { title: 'Timeline', slug: 'timeline' } as never }))
    .documentId;
  const sourceId = await post('/watch/sources', { url: 'https://feeds.example/bad-input.xml' });
  const alertId = await post('/watch/alerts', { name: 'Alert', kind: 'keyword', pattern: 'x' });
  // A publication waiting for a person, written as the scheduler would leave it.
  const publication = await app.strapi.documents('plugin::community-manager.publication').create({
    data: {
      planDocumentId: planId,
      accountDocumentId: accountId,
      network: 'sandbox',
      state: 'unknown',
      dueMs: Date.now(),
      nextAttemptMs: Date.now(),
      attempts: 1,
    } as never,
  });
  const ids: BadInputIds = { lineId, accountId, planId, sourceId, alertId, publicationId: publication.documentId, articleId };
  for (const route of badInputRoutes(ids)) routes.set(route.label, route);
  await app.http.put('/community-manager/settings').set(bearer(app.token)).send(routes.get('PUT /settings')!.shape.valid);
});
afterAll(async () => app?.stop());

async function snapshot() {
  const tables = [
    'plugin::community-manager.editorial-line',
    'plugin::community-manager.social-account',
    'plugin::community-manager.post-plan',
    'plugin::community-manager.post-comment',
    'plugin::community-manager.watch-source',
    'plugin::community-manager.watch-item',
    'plugin::community-manager.watch-alert',
    'plugin::community-manager.publication',
  ] as const;
  return Promise.all([
    ...tables.map((uid) => app.strapi.db.query(uid).findMany({ orderBy: { id: 'asc' }, populate: true })),
    app.strapi.store({ type: 'plugin', name: 'community-manager', key: 'settings' }).get({}),
  ]);
}

// The labels, for the test names; the routes themselves need the ids made above.
const LABELS = badInputRoutes({ lineId: '', accountId: '', planId: '', sourceId: '', alertId: '', publicationId: '', articleId: '' }).map(
  (r) => ({ label: r.label })
);

describe('bad input never reaches the database and never crashes the server', () => {
  it.each(LABELS)('$label: every field and failure kind is refused with 400 naming a field', async ({ label }) => {
    const { method, path, shape } = routes.get(label)!;
    const before = await snapshot();
    const payloads = sampleBadPayloads(shape);
    const unexpected: Array<{ payload: Json; status: number }> = [];
    const untranslated: Array<{ payload: Json; errors: unknown }> = [];
    const send = async ({ payload }: { payload: Json }) => {
      const res = await app.http[method](`/community-manager${path}`)
        .set(bearer(app.token))
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(payload));
      // A body that is not even an object has no field to name: Strapi's body parser refuses it with a message.
      const isObject = payload !== null && typeof payload === 'object' && !Array.isArray(payload);
      const named = isObject ? res.body?.error?.details?.errors?.length > 0 : typeof res.body?.error?.message === 'string';
      if (res.status !== 400 || !named) unexpected.push({ payload, status: res.status });
      const errors: Array<{ messageId?: string }> = res.body?.error?.details?.errors ?? [];
      if (isObject && CATALOGUED.test(path) && errors.some((error) => typeof error.messageId !== 'string'))
        untranslated.push({ payload, errors });
    };
    // A few requests in flight at once, as a busy admin would send them; the server must still refuse each.
    const queue = [...payloads];
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        for (let payload = queue.shift(); payload !== undefined; payload = queue.shift()) await send(payload);
      })
    );
    expect(unexpected.slice(0, 3)).toEqual([]);
    expect(untranslated.slice(0, 3)).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('malformed JSON is a 400, not a 500', async () => {
    const res = await app.http
      .post('/community-manager/editorial-lines')
      .set(bearer(app.token))
      .set('Content-Type', 'application/json')
      .send('{"name": "broken", ');
    expect(res.status).toBe(400);
  });
});
