/**
 * Bulk seed for the inbox benchmarks: inbox items written straight into
 * their table with knex batch inserts, one transaction per 10,000 (the ingest
 * path stores ~100–300 a second here; 200,000 would take a quarter of an
 * hour). Column names come from Strapi's own metadata, so the rows are what
 * the ingest path would have written. A year of history, newest last, with
 * what an inbox that has been worked for a year holds: most items done, a
 * few thousand open, a share assigned, tagged, negative, overridden.
 */
const { randomBytes } = require('node:crypto');

const ITEM = 'plugin::community-manager.inbox-item';
const DAY = 86_400_000;

const documentId = () => randomBytes(12).toString('hex').slice(0, 24);
// SQLite: 32,766 bound variables and (knex writes a multi-row insert as a compound SELECT) 500 terms per statement.
const chunkSize = (client, columns) => (/sqlite/.test(client) ? Math.min(500, Math.floor(32_000 / columns)) : 1000);

const WORDS = (
  'thanks great update broke login again release when app crash refund invoice support slow fast love hate ' +
  'merci super article marche pas depuis matin compte facture lent rapide bravo nul bug écran mise jour'
).split(' ');
const TAGS = ['billing', 'bug', 'praise', 'question', 'press', 'crisis'];

/** A deterministic pseudo-random sequence: the same inbox on every engine and run. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * `count` items over the year before `to`, spread over `sources` (account
 * documentIds and `site`), assigned among `assignees` (admin user ids).
 * Returns how long it took.
 */
async function seedItems(strapi, { count, to, sources, assignees }) {
  const knex = strapi.db.connection;
  const client = String(knex.client.config.client);
  const meta = strapi.db.metadata.get(ITEM);
  const column = (name) => meta.attributes[name].columnName ?? name;
  const random = rng(15);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const started = Date.now();
  const now = new Date(to);
  const span = 365 * DAY;
  let size = 0;
  let rows = [];
  const flush = async () => {
    if (!rows.length) return;
    size ||= chunkSize(client, Object.keys(rows[0]).length);
    const batch = rows;
    rows = [];
    await knex.transaction(async (trx) => {
      for (let i = 0; i < batch.length; i += size) await trx(meta.tableName).insert(batch.slice(i, i + size));
    });
  };
  for (let i = 0; i < count; i++) {
    // Evenly over the year, in order: the row ids follow the time things were said, as ingest writes them.
    const postedAt = new Date(to - span + Math.floor((i / count) * span));
    const age = (to - postedAt.getTime()) / DAY;
    const source = sources[i % sources.length];
    // Old items were worked; the last fortnight holds what is still open.
    const r = random();
    const status =
      age > 14
        ? r < 0.86
          ? 'done'
          : r < 0.93
            ? 'hidden'
            : r < 0.97
              ? 'spam'
              : 'waiting'
        : r < 0.45
          ? 'new'
          : r < 0.65
            ? 'assigned'
            : r < 0.75
              ? 'waiting'
              : 'done';
    const assigneeId = status === 'new' || (status === 'done' && random() < 0.3) ? null : pick(assignees);
    const sr = random();
    const sentiment = sr < 0.25 ? 'negative' : sr < 0.7 ? 'neutral' : 'positive';
    const tags = random() < 0.3 ? [pick(TAGS)] : [];
    const text = Array.from({ length: 6 + Math.floor(random() * 10) }, () => pick(WORDS)).join(' ');
    const handle = `fan${Math.floor(random() * 5000)}`;
    const isSite = source === 'site';
    rows.push({
      [column('documentId')]: documentId(),
      [column('sourceRef')]: source,
      [column('network')]: isSite ? 'site' : 'mastodon',
      [column('kind')]: isSite ? 'site_comment' : random() < 0.6 ? 'reply' : 'mention',
      [column('externalId')]: `${1_000_000 + i}`,
      [column('externalUrl')]: `https://social.example/@${handle}/${1_000_000 + i}`,
      [column('threadRootId')]: `${900_000 + (i % 20_000)}`,
      [column('authorId')]: handle,
      [column('authorHandle')]: handle,
      [column('authorName')]: `Fan ${handle}`,
      [column('text')]: text,
      [column('html')]: `<p>${text}</p>`,
      [column('searchText')]: `fan ${handle} ${handle} ${text}`.toLowerCase(),
      [column('language')]: random() < 0.5 ? 'en' : 'fr',
      [column('postedAt')]: postedAt,
      [column('sentiment')]: sentiment,
      [column('sentimentScore')]: sentiment === 'negative' ? -0.6 : sentiment === 'positive' ? 0.6 : 0,
      [column('sentimentOverride')]: random() < 0.01 ? pick(['negative', 'neutral', 'positive']) : null,
      [column('status')]: status,
      [column('assigneeId')]: assigneeId,
      [column('tags')]: JSON.stringify(tags),
      [column('tagIndex')]: tags.length ? `|${tags.join('|')}|` : null,
      [column('priority')]: 'normal',
      [column('matchedRules')]: JSON.stringify([]),
      [column('notes')]: JSON.stringify([]),
      [column('replies')]: JSON.stringify([]),
      [column('replyState')]: 'idle',
      [column('createdAt')]: postedAt,
      [column('updatedAt')]: now,
      ...(meta.attributes.publishedAt ? { [column('publishedAt')]: postedAt } : {}),
    });
    if (rows.length >= 10_000) await flush();
  }
  await flush();
  // What autovacuum and SQLite's own statistics would give a table that grew to this size in use.
  if (/pg|postgres/.test(client)) await knex.raw(`VACUUM ANALYZE ${meta.tableName}`);
  else if (/sqlite/.test(client)) await knex.raw('ANALYZE');
  return Date.now() - started;
}

module.exports = { seedItems, TAGS };
