#!/usr/bin/env node
/**
 * Puts back what `community-manager-backup` saved, after the plugin was
 * switched off (its tables dropped) and on again, or into a new database.
 *
 * From the Strapi app's folder, the app stopped, with the plugin enabled and
 * the same CM_ENCRYPTION_KEYS as when the backup was made:
 *     npx community-manager-restore --file cm-backup.json
 *
 * It refuses when the plugin's tables already hold rows (--force empties them
 * first), writes every row back as it was (ids and documentIds included) in
 * one transaction, then moves PostgreSQL's sequences and MariaDB's
 * auto-increments past the restored ids so new rows do not collide. Prints
 * counts only, never a value.
 */
const fs = require('node:fs');
const path = require('node:path');
const {
  FORMAT,
  FORMAT_VERSION,
  bootApp,
  parseArgs,
  pluginTables,
  pluginVersion,
  run,
  safeDatabaseError,
  toDatabase,
} = require('./lib/tables');

const COMMAND = 'community-manager-restore';
/** Bound parameters per INSERT: under SQLite's oldest limit (999). */
const MAX_PARAMETERS = 900;

function readBackup(file) {
  let backup;
  try {
    backup = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} cannot be read as a backup: ${err.code || 'not JSON'}`);
  }
  if (!backup || backup.format !== FORMAT || !Array.isArray(backup.tables)) throw new Error(`${file} is not a community manager backup`);
  if (backup.formatVersion !== FORMAT_VERSION) {
    throw new Error(`${file} has format version ${backup.formatVersion}; this plugin reads version ${FORMAT_VERSION}`);
  }
  return backup;
}

async function insertRows(trx, table, rows, convert) {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]).length || 1;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  for (let i = 0; i < rows.length; i += size) {
    try {
      await trx(table).insert(rows.slice(i, i + size).map(convert));
    } catch (err) {
      throw safeDatabaseError(err, table);
    }
  }
}

/** Rows pointing at another app's admin users or media files keep their place, without the dangling reference. */
async function existingIds(trx, table, ids) {
  const found = new Set();
  const list = [...ids];
  for (let i = 0; i < list.length; i += MAX_PARAMETERS) {
    const rows = await trx(table)
      .select('id')
      .whereIn('id', list.slice(i, i + MAX_PARAMETERS));
    for (const row of rows) found.add(Number(row.id));
  }
  return found;
}

/**
 * The roles' permissions on the plugin's actions, which Strapi deleted while
 * the plugin was off. The super admin's come back by themselves; a role that
 * no longer exists is skipped; a permission the role holds already is kept.
 */
async function restorePermissions(strapi, permissions) {
  const result = { restored: 0, present: 0, skipped: 0 };
  const roles = strapi.db.query('admin::role');
  const query = strapi.db.query('admin::permission');
  for (const permission of permissions) {
    const role =
      (await roles.findOne({ where: { code: permission.role.code } })) || (await roles.findOne({ where: { id: permission.role.id } }));
    if (!role || role.code === 'strapi-super-admin') {
      result.skipped++;
      continue;
    }
    const existing = await query.findOne({ where: { action: permission.action, subject: permission.subject, role: { id: role.id } } });
    if (existing) {
      result.present++;
      continue;
    }
    const { action, actionParameters, subject, properties, conditions } = permission;
    await query.create({ data: { action, actionParameters, subject, properties, conditions, role: role.id } });
    result.restored++;
  }
  return result;
}

async function main() {
  const args = parseArgs(process.argv.slice(2), COMMAND);
  if (args.help || !args.file) {
    console.log(`Usage: npx ${COMMAND} --file cm-backup.json [--force]`);
    process.exitCode = args.help ? 0 : 1;
    return;
  }
  const file = path.resolve(args.file);
  const backup = readBackup(file);

  const strapi = await bootApp();
  try {
    const knex = strapi.db.connection;
    const client = String(strapi.db.config.connection.client);
    const { entities, links, morphs } = pluginTables(strapi);
    const known = new Map([...entities, ...links].map((t) => [t.name, t]));
    const morphByName = new Map(morphs.map((t) => [t.name, t]));

    // Every table and column of the file must exist here: a backup of a newer plugin version is refused, not half-written.
    for (const table of backup.tables) {
      const current = known.get(table.name) || morphByName.get(table.name);
      if (!current) throw new Error(`the backup holds table ${table.name}, which this version of the plugin does not have`);
      if (!table.rows.length) continue;
      const columns = await knex(table.name).columnInfo();
      const missing = Object.keys(table.rows[0]).filter((column) => !(column in columns));
      if (missing.length)
        throw new Error(
          `table ${table.name} has no column ${missing.join(', ')} here: restore with the plugin version ${backup.pluginVersion}`
        );
    }

    const notEmpty = [];
    for (const table of known.values()) {
      const [{ count }] = await knex(table.name).count({ count: '*' });
      if (Number(count) > 0) notEmpty.push(`${table.name} (${count})`);
    }
    if (notEmpty.length && !args.force) {
      throw new Error(
        `the plugin's tables are not empty: ${notEmpty.join(', ')}. Nothing was written; add --force to replace their rows with the backup's`
      );
    }

    const report = { file, backupPluginVersion: backup.pluginVersion, pluginVersion: pluginVersion(), tables: {}, cleared: {} };
    await knex.transaction(async (trx) => {
      if (args.force) {
        for (const table of [...links, ...entities]) await trx(table.name).del();
      }
      // Entities first, then the links between them (foreign keys point at the entities).
      const ordered = [...backup.tables].sort(
        (a, b) => ['entity', 'link', 'morph'].indexOf(a.kind) - ['entity', 'link', 'morph'].indexOf(b.kind)
      );
      for (const table of ordered) {
        const current = known.get(table.name) || morphByName.get(table.name);
        let rows = table.rows;
        // References outside the plugin (admin users, media files) may not exist in this database.
        for (const [column, target] of Object.entries(current.references || {})) {
          if (!target || known.has(target) || !rows.some((r) => r[column] != null)) continue;
          const present = await existingIds(trx, target, new Set(rows.filter((r) => r[column] != null).map((r) => Number(r[column]))));
          const dangling = rows.filter((r) => r[column] != null && !present.has(Number(r[column])));
          if (!dangling.length) continue;
          report.cleared[`${table.name}.${column}`] = dangling.length;
          // A link row without its other end is dropped; a column (createdBy) is emptied.
          rows =
            table.kind === 'entity'
              ? rows.map((r) => (present.has(Number(r[column])) || r[column] == null ? r : { ...r, [column]: null }))
              : rows.filter((r) => r[column] == null || present.has(Number(r[column])));
        }
        if (table.kind === 'morph') {
          // The media library's own rows: replace only those pointing at the plugin's types, with fresh ids.
          await trx(table.name).where(current.typeColumn, 'like', 'plugin::community-manager.%').del();
          rows = rows.map((row) => {
            const fresh = { ...row };
            delete fresh.id;
            return fresh;
          });
        }
        const types = current.types || {};
        await insertRows(trx, table.name, rows, (row) =>
          Object.fromEntries(Object.entries(row).map(([c, v]) => [c, toDatabase(v, types[c])]))
        );
        report.tables[table.name] = rows.length;
      }
      for (const entry of backup.coreStore || []) {
        const { key, value, type, environment, tag } = entry;
        const updated = await trx('strapi_core_store_settings').where({ key }).update({ value, type });
        if (!updated) await trx('strapi_core_store_settings').insert({ key, value, type, environment, tag });
      }
      report.coreStore = (backup.coreStore || []).length;
      // PostgreSQL's sequences do not move when ids are given: without this the next insert would collide.
      if (client === 'postgres') {
        for (const table of known.values()) {
          await trx.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), COALESCE((SELECT MAX(id) FROM ??), 0) + 1, false)`, [
            `"${table.name}"`,
            table.name,
          ]);
        }
      }
    });
    report.permissions = await restorePermissions(strapi, backup.permissions || []);
    // MariaDB moves its counter on explicit ids already; set it anyway, after the commit (ALTER TABLE commits).
    if (client === 'mysql' || client === 'mysql2') {
      for (const table of known.values()) {
        const [{ max }] = await knex(table.name).max({ max: 'id' });
        await knex.raw(`ALTER TABLE ?? AUTO_INCREMENT = ${Number(max || 0) + 1}`, [table.name]);
      }
    }
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await strapi.destroy();
  }
}

run(COMMAND, main);
