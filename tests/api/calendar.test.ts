import { startApp, bearer, type TestApp } from '../helpers/strapi';
import { adminWith } from '../helpers/admins';
import { actionUid, ACTIONS } from '../../shared/core/permissions';

/**
 * The calendar over HTTP: the grid's events and their filters, the pillar mix
 * and weekly frequency of a known fixture, moving posts in time, and the
 * private iCalendar feed from creation to revocation.
 */
let app: TestApp;
let lineId: string;
let brandId: string;
let mastoId: string;
let articleId: string;
const ids: Record<string, string> = {};

const auth = () => bearer(app.token);
const nextYear = new Date().getUTCFullYear() + 1;
const PLANS = '/community-manager/post-plans';
const CAL = '/community-manager/calendar';

// June 2031, Paris (UTC+2): 2 June is a Monday (ISO week 23), 9 June starts week 24, 16 June week 25.
const FROM = '2031-06-01T22:00:00.000Z';
const TO = '2031-06-15T22:00:00.000Z';

async function plan(title: string, local: string, accountIds: string[], extra: object = {}) {
  const res = await app.http
    .post(PLANS)
    .set(auth())
    .send({ title, body: `${title} body`, accountIds, schedule: { local, timezone: 'Europe/Paris' }, ...extra });
  if (res.status !== 200) throw new Error(`${title}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.documentId as string;
}

beforeAll(async () => {
  app = await startApp();
  lineId = (
    await app.http
      .post('/community-manager/editorial-lines')
      .set(auth())
      .send({
        name: 'Brand',
        pillars: [
          { name: 'Product', targetShare: 50, color: '#7b79ff' },
          { name: 'Community', targetShare: 30 },
          { name: 'Culture', targetShare: 20 },
        ],
        frequencyTargets: [
          { network: 'sandbox', perWeek: 3 },
          { network: 'mastodon', perWeek: 2 },
        ],
      })
  ).body.data.documentId;
  brandId = (
    await app.http
      .post('/community-manager/accounts')
      .set(auth())
      .send({ network: 'sandbox', name: 'Brand sandbox', editorialLineId: lineId })
  ).body.data.documentId;
  mastoId = (
    await app.http
      .post('/community-manager/accounts')
      .set(auth())
      .send({ network: 'sandbox', name: 'Brand Mastodon', editorialLineId: lineId })
  ).body.data.documentId;
  // Only sandbox accounts can be added without a live network: this one stands for a Mastodon account.
  await app.strapi.db
    .query('plugin::community-manager.social-account')
    .update({ where: { documentId: mastoId }, data: { network: 'mastodon' } });
  articleId = (await app.strapi.documents('api::article.article').create({ data: { title: 'Spring update', slug: 'spring-update' } }))
    .documentId;

  ids.p1 = await plan('Launch teaser', '2031-06-03T09:00', [brandId], {
    pillar: 'Product',
    campaign: 'Launch',
    entry: { uid: 'api::article.article', documentId: articleId },
  });
  ids.p2 = await plan('Launch day', '2031-06-04T10:00', [brandId, mastoId], { pillar: 'Product' });
  ids.p3 = await plan('Meetup recap', '2031-06-05T09:00', [mastoId], { pillar: 'Community' });
  ids.p4 = await plan('Untagged note', '2031-06-09T09:00', [brandId]);
  ids.p5 = await plan('Dropped idea', '2031-06-10T09:00', [brandId], { pillar: 'Product' });
  await app.http.post(`${PLANS}/${ids.p5}/cancel`).set(auth()).send({});
  ids.p7 = await plan('Conference', '2031-06-13T18:00', [brandId], { pillar: 'Events' });
  ids.p8 = await plan('Next week', '2031-06-17T09:00', [brandId], { pillar: 'Product' });
});
afterAll(async () => app?.stop());

const titles = (events: Array<{ title: string }>) => events.map((e) => e.title);

describe('calendar events', () => {
  it('lists the window’s posts in time order with what the grid draws, and the linked article’s current title', async () => {
    const res = await app.http.get(`${CAL}/events`).query({ from: FROM, to: TO }).set(auth());
    expect(res.status).toBe(200);
    expect(titles(res.body.data)).toEqual(['Launch teaser', 'Launch day', 'Meetup recap', 'Untagged note', 'Dropped idea', 'Conference']);
    const first = res.body.data[0];
    expect(first).toEqual({
      documentId: ids.p1,
      title: 'Launch teaser',
      scheduledAt: '2031-06-03T07:00:00.000Z',
      timezone: 'Europe/Paris',
      localTime: '2031-06-03T09:00',
      status: 'draft',
      pillar: 'Product',
      campaign: 'Launch',
      accounts: [{ documentId: brandId, name: 'Brand sandbox', network: 'sandbox' }],
      entry: {
        uid: 'api::article.article',
        documentId: articleId,
        title: 'Spring update',
        editUrl: `/admin/content-manager/collection-types/api::article.article/${articleId}`,
      },
      live: [],
    });
    expect(res.body.data[1].accounts.map((a: { network: string }) => a.network).sort()).toEqual(['mastodon', 'sandbox']);
    expect(res.body.data[1].entry).toBeNull();
    expect(JSON.stringify(res.body)).not.toMatch(/"body"|"trail"/);
  });

  it('shows the article’s new title once it is renamed', async () => {
    await app.strapi
      .documents('api::article.article')
      .update({ documentId: articleId, data: { title: 'Spring update, revised' } as never });
    const res = await app.http.get(`${CAL}/events`).query({ from: FROM, to: TO }).set(auth());
    expect(res.body.data[0].entry.title).toBe('Spring update, revised');
  });

  it.each([
    ['networks', 'mastodon', ['Launch day', 'Meetup recap']],
    ['accountIds', 'BRAND', ['Launch teaser', 'Launch day', 'Untagged note', 'Dropped idea', 'Conference']],
    ['pillars', 'Product', ['Launch teaser', 'Launch day', 'Dropped idea']],
    ['pillars', 'Community,Events', ['Meetup recap', 'Conference']],
    ['campaigns', 'Launch', ['Launch teaser']],
    ['statuses', 'cancelled', ['Dropped idea']],
  ])('filters by %s=%s', async (name, value, expected) => {
    const res = await app.http
      .get(`${CAL}/events`)
      .query({ from: FROM, to: TO, [name]: value === 'BRAND' ? brandId : value })
      .set(auth());
    expect(res.status).toBe(200);
    expect(titles(res.body.data)).toEqual(expected);
  });

  it('combines filters (AND) and takes repeated parameters as a list', async () => {
    const res = await app.http
      .get(`${CAL}/events?from=${FROM}&to=${TO}&statuses=draft&statuses=cancelled&networks=sandbox&pillars=Product`)
      .set(auth());
    expect(titles(res.body.data)).toEqual(['Launch teaser', 'Launch day', 'Dropped idea']);
  });

  it('with dayMax, answers what a month grid draws: each day’s first posts in the asked zone, and the totals of fuller days', async () => {
    // 20 August 2031, Paris (UTC+2): five posts that day, and one at 01:00 on the 21st (23:00 UTC on the 20th).
    const busy: string[] = [];
    for (const hour of ['08', '09', '10', '11', '12']) busy.push(await plan(`Busy ${hour}`, `2031-08-20T${hour}:00`, [brandId, mastoId]));
    const late = await plan('Just after midnight', '2031-08-21T01:00', [brandId]);
    const window = { from: '2031-08-17T22:00:00.000Z', to: '2031-08-24T22:00:00.000Z' };

    const paris = await app.http
      .get(`${CAL}/events`)
      .query({ ...window, dayMax: 4, timezone: 'Europe/Paris' })
      .set(auth());
    expect(paris.status).toBe(200);
    expect(paris.body.data.more).toEqual([{ day: '2031-08-20', total: 5 }]);
    expect(paris.body.data.events.map((e: { documentId: string }) => e.documentId)).toEqual([...busy.slice(0, 3), late]);
    expect(paris.body.data.events[0].accounts).toEqual([
      { documentId: brandId, name: 'Brand sandbox', network: 'sandbox' },
      { documentId: mastoId, name: 'Brand Mastodon', network: 'mastodon' },
    ]);
    // The same posts in UTC: all six fall on the 20th.
    const utc = await app.http
      .get(`${CAL}/events`)
      .query({ ...window, dayMax: 4, timezone: 'UTC' })
      .set(auth());
    expect(utc.body.data.more).toEqual([{ day: '2031-08-20', total: 6 }]);
    expect(utc.body.data.events).toHaveLength(3);
    // Filters apply before the cut; without dayMax, "+N more" reads the whole day.
    const mastodon = await app.http
      .get(`${CAL}/events`)
      .query({ ...window, dayMax: 4, timezone: 'Europe/Paris', networks: 'mastodon' })
      .set(auth());
    expect(mastodon.body.data.more).toEqual([{ day: '2031-08-20', total: 5 }]);
    const day = await app.http.get(`${CAL}/events`).query({ from: '2031-08-19T22:00:00.000Z', to: '2031-08-20T22:00:00.000Z' }).set(auth());
    expect(day.body.data.map((e: { documentId: string }) => e.documentId)).toEqual(busy);
    for (const id of [...busy, late]) await app.http.delete(`${PLANS}/${id}`).set(auth());
  });

  it.each([
    [{ to: TO }, 'from'],
    [{ from: 'June 1st', to: TO }, 'from'],
    [{ from: TO, to: FROM }, 'to'],
    [{ from: '2031-01-01T00:00:00Z', to: '2031-06-01T00:00:00Z' }, 'to'],
    [{ from: FROM, to: TO, statuses: 'sent' }, 'statuses'],
    [{ from: FROM, to: TO, networks: 'myspace' }, 'networks'],
    [{ from: FROM, to: TO, accountIds: '../x' }, 'accountIds'],
    [{ from: FROM, to: TO, dayMax: 1 }, 'dayMax'],
    [{ from: FROM, to: TO, dayMax: 'many' }, 'dayMax'],
    [{ from: FROM, to: TO, dayMax: 4, timezone: 'Mars/Olympus' }, 'timezone'],
  ])('refuses %j with 400 naming %s', async (query, field) => {
    const res = await app.http.get(`${CAL}/events`).query(query).set(auth());
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path[0]).toBe(field);
  });
});

describe('calendar summary', () => {
  it('gives the pillar mix of the period against the line’s targets, cancelled posts left out', async () => {
    const res = await app.http
      .get(`${CAL}/summary`)
      .query({ from: FROM, to: TO, editorialLineId: lineId, timezone: 'Europe/Paris' })
      .set(auth());
    expect(res.status).toBe(200);
    expect(res.body.data.editorialLine).toEqual({ documentId: lineId, name: 'Brand' });
    expect(res.body.data.countedStatuses).not.toContain('cancelled');
    expect(res.body.data.pillarMix).toEqual({
      total: 5,
      rows: [
        { pillar: 'Product', count: 2, share: 40, targetShare: 50, color: '#7b79ff' },
        { pillar: 'Community', count: 1, share: 20, targetShare: 30, color: null },
        { pillar: 'Culture', count: 0, share: 0, targetShare: 20, color: null },
        { pillar: 'Events', count: 1, share: 20, targetShare: null, color: null },
        { pillar: null, count: 1, share: 20, targetShare: null, color: null },
      ],
    });
  });

  it('counts posts per network per ISO week against the weekly targets', async () => {
    const res = await app.http
      .get(`${CAL}/summary`)
      .query({ from: FROM, to: TO, editorialLineId: lineId, timezone: 'Europe/Paris' })
      .set(auth());
    expect(res.body.data.frequency).toEqual([
      {
        week: '2031-W23',
        start: '2031-06-02',
        end: '2031-06-08',
        networks: [
          { network: 'sandbox', count: 2, target: 3 },
          { network: 'mastodon', count: 2, target: 2 },
        ],
      },
      {
        week: '2031-W24',
        start: '2031-06-09',
        end: '2031-06-15',
        networks: [
          { network: 'sandbox', count: 2, target: 3 },
          { network: 'mastodon', count: 0, target: 2 },
        ],
      },
    ]);
  });

  it('counts a whole week even when the period starts in its middle', async () => {
    const res = await app.http
      .get(`${CAL}/summary`)
      .query({ from: '2031-06-10T22:00:00.000Z', to: '2031-06-17T22:00:00.000Z', timezone: 'Europe/Paris' })
      .set(auth());
    // The only line is the target when none is named.
    expect(res.body.data.editorialLine.documentId).toBe(lineId);
    expect(res.body.data.frequency.map((w: { week: string }) => w.week)).toEqual(['2031-W24', '2031-W25']);
    expect(res.body.data.frequency[0].networks[0]).toEqual({ network: 'sandbox', count: 2, target: 3 });
    expect(res.body.data.frequency[1].networks[0]).toEqual({ network: 'sandbox', count: 1, target: 3 });
    expect(res.body.data.pillarMix.total).toBe(2);
  });

  it('refuses an unknown time zone and a missing line', async () => {
    const zone = await app.http.get(`${CAL}/summary`).query({ from: FROM, to: TO, timezone: 'Mars/Olympus' }).set(auth());
    expect(zone.status).toBe(400);
    expect(zone.body.error.details.errors[0].path).toEqual(['timezone']);
    const line = await app.http.get(`${CAL}/summary`).query({ from: FROM, to: TO, editorialLineId: 'nosuchline000' }).set(auth());
    expect(line.status).toBe(404);
  });
});

describe('calendar summary follows the grid', () => {
  const summary = (query: object) =>
    app.http
      .get(`${CAL}/summary`)
      .query({ from: FROM, to: TO, timezone: 'Europe/Paris', ...query })
      .set(auth());
  const counts = (body: { frequency: Array<{ networks: Array<{ network: string; count: number; target: number | null }> }> }) =>
    body.frequency.map((week) => week.networks.map((n) => `${n.network} ${n.count}/${n.target}`));

  it('counts only the posts the grid’s filters keep, and only the filtered networks', async () => {
    const grid = await app.http.get(`${CAL}/events`).query({ from: FROM, to: TO, networks: 'mastodon' }).set(auth());
    const res = await summary({ networks: 'mastodon' });
    expect(res.status).toBe(200);
    expect(titles(grid.body.data)).toEqual(['Launch day', 'Meetup recap']);
    expect(res.body.data.pillarMix.total).toBe(2);
    // Launch day went to both networks: with the Mastodon filter only its Mastodon side is counted.
    expect(counts(res.body.data)).toEqual([['mastodon 2/2'], ['mastodon 0/2']]);

    const product = await summary({ pillars: 'Product' });
    expect(product.body.data.pillarMix).toEqual({
      total: 2,
      rows: [{ pillar: 'Product', count: 2, share: 100, targetShare: 50, color: '#7b79ff' }],
    });
    const campaign = await summary({ campaigns: 'Launch', accountIds: brandId });
    expect(campaign.body.data.pillarMix.total).toBe(1);
    expect(counts(campaign.body.data)).toEqual([['sandbox 1/3'], ['sandbox 0/3']]);
    // Cancelled posts never count, even when the grid is filtered to them.
    const cancelled = await summary({ statuses: 'cancelled' });
    expect(cancelled.body.data.pillarMix.total).toBe(0);
    const drafts = await summary({ statuses: 'draft,cancelled' });
    expect(drafts.body.data.pillarMix.total).toBe(5);
  });

  it('with two lines, summarises the chosen one: its posts, its targets, only on networks it has an account on', async () => {
    const other = (
      await app.http
        .post('/community-manager/editorial-lines')
        .set(auth())
        .send({
          name: 'Other brand',
          pillars: [{ name: 'Hiring', targetShare: 100 }],
          frequencyTargets: [
            { network: 'sandbox', perWeek: 1 },
            { network: 'bluesky', perWeek: 4 },
          ],
        })
    ).body.data.documentId as string;
    const otherAccount = (
      await app.http
        .post('/community-manager/accounts')
        .set(auth())
        .send({ network: 'sandbox', name: 'Other sandbox', editorialLineId: other })
    ).body.data.documentId as string;
    const hiring = await plan('We are hiring', '2031-06-11T09:00', [otherAccount], { pillar: 'Hiring' });
    try {
      // Two lines and none chosen: no line's targets are claimed.
      const none = await summary({});
      expect(none.body.data.editorialLine).toBeNull();
      expect(none.body.data.pillarMix.total).toBe(6);

      const chosen = await summary({ editorialLineId: other });
      expect(chosen.body.data.editorialLine).toEqual({ documentId: other, name: 'Other brand' });
      expect(chosen.body.data.pillarMix).toEqual({
        total: 1,
        rows: [{ pillar: 'Hiring', count: 1, share: 100, targetShare: 100, color: null }],
      });
      // The Bluesky target has no account in this line: left out.
      expect(counts(chosen.body.data)).toEqual([['sandbox 0/1'], ['sandbox 1/1']]);

      const brand = await summary({ editorialLineId: lineId });
      expect(brand.body.data.pillarMix.total).toBe(5);
      expect(counts(brand.body.data)[1]).toEqual(['sandbox 2/3', 'mastodon 0/2']);

      // A disabled account is not one the line can post with.
      const { status } = await app.strapi.db
        .query('plugin::community-manager.social-account')
        .findOne({ where: { documentId: mastoId }, select: ['status'] });
      await app.strapi.db
        .query('plugin::community-manager.social-account')
        .update({ where: { documentId: mastoId }, data: { status: 'disabled' } });
      const withoutMastodon = await summary({ editorialLineId: lineId });
      expect(counts(withoutMastodon.body.data)[1]).toEqual(['sandbox 2/3']);
      await app.strapi.db.query('plugin::community-manager.social-account').update({ where: { documentId: mastoId }, data: { status } });
    } finally {
      await app.http.delete(`${PLANS}/${hiring}`).set(auth());
      await app.http.delete(`/community-manager/accounts/${otherAccount}`).set(auth());
      await app.http.delete(`/community-manager/editorial-lines/${other}`).set(auth());
    }
  });
});

describe('rescheduling', () => {
  const move = (id: string, schedule: object, token = app.token) =>
    app.http.post(`${PLANS}/${id}/reschedule`).set(bearer(token)).send({ schedule });
  const row = async (id: string) => (await app.http.get(`${PLANS}/${id}`).set(auth())).body.data;

  it('moves a draft and writes who moved it from when to when in the trail', async () => {
    const id = await plan('Movable', `${nextYear}-04-10T09:00`, [brandId]);
    const res = await move(id, { local: `${nextYear}-04-12T15:30`, timezone: 'Europe/Paris' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      status: 'draft',
      scheduledAt: `${nextYear}-04-12T13:30:00.000Z`,
      localTime: `${nextYear}-04-12T15:30`,
      timezone: 'Europe/Paris',
    });
    expect(res.body.data.trail.at(-1)).toMatchObject({
      event: 'rescheduled',
      by: { name: 'Owner Test' },
      schedule: {
        from: { scheduledAt: `${nextYear}-04-10T07:00:00.000Z`, localTime: `${nextYear}-04-10T09:00` },
        to: { scheduledAt: `${nextYear}-04-12T13:30:00.000Z` },
      },
    });
  });

  it('keeps an approved post approved: moving in time is not a content change', async () => {
    const id = await plan('Approved one', `${nextYear}-04-10T09:00`, [brandId]);
    await app.http.post(`${PLANS}/${id}/submit`).set(auth()).send({});
    await app.http.post(`${PLANS}/${id}/approve`).set(auth()).send({});
    const res = await move(id, { local: `${nextYear}-04-11T09:00`, timezone: 'Europe/Paris' });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('approved');
  });

  it('refuses times the clocks skip or pass twice, and the past, changing nothing', async () => {
    const id = await plan('Clock change', `${nextYear}-04-10T09:00`, [brandId]);
    const before = await row(id);
    const skipped = await move(id, { local: '2031-03-30T02:30', timezone: 'Europe/Paris' });
    expect(skipped.status).toBe(400);
    expect(skipped.body.error.details).toMatchObject({ code: 'nonexistent_local_time', nextValid: '2031-03-30T03:00' });
    const twice = await move(id, { local: '2031-10-26T02:30', timezone: 'Europe/Paris' });
    expect(twice.status).toBe(400);
    expect(twice.body.error.details.code).toBe('ambiguous_local_time');
    const past = await move(id, { local: '2020-01-01T09:00', timezone: 'Europe/Paris' });
    expect(past.status).toBe(400);
    expect(past.body.error.details).toMatchObject({ code: 'in_the_past', errors: [{ path: ['schedule', 'local'] }] });
    const zone = await move(id, { local: `${nextYear}-04-11T09:00`, timezone: 'Mars/Olympus' });
    expect(zone.status).toBe(400);
    const shape = await app.http
      .post(`${PLANS}/${id}/reschedule`)
      .set(auth())
      .send({ schedule: { local: 'tomorrow', timezone: 'Europe/Paris' } });
    expect(shape.status).toBe(400);
    expect(shape.body.error.details.errors[0].path).toEqual(['schedule', 'local']);
    const earlier = await move(id, { local: '2031-10-26T02:30', timezone: 'Europe/Paris', fold: 'earlier' });
    expect(earlier.body.data.scheduledAt).toBe('2031-10-26T00:30:00.000Z');
    await move(id, { local: `${nextYear}-04-10T09:00`, timezone: 'Europe/Paris' });
    const after = await row(id);
    expect(after.scheduledAt).toBe(before.scheduledAt);
  });

  it('refuses to move what went out', async () => {
    const id = await plan('Went out', `${nextYear}-04-10T09:00`, [brandId]);
    // Only the publisher marks a post published; the test writes it as the publisher would.
    await app.strapi.db.query('plugin::community-manager.post-plan').update({ where: { documentId: id }, data: { status: 'published' } });
    const res = await move(id, { local: `${nextYear}-04-11T09:00`, timezone: 'Europe/Paris' });
    expect(res.status).toBe(409);
    expect(res.body.error.details.code).toBe('published_is_read_only');
    expect((await row(id)).scheduledAt).toBe(`${nextYear}-04-10T07:00:00.000Z`);
  });

  it('lets an author move a draft, but only a publisher move a scheduled post', async () => {
    const author = await adminWith(app, [actionUid(ACTIONS.postsCreate), actionUid(ACTIONS.calendarRead)]);
    const publisher = await adminWith(app, [actionUid(ACTIONS.postsCreate), actionUid(ACTIONS.postsPublish)]);
    const draft = await plan('Author’s draft', `${nextYear}-04-10T09:00`, [brandId]);
    expect((await move(draft, { local: `${nextYear}-04-11T09:00`, timezone: 'Europe/Paris' }, author)).status).toBe(200);

    const id = await plan('On its way', `${nextYear}-04-10T09:00`, [brandId]);
    for (const step of ['submit', 'approve', 'schedule']) await app.http.post(`${PLANS}/${id}/${step}`).set(auth()).send({});
    const refused = await move(id, { local: `${nextYear}-04-11T09:00`, timezone: 'Europe/Paris' }, author);
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.code).toBe('missing_permission');
    expect(refused.body.error.message).toMatch(/Schedule and publish posts/);
    expect((await row(id)).scheduledAt).toBe(`${nextYear}-04-10T07:00:00.000Z`);
    const moved = await move(id, { local: `${nextYear}-04-11T09:00`, timezone: 'Europe/Paris' }, publisher);
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ status: 'scheduled', scheduledAt: `${nextYear}-04-11T07:00:00.000Z` });
  });

  it('answers 404 for a post that does not exist', async () => {
    expect((await move('nosuchplan000', { local: `${nextYear}-04-11T09:00`, timezone: 'Europe/Paris' })).status).toBe(404);
  });
});

describe('iCalendar feed', () => {
  const feedPath = (url: string) => new URL(url).pathname;
  const storedHashes = async () =>
    ((await app.strapi.db.query('plugin::community-manager.calendar-feed').findMany({})) as Array<{ tokenHash: string }>).map(
      (r) => r.tokenHash
    );

  it('is created once, shown once, serves valid iCalendar, and says when it was last used', async () => {
    expect((await app.http.get(`${CAL}/feed`).set(auth())).body.data).toEqual({ exists: false, createdAt: null, lastUsedAt: null });
    const created = await app.http.post(`${CAL}/feed`).set(auth());
    expect(created.status).toBe(200);
    const url: string = created.body.data.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/community-manager\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = url.split('/').pop()!.replace('.ics', '');

    const ics = await app.http.get(feedPath(url));
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    const text: string = ics.text;
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).toMatch(/X-WR-CALNAME:/);
    expect(text).toMatch(/REFRESH-INTERVAL;VALUE=DURATION:PT1H/);
    const unfolded = text.replace(/\r\n /g, '');
    const events = unfolded.split('BEGIN:VEVENT').slice(1);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(event).toMatch(/UID:.+\r\nDTSTAMP:\d{8}T\d{6}Z\r\nDTSTART:\d{8}T\d{6}Z\r\n/);

    // Everything within a year ahead is there, cancelled posts are not.
    const movable = await plan('Feed post, with; odd\\chars', `${nextYear}-02-10T09:00`, [brandId], { body: 'Line one\nLine two' });
    const far = await plan('Too far ahead', `${nextYear + 2}-12-30T09:00`, [brandId]);
    const again = (await app.http.get(feedPath(url))).text.replace(/\r\n /g, '');
    expect(again).toContain(`UID:post-plan-${movable}@community-manager`);
    expect(again).toContain('SUMMARY:[Draft] Feed post\\, with\\; odd\\\\chars (Sandbox)');
    expect(again).toContain('DESCRIPTION:Line one\\nLine two\\n\\nAccounts: Brand sandbox');
    expect(again).toMatch(new RegExp(`URL:http://127\\.0\\.0\\.1:\\d+/admin/plugins/community-manager/posts/${movable}`));
    expect(again).toContain(`DTSTART:${nextYear}0210T080000Z`);
    expect(again).not.toContain(far);
    expect(again).not.toContain(ids.p5);

    const status = (await app.http.get(`${CAL}/feed`).set(auth())).body.data;
    expect(status.exists).toBe(true);
    expect(status.lastUsedAt).not.toBeNull();
    expect(status).not.toHaveProperty('url');

    // Neither the token nor its hash ever comes back from the admin API.
    const [hash] = await storedHashes();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    for (const body of [created.body, status, (await app.http.get(`${CAL}/events`).query({ from: FROM, to: TO }).set(auth())).body]) {
      expect(JSON.stringify(body)).not.toContain(hash);
      expect(JSON.stringify(body)).not.toMatch(/tokenHash/);
    }
    expect(JSON.stringify(status)).not.toContain(token);
  });

  it('keeps the token out of the request log, for a served feed and an unknown token alike', async () => {
    const url = (await app.http.post(`${CAL}/feed`).set(auth())).body.data.url as string;
    const token = url.split('/').pop()!.replace('.ics', '');
    const unknown = 'B'.repeat(43);
    const logged: string[] = [];
    const spy = jest.spyOn(app.strapi.log, 'http').mockImplementation(((message: string) => logged.push(message)) as never);
    try {
      expect((await app.http.get(feedPath(url))).status).toBe(200);
      expect((await app.http.get(`/api/community-manager/calendar/${unknown}.ics`)).status).toBe(404);
    } finally {
      spy.mockRestore();
    }
    const feedLines = logged.filter((line) => line.includes('/calendar/'));
    expect(feedLines).toEqual([
      expect.stringMatching(/^GET \/api\/community-manager\/calendar\/\*\*\*\.ics \(\d+ ms\) 200$/),
      expect.stringMatching(/\*\*\*\.ics \(\d+ ms\) 404$/),
    ]);
    expect(logged.join('\n')).not.toContain(token);
    expect(logged.join('\n')).not.toContain(unknown);
  });

  it('rotating gives a new URL and kills the old one; revoking kills it too', async () => {
    const first = (await app.http.post(`${CAL}/feed`).set(auth())).body.data.url as string;
    const second = (await app.http.post(`${CAL}/feed`).set(auth())).body.data.url as string;
    expect(second).not.toBe(first);
    expect((await app.http.get(feedPath(first))).status).toBe(404);
    expect((await app.http.get(feedPath(second))).status).toBe(200);
    expect(await storedHashes()).toHaveLength(1);
    const revoked = await app.http.delete(`${CAL}/feed`).set(auth());
    expect(revoked.body.data).toEqual({ exists: false, createdAt: null, lastUsedAt: null });
    expect((await app.http.get(feedPath(second))).status).toBe(404);
  });

  it.each(['short', 'A'.repeat(43), `${'A'.repeat(42)}!`, '../../admin'])('answers 404 to the token %s', async (token) => {
    const res = await app.http.get(`/api/community-manager/calendar/${encodeURIComponent(token)}.ics`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('BEGIN:VCALENDAR');
  });

  async function userFeed(actions: string[]) {
    const token = await adminWith(app, actions);
    const me = (await app.http.get('/admin/users/me').set(bearer(token))).body.data;
    const url = (await app.http.post(`${CAL}/feed`).set(bearer(token))).body.data.url as string;
    expect((await app.http.get(feedPath(url))).status).toBe(200);
    return { me, url };
  }

  it('shows a calendar.read-only user titles and times but no post body, drafts included; posts.read adds the bodies', async () => {
    const secret = await plan('Secret draft', `${nextYear}-03-10T09:00`, [brandId], { body: 'Unannounced acquisition of Example Corp' });
    const calendarOnly = (await app.http.get(feedPath((await userFeed([actionUid(ACTIONS.calendarRead)])).url))).text.replace(/\r\n /g, '');
    expect(calendarOnly).toContain(`UID:post-plan-${secret}@community-manager`);
    expect(calendarOnly).toContain('SUMMARY:[Draft] Secret draft (Sandbox)');
    expect(calendarOnly).toContain('DESCRIPTION:Accounts: Brand sandbox');
    expect(calendarOnly).not.toContain('Unannounced');
    expect(calendarOnly).not.toContain('Line one');

    const reader = (
      await app.http.get(feedPath((await userFeed([actionUid(ACTIONS.calendarRead), actionUid(ACTIONS.postsRead)])).url))
    ).text.replace(/\r\n /g, '');
    expect(reader).toContain('DESCRIPTION:Unannounced acquisition of Example Corp\\n\\nAccounts: Brand sandbox');
  });

  it('drops the bodies at the next fetch once the role loses posts.read', async () => {
    await plan('Role change', `${nextYear}-04-10T09:00`, [brandId]);
    const { me, url } = await userFeed([actionUid(ACTIONS.calendarRead), actionUid(ACTIONS.postsRead)]);
    expect((await app.http.get(feedPath(url))).text).toContain('Role change body');
    const roleService = app.strapi.service('admin::role') as unknown as {
      assignPermissions(id: number, permissions: object[]): Promise<unknown>;
    };
    await roleService.assignPermissions(me.roles[0].id, [
      { action: actionUid(ACTIONS.calendarRead), subject: null, conditions: [], properties: {} },
    ]);
    const after = await app.http.get(feedPath(url));
    expect(after.status).toBe(200);
    expect(after.text).toContain('Role change');
    expect(after.text).not.toContain('Role change body');
  });

  it('stops serving a user who is deactivated', async () => {
    const { me, url } = await userFeed([actionUid(ACTIONS.calendarRead)]);
    await app.strapi.db.query('admin::user').update({ where: { id: me.id }, data: { isActive: false } });
    expect((await app.http.get(feedPath(url))).status).toBe(404);
  });

  it('stops serving a user whose role no longer holds calendar.read', async () => {
    const { me, url } = await userFeed([actionUid(ACTIONS.calendarRead), actionUid(ACTIONS.postsRead)]);
    const roleService = app.strapi.service('admin::role') as unknown as {
      assignPermissions(id: number, permissions: object[]): Promise<unknown>;
    };
    await roleService.assignPermissions(me.roles[0].id, [
      { action: actionUid(ACTIONS.postsRead), subject: null, conditions: [], properties: {} },
    ]);
    expect((await app.http.get(feedPath(url))).status).toBe(404);
  });
});
