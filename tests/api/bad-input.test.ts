import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { generateBadPayloads, type Json, type PayloadShape } from '../helpers/bad-payloads';

/**
 * 1,000 generated bad payloads to every write route: each is answered 400
 * with the field named, none is a 500, and the database is unchanged.
 */
const PER_ROUTE = 1000;

let app: TestApp;
let lineId: string;
let accountId: string;
let planId: string;

beforeAll(async () => {
  app = await startApp();
  lineId = (await app.http.post('/community-manager/editorial-lines').set(bearer(app.token)).send({ name: 'Brand', pillars: [{ name: 'A', targetShare: 60 }] })).body.data.documentId;
  accountId = (await app.http.post('/community-manager/accounts').set(bearer(app.token)).send({ network: 'sandbox', name: 'Sandbox' })).body.data.documentId;
  planShape.valid.accountIds = [accountId];
  planId = (await app.http.post('/community-manager/post-plans').set(bearer(app.token)).send(planShape.valid)).body.data.documentId;
  await app.http.post(`/community-manager/post-plans/${planId}/submit`).set(bearer(app.token)).send({});
});
afterAll(async () => app?.stop());

async function snapshot() {
  const tables = ['plugin::community-manager.editorial-line', 'plugin::community-manager.social-account', 'plugin::community-manager.post-plan'] as const;
  return Promise.all(tables.map((uid) => app.strapi.db.query(uid).findMany({ orderBy: { id: 'asc' }, populate: true })));
}

const lineShape: PayloadShape = {
  valid: { name: 'Valid', pillars: [{ name: 'P', targetShare: 10 }], hashtags: { required: ['ok'], suggested: [] }, bannedWords: ['x'], languages: ['en'] },
  required: ['name'],
  strings: { name: 120, description: 2000, audience: 4000, tone: 2000, guidelines: 20000 },
  urls: [],
  enums: [],
  special: [
    (b) => ({ ...b, pillars: [{ name: 'A', targetShare: 70 }, { name: 'B', targetShare: 31 }] }),
    (b) => ({ ...b, pillars: [{ name: 'A', targetShare: 10, extra: true }] }),
    (b) => ({ ...b, pillars: [{ name: 'A', targetShare: 10 }, { name: 'a', targetShare: 10 }] }),
    (b) => ({ ...b, hashtags: { required: ['has space'], suggested: [] } }),
    (b) => ({ ...b, languages: ['english'] }),
    (b) => ({ ...b, frequencyTargets: [{ network: 'myspace', perWeek: 3 }] }),
    (b) => ({ ...b, frequencyTargets: [{ network: 'mastodon', perWeek: 2.5 }] }),
    (b) => ({ ...b, bannedWords: ['x'.repeat(101)] }),
    (b) => ({ ...b, pillars: [{ name: 'A', targetShare: -5 }] }),
  ],
};

const accountShape: PayloadShape = {
  valid: { network: 'webhook', name: 'Hook', url: 'https://hooks.example.com/x', flavor: 'slack' },
  required: ['network', 'name', 'url', 'flavor'],
  strings: { name: 120, url: 2048 },
  urls: ['url'],
  enums: ['network', 'flavor'],
  special: [
    () => ({ network: 'mastodon', name: 'M', instanceUrl: 'https://m.example', accessToken: '' }),
    () => ({ network: 'bluesky', name: 'B', identifier: 'not a handle', appPassword: 'x' }),
    () => ({ network: 'linkedin', name: 'L' }),
    (b) => ({ ...b, editorialLineId: 'NOT-AN-ID!' }),
  ],
};

const accountUpdateShape: PayloadShape = {
  valid: { name: 'Renamed', disabled: false },
  required: [],
  strings: { name: 120 },
  urls: [],
  enums: [],
  special: [() => ({ credentials: { url: 'javascript:alert(1)' } }), () => ({ name: '' }), () => ({ disabled: 'yes' })],
};

const lintShape: PayloadShape = {
  valid: { text: 'Hello', network: 'mastodon' },
  required: ['text', 'network'],
  strings: { text: 100_000 },
  urls: [],
  enums: ['network'],
  special: [(b) => ({ ...b, editorialLineId: '../../etc' })],
};

const planShape: PayloadShape = {
  valid: { title: 'Valid plan', body: 'Hello', accountIds: [], schedule: { local: '2031-05-05T10:00', timezone: 'Europe/Paris' } },
  required: ['title'],
  strings: { title: 200, body: 10_000 },
  urls: [],
  enums: [],
  special: [
    (b) => ({ ...b, schedule: { local: '2031-02-30T10:00', timezone: 'Europe/Paris' } }),
    (b) => ({ ...b, schedule: { local: '2031-05-05T10:00', timezone: 'Mars/Olympus' } }),
    (b) => ({ ...b, schedule: { local: '2031-03-30T02:30', timezone: 'Europe/Paris' } }),
    (b) => ({ ...b, schedule: { local: '2031-10-26T02:30', timezone: 'Europe/Paris' } }),
    (b) => ({ ...b, schedule: { local: 'tomorrow', timezone: 'Europe/Paris' } }),
    (b) => ({ ...b, accountIds: ['nosuchaccount1'] }),
    (b) => ({ ...b, variants: { myspace: { body: 'x' } } }),
    (b) => ({ ...b, entry: { uid: 'api::nothing.nothing', documentId: 'abc' } }),
    (b) => ({ ...b, entry: { uid: 'api::article.article', documentId: 'nosuchentry00' } }),
    (b) => ({ ...b, editorialLineId: 'nosuchline000' }),
  ],
};

const commentShape: PayloadShape = {
  valid: { comment: 'Please shorten' },
  required: [],
  strings: { comment: 2_000 },
  urls: [],
  enums: [],
};

const ROUTES: Array<{ label: string; method: 'post' | 'put'; path: () => string; shape: PayloadShape }> = [
  { label: 'POST /editorial-lines', method: 'post', path: () => '/editorial-lines', shape: lineShape },
  { label: 'PUT /editorial-lines/:id', method: 'put', path: () => `/editorial-lines/${lineId}`, shape: lineShape },
  { label: 'POST /accounts', method: 'post', path: () => '/accounts', shape: accountShape },
  { label: 'PUT /accounts/:id', method: 'put', path: () => `/accounts/${accountId}`, shape: accountUpdateShape },
  { label: 'POST /lint', method: 'post', path: () => '/lint', shape: lintShape },
  { label: 'POST /post-plans', method: 'post', path: () => '/post-plans', shape: planShape },
  { label: 'PUT /post-plans/:id', method: 'put', path: () => `/post-plans/${planId}`, shape: planShape },
  { label: 'POST /post-plans/:id/send_back', method: 'post', path: () => `/post-plans/${planId}/send_back`, shape: commentShape },
];

describe('bad input never reaches the database and never crashes the server', () => {
  it.each(ROUTES)('$label: 1,000 bad payloads are each refused with 400 naming a field', async ({ method, path, shape }) => {
    const before = await snapshot();
    const payloads = generateBadPayloads(shape, PER_ROUTE);
    const unexpected: Array<{ payload: Json; status: number }> = [];
    for (const payload of payloads) {
      const res = await app.http[method](`/community-manager${path()}`).set(bearer(app.token)).set('Content-Type', 'application/json').send(JSON.stringify(payload));
      // A body that is not even an object has no field to name: Strapi's body parser refuses it with a message.
      const isObject = payload !== null && typeof payload === 'object' && !Array.isArray(payload);
      const named = isObject ? res.body?.error?.details?.errors?.length > 0 : typeof res.body?.error?.message === 'string';
      if (res.status !== 400 || !named) unexpected.push({ payload, status: res.status });
    }
    expect(unexpected.slice(0, 3)).toEqual([]);
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
