import type { ParsedMail } from 'mailparser';
import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon';
import { createAccount, publicationsOf, schedulePlan, tickAt } from '../helpers/publishing';
import { adminInRole, adminWith } from '../helpers/admins';
import { PNG } from '../helpers/images';
import { readPdf } from '../helpers/pdf-reader';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

/**
 * Reports end to end on one boot: figures collected from the Mastodon fake
 * (documented Status and Account fields) and the sandbox on the schedule's
 * ages, the job driven pass by pass on a set clock (no waiting); the
 * dashboard's KPIs against the editorial line's targets; a report whose
 * figures stay frozen when newer snapshots arrive; the CSV exports; RBAC.
 */
let app: TestApp;
let mastodon: FakeMastodon;
const api = '/community-manager';
const TOKEN = 'reports-mastodon-token';
const H = 3_600_000;

interface Reports {
  collect(): Promise<{ created: number; posts: number; accounts: number; stopped: number; failed: number }>;
  deliver(): Promise<{ sent: number; skipped: number; failed: number }>;
  useClock(fn: (() => number) | null): void;
}
const reports = () => app.strapi.plugin('community-manager').service('reports') as Reports;
/** One collection pass with the clock at `at`. */
async function collectAt(at: number) {
  reports().useClock(() => at);
  return reports().collect();
}
const snapshots = () => app.strapi.db.query('plugin::community-manager.metric-snapshot').findMany({ orderBy: { id: 'asc' } });
const track = (publicationId: string) =>
  app.strapi.db.query('plugin::community-manager.metric-track').findOne({ where: { subject: `post:${publicationId}` } });

let lineId: string;
let mastodonId: string;
let sandboxId: string;
let published: number;
const pubs: Array<{ documentId: string; network: string; externalId: string; plan: string }> = [];
let period: { from: string; to: string };

beforeAll(async () => {
  [app, mastodon] = await Promise.all([startApp({ CM_SCHEDULER_ENABLED: 'false' }), startFakeMastodon()]);
  mastodon.tokens.set(TOKEN, { id: '9', username: 'brand', displayName: 'Brand' });
  mastodon.audience.set('9', { followers: 1000, following: 50 });
  const auth = bearer(app.token);
  const line = await app.http
    .post(`${api}/editorial-lines`)
    .set(auth)
    .send({
      name: 'Reported brand',
      pillars: [
        { name: 'Tutorials', targetShare: 50 },
        { name: 'Community', targetShare: 50 },
      ],
      frequencyTargets: [{ network: 'mastodon', perWeek: 7 }],
    });
  expect(line.status).toBe(200);
  lineId = line.body.data.documentId;
  mastodonId = (
    await createAccount(app, {
      network: 'mastodon',
      name: 'Brand Mastodon',
      instanceUrl: mastodon.url,
      accessToken: TOKEN,
      editorialLineId: lineId,
    })
  ).documentId;
  sandboxId = (await createAccount(app, { network: 'sandbox', name: 'Brand sandbox', editorialLineId: lineId })).documentId;

  // Three posts on both accounts, published by the scheduler at their instant.
  const year = new Date().getUTCFullYear() + 1;
  const plans = [
    { title: 'Tutorial one', pillar: 'Tutorials', campaign: 'Spring launch', local: `${year}-04-06T09:00` },
    { title: '=HYPERLINK("http://evil.example")', pillar: 'Tutorials', campaign: 'Spring launch', local: `${year}-04-06T09:05` },
    { title: 'Meet-up', pillar: 'Community', campaign: 'Meet-ups', local: `${year}-04-06T09:10` },
  ];
  for (const p of plans) {
    const plan = await schedulePlan(app, [mastodonId, sandboxId], {
      title: p.title,
      body: `${p.title} body`,
      local: p.local,
      timezone: 'UTC',
      more: { editorialLineId: lineId, pillar: p.pillar, campaign: p.campaign },
    });
    await tickAt(app, Date.parse(plan.scheduledAt) + 1);
    for (const row of await publicationsOf(app, plan.documentId)) {
      expect(row.state).toBe('published');
      const network = row.externalId!.startsWith('sandbox:') ? 'sandbox' : 'mastodon';
      pubs.push({ documentId: row.documentId, network, externalId: row.externalId!, plan: p.title });
    }
  }
  published = Date.parse(`${year}-04-06T09:10:00Z`) + 1;
  period = { from: `${year}-04-06T00:00:00.000Z`, to: `${year}-04-13T00:00:00.000Z` };
});
afterAll(async () => {
  reports()?.useClock(null);
  await app?.stop();
  await mastodon?.stop();
});

/** supertest's parser for a binary answer: the bytes as a Buffer. */
function binary(res: unknown, done: (err: Error | null, body: Buffer) => void) {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

const statusOf = (title: string) => mastodon.statuses.find((s) => s.text === `${title} body`)!;
const mastodonPubs = () => pubs.filter((p) => p.network === 'mastodon');

describe('metric collection', () => {
  it('reads every due post of an account in one batched call at +1 h, and each account once', async () => {
    statusOf('Tutorial one').counts = { favourites: 10, reblogs: 3, replies: 2, quotes: 1 };
    statusOf('Meet-up').counts = { favourites: 4, reblogs: 0, replies: 1, quotes: 0 };
    // Before the first age: the tracks are made and the accounts read, no post yet.
    const seen = mastodon.requests.length;
    expect(await collectAt(published + 20 * 60_000)).toMatchObject({ created: 8, posts: 0, accounts: 2 });
    const first = await collectAt(published + H);
    expect(first).toMatchObject({ created: 0, posts: 6, accounts: 0, failed: 0 });
    const reads = mastodon.requests.slice(seen).filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/statuses'));
    expect(reads).toHaveLength(1);
    expect(reads[0].path.match(/id%5B%5D=|id\[\]=/g)).toHaveLength(3);

    const rows = await snapshots();
    const tutorial = rows.find((r) => r.publicationDocumentId === mastodonPubs().find((p) => p.plan === 'Tutorial one')!.documentId)!;
    expect(tutorial).toMatchObject({ kind: 'post', slotHours: 1, likes: 10, reposts: 3, replies: 2, quotes: 1, impressions: null });
    const account = rows.find((r) => r.kind === 'account' && r.accountDocumentId === mastodonId)!;
    expect(account).toMatchObject({ followers: 1000, following: 50, posts: 3 });
    // The sandbox makes plausible figures up, the same for the same post at the same age.
    const sandbox = rows.filter((r) => r.kind === 'post' && r.network === 'sandbox');
    expect(sandbox).toHaveLength(3);
    for (const s of sandbox) expect(s.impressions).toBeGreaterThan(s.likes);

    // A second pass at the same instant finds nothing due: no doubled snapshot.
    expect(await collectAt(published + H)).toMatchObject({ posts: 0, accounts: 0 });
    expect(await snapshots()).toHaveLength(rows.length);
    // Next at its +6 h age.
    const next = Number((await track(mastodonPubs()[0].documentId)).nextMs);
    expect(next).toBeGreaterThan(published + 5 * H);
    expect(next).toBeLessThanOrEqual(published + 6 * H);
  });

  it('reads status by status on an instance without the batch route, and stops a deleted post with a reason', async () => {
    mastodon.batchStatuses = false;
    statusOf('Tutorial one').counts = { favourites: 20, reblogs: 5, replies: 4, quotes: 1 };
    const deleted = statusOf('Meet-up');
    mastodon.statuses.splice(mastodon.statuses.indexOf(deleted), 1);
    mastodon.audience.set('9', { followers: 1030, following: 50 });
    const seen = mastodon.requests.length;
    const result = await collectAt(published + 6 * H);
    expect(result).toMatchObject({ posts: 5, stopped: 1, failed: 0 });
    const reads = mastodon.requests.slice(seen).filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/statuses'));
    // The batch route answered 404 once; then one call per status.
    expect(reads.map((r) => r.path.split('?')[0]).sort()).toEqual(
      ['/api/v1/statuses', ...mastodonPubs().map((p) => `/api/v1/statuses/${p.externalId}`)].sort()
    );
    const gone = await track(mastodonPubs().find((p) => p.plan === 'Meet-up')!.documentId);
    expect(gone).toMatchObject({ stoppedReason: 'deleted', nextMs: null });
    // Accounts are read daily: a day later their followers again.
    expect(await collectAt(published + 25 * H)).toMatchObject({ accounts: 2 });
  });
});

describe('the dashboard and reports', () => {
  const auth = () => bearer(app.token);

  it('computes the KPIs against the line’s targets, with the engagement rate’s basis', async () => {
    const res = await app.http
      .get(`${api}/reports/dashboard`)
      .query({ ...period, editorialLineId: lineId })
      .set(auth());
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(d.scope).toMatchObject({ editorialLineId: lineId, editorialLineName: 'Reported brand' });
    expect(d.current.posts).toBe(6);
    const mastodonRow = d.current.networks.find((n: { network: string }) => n.network === 'mastodon');
    // Latest figures: 20+5+4+1 for the tutorial, 0 for the formula-titled post, 4+1 for the deleted one's last snapshot.
    expect(mastodonRow).toMatchObject({ posts: 3, targetPosts: 7, engagements: 35 });
    // Mastodon gives no impressions: per follower at posting (1000 each, read at +1 h, before any later reading).
    expect(mastodonRow.rate).toMatchObject({ basis: 'followers', numerator: 35, denominator: 3000, value: 1.17 });
    expect(d.current.networks.find((n: { network: string }) => n.network === 'sandbox').rate.basis).toBe('impressions');
    const tutorials = d.current.pillars.find((p: { pillar: string }) => p.pillar === 'Tutorials');
    expect(tutorials).toMatchObject({ posts: 4, share: 66.7, targetShare: 50 });
    const growth = d.current.accounts.find((a: { accountId: string }) => a.accountId === mastodonId);
    expect(growth).toMatchObject({ followersStart: 1000, followersEnd: 1030, growth: 30, growthPct: 3 });
    expect(d.kpis.map((k: { id: string }) => k.id)).toEqual([
      'posts',
      'engagements',
      'engagementPerPost',
      'engagementRate',
      'reach',
      'followerGrowth',
      'followerGrowthPct',
      'pillarFit',
      'conversations',
      'firstResponse',
      'positiveShare',
      'negativeShare',
    ]);
    expect(d.kpis[0]).toMatchObject({ value: 6, previous: 0, target: 7 });
    expect(d.top[0].engagements).toBeGreaterThanOrEqual(d.top[d.top.length - 1].engagements);
    expect(d.previous.period).toEqual({ from: new Date(Date.parse(period.from) - 7 * 86_400_000).toISOString(), to: period.from });
  });

  it('measures the tiles and the pillars against the line’s own targets, kept with the line', async () => {
    const line = {
      name: 'Reported brand',
      pillars: [
        { name: 'Tutorials', targetShare: 50, engagementTarget: 12 },
        { name: 'Community', targetShare: 50 },
      ],
      frequencyTargets: [{ network: 'mastodon', perWeek: 7 }],
    };
    const bad = await app.http
      .put(`${api}/editorial-lines/${lineId}`)
      .set(auth())
      .send({ ...line, kpiTargets: { engagementRate: 140, firstResponseMinutes: -5, secret: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.')).sort()).toEqual([
      'kpiTargets',
      'kpiTargets.engagementRate',
      'kpiTargets.firstResponseMinutes',
    ]);
    // Mastodon has targets of its own; the sandbox follows the line's growth target.
    const kpiTargets = {
      engagementPerPost: 5,
      followerGrowthPerMonth: 3,
      firstResponseMinutes: 60,
      networks: { mastodon: { engagementRate: 1, followerGrowthPerMonth: 5 } },
    };
    const saved = await app.http
      .put(`${api}/editorial-lines/${lineId}`)
      .set(auth())
      .send({ ...line, kpiTargets });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ kpiTargets, pillars: [{ name: 'Tutorials', engagementTarget: 12 }, { name: 'Community' }] });
    try {
      const d = (
        await app.http
          .get(`${api}/reports/dashboard`)
          .query({ ...period, editorialLineId: lineId })
          .set(auth())
      ).body.data;
      const kpi = (id: string) => d.kpis.find((k: { id: string }) => k.id === id);
      expect(kpi('engagementPerPost')).toMatchObject({ target: 5, attainment: Math.round((kpi('engagementPerPost').value / 5) * 100) });
      // A week of "+3 % a month": 3 × 7 ÷ 30.44.
      expect(kpi('followerGrowthPct').target).toBe(0.69);
      expect(kpi('firstResponse')).toMatchObject({ target: 3_600_000 });
      expect(kpi('engagementRate').target).toBeNull();
      expect(d.current.pillars.find((p: { pillar: string }) => p.pillar === 'Tutorials').targetEngagementPerPost).toBe(12);
      expect(d.current.networks.find((n: { network: string }) => n.network === 'mastodon').targetRate).toBe(1);
      expect(d.current.networks.find((n: { network: string }) => n.network === 'sandbox').targetRate).toBeNull();
      const account = (id: string) => d.current.accounts.find((a: { accountId: string }) => a.accountId === id);
      // A week of +5 % a month for Mastodon, of the line's +3 % for the sandbox.
      expect([account(mastodonId).targetGrowthPct, account(sandboxId).targetGrowthPct]).toEqual([1.15, 0.69]);
      const audience = await app.http
        .get(`${api}/reports/dashboard/export`)
        .query({ ...period, editorialLineId: lineId, table: 'accounts' })
        .set(auth());
      expect(audience.body.data.csv).toContain(',target_growth_pct\r\nBrand Mastodon,mastodon,yes,');
      expect(audience.body.data.csv).toMatch(/\r\nBrand Mastodon,mastodon,yes,[^\r]*,1\.15\r\n/);
      const csv = await app.http
        .get(`${api}/reports/dashboard/export`)
        .query({ ...period, editorialLineId: lineId, table: 'pillars' })
        .set(auth());
      expect(csv.body.data.csv.split('\r\n')[0]).toBe(
        'pillar,posts,share_pct,target_share_pct,engagements,engagement_per_post,target_engagement_per_post'
      );
      expect(csv.body.data.csv).toMatch(/\r\nTutorials,4,66.7,50,[\d.]+,[\d.]+,12\r\n/);
    } finally {
      const back = await app.http.put(`${api}/editorial-lines/${lineId}`).set(auth()).send(line);
      expect(back.body.data.kpiTargets).toEqual({});
    }
  });

  it('reads the community’s figures from the inbox: the scope’s accounts and the site, answered how fast, in what mood', async () => {
    const owner = (await app.strapi.db.query('admin::user').findMany({ orderBy: { id: 'asc' }, limit: 1 }))[0] as { id: number };
    const items = app.strapi.db.query('plugin::community-manager.inbox-item');
    const at = (hours: number) => new Date(Date.parse(period.from) + hours * H);
    const seed: Array<[string, string, number, 'positive' | 'neutral' | 'negative', number | null, string?]> = [
      // [source, network, received (hours into the period), sentiment, answered after (min), status]
      [mastodonId, 'mastodon', 10, 'positive', 20],
      [mastodonId, 'mastodon', 11, 'negative', 120],
      [mastodonId, 'mastodon', 12, 'neutral', null],
      ['site', 'site', 13, 'positive', 45],
      // Left out: spam, an account outside the line, the period before (counted there).
      [mastodonId, 'mastodon', 14, 'negative', null, 'spam'],
      ['someoneelse0000', 'mastodon', 15, 'negative', null],
      [mastodonId, 'mastodon', -30, 'positive', 60],
    ];
    for (const [n, [sourceRef, network, hours, sentiment, answeredMin, status]] of seed.entries()) {
      await items.create({
        data: {
          sourceRef,
          network,
          kind: network === 'site' ? 'site_comment' : 'reply',
          externalId: `community-${n}`,
          postedAt: at(hours),
          status: status ?? (answeredMin === null ? 'new' : 'done'),
          sentiment,
          firstResponseMs: answeredMin === null ? null : answeredMin * 60_000,
          replies:
            answeredMin === null
              ? []
              : [{ state: 'sent', by: owner.id, at: new Date(at(hours).getTime() + answeredMin * 60_000).toISOString(), text: 'Thanks' }],
        },
      });
    }
    try {
      const res = await app.http
        .get(`${api}/reports/dashboard`)
        .query({ ...period, editorialLineId: lineId })
        .set(auth());
      expect(res.status).toBe(200);
      const d = res.body.data;
      const kpi = (id: string) => d.kpis.find((k: { id: string }) => k.id === id);
      expect(kpi('conversations')).toMatchObject({ value: 4, previous: 1, change: 300 });
      // Answered after 20 min, 45 min and 2 h: the median is 45 min.
      expect(kpi('firstResponse')).toMatchObject({ value: 45 * 60_000, previous: 60 * 60_000, change: -25 });
      expect(kpi('positiveShare')).toMatchObject({ value: 50, previous: 100 });
      expect(kpi('negativeShare')).toMatchObject({ value: 25, previous: 0 });
      const community = d.current.community;
      expect(community.total).toMatchObject({ volume: 4, responded: 3, medianMs: 45 * 60_000, p90Ms: 120 * 60_000 });
      expect(community.sources.map((s: { name: string; volume: number }) => [s.name, s.volume])).toEqual([
        ['Brand Mastodon', 3],
        ['site', 1],
      ]);
      expect(community.members).toEqual([
        expect.objectContaining({ userId: owner.id, name: 'Owner Test', replies: 3, responded: 3, medianMs: 45 * 60_000 }),
      ]);
      const csv = await app.http
        .get(`${api}/reports/dashboard/export`)
        .query({ ...period, editorialLineId: lineId, table: 'community' })
        .set(auth());
      expect(csv.body.data.csv.split('\r\n').slice(0, 2)).toEqual([
        'source,network,received,answered,first_response_median_min,first_response_p90_min,positive_pct,neutral_pct,negative_pct,sentiment_set_by_hand,sentiment_changed_by_hand',
        'all,,4,3,45,120,50,25,25,0,0',
      ]);
      // A reader of reports sees the figures without the inbox's own read action.
      const reader = bearer(await adminWith(app, ['plugin::community-manager.reports.read']));
      const read = await app.http
        .get(`${api}/reports/dashboard`)
        .query({ ...period, editorialLineId: lineId })
        .set(reader);
      expect(read.body.data.current.community.total.volume).toBe(4);
      expect((await app.http.get(`${api}/inbox/figures`).query(period).set(reader)).status).toBe(403);
    } finally {
      await items.deleteMany({ where: { externalId: { $startsWith: 'community-' } } });
    }
  });

  it('draws each account’s followers per day in the editor’s zone, a day without a reading left as a gap', async () => {
    const year = Number(period.from.slice(0, 4));
    // Two readings on the night of the 8th to the 9th (UTC: one each day; Paris, UTC+2: both on the 9th) and one with no figure.
    const seeded = [];
    for (const [key, at, followers] of [
      ['growthlate8', `${year}-04-08T23:30:00Z`, 1040],
      ['growthearly9', `${year}-04-09T01:00:00Z`, 1050],
      ['growthnone10', `${year}-04-10T12:00:00Z`, null],
    ] as const) {
      seeded.push(
        await app.strapi.db.query('plugin::community-manager.metric-snapshot').create({
          data: {
            documentId: key,
            kind: 'account',
            accountDocumentId: mastodonId,
            network: 'mastodon',
            takenMs: Date.parse(at),
            followers,
          },
        })
      );
    }
    reports().useClock(() => published + 100 * H);
    try {
      const read = async (timezone?: string) => {
        const res = await app.http
          .get(`${api}/reports/dashboard`)
          .query({ ...period, editorialLineId: lineId, ...(timezone ? { timezone } : {}) })
          .set(auth());
        expect(res.status).toBe(200);
        return res.body.data;
      };
      const utc = await read();
      const days = (first: number, n: number) => Array.from({ length: n }, (_, i) => `${year}-04-${String(first + i).padStart(2, '0')}`);
      expect(utc.followerGrowth).toMatchObject({ step: 'day', timezone: 'UTC', days: days(6, 7) });
      type Line = { accountId: string; name: string; network: string; followers: Array<number | null> };
      const line = (d: { followerGrowth: { accounts: Line[] } }, id: string) => d.followerGrowth.accounts.find((a) => a.accountId === id)!;
      // Collected on the 6th (1000) and the 7th (1030), seeded on the 8th and 9th; the 10th’s reading has no figure: a gap.
      expect(line(utc, mastodonId)).toEqual({
        accountId: mastodonId,
        name: 'Brand Mastodon',
        network: 'mastodon',
        followers: [1000, 1030, 1040, 1050, null, null, null],
      });
      // The tile's end is the chart's last point.
      expect(utc.current.accounts.find((a: { accountId: string }) => a.accountId === mastodonId).followersEnd).toBe(1050);
      expect(
        line(utc, sandboxId)
          .followers.slice(0, 2)
          .every((v) => typeof v === 'number')
      ).toBe(true);

      const paris = await read('Europe/Paris');
      // 00:00 UTC is 02:00 in Paris: the period runs from the 6th to the first two hours of the 13th.
      expect(paris.followerGrowth).toMatchObject({ timezone: 'Europe/Paris', days: days(6, 8) });
      expect(line(paris, mastodonId).followers).toEqual([1000, 1030, null, 1050, null, null, null, null]);

      const bad = await app.http
        .get(`${api}/reports/dashboard`)
        .query({ ...period, timezone: 'Mars/Olympus' })
        .set(auth());
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(['timezone']);
    } finally {
      for (const row of seeded) await app.strapi.db.query('plugin::community-manager.metric-snapshot').delete({ where: { id: row.id } });
      reports().useClock(() => published + 25 * H);
    }
  });

  it('maps an account’s engagement by weekday and hour of posting in the editor’s zone', async () => {
    // The clock stands a day after the posts (the last pass): each post's reading at about a day old counts.
    const res = await app.http
      .get(`${api}/reports/best-time`)
      .query({ accountId: mastodonId, timezone: 'Europe/Paris', days: 30 })
      .set(auth());
    expect(res.status).toBe(200);
    const b = res.body.data;
    expect(b).toMatchObject({ accountId: mastodonId, timezone: 'Europe/Paris', ageHours: 24, posts: 3 });
    expect(b.cells).toHaveLength(168);
    // Published at 09:00–09:10 UTC: 11:00 in Paris (summer time), on the period's first weekday.
    const weekday = (new Date(period.from).getUTCDay() + 6) % 7;
    const used = b.cells.filter((c: { posts: number }) => c.posts > 0);
    expect(used).toEqual([expect.objectContaining({ weekday, hour: 11, posts: 3 })]);
    expect(b.best).toEqual(used);
    const utc = await app.http.get(`${api}/reports/best-time`).query({ accountId: mastodonId }).set(auth());
    expect(utc.body.data.cells.filter((c: { posts: number }) => c.posts > 0)).toEqual([
      expect.objectContaining({ weekday, hour: 9, posts: 3 }),
    ]);
    const bad = await app.http.get(`${api}/reports/best-time`).query({ accountId: mastodonId, timezone: 'Mars/Olympus' }).set(auth());
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(['timezone']);
    const outsider = bearer(await adminWith(app, ['plugin::community-manager.posts.read']));
    expect((await app.http.get(`${api}/reports/best-time`).query({ accountId: mastodonId }).set(outsider)).status).toBe(403);
  });

  it('suggests the account’s next best free hour, skipping one a planned post holds', async () => {
    const year = Number(period.from.slice(0, 4));
    // A week after the posts, the same weekday: 11:00 in Paris (09:00 UTC) is the one hour with enough posts.
    const slots = (query: object) =>
      app.http
        .get(`${api}/reports/best-time/slots`)
        .query({ accountId: mastodonId, timezone: 'Europe/Paris', from: `${year}-04-13T00:00:00Z`, ...query })
        .set(auth());
    const free = await slots({});
    expect(free.status).toBe(200);
    expect(free.body.data).toMatchObject({ accountId: mastodonId, posts: 3 });
    expect(free.body.data.slots).toEqual([
      expect.objectContaining({ at: `${year}-04-13T09:00:00.000Z`, local: `${year}-04-13T11:00`, fold: null, hour: 11, posts: 3 }),
    ]);
    // A draft of this account at 11:30 takes the hour: the same hour a week later; the draft itself (being edited) does not.
    const draft = await app.http
      .post(`${api}/post-plans`)
      .set(auth())
      .send({
        title: 'Taken hour',
        body: 'Later',
        accountIds: [mastodonId],
        schedule: { local: `${year}-04-13T11:30`, timezone: 'Europe/Paris' },
      });
    expect(draft.status).toBe(200);
    expect((await slots({})).body.data.slots.map((s: { at: string }) => s.at)).toEqual([`${year}-04-20T09:00:00.000Z`]);
    expect((await slots({ exclude: draft.body.data.documentId })).body.data.slots.map((s: { at: string }) => s.at)).toEqual([
      `${year}-04-13T09:00:00.000Z`,
    ]);
    // Hours are taken per account: the sandbox account (same posting hour) still gets this week's.
    expect((await slots({ accountId: sandboxId })).body.data.slots.map((s: { at: string }) => s.at)).toEqual([
      `${year}-04-13T09:00:00.000Z`,
    ]);
    const bad = await slots({ from: 'soon', exclude: 'a b' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.')).sort()).toEqual(['exclude', 'from']);
    const outsider = bearer(await adminWith(app, ['plugin::community-manager.posts.read']));
    expect((await slots({}).set(outsider)).status).toBe(403);
  });

  it('freezes a report’s figures: newer snapshots change the dashboard, not the report', async () => {
    const created = await app.http
      .post(`${api}/reports`)
      .set(auth())
      .send({ title: 'April, week 1', ...period, editorialLineId: lineId });
    expect(created.status).toBe(200);
    const report = created.body.data;
    expect(report).toMatchObject({ status: 'draft', generatedBy: 'Owner Test', commentary: '', editorialLineName: 'Reported brand' });

    mastodon.batchStatuses = true;
    statusOf('Tutorial one').counts = { favourites: 90, reblogs: 9, replies: 9, quotes: 2 };
    expect((await collectAt(published + 73 * H)).posts).toBeGreaterThan(0);
    const live = await app.http
      .get(`${api}/reports/dashboard`)
      .query({ ...period, editorialLineId: lineId })
      .set(auth());
    expect(live.body.data.current.engagements).not.toBe(report.figures.current.engagements);
    const again = await app.http.get(`${api}/reports/${report.documentId}`).set(auth());
    expect(again.body.data.figures).toEqual(report.figures);
    // The follower-growth series is frozen with the rest: the readings of the 9th (73 h on) are the dashboard's only.
    expect(report.figures.followerGrowth.accounts.find((a: { accountId: string }) => a.accountId === mastodonId).followers).toEqual([
      1000,
      1030,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(live.body.data.followerGrowth).not.toEqual(report.figures.followerGrowth);

    const commented = await app.http
      .put(`${api}/reports/${report.documentId}`)
      .set(auth())
      .send({ commentary: 'Tutorials carry the week. <script>alert(1)</script>' });
    expect(commented.body.data.commentary).toBe('Tutorials carry the week. <script>alert(1)</script>');
    expect(commented.body.data.figures).toEqual(report.figures);
    const shared = await app.http.post(`${api}/reports/${report.documentId}/share`).set(auth()).send({});
    expect(shared.body.data).toMatchObject({ status: 'shared', sharedBy: 'Owner Test' });
    const list = await app.http.get(`${api}/reports`).set(auth());
    expect(list.body.data.map((r: { documentId: string }) => r.documentId)).toContain(report.documentId);

    // Bad input names the field, and the figures cannot be written.
    const bad = await app.http.post(`${api}/reports`).set(auth()).send({ title: '', from: period.to, to: period.from });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(expect.arrayContaining(['title']));
    expect((await app.http.put(`${api}/reports/${report.documentId}`).set(auth()).send({ figures: {} })).status).toBe(400);
    expect((await app.http.get(`${api}/reports/doesnotexist1`).set(auth())).status).toBe(404);
  });

  it('exports every table as RFC 4180 CSV with formulas defused', async () => {
    const [report] = (await app.http.get(`${api}/reports`).set(auth())).body.data;
    const res = await app.http.get(`${api}/reports/${report.documentId}/export`).query({ table: 'posts' }).set(auth());
    expect(res.status).toBe(200);
    expect(res.body.data.filename).toMatch(/^report-.*-posts\.csv$/);
    const lines = (res.body.data.csv as string).split('\r\n');
    expect(lines[0]).toBe(
      'published_at,title,account,network,pillar,campaign,engagements,likes,reposts,replies,quotes,impressions,clicks,views,reach,saves,url'
    );
    expect(lines.filter((l) => l.includes('HYPERLINK'))[0]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(6 + 2);
    // The follower chart's series, frozen with the report: a row per account and day, a day without a reading empty.
    const frozen = (await app.http.get(`${api}/reports/${report.documentId}`).set(auth())).body.data.figures.followerGrowth;
    const followers = await app.http.get(`${api}/reports/${report.documentId}/export`).query({ table: 'followers' }).set(auth());
    expect(followers.status).toBe(200);
    const rows = (followers.body.data.csv as string).split('\r\n');
    expect(rows[0]).toBe('day,step,timezone,account,network,followers');
    expect(rows).toHaveLength(1 + frozen.days.length * frozen.accounts.length + 1);
    const mastodonLine = frozen.accounts.find((a: { accountId: string }) => a.accountId === mastodonId);
    expect(rows.filter((r) => r.includes(`,${mastodonLine.name},mastodon,`))).toEqual(
      frozen.days.map((day: string, i: number) => `${day},day,UTC,${mastodonLine.name},mastodon,${mastodonLine.followers[i] ?? ''}`)
    );
    for (const table of ['kpis', 'networks', 'pillars', 'accounts', 'followers']) {
      const t = await app.http
        .get(`${api}/reports/dashboard/export`)
        .query({ ...period, editorialLineId: lineId, table })
        .set(auth());
      expect([table, t.status, t.body.data.csv.split('\r\n').length > 2]).toEqual([table, 200, true]);
    }
    expect((await app.http.get(`${api}/reports/${report.documentId}/export`).query({ table: 'secrets' }).set(auth())).status).toBe(400);
  });

  it('exports a report as a PDF with the site’s name and logo, its figures read back by a PDF reader', async () => {
    const upload = await app.http.post('/upload').set(auth()).attach('files', PNG, { filename: 'logo.png', contentType: 'image/png' });
    expect(upload.status).toBe(201);
    const settings = await app.http
      .put(`${api}/settings`)
      .set(auth())
      .send({ siteName: 'Reported Brand Site', reportLogoId: upload.body[0].id });
    expect(settings.status).toBe(200);
    const [summary] = (await app.http.get(`${api}/reports`).set(auth())).body.data;
    const report = (await app.http.get(`${api}/reports/${summary.documentId}`).set(auth())).body.data;

    const res = await app.http.get(`${api}/reports/${report.documentId}/pdf`).set(auth()).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="report-.*-en\.pdf"$/);
    const pdf = await readPdf(res.body as Buffer);
    const text = pdf.pages.join('\n').replace(/[\s\u00a0]+/g, ' ');
    expect(pdf.title).toBe(report.title);
    expect(text).toContain(report.title);
    expect(text).toContain('Reported Brand Site');
    expect(text).toContain('Editorial line: Reported brand');
    // The figures are the API's, frozen in the report.
    const kpi = (id: string) => report.figures.kpis.find((k: { id: string }) => k.id === id);
    expect(text).toContain(`Posts published ${kpi('posts').value} ${kpi('posts').previous} `);
    expect(text).toContain(`Engagements ${report.figures.current.engagements} `);
    const mastodonRow = report.figures.current.networks.find((n: { network: string }) => n.network === 'mastodon');
    expect(text).toContain(
      `${mastodonRow.rate.numerator} engagements ÷ ${mastodonRow.rate.denominator.toLocaleString('en-GB')} followers at posting`
    );
    pdf.pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pdf.pages.length}`));
    expect(pdf.images).toBe(1);
    // The follower chart, from the series frozen in the report, its accounts named in the legend.
    expect(text).toContain('Followers per day of each account over the period');
    for (const a of report.figures.followerGrowth.accounts) expect(text).toContain(a.name);

    const french = await app.http
      .get(`${api}/reports/${report.documentId}/pdf`)
      .query({ lang: 'fr' })
      .set(auth())
      .buffer(true)
      .parse(binary);
    const fr = await readPdf(french.body as Buffer);
    const frText = fr.pages.join('\n').replace(/[\s\u00a0]+/g, ' ');
    expect(frText).toContain('Indicateurs clés');
    expect(frText).toContain(`Publications ${kpi('posts').value} ${kpi('posts').previous} `);
    expect(frText).toContain('Ligne éditoriale : Reported brand');
    fr.pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} sur ${fr.pages.length}`));

    const bad = await app.http.get(`${api}/reports/${report.documentId}/pdf`).query({ lang: 'de', timezone: 'Mars/Olympus' }).set(auth());
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.')).sort()).toEqual(['lang', 'timezone']);
    expect((await app.http.get(`${api}/reports/doesnotexist1/pdf`).set(auth())).status).toBe(404);
  });

  it('compares a period with the same calendar days a year earlier, on the wall clock of the reader’s zone', async () => {
    const year = Number(period.from.slice(0, 4));
    // The posts' week seen from the year after: 6 to 13 April, local midnights in Paris (summer time both years).
    const paris = { from: `${year}-04-05T22:00:00.000Z`, to: `${year}-04-12T22:00:00.000Z` };
    const nextYear = { from: `${year + 1}-04-05T22:00:00.000Z`, to: `${year + 1}-04-12T22:00:00.000Z` };
    const live = (
      await app.http
        .get(`${api}/reports/dashboard`)
        .query({ ...paris, editorialLineId: lineId })
        .set(auth())
    ).body.data;
    const res = await app.http
      .get(`${api}/reports/dashboard`)
      .query({ ...nextYear, compare: 'yearAgo', timezone: 'Europe/Paris', editorialLineId: lineId })
      .set(auth());
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(d.comparison).toBe('yearAgo');
    expect(d.previous.period).toEqual(paris);
    // The year-ago figures are that week's own, read by the same formulas.
    expect(d.previous.posts).toBe(6);
    expect(d.previous.engagements).toBe(live.current.engagements);
    expect(d.previous.networks).toEqual(live.current.networks);
    expect(d.current.posts).toBe(0);
    const posts = d.kpis.find((k: { id: string }) => k.id === 'posts');
    expect(posts).toMatchObject({ value: 0, previous: 6, change: -100 });
    // The previous period (the default) of that week holds none of those posts.
    const plain = (
      await app.http
        .get(`${api}/reports/dashboard`)
        .query({ ...nextYear, editorialLineId: lineId })
        .set(auth())
    ).body.data;
    expect(plain).toMatchObject({ comparison: 'previous', previous: { posts: 0 } });

    // A report frozen against a year ago keeps that comparison; the CSV of the KPIs carries the year-ago values.
    const report = await app.http
      .post(`${api}/reports`)
      .set(auth())
      .send({ title: 'April against last April', ...nextYear, compare: 'yearAgo', timezone: 'Europe/Paris', editorialLineId: lineId });
    expect(report.status).toBe(200);
    expect(report.body.data.figures).toMatchObject({ comparison: 'yearAgo', previous: { period: paris, posts: 6 } });
    const csv = await app.http
      .get(`${api}/reports/dashboard/export`)
      .query({ ...nextYear, compare: 'yearAgo', timezone: 'Europe/Paris', editorialLineId: lineId, table: 'kpis' })
      .set(auth());
    expect(csv.status).toBe(200);
    expect(csv.body.data.csv.split('\r\n').find((l: string) => l.startsWith('Posts published,'))).toMatch(/^Posts published,0,6,-100,/);
    await app.http.delete(`${api}/reports/${report.body.data.documentId}`).set(auth());

    const bad = await app.http
      .get(`${api}/reports/dashboard`)
      .query({ ...nextYear, compare: 'yearAgo', compareFrom: paris.from, compareTo: paris.to, timezone: 'Mars/Olympus' })
      .set(auth());
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.')).sort()).toEqual(['compare', 'timezone']);
  });

  it('freezes both comparisons in one report, the period before and the same days a year earlier, into its CSV and PDF', async () => {
    const year = Number(period.from.slice(0, 4));
    // Two weeks of the year after, local midnights in Paris: the period before holds no post, a year earlier holds the six.
    const paris = { from: `${year}-04-05T22:00:00.000Z`, to: `${year}-04-19T22:00:00.000Z` };
    const later = { from: `${year + 1}-04-05T22:00:00.000Z`, to: `${year + 1}-04-19T22:00:00.000Z` };
    const query = { ...later, compare: 'both', timezone: 'Europe/Paris', editorialLineId: lineId };
    const ownWeeks = (
      await app.http
        .get(`${api}/reports/dashboard`)
        .query({ ...paris, editorialLineId: lineId })
        .set(auth())
    ).body.data;
    const live = await app.http.get(`${api}/reports/dashboard`).query(query).set(auth());
    expect(live.status).toBe(200);
    const d = live.body.data;
    expect(d.comparison).toBe('both');
    expect(d.previous.period).toEqual({ from: `${year + 1}-03-22T22:00:00.000Z`, to: later.from });
    expect(d.yearAgo.period).toEqual(paris);
    expect(d.yearAgo.figures).toMatchObject({ posts: 6, engagements: ownWeeks.current.engagements });
    const kpi = (list: Array<{ id: string }>, id: string) => list.find((k) => k.id === id);
    expect(kpi(d.kpis, 'posts')).toMatchObject({ value: 0, previous: 0, change: null });
    expect(kpi(d.yearAgo.kpis, 'posts')).toMatchObject({ value: 0, previous: 6, change: -100 });

    const created = await app.http
      .post(`${api}/reports`)
      .set(auth())
      .send({ title: 'Two weeks against both', ...query });
    expect(created.status).toBe(200);
    const report = created.body.data;
    expect(report.figures).toMatchObject({ comparison: 'both', yearAgo: { period: paris, figures: { posts: 6 } } });
    // Frozen: a newer reading of a year-ago post (written as the collector writes one, then taken away so the
    // readings test below sees the schedule's own) changes the dashboard's year-ago figures, not the report's.
    const tutorial = mastodonPubs().find((p) => p.plan === 'Tutorial one')!;
    const newer = await app.strapi.db.query('plugin::community-manager.metric-snapshot').create({
      data: {
        documentId: 'frozenbothyearago',
        kind: 'post',
        accountDocumentId: mastodonId,
        publicationDocumentId: tutorial.documentId,
        network: 'mastodon',
        takenMs: published + 79 * H,
        slotHours: 72,
        likes: 400,
        reposts: 40,
        replies: 4,
        quotes: 0,
      },
    });
    reports().useClock(() => published + 80 * H);
    try {
      const after = (await app.http.get(`${api}/reports/dashboard`).query(query).set(auth())).body.data;
      expect(after.yearAgo.figures.engagements).toBeGreaterThan(report.figures.yearAgo.figures.engagements);
      expect((await app.http.get(`${api}/reports/${report.documentId}`).set(auth())).body.data.figures).toEqual(report.figures);
    } finally {
      await app.strapi.db.query('plugin::community-manager.metric-snapshot').delete({ where: { id: newer.id } });
      reports().useClock(() => published + 73 * H);
    }

    const csv = await app.http.get(`${api}/reports/${report.documentId}/export`).query({ table: 'kpis' }).set(auth());
    const lines = (csv.body.data.csv as string).split('\r\n');
    expect(lines[0]).toBe('kpi,value,previous,change_pct,year_ago,year_ago_change_pct,target,attainment_pct,formula');
    expect(lines.find((l) => l.startsWith('Posts published,'))).toMatch(/^Posts published,0,0,,6,-100,14,0,/);

    for (const [lang, words] of [
      ['en', { row: 'Posts published 0 0 — 6 -100%', column: 'A year earlier', line: 'And with the same days a year earlier, 6 April' }],
      ['fr', { row: 'Publications 0 0 — 6 -100 %', column: 'Un an plus tôt', line: 'Et avec les mêmes jours un an plus tôt, du 6 avril' }],
    ] as const) {
      const res = await app.http
        .get(`${api}/reports/${report.documentId}/pdf`)
        .query({ lang, timezone: 'Europe/Paris' })
        .set(auth())
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      const text = (await readPdf(res.body as Buffer)).pages.join('\n').replace(/[\s\u00a0]+/g, ' ');
      expect([lang, text.includes(words.row), text.includes(words.column), text.includes(words.line)]).toEqual([lang, true, true, true]);
    }
    await app.http.delete(`${api}/reports/${report.documentId}`).set(auth());
  });

  it('measures each campaign against the goals the line sets for it', async () => {
    const line = {
      name: 'Reported brand',
      pillars: [
        { name: 'Tutorials', targetShare: 50 },
        { name: 'Community', targetShare: 50 },
      ],
      frequencyTargets: [{ network: 'mastodon', perWeek: 7 }],
    };
    const twice = await app.http
      .put(`${api}/editorial-lines/${lineId}`)
      .set(auth())
      .send({ ...line, campaignTargets: [{ campaign: 'Meet-ups' }, { campaign: 'meet-ups ', posts: -1 }] });
    expect(twice.status).toBe(400);
    expect(twice.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.')).sort()).toEqual([
      'campaignTargets',
      'campaignTargets.1.posts',
    ]);
    const dup = await app.http
      .put(`${api}/editorial-lines/${lineId}`)
      .set(auth())
      .send({ ...line, campaignTargets: [{ campaign: 'Meet-ups' }, { campaign: 'meet-ups' }] });
    expect([dup.status, dup.body.error.details.errors[0].path]).toEqual([400, ['campaignTargets']]);
    // Named as people type it: the goal finds the campaign whatever its case.
    const saved = await app.http
      .put(`${api}/editorial-lines/${lineId}`)
      .set(auth())
      .send({ ...line, campaignTargets: [{ campaign: 'spring launch', posts: 8, engagements: 1000 }] });
    expect(saved.status).toBe(200);
    try {
      const c = (
        await app.http
          .get(`${api}/reports/campaigns`)
          .query({ campaigns: ['Spring launch', 'Meet-ups'], editorialLineId: lineId })
          .set(auth())
      ).body.data;
      const [spring, meetups] = c.campaigns;
      expect(spring.targets).toEqual({
        posts: { target: 8, attainment: 50 },
        engagements: { target: 1000, attainment: Math.round(spring.engagements / 10) },
        engagementPerPost: null,
      });
      expect(meetups.targets).toBeNull();
      const csv = (
        await app.http
          .get(`${api}/reports/campaigns/export`)
          .query({ campaigns: ['Spring launch', 'Meet-ups'], editorialLineId: lineId, table: 'campaigns' })
          .set(auth())
      ).body.data.csv.split('\r\n');
      expect(csv[0]).toMatch(/,target_posts,target_engagements,target_engagement_per_post$/);
      expect(csv[1]).toMatch(/^Spring launch,4,.*,8,1000,$/);
      expect(csv[2]).toMatch(/^Meet-ups,2,.*,,,$/);
    } finally {
      expect((await app.http.put(`${api}/editorial-lines/${lineId}`).set(auth()).send(line)).body.data.campaignTargets).toEqual([]);
    }
  });

  it('compares campaigns side by side: each one’s posts summed by the KPI formulas', async () => {
    const live = (
      await app.http
        .get(`${api}/reports/dashboard`)
        .query({ ...period, editorialLineId: lineId })
        .set(auth())
    ).body.data;
    type Row = { campaign: string | null; engagements: number | null; network: string };
    const sumOf = (campaign: string, network?: string) =>
      (live.current.postRows as Row[])
        .filter((r) => r.campaign === campaign && (!network || r.network === network))
        .reduce((s, r) => s + (r.engagements ?? 0), 0);
    const res = await app.http
      .get(`${api}/reports/campaigns`)
      .query({ campaigns: ['Spring launch', 'Meet-ups', 'Never used'], editorialLineId: lineId })
      .set(auth());
    expect(res.status).toBe(200);
    const c = res.body.data;
    expect(c.available).toEqual(expect.arrayContaining(['Meet-ups', 'Spring launch']));
    expect(c.period).toBeNull();
    const [spring, meetups, never] = c.campaigns;
    // Two plans on two accounts, and one plan on two accounts.
    expect(spring).toMatchObject({ campaign: 'Spring launch', posts: 4, engagements: sumOf('Spring launch') });
    expect(meetups).toMatchObject({ campaign: 'Meet-ups', posts: 2, engagements: sumOf('Meet-ups') });
    expect(spring.engagements).toBeGreaterThan(0);
    // Its first and last post: the 09:00 and the 09:05 plans (published when the scheduler's tick came, a millisecond on).
    const springTimes = (live.current.postRows as Array<Row & { publishedAt: string }>)
      .filter((r) => r.campaign === 'Spring launch')
      .map((r) => r.publishedAt)
      .sort();
    expect(springTimes[0]).toMatch(/T09:00:00/);
    expect(springTimes.at(-1)).toMatch(/T09:05:00/);
    expect([spring.firstAt, spring.lastAt]).toEqual([springTimes[0], springTimes.at(-1)]);
    // The rate per network keeps its basis; Mastodon gives no impressions: per follower at posting.
    const springMastodon = spring.networks.find((n: { network: string }) => n.network === 'mastodon');
    expect(springMastodon).toMatchObject({ posts: 2, engagements: sumOf('Spring launch', 'mastodon'), targetPosts: null });
    expect(springMastodon.rate).toMatchObject({ basis: 'followers', numerator: sumOf('Spring launch', 'mastodon') });
    // Per-impression (sandbox) and per-follower (Mastodon) rates do not add up: no single rate.
    expect(spring.engagementRate).toBeNull();
    expect(spring.top[0].engagements).toBeGreaterThanOrEqual(spring.top.at(-1).engagements);
    expect(spring.top.every((p: { campaign: string }) => p.campaign === 'Spring launch')).toBe(true);
    expect(never).toMatchObject({ campaign: 'Never used', posts: 0, engagements: 0, engagementPerPost: null, firstAt: null });

    // The same comparison as CSV, a table at a time by the reports' own writer, and as a PDF read back by pdf.js.
    const compared = { campaigns: ['Spring launch', 'Meet-ups'], editorialLineId: lineId };
    const table = async (name: string) => {
      const r = await app.http
        .get(`${api}/reports/campaigns/export`)
        .query({ ...compared, table: name })
        .set(auth());
      expect([name, r.status]).toEqual([name, 200]);
      return { filename: r.body.data.filename as string, lines: (r.body.data.csv as string).split('\r\n') };
    };
    const cell = (v: number | string | null) => (v === null ? '' : String(v));
    const sideBySide = await table('campaigns');
    expect(sideBySide.filename).toMatch(/^campaigns-Spring-launch-and-1-more-\d{4}-\d{2}-\d{2}-campaigns\.csv$/);
    expect(sideBySide.lines).toEqual([
      'campaign,posts,posts_with_figures,engagements,engagement_per_post,engagement_rate_pct,first_post_at,last_post_at,target_posts,target_engagements,target_engagement_per_post',
      ...[spring, meetups].map(
        (k) =>
          [k.campaign, k.posts, k.postsWithFigures, k.engagements, k.engagementPerPost, k.engagementRate, k.firstAt, k.lastAt]
            .map(cell)
            .join(',') + ',,,'
      ),
      '',
    ]);
    const networks = await table('networks');
    expect(networks.lines[0]).toBe(
      'campaign,network,posts,target_posts,engagements,engagement_rate_pct,rate_basis,rate_numerator,rate_denominator,target_rate_pct'
    );
    expect(networks.lines).toContain(
      [
        'Spring launch',
        'mastodon',
        2,
        null,
        springMastodon.engagements,
        springMastodon.rate.value,
        'followers',
        springMastodon.rate.numerator,
        springMastodon.rate.denominator,
        // A campaign has no rate target: that is the network's, on the line.
        null,
      ]
        .map(cell)
        .join(',')
    );
    const posts = await table('posts');
    expect(posts.lines[0]).toMatch(/^published_at,title,account,network,pillar,campaign,engagements,/);
    expect(posts.lines).toHaveLength(1 + spring.top.length + meetups.top.length + 1);
    expect((await table('pillars')).lines[0]).toBe(
      'campaign,pillar,posts,share_pct,target_share_pct,engagements,engagement_per_post,target_engagement_per_post'
    );

    const pdfRes = await app.http
      .get(`${api}/reports/campaigns/pdf`)
      .query({ ...compared, lang: 'fr', timezone: 'Europe/Paris' })
      .set(auth())
      .buffer(true)
      .parse(binary);
    expect(pdfRes.status).toBe(200);
    expect(pdfRes.headers['content-type']).toBe('application/pdf');
    expect(pdfRes.headers['content-disposition']).toMatch(/^attachment; filename="campaigns-Spring-launch-and-1-more-.*-fr\.pdf"$/);
    const pdf = await readPdf(pdfRes.body as Buffer);
    const text = pdf.pages.join('\n').replace(/[\s\u00a0]+/g, ' ');
    const fr = (n: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(n).replace(/[\s\u00a0\u202f]+/g, ' ');
    expect(pdf.title).toBe('Campagnes comparées');
    expect(text).toContain('Sur toute la durée de chaque campagne');
    // The figures the API gives: each campaign's row, the basis of Mastodon's rate, each one's best posts.
    expect(text).toContain(`Spring launch ${fr(spring.posts)} ${fr(spring.postsWithFigures)} ${fr(spring.engagements)} `);
    expect(text).toContain(`Meet-ups ${fr(meetups.posts)} ${fr(meetups.postsWithFigures)} ${fr(meetups.engagements)} `);
    expect(text).toContain(
      `${fr(springMastodon.rate.numerator)} interactions ÷ ${fr(springMastodon.rate.denominator)} abonnés au moment de la publication`
    );
    expect(text).toContain('Meilleures publications de Meet-ups');
    pdf.pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} sur ${pdf.pages.length}`));
    // Bad input names the field: a table not offered; no campaign to export.
    for (const [query, field] of [
      [{ ...compared, table: 'secrets' }, 'table'],
      [{ table: 'campaigns' }, 'campaigns'],
    ] as const) {
      const bad = await app.http.get(`${api}/reports/campaigns/export`).query(query).set(auth());
      expect([bad.status, bad.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))]).toEqual([400, [field]]);
    }
    const badPdf = await app.http.get(`${api}/reports/campaigns/pdf`).query({ campaigns: 'Meet-ups', lang: 'de' }).set(auth());
    expect(badPdf.status).toBe(400);
    expect(badPdf.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(['lang']);

    // Within a period: the week after has none of them.
    const week = 7 * 86_400_000;
    const later = await app.http
      .get(`${api}/reports/campaigns`)
      .query({
        campaigns: 'Spring launch',
        from: new Date(Date.parse(period.from) + week).toISOString(),
        to: new Date(Date.parse(period.to) + week).toISOString(),
      })
      .set(auth());
    expect(later.body.data.campaigns[0]).toMatchObject({ posts: 0, engagements: 0 });
    // Only the list to pick from.
    expect((await app.http.get(`${api}/reports/campaigns`).set(auth())).body.data.campaigns).toEqual([]);

    const bad = await app.http
      .get(`${api}/reports/campaigns`)
      .query({ campaigns: ['a', 'a'], from: period.from })
      .set(auth());
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.')).sort()).toEqual(['campaigns', 'to']);
    const reader = bearer(await adminWith(app, ['plugin::community-manager.reports.read']));
    expect((await app.http.get(`${api}/reports/campaigns`).query({ campaigns: 'Meet-ups' }).set(reader)).status).toBe(200);
    const outsider = bearer(await adminWith(app, ['plugin::community-manager.posts.read']));
    expect((await app.http.get(`${api}/reports/campaigns`).query({ campaigns: 'Meet-ups' }).set(outsider)).status).toBe(403);
  });

  it('gives a post’s readings over time and how many inbox items answer it', async () => {
    reports().useClock(() => published + 100 * H);
    const tutorial = mastodonPubs().find((p) => p.plan === 'Tutorial one')!;
    const meetup = mastodonPubs().find((p) => p.plan === 'Meet-up')!;
    // Two replies to the tutorial on Mastodon and one to the meet-up, as the inbox links them to our publications.
    const items = app.strapi.db.query('plugin::community-manager.inbox-item');
    for (const [n, publicationId] of [
      [1, tutorial.documentId],
      [2, tutorial.documentId],
      [3, meetup.documentId],
    ] as const) {
      await items.create({
        data: {
          sourceRef: `account:${mastodonId}`,
          network: 'mastodon',
          kind: 'reply',
          externalId: `readings-reply-${n}`,
          publicationId,
          postedAt: new Date(published + n * H),
          status: 'new',
        },
      });
    }
    const res = await app.http.get(`${api}/reports/posts/${tutorial.documentId}/readings`).set(auth());
    expect(res.status).toBe(200);
    const r = res.body.data;
    expect(r).toMatchObject({ publicationId: tutorial.documentId, network: 'mastodon', conversation: { items: 2 } });
    const plan = (
      await app.strapi.db.query('plugin::community-manager.publication').findOne({ where: { documentId: tutorial.documentId } })
    ).planDocumentId;
    expect(r.planId).toBe(plan);
    // Every snapshot of the post, oldest first, each age once and growing.
    const stored = (await snapshots()).filter(
      (s: { publicationDocumentId: string | null }) => s.publicationDocumentId === tutorial.documentId
    );
    expect(r.readings.map((x: { takenAt: string }) => x.takenAt)).toEqual(
      stored.map((s: { takenMs: string | number }) => new Date(Number(s.takenMs)).toISOString()).sort()
    );
    const ages = r.readings.map((x: { slotHours: number }) => x.slotHours);
    expect(ages[0]).toBe(1);
    expect([...ages].sort((a, b) => a - b)).toEqual(ages);
    expect(new Set(ages).size).toBe(ages.length);
    // The fake's counts as they were at +6 h and at +3 d (set by the tests above), engagements summed as the KPI table does.
    expect(r.readings.find((x: { slotHours: number }) => x.slotHours === 6)).toMatchObject({
      figures: { likes: 20, reposts: 5, replies: 4, quotes: 1 },
      engagements: 30,
    });
    expect(r.readings.at(-1)).toMatchObject({ slotHours: 72, figures: { likes: 90, reposts: 9, replies: 9, quotes: 2 }, engagements: 110 });
    expect(r.readings.at(-1).figures.impressions).toBeUndefined();
    // A reading taken after the clock is not shown yet.
    reports().useClock(() => published + 2 * H);
    const early = (await app.http.get(`${api}/reports/posts/${tutorial.documentId}/readings`).set(auth())).body.data;
    expect(early.readings.map((x: { slotHours: number }) => x.slotHours)).toEqual([1]);

    expect((await app.http.get(`${api}/reports/posts/nosuchpost00000/readings`).set(auth())).status).toBe(404);
    const reader = bearer(await adminWith(app, ['plugin::community-manager.reports.read']));
    expect((await app.http.get(`${api}/reports/posts/${tutorial.documentId}/readings`).set(reader)).status).toBe(200);
    const outsider = bearer(await adminWith(app, ['plugin::community-manager.posts.read']));
    expect((await app.http.get(`${api}/reports/posts/${tutorial.documentId}/readings`).set(outsider)).status).toBe(403);
    await items.deleteMany({ where: { externalId: { $startsWith: 'readings-reply-' } } });
    reports().useClock(() => published + 100 * H);
  });

  it('lets a reader read and export, not generate, and keeps everyone else out', async () => {
    const reader = bearer(await adminWith(app, ['plugin::community-manager.reports.read']));
    expect((await app.http.get(`${api}/reports/dashboard`).query(period).set(reader)).status).toBe(200);
    const [report] = (await app.http.get(`${api}/reports`).set(reader)).body.data;
    expect((await app.http.get(`${api}/reports/${report.documentId}/export`).query({ table: 'kpis' }).set(reader)).status).toBe(200);
    expect((await app.http.get(`${api}/reports/${report.documentId}/pdf`).set(reader)).status).toBe(200);
    expect(
      (
        await app.http
          .post(`${api}/reports`)
          .set(reader)
          .send({ title: 'Mine', ...period })
      ).status
    ).toBe(403);
    expect((await app.http.put(`${api}/reports/${report.documentId}`).set(reader).send({ commentary: 'x' })).status).toBe(403);
    expect((await app.http.post(`${api}/reports/${report.documentId}/share`).set(reader).send({})).status).toBe(403);
    const outsider = bearer(await adminWith(app, ['plugin::community-manager.posts.read']));
    expect((await app.http.get(`${api}/reports/dashboard`).query(period).set(outsider)).status).toBe(403);
    expect((await app.http.get(`${api}/reports/${report.documentId}`).set(outsider)).status).toBe(403);
    expect((await app.http.get(`${api}/reports/${report.documentId}/pdf`).set(outsider)).status).toBe(403);
    expect((await app.http.get(`${api}/reports`)).status).toBe(401);
  });
});

describe('collection failures', () => {
  it('keeps a refused account’s posts for later, with the network’s reason, and writes no snapshot', async () => {
    mastodon.tokens.delete(TOKEN);
    const before = (await snapshots()).length;
    const at = published + 7 * 24 * H + 60_000;
    const result = await collectAt(at);
    expect(result.failed).toBe(1);
    const tutorial = await track(mastodonPubs().find((p) => p.plan === 'Tutorial one')!.documentId);
    expect(tutorial.lastError).toMatch(/^token_refused/);
    expect(tutorial.stoppedReason).toBeNull();
    // Looked at again later, not given up: a person may reconnect the account.
    expect(Number(tutorial.nextMs)).toBeGreaterThan(at);
    const written = (await snapshots()).slice(before);
    expect(written.filter((s) => s.accountDocumentId === mastodonId)).toEqual([]);
    // The sandbox's posts of the same pass were read as usual.
    expect(written.filter((s) => s.network === 'sandbox' && s.kind === 'post').length).toBeGreaterThan(0);
  });
});

describe('the Management role', () => {
  const role = () => app.http.post(`${api}/settings/management-role`).set(bearer(app.token)).send({});
  const permissionsOf = async (roleId: number) =>
    ((await app.strapi.db.query('admin::permission').findMany({ where: { role: { id: roleId } } })) as Array<{ action: string }>)
      .map((p) => p.action)
      .sort();

  it('is made in one click, read-only, and a second click finds it and sets it back to read-only', async () => {
    const first = await role();
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ name: 'Management', created: true });
    const READ_ONLY = ['plugin::community-manager.calendar.read', 'plugin::community-manager.reports.read'];
    expect(await permissionsOf(first.body.data.id)).toEqual(READ_ONLY);

    // Someone gives it a write action by hand; the button puts it back.
    await (
      app.strapi.service('admin::role') as unknown as { assignPermissions(id: number, p: object[]): Promise<unknown> }
    ).assignPermissions(
      first.body.data.id,
      [...READ_ONLY, 'plugin::community-manager.reports.generate'].map((action) => ({
        action,
        subject: null,
        conditions: [],
        properties: {},
      }))
    );
    const second = await role();
    expect(second.body.data).toMatchObject({ id: first.body.data.id, created: false });
    expect(await permissionsOf(first.body.data.id)).toEqual(READ_ONLY);
    expect(await app.strapi.db.query('admin::role').count({ where: { name: 'Management' } })).toBe(1);
  });

  it('lets its users read reports and the calendar, and refuses every write', async () => {
    const roleId = (await role()).body.data.id;
    const manager = bearer(await adminInRole(app, roleId));
    const [report] = (await app.http.get(`${api}/reports`).set(manager)).body.data;
    expect((await app.http.get(`${api}/reports/${report.documentId}`).set(manager)).status).toBe(200);
    expect((await app.http.get(`${api}/reports/dashboard`).query(period).set(manager)).status).toBe(200);
    expect((await app.http.get(`${api}/reports/${report.documentId}/pdf`).set(manager)).status).toBe(200);
    expect((await app.http.get(`${api}/calendar/events`).query(period).set(manager)).status).toBe(200);

    const writes = [
      app.http
        .post(`${api}/reports`)
        .set(manager)
        .send({ title: 'Mine', ...period }),
      app.http.put(`${api}/reports/${report.documentId}`).set(manager).send({ commentary: 'x' }),
      app.http.post(`${api}/reports/${report.documentId}/share`).set(manager).send({}),
      app.http.delete(`${api}/reports/${report.documentId}`).set(manager),
      app.http.post(`${api}/settings/management-role`).set(manager).send({}),
      app.http.put(`${api}/settings`).set(manager).send({}),
      app.http.get(`${api}/post-plans/labels`).set(manager),
    ];
    expect((await Promise.all(writes)).map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);
  });

  it('needs Strapi’s own right to make roles besides the plugin’s settings, and will not take over a role made by hand', async () => {
    const settingsOnly = bearer(await adminWith(app, ['plugin::community-manager.settings']));
    expect((await app.http.post(`${api}/settings/management-role`).set(settingsOnly).send({})).status).toBe(403);

    await app.strapi.db.query('admin::role').update({ where: { code: 'community-manager-management' }, data: { code: 'hand-made' } });
    const taken = await role();
    expect(taken.status).toBe(409);
    expect(taken.body.error.details).toMatchObject({ code: 'role_name_taken', messageId: 'management_role_name_taken' });
    await app.strapi.db.query('admin::role').update({ where: { code: 'hand-made' }, data: { code: 'community-manager-management' } });
  });
});

/**
 * Scheduled reports caught by a real SMTP server (smtp-server) and parsed
 * (mailparser): Strapi's email service runs as in an app, its provider handing
 * the message to nodemailer (the SMTP client smtp-server itself depends on).
 */
describe('scheduled reports', () => {
  let sink: SmtpSink;
  /** what the SMTP server accepted, parsed (the sink's own array) */
  let mails: ParsedMail[] = [];
  const auth = () => bearer(app.token);
  const deliverAt = async (at: number) => {
    reports().useClock(() => at);
    return reports().deliver();
  };

  beforeAll(async () => {
    sink = await startSmtpSink(app);
    mails = sink.mails;
  });
  afterAll(async () => {
    await sink?.stop();
  });

  it('e-mails the week’s frozen report with its PDF once, on Monday at the hour of the recipients’ zone', async () => {
    const year = Number(period.from.slice(0, 4));
    reports().useClock(() => Date.parse(`${year}-04-09T12:00:00Z`));
    const created = await app.http
      .post(`${api}/reports/schedules`)
      .set(auth())
      .send({
        name: 'Weekly to the board',
        frequency: 'weekly',
        hour: 8,
        timezone: 'Europe/Paris',
        language: 'fr',
        recipients: ['board@example.com', 'ceo@example.com'],
        editorialLineId: lineId,
      });
    expect(created.status).toBe(200);
    const schedule = created.body.data;
    // Monday 12 April, 08:00 in Paris (UTC+2).
    expect(schedule).toMatchObject({ enabled: true, nextAt: `${year}-04-12T06:00:00.000Z`, lastSentAt: null });

    expect(await deliverAt(Date.parse(`${year}-04-12T05:59:00Z`))).toEqual({ sent: 0, skipped: 0, failed: 0 });
    expect(mails).toHaveLength(0);
    const sendAt = Date.parse(`${year}-04-12T06:00:30Z`);
    expect(await deliverAt(sendAt)).toEqual({ sent: 1, skipped: 0, failed: 0 });

    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect((mail.to as { value: Array<{ address: string }> }).value.map((v) => v.address)).toEqual([
      'board@example.com',
      'ceo@example.com',
    ]);
    expect(mail.subject).toBe(`Rapport\u202f: Rapport hebdomadaire du 5 avril ${year} au 11 avril ${year}`);
    const after = (await app.http.get(`${api}/reports/schedules`).set(auth())).body.data[0];
    expect(after).toMatchObject({ nextAt: `${year}-04-19T06:00:00.000Z`, lastPeriod: `week-${year}-04-05`, lastError: null });
    const report = (await app.http.get(`${api}/reports/${after.lastReportId}`).set(auth())).body.data;
    expect(report).toMatchObject({
      generatedBy: 'Weekly to the board',
      from: `${year}-04-04T22:00:00.000Z`,
      to: `${year}-04-11T22:00:00.000Z`,
    });
    expect(mail.text).toContain(`/admin/plugins/community-manager/reports?report=${report.documentId}`);
    // The attachment is the report's PDF, in French, with the report's figures.
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      contentType: 'application/pdf',
      filename: `report-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}-fr.pdf`,
    });
    const pdf = await readPdf(mail.attachments[0].content);
    const text = pdf.pages.join('\n').replace(/[\s\u00a0]+/g, ' ');
    expect(text).toContain('Indicateurs clés');
    expect(text).toContain(`Publications ${report.figures.current.posts} `);
    expect(report.figures.current.posts).toBe(6);
    // Both comparisons frozen, as the dashboard offers them: the week before, and the same days a year earlier.
    expect(report.figures.comparison).toBe('both');
    expect(report.figures.yearAgo.period).toMatchObject({ from: `${year - 1}-04-04T22:00:00.000Z`, to: `${year - 1}-04-11T22:00:00.000Z` });
    expect(text).toContain('Un an plus tôt');

    // Another instance whose lease ran out finds the schedule due again: the period's report was e-mailed, nothing is sent twice.
    await app.strapi.db
      .query('plugin::community-manager.report-schedule')
      .update({ where: { documentId: schedule.documentId }, data: { nextMs: sendAt - 1000 } });
    expect(await deliverAt(sendAt + 60_000)).toEqual({ sent: 0, skipped: 1, failed: 0 });
    expect(mails).toHaveLength(1);
    expect(await app.strapi.db.query('plugin::community-manager.kpi-report').count({ where: { deliveryKey: { $notNull: true } } })).toBe(1);
  });

  it('keeps a failed sending for an hour later, for the same period and the same report', async () => {
    const year = Number(period.from.slice(0, 4));
    // The weekly schedule rests meanwhile (its Mondays would fall in this test's month).
    await app.strapi.db.query('plugin::community-manager.report-schedule').updateMany({ where: {}, data: { enabled: false } });
    reports().useClock(() => Date.parse(`${year}-04-20T12:00:00Z`));
    const monthly = await app.http
      .post(`${api}/reports/schedules`)
      .set(auth())
      .send({
        name: 'Monthly',
        frequency: 'monthly',
        hour: 9,
        timezone: 'UTC',
        language: 'en',
        recipients: ['cm@example.com'],
      });
    expect(monthly.body.data.nextAt).toBe(`${year}-05-02T09:00:00.000Z`);
    sink.failing = true;
    const at = Date.parse(`${year}-05-02T09:00:00Z`);
    expect(await deliverAt(at)).toMatchObject({ sent: 0, failed: 1 });
    let row = (await app.http.get(`${api}/reports/schedules`).set(auth())).body.data.find((s: { name: string }) => s.name === 'Monthly');
    expect(row).toMatchObject({
      lastError: expect.stringContaining('SMTP server unreachable'),
      nextAt: new Date(at + 3_600_000).toISOString(),
      lastSentAt: null,
    });

    sink.failing = false;
    const before = mails.length;
    expect(await deliverAt(at + 3_600_000)).toMatchObject({ sent: 1, failed: 0 });
    expect(mails.slice(before).map((m) => m.subject)).toEqual([`Report: Monthly report, 1 April ${year} – 30 April ${year}`]);
    row = (await app.http.get(`${api}/reports/schedules`).set(auth())).body.data.find((s: { name: string }) => s.name === 'Monthly');
    expect(row).toMatchObject({ lastError: null, lastPeriod: `month-${year}-04`, nextAt: `${year}-06-02T09:00:00.000Z` });
    // April is compared with March, the calendar month before (31 days), not the 30 days before April.
    const april = (await app.http.get(`${api}/reports/${row.lastReportId}`).set(auth())).body.data;
    expect(april.figures.previous.period).toEqual({ from: `${year}-03-01T00:00:00.000Z`, to: `${year}-04-01T00:00:00.000Z` });
    // One report for April, made at the first try and sent at the second.
    expect(await app.strapi.db.query('plugin::community-manager.kpi-report').count({ where: { deliveryKey: { $notNull: true } } })).toBe(2);
  });

  it('sends a schedule’s latest period now, with its PDF, and leaves its calendar as it was', async () => {
    const year = Number(period.from.slice(0, 4));
    const schedulesNow = async () =>
      (await app.http.get(`${api}/reports/schedules`).set(auth())).body.data as Array<Record<string, unknown>>;
    const monthly = (await schedulesNow()).find((s) => s.name === 'Monthly')!;
    const keyed = () => app.strapi.db.query('plugin::community-manager.kpi-report').count({ where: { deliveryKey: { $notNull: true } } });
    const keyedBefore = await keyed();
    // Mid-May: the latest sending was on 2 May, for April.
    reports().useClock(() => Date.parse(`${year}-05-10T12:00:00Z`));
    const before = mails.length;
    const res = await app.http.post(`${api}/reports/schedules/${monthly.documentId}/send`).set(auth()).send({});
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      recipients: ['cm@example.com'],
      period: { from: `${year}-04-01T00:00:00.000Z`, to: `${year}-05-01T00:00:00.000Z` },
    });
    expect(mails.length).toBe(before + 1);
    const mail = mails[before];
    expect((mail.to as { value: Array<{ address: string }> }).value.map((v) => v.address)).toEqual(['cm@example.com']);
    expect(mail.subject).toBe(`Report: Monthly report, 1 April ${year} – 30 April ${year}`);
    const report = (await app.http.get(`${api}/reports/${res.body.data.reportId}`).set(auth())).body.data;
    expect(report).toMatchObject({ generatedBy: 'Monthly', from: `${year}-04-01T00:00:00.000Z` });
    expect(mail.text).toContain(`/admin/plugins/community-manager/reports?report=${report.documentId}`);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].contentType).toBe('application/pdf');
    const text = (await readPdf(mail.attachments[0].content)).pages.join('\n').replace(/[\s\u00a0]+/g, ' ');
    expect(text).toContain(`Posts published ${report.figures.current.posts} `);
    expect(report.figures.current.posts).toBeGreaterThan(0);
    // Outside the calendar: no delivery key taken, the schedule's next sending and last period unchanged.
    expect(await keyed()).toBe(keyedBefore);
    const row = await app.strapi.db.query('plugin::community-manager.kpi-report').findOne({ where: { documentId: report.documentId } });
    expect(row).toMatchObject({ deliveryKey: null });
    expect(row.emailedAt).not.toBeNull();
    const after = (await schedulesNow()).find((s) => s.name === 'Monthly')!;
    expect(after).toEqual(monthly);

    // The SMTP server refusing: 502 with the provider's reason, nothing marked e-mailed.
    sink.failing = true;
    const failed = await app.http.post(`${api}/reports/schedules/${monthly.documentId}/send`).set(auth()).send({});
    sink.failing = false;
    expect(failed.status).toBe(502);
    expect(failed.body.error.details).toMatchObject({
      messageId: 'report_email_failed',
      params: { reason: expect.stringContaining('SMTP server unreachable') },
    });
    expect(mails.length).toBe(before + 1);

    expect((await app.http.post(`${api}/reports/schedules/nosuchschedule0/send`).set(auth()).send({})).status).toBe(404);
    const reader = bearer(await adminWith(app, ['plugin::community-manager.reports.read']));
    expect((await app.http.post(`${api}/reports/schedules/${monthly.documentId}/send`).set(reader).send({})).status).toBe(403);
    expect(mails.length).toBe(before + 1);
  });

  it('refuses bad schedules naming the field, and lets only report generators change them', async () => {
    const bad = await app.http
      .post(`${api}/reports/schedules`)
      .set(auth())
      .send({ name: 'x', frequency: 'daily', hour: 8, timezone: 'UTC', language: 'en', recipients: ['nope'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.')).sort()).toEqual(['frequency', 'recipients.0']);
    const reader = bearer(await adminWith(app, ['plugin::community-manager.reports.read']));
    expect((await app.http.get(`${api}/reports/schedules`).set(reader)).status).toBe(200);
    const [first] = (await app.http.get(`${api}/reports/schedules`).set(reader)).body.data;
    expect((await app.http.post(`${api}/reports/schedules`).set(reader).send({})).status).toBe(403);
    expect((await app.http.delete(`${api}/reports/schedules/${first.documentId}`).set(reader)).status).toBe(403);
    const off = await app.http
      .put(`${api}/reports/schedules/${first.documentId}`)
      .set(auth())
      .send({
        ...first,
        documentId: undefined,
        nextAt: undefined,
        lastSentAt: undefined,
        lastPeriod: undefined,
        lastReportId: undefined,
        lastError: undefined,
        enabled: false,
      });
    expect(off.status).toBe(200);
    expect(off.body.data).toMatchObject({ enabled: false, nextAt: null });
    expect((await app.http.delete(`${api}/reports/schedules/${first.documentId}`).set(auth())).status).toBe(200);
    expect((await app.http.delete(`${api}/reports/schedules/${first.documentId}`).set(auth())).status).toBe(404);
  });
});
