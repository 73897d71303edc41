import { startApp, bearer, type TestApp } from '../helpers/strapi';

/**
 * `npm run develop` opens on demo data: the seed must keep working as the
 * plugin's services change, and must not run twice. Booted like the playground
 * boots, with the demo admin made the test's owner so the harness can sign in.
 */
const DEMO = {
  CM_DEMO_SEED: 'true',
  DEMO_ADMIN_EMAIL: 'owner@example.com',
  DEMO_ADMIN_PASSWORD: 'Owner-Password-2026',
};

let app: TestApp;
afterAll(async () => app?.stop());

const api = '/community-manager';

describe('the playground demo data', () => {
  it('plans a few weeks of posts in every state, some tied to the articles, and schedules publications for the scheduled ones', async () => {
    // An empty database, as a first install has: the seed runs on a first boot.
    app = await startApp(DEMO, { fresh: true });
    const auth = bearer(app.token);
    const list = await app.http.get(`${api}/post-plans`).query({ pageSize: 50 }).set(auth);
    expect(list.status).toBe(200);
    const all = list.body.data.results as Array<{
      documentId: string;
      status: string;
      entry: { uid: string } | null;
      pillar: string;
      scheduledAt: string;
    }>;
    // The weeks to come; the weeks past (already published, with figures) are the reports' history, below.
    const plans = all.filter((p) => p.status !== 'published');
    expect(plans).toHaveLength(7);
    expect(new Set(plans.map((p) => p.status))).toEqual(new Set(['draft', 'in_review', 'approved', 'scheduled']));
    expect(plans.filter((p) => p.entry?.uid === 'api::article.article')).toHaveLength(3);
    for (const plan of plans) expect(Date.parse(plan.scheduledAt)).toBeGreaterThan(Date.now());

    const scheduled = plans.filter((p) => p.status === 'scheduled');
    expect(scheduled).toHaveLength(2);
    for (const plan of scheduled) {
      const pubs = await app.http.get(`${api}/publications`).query({ planDocumentId: plan.documentId }).set(auth);
      expect(pubs.body.data.length).toBeGreaterThan(0);
      expect(pubs.body.data.every((p: { state: string }) => p.state === 'scheduled')).toBe(true);
    }

    // The article panel is on for the playground's articles, and each tied post shows there.
    const article = plans.find((p) => p.entry)!.entry as { uid: string; documentId: string };
    const panel = await app.http.get(`${api}/entries/posts`).query({ uid: article.uid, documentId: article.documentId }).set(auth);
    expect(panel.status).toBe(200);
    expect(panel.body.data.length).toBeGreaterThan(0);

    // Eight weeks of published posts with the sandbox's figures: the Reports page has a report to show.
    expect(all.filter((p) => p.status === 'published')).toHaveLength(16);
    const to = new Date(Date.now() + 60_000).toISOString();
    const from = new Date(Date.now() - 28 * 86_400_000).toISOString();
    const dashboard = await app.http.get(`${api}/reports/dashboard`).query({ from, to }).set(auth);
    expect(dashboard.status).toBe(200);
    const current = dashboard.body.data.current;
    expect(current.posts).toBeGreaterThanOrEqual(8);
    expect(current.postsWithFigures).toBe(current.posts);
    expect(current.engagements).toBeGreaterThan(0);
    expect(current.followers.growth).toBeGreaterThan(0);
    expect(dashboard.body.data.previous.posts).toBeGreaterThan(0);
  });

  it('fills the Moderation page with site comments, their sentiment read, each once', async () => {
    const items = await app.http.get(`${api}/inbox/items`).query({ status: 'all', pageSize: 50 }).set(bearer(app.token));
    expect(items.status).toBe(200);
    const found = items.body.data.results as Array<{ kind: string; externalId: string; sentiment: { label: string } }>;
    expect(found).toHaveLength(6);
    expect(found.every((i) => i.kind === 'site_comment')).toBe(true);
    expect(new Set(found.map((i) => i.externalId)).size).toBe(6);
    expect(new Set(found.map((i) => i.sentiment.label))).toEqual(new Set(['positive', 'negative', 'neutral']));
  });

  it('a second start keeps the data as it is', async () => {
    await app.stop({ keepDatabase: true });
    app = await startApp(DEMO, { database: app.db });
    const list = await app.http.get(`${api}/post-plans`).query({ pageSize: 50 }).set(bearer(app.token));
    expect(list.body.data.pagination.total).toBe(7 + 16);
    const items = await app.http.get(`${api}/inbox/items`).query({ status: 'all' }).set(bearer(app.token));
    expect(items.body.data.pagination.total).toBe(6);
  });
});
