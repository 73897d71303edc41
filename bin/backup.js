#!/usr/bin/env node
/**
 * Backup of everything the community manager stores, before switching it off
 * or uninstalling it (Strapi then DROPS the plugin's tables).
 *
 * From the Strapi app's folder, with the app's usual environment:
 *     npx community-manager-backup --file cm-backup.json
 * Restore it later with:
 *     npx community-manager-restore --file cm-backup.json
 *
 * It boots the app without serving HTTP and writes one JSON file (mode 0600):
 * every row of the plugin's tables and of their link tables as they are, ids
 * and documentIds included, the media library's links to post plans, and the
 * plugin's settings in Strapi's core store. Credentials stay sealed as stored:
 * they decrypt again only with the same CM_ENCRYPTION_KEYS. It prints counts
 * per table, never a value. An existing file is kept unless --force.
 */
const fs = require('node:fs');
const path = require('node:path');
const {
  FORMAT,
  FORMAT_VERSION,
  STORE_KEY_PREFIX,
  UID_PREFIX,
  bootApp,
  parseArgs,
  pluginTables,
  pluginVersion,
  run,
  toFile,
} = require('./lib/tables');

const COMMAND = 'community-manager-backup';
const PAGE = 1000;

async function readAll(knex, table, orderBy, where) {
  const rows = [];
  for (let offset = 0; ; offset += PAGE) {
    let query = knex(table).select('*').orderBy(orderBy).limit(PAGE).offset(offset);
    if (where) query = where(query);
    const page = await query;
    rows.push(...page);
    if (page.length < PAGE) return rows;
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2), COMMAND);
  if (args.help) {
    console.log(`Usage: npx ${COMMAND} [--file cm-backup.json] [--force]`);
    return;
  }
  const file = path.resolve(args.file || `community-manager-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  if (fs.existsSync(file) && !args.force) throw new Error(`${file} exists: choose another --file, or add --force to replace it`);

  const strapi = await bootApp();
  try {
    const knex = strapi.db.connection;
    const { entities, links, morphs } = pluginTables(strapi);
    const tables = [];
    for (const table of entities) {
      const rows = await readAll(knex, table.name, 'id');
      tables.push({
        name: table.name,
        uid: table.uid,
        kind: 'entity',
        rows: rows.map((row) =>
          Object.fromEntries(Object.entries(row).map(([column, value]) => [column, toFile(value, table.types[column])]))
        ),
      });
    }
    for (const table of links) {
      tables.push({ name: table.name, kind: 'link', rows: await readAll(knex, table.name, 'id') });
    }
    for (const table of morphs) {
      // Only the rows that point at the plugin's types; the rest belongs to the app.
      const rows = await readAll(knex, table.name, 'id', (q) => q.where(table.typeColumn, 'like', `${UID_PREFIX}%`));
      tables.push({ name: table.name, kind: 'morph', typeColumn: table.typeColumn, rows });
    }
    const store = await knex('strapi_core_store_settings')
      .select('key', 'value', 'type', 'environment', 'tag')
      .where('key', 'like', `${STORE_KEY_PREFIX}%`)
      .orderBy('key');

    // Strapi also deletes the role permissions of actions no longer registered: the roles' access to the plugin.
    const permissions = (
      await strapi.db.query('admin::permission').findMany({
        where: { action: { $startsWith: UID_PREFIX } },
        populate: ['role'],
        orderBy: { id: 'asc' },
      })
    )
      .filter((p) => p.role)
      .map((p) => ({
        action: p.action,
        actionParameters: p.actionParameters ?? {},
        subject: p.subject ?? null,
        properties: p.properties ?? {},
        conditions: p.conditions ?? [],
        role: { id: p.role.id, code: p.role.code },
      }));

    const backup = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      pluginVersion: pluginVersion(),
      strapiVersion: strapi.config.get('info.strapi') || null,
      database: String(strapi.db.config.connection.client),
      createdAt: new Date().toISOString(),
      tables,
      coreStore: store,
      permissions,
    };
    // Sealed credentials are still the data of the client's accounts: owner-only, like the database.
    fs.writeFileSync(file, JSON.stringify(backup), { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    const counts = Object.fromEntries(tables.map((t) => [t.name, t.rows.length]));
    console.log(
      JSON.stringify(
        { file, pluginVersion: backup.pluginVersion, tables: counts, coreStore: store.length, permissions: permissions.length },
        null,
        2
      )
    );
  } finally {
    await strapi.destroy();
  }
}

run(COMMAND, main);
