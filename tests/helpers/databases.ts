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
    };
  }
  const name = uniqueName();
  if (engine === 'postgres') {
    const serverUrl = requireEnv('CM_TEST_POSTGRES_URL');
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      engine,
      env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString() },
      drop: async () => {
        const client = new Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const serverUrl = requireEnv('CM_TEST_MYSQL_URL');
  const mysql = await import('mysql2/promise');
  const admin = await mysql.createConnection(serverUrl);
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    engine,
    env: { DATABASE_CLIENT: 'mysql', DATABASE_URL: url.toString() },
    drop: async () => {
      const conn = await mysql.createConnection(serverUrl);
      await conn.query(`DROP DATABASE IF EXISTS ${name}`);
      await conn.end();
    },
  };
}

function requireEnv(key: string): string {
  const value = process.env[key];
  if (!value) throw new Error(`${key} is not set: it is needed for CM_TEST_DB=${process.env.CM_TEST_DB}`);
  return value;
}
