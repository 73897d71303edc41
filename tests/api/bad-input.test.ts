import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { generateBadPayloads, type Json, type PayloadShape } from '../helpers/bad-payloads';

/**
 * 1,000 generated bad payloads to every write route: each is answered 400
 * with the field named, none is a 500, and the database is unchanged.
 */
const PER_ROUTE = 1000;
const IN_FLIGHT = 4;

let app: TestApp;
let lineId: string;
let accountId: string;
let planId: string;
let sourceId: string;
let alertId: string;

beforeAll(async () => {
  app = await startApp({ CM_WATCH_ENABLED: 'false' });
  lineId = (await app.http.post('/community-manager/editorial-lines').set(bearer(app.token)).send({ name: 'Brand', pillars: [{ name: 'A', targetShare: 60 }] })).body.data.documentId;
  accountId = (await app.http.post('/community-manager/accounts').set(bearer(app.token)).send({ network: 'sandbox', name: 'Sandbox' })).body.data.documentId;
  planShape.valid.accountIds = [accountId];
  planId = (await app.http.post('/community-manager/post-plans').set(bearer(app.token)).send(planShape.valid)).body.data.documentId;
  await app.http.post(`/community-manager/post-plans/${planId}/submit`).set(bearer(app.token)).send({});
  await app.http.put('/community-manager/settings').set(bearer(app.token)).send(settingsShape.valid);
  timelineShape.valid.documentId = (await app.strapi.documents('api::article.article').create({ data: { title: 'Timeline', slug: 'timeline' } as never })).documentId;
  timelineShape.valid.accountIds = [accountId];
  sourceId = (await app.http.post('/community-manager/watch/sources').set(bearer(app.token)).send({ url: 'https://feeds.example/bad-input.xml' })).body.data.documentId;
  alertId = (await app.http.post('/community-manager/watch/alerts').set(bearer(app.token)).send({ name: 'Alert', kind: 'keyword', pattern: 'x' })).body.data.documentId;
  // A publication waiting for a person, written as the scheduler would leave it.
  const publication = await app.strapi.documents('plugin::community-manager.publication').create({
    data: { planDocumentId: planId, accountDocumentId: accountId, network: 'sandbox', state: 'unknown', dueMs: Date.now(), nextAttemptMs: Date.now(), attempts: 1 } as never,
  });
  publicationId = publication.documentId;
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
    (b) => ({ ...b, media: [{ id: 999999 }] }),
    (b) => ({ ...b, media: [{ id: -1 }] }),
    (b) => ({ ...b, media: [{ id: 1.5, alt: 'x' }] }),
    (b) => ({ ...b, media: [{ id: 1, alt: 'x'.repeat(1501) }] }),
    (b) => ({ ...b, media: 'cover.png' }),
  ],
};

const postCommentShape: PayloadShape = {
  valid: { body: 'Is the credit right?' },
  required: ['body'],
  strings: { body: 5_000 },
  urls: [],
  enums: [],
  special: [() => ({ body: '   ' })],
};

const bulkShape: PayloadShape = {
  valid: { action: 'submit', documentIds: ['abc123'] },
  required: ['action', 'documentIds'],
  // Naming `action` here makes the wrong-type mutations hit it rather than give documentIds another valid list.
  strings: { action: 20 },
  urls: [],
  enums: ['action'],
  special: [(b) => ({ ...b, documentIds: [] }), (b) => ({ ...b, documentIds: ['../x'] }), (b) => ({ ...b, documentIds: Array.from({ length: 101 }, (_, i) => `id${i}`) })],
};

const commentShape: PayloadShape = {
  valid: { comment: 'Please shorten' },
  required: [],
  strings: { comment: 2_000 },
  urls: [],
  enums: [],
};

const settingsShape: PayloadShape = {
  valid: {
    approvalRequired: true,
    retimeNeedsReview: false,
    siteUrl: 'https://example.com',
    contentTypes: [{ uid: 'api::article.article', urlPattern: 'https://example.com/blog/{slug}' }],
  },
  required: [],
  strings: { siteUrl: 500 },
  urls: ['siteUrl'],
  enums: [],
  special: [
    (b) => ({ ...b, contentTypes: [{ uid: 'api::nothing.nothing', urlPattern: null }] }),
    (b) => ({ ...b, contentTypes: [{ uid: 'plugin::community-manager.post-plan' }] }),
    (b) => ({ ...b, contentTypes: [{ uid: 'api::article.article', urlPattern: 'https://example.com/{nope}' }] }),
    (b) => ({ ...b, contentTypes: [{ uid: 'api::article.article', urlPattern: 'https://user:pw@example.com/{slug}' }] }),
    (b) => ({ ...b, contentTypes: [{ uid: 'api::article.article', fields: { image: 'title' } }] }),
    (b) => ({ ...b, contentTypes: [{ uid: 'api::article.article', autoShare: { enabled: true } }] }),
    (b) => ({ ...b, contentTypes: [{ uid: 'api::article.article', autoShare: { template: '{secret}' } }] }),
    (b) => ({ ...b, contentTypes: [{ uid: 'api::article.article', autoShare: { mode: 'now' } }] }),
    (b) => ({ ...b, contentTypes: [{ uid: 'api::article.article', autoShare: { delayMinutes: 1.5 } }] }),
    (b) => ({ ...b, contentTypes: [{ uid: 'api::article.article' }, { uid: 'api::article.article' }] }),
    (b) => ({ ...b, approvalRequired: 'no' }),
  ],
};

const timelineShape: PayloadShape = {
  valid: { uid: 'api::article.article', documentId: '', accountIds: [], offsets: [1, 3, 14], time: '09:00', timezone: 'Europe/Paris' },
  required: ['uid', 'documentId', 'accountIds', 'offsets', 'time', 'timezone'],
  strings: { timezone: 64, time: 5 },
  urls: [],
  enums: ['uid'],
  special: [
    (b) => ({ ...b, offsets: [1, 1] }),
    (b) => ({ ...b, offsets: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }),
    (b) => ({ ...b, offsets: [-3] }),
    (b) => ({ ...b, offsets: [0], time: '00:00', timezone: 'Etc/GMT+12' }),
    (b) => ({ ...b, time: '25:00' }),
    (b) => ({ ...b, timezone: 'Mars/Olympus' }),
    (b) => ({ ...b, accountIds: ['nosuchaccount1'] }),
    (b) => ({ ...b, documentId: '../../etc' }),
  ],
};

const rescheduleShape: PayloadShape = {
  valid: { schedule: { local: '2031-05-06T10:00', timezone: 'Europe/Paris' } },
  required: ['schedule'],
  strings: {},
  urls: [],
  enums: [],
  special: [
    () => ({ schedule: { local: '2031-03-30T02:30', timezone: 'Europe/Paris' } }),
    () => ({ schedule: { local: '2031-10-26T02:30', timezone: 'Europe/Paris' } }),
    () => ({ schedule: { local: '2020-01-01T09:00', timezone: 'Europe/Paris' } }),
    () => ({ schedule: { local: '2031-05-06T10:00', timezone: 'Mars/Olympus' } }),
    () => ({ schedule: { local: '2031-05-06T10:00', timezone: 'Europe/Paris', fold: 'sometimes' } }),
    () => ({ schedule: { local: '2031-05-06T10:00' } }),
    () => ({ schedule: { local: '2031-02-30T10:00', timezone: 'Europe/Paris' } }),
  ],
};

const sourceShape: PayloadShape = {
  valid: { url: 'https://feeds.example/rss.xml', name: 'Feed', tags: ['news'], keywords: ['launch'], intervalMinutes: 60 },
  required: ['url'],
  strings: { name: 200, url: 2048 },
  urls: ['url'],
  enums: [],
  special: [
    (b) => ({ ...b, intervalMinutes: 5 }),
    (b) => ({ ...b, intervalMinutes: 60.5 }),
    (b) => ({ ...b, tags: [''] }),
    (b) => ({ ...b, keywords: ['k'.repeat(81)] }),
    (b) => ({ ...b, siteUrl: 'javascript:alert(1)' }),
  ],
};

const sourceUpdateShape: PayloadShape = {
  valid: { name: 'Renamed', intervalMinutes: 120 },
  required: [],
  strings: { name: 200 },
  urls: [],
  enums: [],
  special: [() => ({ url: 'file:///etc/passwd' }), () => ({ intervalMinutes: 100_000 }), () => ({ tags: 'news' })],
};

const urlShape: PayloadShape = { valid: { url: 'https://feeds.example/' }, required: ['url'], strings: { url: 2048 }, urls: ['url'], enums: [] };

const opmlShape: PayloadShape = {
  valid: { opml: '<opml version="2.0"><body><outline text="x" xmlUrl="https://feeds.example/a.xml"/></body></opml>', intervalMinutes: 60 },
  required: ['opml'],
  strings: { opml: 500_000 },
  urls: [],
  enums: [],
  special: [
    (b) => ({ ...b, opml: '<!DOCTYPE x [<!ENTITY a "b">]><opml><body/></opml>' }),
    (b) => ({ ...b, opml: '<html>not opml</html>' }),
    (b) => ({ ...b, intervalMinutes: 0 }),
  ],
};

const stateShape: PayloadShape = { valid: { state: 'read' }, required: ['state'], strings: {}, urls: [], enums: ['state'], special: [() => ({ state: 'curated' })] };

const itemsBulkShape: PayloadShape = {
  valid: { ids: ['nosuchitem0000'], state: 'archived' },
  required: ['ids', 'state'],
  // `state` is the only string field; wrong types aimed at `ids` could be a valid id list (['a']), so they go to `state`.
  strings: { state: 8 },
  urls: [],
  enums: ['state'],
  special: [(b) => ({ ...b, ids: [] }), (b) => ({ ...b, ids: ['../etc'] }), (b) => ({ ...b, ids: Array.from({ length: 501 }, (_, i) => `item${i}`) })],
};

const curateShape: PayloadShape = {
  valid: { commentary: 'Worth sharing' },
  required: [],
  strings: { commentary: 2_000 },
  urls: [],
  enums: [],
  special: [(b) => ({ ...b, editorialLineId: 'NOT AN ID' })],
};

const alertShape: PayloadShape = {
  valid: { name: 'Launches', kind: 'keyword', pattern: 'launch', enabled: true, digest: true },
  required: ['name', 'kind', 'pattern'],
  strings: { name: 120, pattern: 200 },
  urls: [],
  enums: ['kind'],
  special: [
    (b) => ({ ...b, kind: 'regex', pattern: '(a+)+$' }),
    (b) => ({ ...b, kind: 'regex', pattern: '(x|xx)*' }),
    (b) => ({ ...b, kind: 'regex', pattern: '(a)\\1' }),
    (b) => ({ ...b, kind: 'regex', pattern: '[' }),
    (b) => ({ ...b, enabled: 'yes' }),
  ],
};

const pauseShape: PayloadShape = {
  valid: { paused: false, reason: 'Crisis' },
  required: ['paused'],
  strings: { reason: 500 },
  urls: [],
  enums: [],
  special: [() => ({ paused: 'yes' }), () => ({ paused: 1 })],
};

const markPublishedShape: PayloadShape = {
  valid: { url: 'https://example.com/p/1' },
  required: ['url'],
  strings: { url: 2048 },
  urls: ['url'],
  enums: [],
  special: [() => ({ url: 'ftp://example.com/x' }), () => ({ url: 'javascript:alert(1)' })],
};

let publicationId: string;

const ROUTES: Array<{ label: string; method: 'post' | 'put'; path: () => string; shape: PayloadShape }> = [
  { label: 'POST /editorial-lines', method: 'post', path: () => '/editorial-lines', shape: lineShape },
  { label: 'PUT /editorial-lines/:id', method: 'put', path: () => `/editorial-lines/${lineId}`, shape: lineShape },
  { label: 'POST /accounts', method: 'post', path: () => '/accounts', shape: accountShape },
  { label: 'PUT /accounts/:id', method: 'put', path: () => `/accounts/${accountId}`, shape: accountUpdateShape },
  { label: 'POST /lint', method: 'post', path: () => '/lint', shape: lintShape },
  { label: 'POST /post-plans', method: 'post', path: () => '/post-plans', shape: planShape },
  { label: 'PUT /post-plans/:id', method: 'put', path: () => `/post-plans/${planId}`, shape: planShape },
  { label: 'POST /post-plans/:id/send_back', method: 'post', path: () => `/post-plans/${planId}/send_back`, shape: commentShape },
  { label: 'PUT /settings', method: 'put', path: () => '/settings', shape: settingsShape },
  { label: 'POST /entries/share-timeline', method: 'post', path: () => '/entries/share-timeline', shape: timelineShape },
  { label: 'POST /post-plans/:id/comments', method: 'post', path: () => `/post-plans/${planId}/comments`, shape: postCommentShape },
  { label: 'POST /post-plans/bulk', method: 'post', path: () => '/post-plans/bulk', shape: bulkShape },
  { label: 'POST /post-plans/:id/reschedule', method: 'post', path: () => `/post-plans/${planId}/reschedule`, shape: rescheduleShape },
  { label: 'POST /watch/sources', method: 'post', path: () => '/watch/sources', shape: sourceShape },
  { label: 'PUT /watch/sources/:id', method: 'put', path: () => `/watch/sources/${sourceId}`, shape: sourceUpdateShape },
  { label: 'POST /watch/sources/test', method: 'post', path: () => '/watch/sources/test', shape: urlShape },
  { label: 'POST /watch/discover', method: 'post', path: () => '/watch/discover', shape: urlShape },
  { label: 'POST /watch/opml/import', method: 'post', path: () => '/watch/opml/import', shape: opmlShape },
  { label: 'POST /watch/items/:id/state', method: 'post', path: () => '/watch/items/nosuchitem0000/state', shape: stateShape },
  { label: 'POST /watch/items/bulk', method: 'post', path: () => '/watch/items/bulk', shape: itemsBulkShape },
  { label: 'POST /watch/items/:id/curate', method: 'post', path: () => '/watch/items/nosuchitem0000/curate', shape: curateShape },
  { label: 'POST /watch/alerts', method: 'post', path: () => '/watch/alerts', shape: alertShape },
  { label: 'PUT /watch/alerts/:id', method: 'put', path: () => `/watch/alerts/${alertId}`, shape: alertShape },
  { label: 'PUT /publishing/pause', method: 'put', path: () => '/publishing/pause', shape: pauseShape },
  { label: 'POST /publications/:id/mark-published', method: 'post', path: () => `/publications/${publicationId}/mark-published`, shape: markPublishedShape },
];

describe('bad input never reaches the database and never crashes the server', () => {
  it.each(ROUTES)('$label: 1,000 bad payloads are each refused with 400 naming a field', async ({ method, path, shape }) => {
    const before = await snapshot();
    const payloads = generateBadPayloads(shape, PER_ROUTE);
    const unexpected: Array<{ payload: Json; status: number }> = [];
    const send = async (payload: Json) => {
      const res = await app.http[method](`/community-manager${path()}`).set(bearer(app.token)).set('Content-Type', 'application/json').send(JSON.stringify(payload));
      // A body that is not even an object has no field to name: Strapi's body parser refuses it with a message.
      const isObject = payload !== null && typeof payload === 'object' && !Array.isArray(payload);
      const named = isObject ? res.body?.error?.details?.errors?.length > 0 : typeof res.body?.error?.message === 'string';
      if (res.status !== 400 || !named) unexpected.push({ payload, status: res.status });
    };
    // A few requests in flight at once, as a busy admin would send them; the server must still refuse each.
    const queue = [...payloads];
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      for (let payload = queue.shift(); payload !== undefined; payload = queue.shift()) await send(payload);
    }));
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
