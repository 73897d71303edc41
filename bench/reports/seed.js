/**
 * Bulk seed for the reports benchmark: a year of published posts and their
 * metric snapshots, written with knex batch inserts (bench/calendar/seed.js
 * writes the post plans; this adds what publishing and collection would have
 * written after them). Column names come from Strapi's own metadata.
 */
const { randomBytes } = require('node:crypto');
const { seedPostPlans, createAccounts } = require('../calendar/seed');

const PUBLICATION = 'plugin::community-manager.publication';
const SNAPSHOT = 'plugin::community-manager.metric-snapshot';
const PLAN = 'plugin::community-manager.post-plan';
const ACCOUNT = 'plugin::community-manager.social-account';
const DAY = 86_400_000;

const documentId = () => randomBytes(12).toString('hex').slice(0, 24);
// SQLite: 32,766 bound variables and (knex writes a multi-row insert as a compound SELECT) 500 terms per statement.
const chunkSize = (client, columns) => (/sqlite/.test(client) ? Math.min(500, Math.floor(32_000 / columns)) : 1000);

/** Rows of `uid` keyed by attribute name, written with the table's own column names. */
function writer(strapi, uid) {
  const knex = strapi.db.connection;
  const meta = strapi.db.metadata.get(uid);
  const now = new Date();
  const toRow = (data) => {
    const row = {};
    for (const [name, value] of Object.entries({ documentId: documentId(), createdAt: now, updatedAt: now, publishedAt: now, ...data })) {
      const attribute = meta.attributes[name];
      if (attribute) row[attribute.columnName ?? name] = value;
    }
    return row;
  };
  return async (items) => {
    if (!items.length) return;
    const rows = items.map(toRow);
    const size = chunkSize(String(knex.client.config.client), Object.keys(rows[0]).length);
    // One transaction per call: SQLite would otherwise sync its journal after every statement.
    await knex.transaction(async (trx) => {
      for (let i = 0; i < rows.length; i += size) await trx(meta.tableName).insert(rows.slice(i, i + size));
    });
  };
}

/**
 * `posts` plans over [from, to), each published on its first account at its
 * scheduled time, with `perPost` snapshots spread over its first 30 days;
 * each account with a daily follower snapshot from a year before `from`.
 */
async function seedReports(strapi, { posts, perPost, from, to, accounts = 6 }) {
  const knex = strapi.db.connection;
  const started = Date.now();
  const accountIds = await createAccounts(strapi, accounts);
  await seedPostPlans(strapi, { count: posts, from, to, accountIds });
  const planMeta = strapi.db.metadata.get(PLAN);
  const join = planMeta.attributes.accounts.joinTable;
  const accountMeta = strapi.db.metadata.get(ACCOUNT);
  const accountDocs = new Map(
    (await knex(accountMeta.tableName).select('id', 'document_id')).map((r) => [Number(r.id), String(r.document_id)])
  );
  const firstAccount = new Map();
  for (const link of await knex(join.name).select(join.joinColumn.name, join.inverseJoinColumn.name)) {
    const plan = Number(link[join.joinColumn.name]);
    if (!firstAccount.has(plan)) firstAccount.set(plan, accountDocs.get(Number(link[join.inverseJoinColumn.name])));
  }
  const plans = await knex(planMeta.tableName).select('id', 'document_id', 'scheduled_at');

  const publications = [];
  const snapshots = [];
  const writePublications = writer(strapi, PUBLICATION);
  const writeSnapshots = writer(strapi, SNAPSHOT);
  let snapshotCount = 0;
  for (const plan of plans) {
    const account = firstAccount.get(Number(plan.id));
    const at = new Date(plan.scheduled_at).getTime();
    const pub = documentId();
    publications.push({
      documentId: pub,
      planDocumentId: String(plan.document_id),
      accountDocumentId: account,
      network: 'sandbox',
      state: 'published',
      dueMs: at,
      nextAttemptMs: at,
      attempts: 1,
      externalId: pub,
      externalUrl: `https://sandbox.example/${pub}`,
      publishedMs: at,
      history: JSON.stringify([]),
    });
    // Figures that grow over the post's first 30 days, as collection reads them.
    const reach = 200 + (Number(plan.id) % 37) * 40;
    for (let k = 1; k <= perPost; k++) {
      const share = k / perPost;
      snapshots.push({
        kind: 'post',
        accountDocumentId: account,
        publicationDocumentId: pub,
        network: 'sandbox',
        takenMs: at + Math.round(share * 30 * DAY),
        slotHours: Math.round(share * 30 * 24),
        likes: Math.round(reach * 0.04 * share),
        reposts: Math.round(reach * 0.01 * share),
        replies: Math.round(reach * 0.005 * share),
        quotes: 0,
        impressions: Math.round(reach * share),
        clicks: Math.round(reach * 0.02 * share),
      });
    }
    if (publications.length >= 1000) await writePublications(publications.splice(0));
    if (snapshots.length >= 20_000) {
      snapshotCount += snapshots.length;
      await writeSnapshots(snapshots.splice(0));
    }
  }
  snapshotCount += snapshots.length;
  await writePublications(publications.splice(0));
  await writeSnapshots(snapshots.splice(0));

  const daily = [];
  for (const account of accountDocs.values()) {
    for (let t = from.getTime() - 365 * DAY, i = 0; t < to.getTime(); t += DAY, i++) {
      daily.push({
        kind: 'account',
        accountDocumentId: account,
        network: 'sandbox',
        takenMs: t,
        followers: 1000 + i * 3,
        following: 100,
        posts: i,
      });
    }
  }
  await writeSnapshots(daily);
  // What autovacuum and SQLite's own statistics would give a table that grew to this size in use.
  const client = String(knex.client.config.client);
  if (/pg|postgres/.test(client)) await knex.raw('ANALYZE');
  else if (/sqlite/.test(client)) await knex.raw('ANALYZE');
  return { seedMs: Date.now() - started, posts: plans.length, snapshots: snapshotCount + daily.length };
}

module.exports = { seedReports };
