/**
 * Metric collection measured in one process (env from run.js): the fake
 * Mastodon (tests/fakes/mastodon.ts, Mastodon 4.3's `GET /api/v1/statuses?
 * id[]=`) and the plugin in the same process. `BENCH_COLLECT_POSTS` posts of
 * one account, published an hour ago (their +1 h reading is due), written
 * straight into the tables as publishing would have; then collection passes
 * on a fixed clock until nothing is due. Counts the calls the fake answered
 * and times the passes. Prints one JSON line.
 */
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const { createStrapi } = require('@strapi/strapi');
const { requireTypeScript } = require('../env');

requireTypeScript();
const { startFakeMastodon } = require('../../tests/fakes/mastodon.ts');

const POSTS = Number(process.env.BENCH_COLLECT_POSTS ?? 1000);
const TOKEN = 'bench-collect-token';
const HOUR = 3_600_000;

(async () => {
  // An instance whose admin raised the rate limit: the bench counts calls, not waits (the suites test the 429s).
  const fake = await startFakeMastodon({ rateLimit: 1_000_000 });
  fake.tokens.set(TOKEN, { id: '9', username: 'brand', displayName: 'Brand' });
  const appDir = path.resolve(__dirname, '..', '..', 'playground');
  const strapi = await createStrapi({ appDir, distDir: appDir }).load();
  const plugin = strapi.plugin('community-manager');
  const account = await plugin
    .service('accounts')
    .create({ network: 'mastodon', name: 'Bench Mastodon', instanceUrl: fake.url, accessToken: TOKEN });

  const publishedMs = Date.now() - HOUR - 60_000;
  const meta = strapi.db.metadata.get('plugin::community-manager.publication');
  const col = (name) => meta.attributes[name].columnName ?? name;
  const rows = [];
  for (let i = 0; i < POSTS; i++) {
    const id = String(500000 + i);
    fake.statuses.push({
      id,
      accountId: '9',
      text: `Bench post ${i}`,
      inReplyToId: null,
      mediaIds: [],
      createdAt: new Date(publishedMs).toISOString(),
      idempotencyKey: null,
      counts: { favourites: i % 50, reblogs: i % 7, replies: i % 5, quotes: 0 },
    });
    rows.push({
      [col('documentId')]: randomBytes(12).toString('hex'),
      [col('planDocumentId')]: randomBytes(12).toString('hex'),
      [col('accountDocumentId')]: account.documentId,
      [col('network')]: 'mastodon',
      [col('state')]: 'published',
      [col('externalId')]: id,
      [col('externalUrl')]: `${fake.url}/@brand/${id}`,
      [col('publishedMs')]: publishedMs,
      [col('history')]: JSON.stringify([]),
    });
  }
  const knex = strapi.db.connection;
  await knex.transaction(async (trx) => {
    for (let i = 0; i < rows.length; i += 50) await trx(meta.tableName).insert(rows.slice(i, i + 50));
  });

  const reports = plugin.service('reports');
  const at = Date.now();
  reports.useClock(() => at);
  const before = fake.requests.length;
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let passes = 0;
  let posts = 0;
  for (;;) {
    const result = await reports.collect();
    passes++;
    posts += result.posts;
    if (result.posts === 0 && result.accounts === 0) break;
    if (passes > 10_000) throw new Error('collection does not end');
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  const calls = fake.requests.slice(before);
  const statusCalls = calls.filter((r) => r.path.startsWith('/api/v1/statuses')).length;
  const snapshots = await strapi.db.query('plugin::community-manager.metric-snapshot').count({ where: { kind: 'post' } });
  await strapi.destroy();
  await fake.stop();
  process.stdout.write(
    `${JSON.stringify({
      posts: POSTS,
      collected: posts,
      snapshots: Number(snapshots),
      passes,
      calls: calls.length,
      statusCalls,
      callsPerPost: +(statusCalls / POSTS).toFixed(4),
      ms: Math.round(ms),
      cpuMs: Math.round((used.user + used.system) / 1000),
    })}\n`
  );
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
