/**
 * Bulk seed for the calendar benchmarks: post plans written straight into the
 * tables with knex batch inserts (the Document Service creates ~300 rows/s
 * here, so 100,000 would take minutes; a batched insert takes seconds). Column
 * and join-table names are read from Strapi's own metadata, so the rows are
 * exactly what the Document Service would have written.
 */
const { randomBytes } = require('node:crypto');

const UID = 'plugin::community-manager.post-plan';
const ACCOUNT_UID = 'plugin::community-manager.social-account';
const PILLARS = ['Tutorials', 'Community', 'Product', 'Culture', null];
const STATUSES = ['draft', 'in_review', 'approved', 'scheduled', 'published', 'cancelled'];
const CAMPAIGNS = ['Spring', 'Launch', null, null];

const documentId = () => randomBytes(12).toString('hex').slice(0, 24);
const chunkSize = (client) => (/sqlite/.test(client) ? 70 : 500); // SQLite caps bound variables per statement

async function createAccounts(strapi, count) {
  const ids = [];
  for (let i = 0; i < count; i++) {
    const row = await strapi
      .documents(ACCOUNT_UID)
      .create({ data: { network: 'sandbox', name: `Bench account ${i}`, status: 'connected' } });
    ids.push(row.id);
  }
  return ids;
}

/**
 * `count` post plans spread evenly at random over [from, to), each on one or
 * two of `accountIds`. Returns how long the insert took.
 */
async function seedPostPlans(strapi, { count, from, to, accountIds }) {
  const knex = strapi.db.connection;
  const client = String(knex.client.config.client);
  const meta = strapi.db.metadata.get(UID);
  const column = (name) => meta.attributes[name].columnName ?? name;
  const join = meta.attributes.accounts.joinTable;
  const started = Date.now();
  const now = new Date();
  const span = to.getTime() - from.getTime();
  const size = chunkSize(client);
  for (let done = 0; done < count; done += size) {
    const n = Math.min(size, count - done);
    const rows = [];
    for (let i = 0; i < n; i++) {
      const at = new Date(from.getTime() + Math.floor(Math.random() * span));
      rows.push({
        [column('documentId')]: documentId(),
        [column('title')]: `Bench post ${done + i}`,
        [column('body')]: 'A post body of ordinary length, with a link https://example.com/blog/post and two #hashtags #bench',
        [column('variants')]: JSON.stringify({}),
        [column('scheduledAt')]: at,
        [column('timezone')]: 'Europe/Paris',
        [column('localTime')]: at.toISOString().slice(0, 16),
        [column('status')]: STATUSES[(done + i) % STATUSES.length],
        [column('pillar')]: PILLARS[(done + i) % PILLARS.length],
        [column('campaign')]: CAMPAIGNS[(done + i) % CAMPAIGNS.length],
        [column('utm')]: JSON.stringify({ enabled: false }),
        [column('trail')]: JSON.stringify([{ at: now.toISOString(), by: { id: 1, name: 'Bench' }, event: 'created' }]),
        [column('createdAt')]: now,
        [column('updatedAt')]: now,
        [column('publishedAt')]: now,
      });
    }
    const inserted = /pg|postgres/.test(client)
      ? await knex(meta.tableName).insert(rows).returning('id')
      : await insertAndReadIds(knex, meta.tableName, rows);
    const links = [];
    inserted.forEach((entry, i) => {
      const id = typeof entry === 'object' ? entry.id : entry;
      const first = accountIds[(done + i) % accountIds.length];
      links.push({
        [join.joinColumn.name]: id,
        [join.inverseJoinColumn.name]: first,
        ...(join.orderColumnName ? { [join.orderColumnName]: 1 } : {}),
      });
      if ((done + i) % 3 === 0) {
        const second = accountIds[(done + i + 1) % accountIds.length];
        if (second !== first)
          links.push({
            [join.joinColumn.name]: id,
            [join.inverseJoinColumn.name]: second,
            ...(join.orderColumnName ? { [join.orderColumnName]: 2 } : {}),
          });
      }
    });
    for (let i = 0; i < links.length; i += size) await knex(join.name).insert(links.slice(i, i + size));
  }
  // What autovacuum does to a table that grew to this size in use: fresh planner statistics and a visibility
  // map (PostgreSQL answers the month grid's (scheduled_at, id) read from the index alone only with it).
  if (/pg|postgres/.test(client)) await knex.raw(`VACUUM ANALYZE ${meta.tableName}, ${join.name}`);
  else if (/sqlite/.test(client)) await knex.raw('ANALYZE');
  return Date.now() - started;
}

/** SQLite and MySQL return only the first (or last) id of a multi-row insert: ids are consecutive within one statement. */
async function insertAndReadIds(knex, table, rows) {
  const [first] = await knex(table).insert(rows);
  const client = String(knex.client.config.client);
  // better-sqlite3 gives the last rowid, mysql2 the first auto-increment id.
  const start = /sqlite/.test(client) ? first - rows.length + 1 : first;
  return rows.map((_, i) => start + i);
}

module.exports = { seedPostPlans, createAccounts };
