const path = require('path');

/**
 * SQLite by default; PostgreSQL or MySQL/MariaDB through the usual DATABASE_*
 * variables (DATABASE_URL or host/port/name/username/password).
 */
/** DATABASE_URL split into the fields knex's mysql2 driver reads (it ignores connectionString). */
function fromUrl(raw) {
  if (!raw) return {};
  const url = new URL(raw);
  return {
    host: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    ...(url.pathname.length > 1 ? { database: decodeURIComponent(url.pathname.slice(1)) } : {}),
    ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
  };
}

/**
 * knex warns "Transaction was implicitly committed … (#805)" each time Strapi's
 * schema sync runs DDL inside a transaction on MySQL/MariaDB. It is harmless
 * there (MySQL commits DDL implicitly by design) and floods every boot's log,
 * hiding real warnings, so that one message is dropped; the rest pass through.
 */
const knexLog = {
  warn(message) {
    if (typeof message === 'string' && message.includes('(#805)')) return;
    console.warn(message);
  },
  error: (message) => console.error(message),
  deprecate: (method, alternative) => console.warn(`${method} is deprecated, use ${alternative}`),
  debug: () => {},
};

module.exports = ({ env }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  const pool = { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) };
  const connections = {
    sqlite: {
      connection: { filename: path.resolve(__dirname, '..', env('DATABASE_FILENAME', '.tmp/data.db')) },
      useNullAsDefault: true,
      // Write-ahead log: a commit no longer waits for a disk flush, and readers never block the
      // writer, which is what several processes on one file need (docs/publishing.md, "SQLite").
      pool: {
        afterCreate(conn, done) {
          if (env.bool('DATABASE_SQLITE_WAL', true)) {
            conn.pragma('journal_mode = WAL');
            conn.pragma('synchronous = NORMAL');
          }
          // Several processes take turns at the one writer's lock: a writer waits this long for it before
          // SQLITE_BUSY ("database is locked"). better-sqlite3's 5 s ran out on a loaded CI machine.
          conn.pragma(`busy_timeout = ${env.int('DATABASE_SQLITE_BUSY_TIMEOUT_MS', 20_000)}`);
          done(null, conn);
        },
      },
    },
    postgres: {
      connection: {
        connectionString: env('DATABASE_URL'),
        host: env('DATABASE_HOST', '127.0.0.1'),
        port: env.int('DATABASE_PORT', 5432),
        database: env('DATABASE_NAME', 'strapi'),
        user: env('DATABASE_USERNAME', 'postgres'),
        password: env('DATABASE_PASSWORD', ''),
        schema: env('DATABASE_SCHEMA', 'public'),
        ssl: env.bool('DATABASE_SSL', false),
      },
      pool,
    },
    mysql: {
      connection: {
        host: env('DATABASE_HOST', '127.0.0.1'),
        port: env.int('DATABASE_PORT', 3306),
        database: env('DATABASE_NAME', 'strapi'),
        user: env('DATABASE_USERNAME', 'root'),
        password: env('DATABASE_PASSWORD', ''),
        ssl: env.bool('DATABASE_SSL', false),
        ...fromUrl(env('DATABASE_URL')),
      },
      pool,
      log: knexLog,
    },
  };
  return {
    connection: { client, ...connections[client], acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000) },
  };
};
