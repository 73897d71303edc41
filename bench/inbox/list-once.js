/**
 * The inbox list at scale, in one process on one database (env from run.js):
 * `BENCH_INBOX_ITEMS` items (200,000) seeded (seed.js), then the filters the
 * Moderation page sends (admin/pages/Inbox: status, source, assignee,
 * sentiment, tag, search; 25 a page), each `BENCH_LIST_ROUNDS` times,
 * interleaved and rotated:
 * - ours: the inbox service's list (what `GET /inbox/items` runs after its
 *   checks): the page, and on page 1 its total and the six status counts
 *   (under a tag or words, counted up to 1,000: "1,000+");
 * - bare: `strapi.documents(uid).findMany` with the same filters, sort and
 *   page size, the page's rows alone;
 * - http: the default view (open items, page 1) through the route, as the
 *   admin page asks it (admin JWT, zod, the service, the JSON).
 * Prints one JSON line.
 */
const { bootApp, summary, percentile, hrMs, load } = require('./app');
const { seedItems } = require('./seed');
const { time } = require('../stats');

const ITEM = 'plugin::community-manager.inbox-item';
const COUNT = Number(process.env.BENCH_INBOX_ITEMS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_LIST_ROUNDS ?? 30);
const WARMUP = 5;
const OPEN = ['new', 'assigned', 'waiting'];

(async () => {
  const loadBefore = load();
  const app = await bootApp();
  const { strapi } = app;
  const plugin = strapi.plugin('community-manager');
  const accounts = [];
  for (let i = 0; i < 4; i++)
    accounts.push(
      (
        await strapi
          .documents('plugin::community-manager.social-account')
          .create({ data: { network: 'sandbox', name: `Bench account ${i}`, status: 'connected' } })
      ).documentId
    );
  const sources = [...accounts, 'site'];
  const assignees = [app.userId, app.userId + 1000, app.userId + 1001, app.userId + 1002];
  const seedMs = await seedItems(strapi, { count: COUNT, to: Date.now(), sources, assignees });
  const inbox = plugin.service('inbox');

  const sentimentIs = (label) => ({
    $or: [{ sentimentOverride: label }, { sentimentOverride: { $null: true }, sentiment: label }],
  });
  const open = { status: { $in: OPEN } };
  /** What the page sends, and the same filters for a bare findMany. */
  const cases = {
    'open (default view)': [{ status: 'open' }, [open]],
    'all statuses': [{ status: 'all' }, []],
    done: [{ status: 'done' }, [{ status: 'done' }]],
    'open, one source': [{ status: 'open', source: accounts[1] }, [{ sourceRef: accounts[1] }, open]],
    'open, assigned to me': [{ status: 'open', assignee: 'me' }, [{ assigneeId: app.userId }, open]],
    'open, nobody': [{ status: 'open', assignee: 'none' }, [{ assigneeId: { $null: true } }, open]],
    'open, negative': [{ status: 'open', sentiment: 'negative' }, [sentimentIs('negative'), open]],
    'open, tag': [{ status: 'open', tag: 'billing' }, [{ tagIndex: { $contains: '|billing|' } }, open]],
    'all, negative': [{ status: 'all', sentiment: 'negative' }, [sentimentIs('negative')]],
    'open, search one word': [{ status: 'open', q: 'refund' }, [{ searchText: { $contains: 'refund' } }, open]],
    'all, search one word': [{ status: 'all', q: 'refund' }, [{ searchText: { $contains: 'refund' } }]],
    // The worst case of a capped count: nothing matches, so every item is read before the count can stop.
    'open, search no match': [{ status: 'open', q: 'zyzzyva' }, [{ searchText: { $contains: 'zyzzyva' } }, open]],
    'open, page 20': [{ status: 'open', page: 20 }, [open], 19 * 25],
  };
  const timings = Object.fromEntries(Object.keys(cases).map((k) => [k, { ours: [], bare: [], oursCpu: [], bareCpu: [] }]));
  const http = [];
  const totals = {};
  for (let round = 0; round < ROUNDS + WARMUP; round++) {
    const names = Object.keys(cases);
    // Rotate the order so caches and noisy neighbours favour none.
    const order = names.slice(round % names.length).concat(names.slice(0, round % names.length));
    for (const name of order) {
      const [query, and, offset = 0] = cases[name];
      const steps = [
        [
          'ours',
          async () => {
            const page = await inbox.list({ page: 1, pageSize: 25, ...query }, app.userId);
            totals[name] = page.pagination.totalCapped ? `${page.pagination.total}+` : page.pagination.total;
          },
        ],
        [
          'bare',
          () =>
            strapi.documents(ITEM).findMany({
              filters: and.length ? { $and: and } : {},
              sort: [{ postedAt: 'desc' }, { id: 'desc' }],
              start: offset,
              limit: 25,
            }),
        ],
      ];
      if (round % 2) steps.reverse();
      for (const [which, fn] of steps) {
        // With this process's CPU: what the machine's load adds to the wall time is left out (on SQLite the query runs here).
        const { ms, cpuMs } = await time(fn);
        if (round >= WARMUP) {
          timings[name][which].push(ms);
          timings[name][`${which}Cpu`].push(cpuMs);
        }
      }
    }
    const t0 = process.hrtime.bigint();
    await app.get('/items?status=open&page=1&pageSize=25');
    if (round >= WARMUP) http.push(hrMs(t0));
  }
  // The folders' counts under a tag or words, as the list counted them before (every matching item, one grouped
  // count) and as it counts them now (the first 1,001 matching rows, unordered: server/inbox/service.ts countList), timed
  // in the same process, so that the machine's load favours neither.
  const CAP = 1_000;
  const countCases = ['open, tag', 'open, search one word', 'all, search one word', 'open, search no match'];
  const counting = Object.fromEntries(countCases.map((k) => [k, { grouped: [], capped: [], groupedCpu: [], cappedCpu: [] }]));
  const builder = (where, params) =>
    strapi.db.entityManager
      .createQueryBuilder(ITEM)
      .init({ where, ...params })
      .getKnexQuery();
  for (let round = 0; round < ROUNDS + WARMUP; round++)
    for (const name of countCases) {
      const [, and] = cases[name];
      const base = and.filter((f) => f !== open);
      const baseWhere = base.length ? { $and: base } : {};
      const steps = [
        ['grouped', () => builder(baseWhere, { select: ['status'], groupBy: ['status'] }).count({ n: '*' })],
        [
          'capped',
          () =>
            strapi.db.connection
              .from(
                builder(baseWhere, { select: ['status'], limit: CAP + 1 })
                  .clearOrder()
                  .as('capped')
              )
              .select('status')
              .count({ n: '*' })
              .groupBy('status'),
        ],
      ];
      if (round % 2) steps.reverse();
      for (const [which, fn] of steps) {
        const { ms, cpuMs } = await time(fn);
        if (round >= WARMUP) {
          counting[name][which].push(ms);
          counting[name][`${which}Cpu`].push(cpuMs);
        }
      }
    }
  const counts = Object.fromEntries(
    Object.entries(counting).map(([name, t]) => [
      name,
      { grouped: summary(t.grouped), capped: summary(t.capped), groupedCpu: summary(t.groupedCpu), cappedCpu: summary(t.cappedCpu) },
    ])
  );
  const client = String(strapi.db.connection.client.config.client);
  // Which index serves the tag and words filters here (server/inbox/search-indexes.ts): the figures depend on it.
  const searchIndexes = /pg|postgres/.test(client)
    ? (await strapi.db.connection.raw(`SELECT indexname FROM pg_indexes WHERE indexname LIKE 'cm_inbox_items_%_trgm' ORDER BY 1`)).rows.map(
        (r) => r.indexname
      )
    : [];
  const loadAfter = load();
  const results = {};
  for (const [name, t] of Object.entries(timings))
    results[name] = {
      total: totals[name],
      ours: summary(t.ours),
      bare: summary(t.bare),
      oursCpu: summary(t.oursCpu),
      bareCpu: summary(t.bareCpu),
      ratioP95: +(percentile(t.ours, 95) / percentile(t.bare, 95)).toFixed(2),
    };
  await strapi.destroy();
  process.stdout.write(
    `${JSON.stringify({ client, items: COUNT, seedMs, rounds: ROUNDS, searchIndexes, results, counts, http: summary(http), load: { before: loadBefore, after: loadAfter } })}\n`
  );
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
