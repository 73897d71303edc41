import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One fresh database per booted Strapi, on the engine CM_TEST_DB names:
 * sqlite (a temporary file), postgres (CM_TEST_POSTGRES_URL) or mysql
 * (CM_TEST_MYSQL_URL). The server URLs point at an existing database used only
 * to create and drop the per-test ones.
 */
export type Engine = 'sqlite' | 'postgres' | 'mysql';

export interface TestDatabase {
  engine: Engine;
  env: Record<string, string>;
  drop(): Promise<void>;
  /**
   * Ends every other session on this database (none on SQLite) and says how
   * many: what a stopping app left holding a connection, so neither its
   * pool's shutdown nor the drop waits on it forever.
   */
  endSessions(): Promise<number>;
}

export function currentEngine(): Engine {
  const engine = (process.env.CM_TEST_DB ?? 'sqlite') as Engine;
  if (!['sqlite', 'postgres', 'mysql'].includes(engine)) throw new Error(`CM_TEST_DB must be sqlite, postgres or mysql, not ${engine}`);
  return engine;
}

const uniqueName = () => `cm_test_${process.pid}_${randomBytes(4).toString('hex')}`;

export async function createTestDatabase(engine: Engine = currentEngine()): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-sqlite-'));
    const filename = path.join(dir, 'data.db');
    return {
      engine,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
      endSessions: async () => 0,
    };
  }
  const name = uniqueName();
  if (engine === 'postgres') {
    const serverUrl = requireEnv('CM_TEST_POSTGRES_URL');
    await onPostgres(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
    return postgresDatabase(serverUrl, name);
  }
  const serverUrl = requireEnv('CM_TEST_MYSQL_URL');
  await onMysql(serverUrl, (conn) => conn.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`));
  return mysqlDatabase(serverUrl, name);
}

/** `work` on a connection of its own to the PostgreSQL server, closed after. */
async function onPostgres<T>(serverUrl: string, work: (client: import('pg').Client) => Promise<T>): Promise<T> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `work` on a connection of its own to the MariaDB server, closed after. */
async function onMysql<T>(serverUrl: string, work: (conn: import('mysql2/promise').Connection) => Promise<T>): Promise<T> {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection(serverUrl);
  try {
    return await work(conn);
  } finally {
    await conn.end();
  }
}

function withName(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function postgresDatabase(serverUrl: string, name: string): TestDatabase {
  return {
    engine: 'postgres',
    env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: withName(serverUrl, name) },
    drop: () => onPostgres(serverUrl, async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
    endSessions: () =>
      onPostgres(
        serverUrl,
        async (client) =>
          (
            await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
              name,
            ])
          ).rowCount ?? 0
      ),
  };
}

function mysqlDatabase(serverUrl: string, name: string): TestDatabase {
  return {
    engine: 'mysql',
    env: { DATABASE_CLIENT: 'mysql', DATABASE_URL: withName(serverUrl, name) },
    drop: () =>
      onMysql(serverUrl, async (conn) => {
        // As PostgreSQL's DROP … WITH (FORCE): a session left on the database would hold its metadata lock, and
        // MariaDB's DROP DATABASE waits for that lock up to lock_wait_timeout (a day by default).
        await endMysqlSessions(conn, name);
        await conn.query(`DROP DATABASE IF EXISTS ${name}`);
      }),
    endSessions: () => onMysql(serverUrl, (conn) => endMysqlSessions(conn, name)),
  };
}

/** KILLs every other session whose current database is `name`; one that ended meanwhile is no error. */
async function endMysqlSessions(conn: import('mysql2/promise').Connection, name: string): Promise<number> {
  const [rows] = (await conn.query('SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()', [name])) as [
    Array<{ ID: number }>,
    unknown,
  ];
  for (const row of rows) await conn.query('KILL ?', [row.ID]).catch(() => undefined);
  return rows.length;
}

/**
 * What a copy needs to know of a template: the database (or file) it lives
 * in, and for MariaDB, which has no `CREATE DATABASE … TEMPLATE`, the tables'
 * own DDL (foreign keys included) and which of them hold rows.
 */
export interface TemplateRef {
  engine: Engine;
  /** the SQLite file, or the PostgreSQL / MariaDB database name */
  source: string;
  mysqlTables?: Array<{ name: string; ddl: string; rows: boolean }>;
}

/** Turns a database a Strapi has booted on (then stopped) into a template. */
export async function describeTemplate(db: TestDatabase): Promise<TemplateRef> {
  if (db.engine === 'sqlite') return { engine: 'sqlite', source: db.env.DATABASE_FILENAME };
  const source = new URL(db.env.DATABASE_URL).pathname.slice(1);
  if (db.engine === 'postgres') return { engine: 'postgres', source };
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection(requireEnv('CM_TEST_MYSQL_URL'));
  try {
    const [rows] = await conn.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ?', [source]);
    const mysqlTables = [];
    for (const { name } of rows as Array<{ name: string }>) {
      const [[created]] = (await conn.query(`SHOW CREATE TABLE \`${source}\`.\`${name}\``)) as unknown as [Array<Record<string, string>>];
      // information_schema's row count is an estimate: ask the table itself.
      const [[{ any }]] = (await conn.query(`SELECT EXISTS (SELECT 1 FROM \`${source}\`.\`${name}\`) AS \`any\``)) as unknown as [
        Array<{ any: number }>,
      ];
      mysqlTables.push({ name, ddl: created['Create Table'], rows: Number(any) === 1 });
    }
    return { engine: 'mysql', source, mysqlTables };
  } finally {
    await conn.end();
  }
}

/**
 * A fresh database holding a copy of the template: what a boot on an empty
 * database would have created (Strapi's tables, the admin's roles and
 * permissions, the first admin), without the DDL that makes a first boot
 * slow — a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL,
 * the tables' own DDL and `INSERT … SELECT` in one round trip on MariaDB.
 */
export async function copyTemplate(template: TemplateRef): Promise<TestDatabase> {
  if (template.engine === 'sqlite') {
    const db = await createTestDatabase('sqlite');
    fs.copyFileSync(template.source, db.env.DATABASE_FILENAME);
    return db;
  }
  const name = uniqueName();
  if (template.engine === 'postgres') {
    const serverUrl = requireEnv('CM_TEST_POSTGRES_URL');
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.source}`);
    } finally {
      await admin.end();
    }
    return postgresDatabase(serverUrl, name);
  }
  const serverUrl = requireEnv('CM_TEST_MYSQL_URL');
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({ uri: serverUrl, multipleStatements: true });
  try {
    const statements = [
      `CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      `USE ${name}`,
      // The DDL names other tables in its foreign keys: create them in any order.
      'SET FOREIGN_KEY_CHECKS = 0',
      ...template.mysqlTables!.map((t) => t.ddl),
      ...template
        .mysqlTables!.filter((t) => t.rows)
        .map((t) => `INSERT INTO \`${t.name}\` SELECT * FROM \`${template.source}\`.\`${t.name}\``),
      'SET FOREIGN_KEY_CHECKS = 1',
    ];
    await conn.query(statements.join(';\n'));
  } finally {
    await conn.end();
  }
  return mysqlDatabase(serverUrl, name);
}

/** Drops a template left by `describeTemplate` (the test run's teardown does this). */
export async function dropTemplate(template: TemplateRef): Promise<void> {
  if (template.engine === 'sqlite') fs.rmSync(path.dirname(template.source), { recursive: true, force: true });
  else if (template.engine === 'postgres') await postgresDatabase(requireEnv('CM_TEST_POSTGRES_URL'), template.source).drop();
  else await mysqlDatabase(requireEnv('CM_TEST_MYSQL_URL'), template.source).drop();
}

function requireEnv(key: string): string {
  const value = process.env[key];
  if (!value) throw new Error(`${key} is not set: it is needed for CM_TEST_DB=${process.env.CM_TEST_DB}`);
  return value;
}
