import type { Strapi } from '../core/strapi';

const TABLE = 'cm_post_plans';
/** (scheduled_at, id): the month grid's first read wants only these two, so PostgreSQL answers it from the index alone. */
const INDEX = 'cm_post_plans_scheduled_at_id_idx';
/** The first version's single-column index: a prefix of the one above, so dropped when found. */
const OLD_INDEX = 'cm_post_plans_scheduled_at_idx';

/**
 * The calendar reads post plans by a range of `scheduled_at`; without an index
 * every month view scans the table. Strapi's schema sync only drops indexes it
 * created itself, so one made here survives restarts. Made idempotently on all
 * three databases (MySQL has no CREATE INDEX IF NOT EXISTS), and a second
 * instance racing this one is harmless.
 */
export async function ensureScheduleIndex(strapi: Strapi): Promise<void> {
  const knex = strapi.db.connection;
  const client = String(knex.client.config.client);
  if (!(await knex.schema.hasTable(TABLE))) return;
  const exists = async (name: string) => {
    if (/sqlite/.test(client)) return (await knex.raw(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?`, [name])).length > 0;
    if (/pg|postgres/.test(client)) return (await knex.raw(`SELECT 1 FROM pg_indexes WHERE indexname = ?`, [name])).rows.length > 0;
    const [rows] = await knex.raw(`SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ? AND index_name = ?`, [TABLE, name]);
    return (rows as unknown[]).length > 0;
  };
  if (!(await exists(INDEX))) {
    try {
      await knex.schema.alterTable(TABLE, (table) => table.index(['scheduled_at', 'id'], INDEX));
    } catch (err) {
      if (!(await exists(INDEX))) throw err;
    }
  }
  if (await exists(OLD_INDEX)) {
    try {
      await knex.schema.alterTable(TABLE, (table) => table.dropIndex(['scheduled_at'], OLD_INDEX));
    } catch (err) {
      if (await exists(OLD_INDEX)) throw err;
    }
  }
}
