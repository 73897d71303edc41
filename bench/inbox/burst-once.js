/**
 * A burst on the stream, in one process (env from run.js): a week of quiet
 * history seeded (seed.js: 2,000 items, a quarter negative), the account's
 * stream opened, then `BENCH_BURST` mentions (5,000) written on the fake
 * Mastodon evenly over `BENCH_BURST_MS` (one minute), 40 % of them
 * complaints. Then waits until every one is stored (or 5 minutes pass) and
 * reports: how many rows, how many distinct external ids (the unique index
 * should make duplicates impossible; counted anyway), how many are missing,
 * the time to drain, each item's store lag (its createdAt minus the moment
 * the fake wrote it), and the crisis timeline: alerts stored during the
 * burst and when the first came. Prints one JSON line.
 */
const { bootWithMastodon, openStream, summary, load, sleep } = require('./app');
const { seedItems } = require('./seed');

const BURST = Number(process.env.BENCH_BURST ?? 5000);
const BURST_MS = Number(process.env.BENCH_BURST_MS ?? 60_000);
const ITEM = 'plugin::community-manager.inbox-item';
const EVENT = 'plugin::community-manager.crisis-event';
const COMPLAINTS = [
  '@brand the update broke my login again, this is terrible',
  '@brand ça ne marche pas du tout, très déçu',
  '@brand worst outage ever, nothing works',
  '@brand impossible de me connecter, nul',
];
const OTHERS = [
  '@brand when is the next release?',
  '@brand merci pour la réponse',
  '@brand thanks, this helped',
  '@brand question about invoices',
];

(async () => {
  const loadBefore = load();
  const app = await bootWithMastodon();
  const { strapi, fake, plugin, account, inbox } = app;
  // A quiet week before: the crisis detector's baseline (7 days by default) has history to compare with.
  await seedItems(strapi, { count: 2000, to: Date.now() - 3_600_000, sources: ['site'], assignees: [app.userId] });
  await strapi.db.query(ITEM).updateMany({ where: {}, data: { postedAt: new Date(Date.now() - 2 * 86_400_000) } });
  const crisis = plugin.service('inbox-crisis');
  let evaluations = 0;
  const evaluate = crisis.evaluate.bind(crisis);
  crisis.evaluate = async (...args) => {
    const result = await evaluate(...args);
    if (result) evaluations++;
    return result;
  };
  await openStream(app, 1000);
  const alertsBefore = await strapi.db.query(EVENT).count({ where: { kind: 'alert' } });

  const authors = Array.from({ length: 500 }, (_, i) => ({ id: String(10_000 + i), username: `voice${i}`, displayName: `Voice ${i}` }));
  const written = new Map();
  let negatives = 0;
  const began = Date.now();
  for (let i = 0; i < BURST; i++) {
    const due = began + Math.floor((i / BURST) * BURST_MS);
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    const complaint = i % 5 < 2;
    if (complaint) negatives++;
    const text = `${complaint ? COMPLAINTS[i % COMPLAINTS.length] : OTHERS[i % OTHERS.length]} (${i})`;
    const status = fake.mention('7', authors[i % authors.length], text, { language: i % 2 ? 'fr' : 'en' });
    written.set(status.id, Date.now());
  }
  const lastWritten = Date.now();
  const ids = [...written.keys()];
  const countStored = () => strapi.db.query(ITEM).count({ where: { sourceRef: account.documentId } });
  let stored = Number(await countStored());
  while (stored < BURST && Date.now() - lastWritten < 300_000) {
    await sleep(100);
    stored = Number(await countStored());
  }
  const drainedAt = Date.now();
  // Whatever came in twice would show as extra rows; the unique index (source, external id) forbids it.
  const knex = strapi.db.connection;
  const meta = strapi.db.metadata.get(ITEM);
  const col = (name) => meta.attributes[name].columnName ?? name;
  const rows = await knex(meta.tableName)
    .where(col('sourceRef'), account.documentId)
    .select(col('externalId'), col('createdAt'), col('sentiment'));
  const seen = new Set(rows.map((r) => String(r[col('externalId')])));
  const lags = rows.map((r) => {
    const at = r[col('createdAt')];
    return Math.max(0, (typeof at === 'number' ? at : new Date(at).getTime()) - (written.get(String(r[col('externalId')])) ?? 0));
  });
  const alerts = await strapi.db.query(EVENT).findMany({ where: { kind: 'alert' }, orderBy: [{ at: 'asc' }] });
  const newAlerts = alerts.slice(Number(alertsBefore));
  const client = String(knex.client.config.client);
  const loadAfter = load();
  await inbox.stop();
  await strapi.destroy();
  await fake.stop();
  process.stdout.write(
    `${JSON.stringify({
      client,
      sent: BURST,
      sendMs: lastWritten - began,
      stored: rows.length,
      distinct: seen.size,
      duplicates: rows.length - seen.size,
      lost: ids.filter((id) => !seen.has(id)).length,
      storedNegative: rows.filter((r) => r[col('sentiment')] === 'negative').length,
      allStoredMs: stored >= BURST ? drainedAt - began : null,
      drainMs: stored >= BURST ? drainedAt - lastWritten : null,
      lag: summary(lags),
      crisis: {
        negatives,
        evaluations,
        alerts: newAlerts.length,
        firstAlertMs: newAlerts.length ? new Date(newAlerts[0].at).getTime() - began : null,
        details: newAlerts[0]?.details ?? null,
      },
      load: { before: loadBefore, after: loadAfter },
    })}\n`
  );
  process.exit(0);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
