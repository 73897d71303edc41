/**
 * What the backup and restore commands share: booting the app without HTTP,
 * and the list of the plugin's tables read from Strapi's own database
 * metadata (so a new content type or relation is covered without a change
 * here).
 *
 * Strapi drops the tables of content types that are no longer registered:
 * switching the plugin off (`enabled: false`) or uninstalling it deletes all
 * of its rows. These commands copy the rows out and back as they are, ids and
 * documentIds included, so every reference between rows (and to Strapi's own
 * admin users and media files) still holds after a restore.
 */

const PLUGIN_ID = 'community-manager';
const UID_PREFIX = `plugin::${PLUGIN_ID}.`;
const FORMAT = 'strapi-plugin-community-manager/backup';
const FORMAT_VERSION = 1;
/** Strapi's core store keys of the plugin (settings, publishing pause, digest state). */
const STORE_KEY_PREFIX = `plugin_${PLUGIN_ID}_`;

function parseArgs(argv, command) {
  const args = { file: null, force: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--force') args.force = true;
    else if (arg === '--file' || arg === '-f') args.file = argv[++i];
    else if (arg.startsWith('--file=')) args.file = arg.slice('--file='.length);
    else if (arg === '--help' || arg === '-h') args.help = true;
    else throw new Error(`unknown argument ${arg} (see ${command} --help)`);
  }
  return args;
}

/**
 * Boots the app in the current folder the way `strapi start` would, without
 * listening. The schedulers stay off: a restore must not start publishing or
 * fetching feeds while it writes.
 */
async function bootApp() {
  process.env.CM_SCHEDULER_ENABLED = 'false';
  process.env.CM_WATCH_ENABLED = 'false';
  process.env.CM_METRICS_ENABLED = 'false';
  process.env.CM_OAUTH_REFRESH_ENABLED = 'false';
  const appDir = process.cwd();
  const strapiPackage = require.resolve('@strapi/strapi', { paths: [appDir] });
  const { compileStrapi, createStrapi } = require(strapiPackage);
  const context = await compileStrapi({ appDir });
  const app = await createStrapi({ ...context, autoReload: false, serveAdminPanel: false }).load();
  if (![...app.db.metadata.keys()].some((uid) => uid.startsWith(UID_PREFIX))) {
    await app.destroy();
    throw new Error(`the ${PLUGIN_ID} plugin is not enabled in this app (config/plugins): enable it, then run this again`);
  }
  return app;
}

/**
 * Every table the plugin's content types own: one per type, then the link
 * tables of their relations (between the plugin's types, and to others), and
 * the media library's morph rows pointing at the plugin's types.
 */
function pluginTables(strapi) {
  const entities = [];
  const links = new Map();
  const morphs = new Map();
  for (const [uid, meta] of strapi.db.metadata) {
    if (!uid.startsWith(UID_PREFIX)) continue;
    const types = {};
    for (const attribute of Object.values(meta.attributes)) {
      if (attribute.columnName && attribute.type !== 'relation') types[attribute.columnName] = attribute.type;
    }
    // Relations stored as a column of this table (createdBy, updatedBy): where they point.
    const foreign = {};
    for (const attribute of Object.values(meta.attributes)) {
      if (attribute.type !== 'relation') continue;
      if (attribute.joinColumn && attribute.joinColumn.referencedTable && attribute.joinColumn.name !== 'document_id') {
        foreign[attribute.joinColumn.name] = attribute.joinColumn.referencedTable;
      }
      const join = attribute.joinTable;
      if (join && join.name && join.joinColumn && join.inverseJoinColumn && !links.has(join.name)) {
        links.set(join.name, {
          name: join.name,
          references: {
            [join.joinColumn.name]: join.joinColumn.referencedTable,
            [join.inverseJoinColumn.name]: join.inverseJoinColumn.referencedTable,
          },
        });
      }
      if (attribute.relation && attribute.relation.startsWith('morph') && attribute.morphBy) {
        const target = strapi.db.metadata.get(attribute.target);
        const morph = target && target.attributes[attribute.morphBy] && target.attributes[attribute.morphBy].joinTable;
        if (morph && morph.morphColumn && !morphs.has(morph.name)) {
          morphs.set(morph.name, {
            name: morph.name,
            typeColumn: morph.morphColumn.typeColumn.name,
            idColumn: morph.morphColumn.idColumn.name,
            references: { [morph.joinColumn.name]: morph.joinColumn.referencedTable || target.tableName },
          });
        }
      }
    }
    entities.push({ uid, name: meta.tableName, types, references: foreign });
  }
  entities.sort((a, b) => a.uid.localeCompare(b.uid));
  const byName = (a, b) => a.name.localeCompare(b.name);
  return { entities, links: [...links.values()].sort(byName), morphs: [...morphs.values()].sort(byName) };
}

/**
 * Drivers hand back the same column differently (SQLite: a datetime as a
 * number and a boolean as 0/1, MariaDB: JSON as text or parsed, PostgreSQL:
 * a bigint as a string): the file holds one portable form, by the
 * attribute's type.
 */
function toFile(value, type) {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'datetime':
    case 'timestamp':
      return new Date(value instanceof Date || typeof value === 'number' ? value : String(value)).toISOString();
    case 'boolean':
      return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
    case 'json':
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value);
      } catch {
        return value;
      }
    case 'biginteger':
      return String(value);
    default:
      return value instanceof Date ? value.toISOString() : value;
  }
}

/** The form Strapi's own query engine writes each type in. */
function toDatabase(value, type) {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'datetime':
    case 'timestamp':
      return new Date(value);
    case 'json':
      return JSON.stringify(value);
    default:
      return value;
  }
}

function pluginVersion() {
  return require('../../package.json').version;
}

/**
 * A database error can quote a row's value (MariaDB's "Duplicate entry '…'");
 * a credential must never reach the terminal, so only its kind is shown.
 */
function safeDatabaseError(err, table) {
  const parts = [err.code, err.constraint].filter(Boolean).join(', ');
  return new Error(`writing ${table} failed${parts ? ` (${parts})` : ''}`);
}

/** Ends the process once the work is done (Strapi's own timers would wake up after destroy()). */
function run(command, main) {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (err) => {
      // A driver's message quotes the statement with its values; only the plugin's own messages are shown whole.
      console.error(`${command}: ${err.code ? `the database refused a statement (${err.code})` : err.message}`);
      process.exit(2);
    }
  );
}

module.exports = {
  FORMAT,
  FORMAT_VERSION,
  STORE_KEY_PREFIX,
  UID_PREFIX,
  bootApp,
  parseArgs,
  pluginTables,
  pluginVersion,
  run,
  safeDatabaseError,
  toDatabase,
  toFile,
};
