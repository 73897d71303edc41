import path from 'node:path';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { createTestDatabase, type TestDatabase } from './databases';

export const ROOT = path.resolve(__dirname, '..', '..');
export const PLAYGROUND = path.join(ROOT, 'playground');

export const TEST_KEY_ID = 'test2026';
export const TEST_KEY = randomBytes(32).toString('base64');

export interface TestApp {
  strapi: Core.Strapi;
  http: ReturnType<typeof request>;
  db: TestDatabase;
  /** a super admin's JWT, from the first-admin registration */
  token: string;
  /** keepDatabase: leave the database for a later boot (restarts, key rotation) */
  stop(options?: { keepDatabase?: boolean }): Promise<void>;
}

export interface StartOptions {
  /** boot on an existing database instead of a fresh one */
  database?: TestDatabase;
}

/**
 * Boots the playground (and so the built plugin) on a fresh database, the way
 * `strapi start` does, and registers the first admin over HTTP.
 */
export async function startApp(env: Record<string, string> = {}, options: StartOptions = {}): Promise<TestApp> {
  const db = options.database ?? (await createTestDatabase());
  const settings: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_STARTUP_LOG: 'false',
    CM_DEMO_SEED: 'false',
    SERVE_ADMIN_PANEL: 'false',
    ADMIN_RATE_LIMIT: 'false',
    CM_ENCRYPTION_KEYS: `${TEST_KEY_ID}:${TEST_KEY}`,
    CM_OUTBOUND_ALLOWED_HOSTS: '127.0.0.1,localhost,::1',
    ...db.env,
    ...env,
  };
  const previous = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
  Object.assign(process.env, settings);
  // Imported late so NODE_ENV and friends are set before Strapi reads them.
  const { createStrapi } = await import('@strapi/strapi');
  const strapi = await createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND }).load();
  await strapi.server.mount();
  const http = request(strapi.server.httpServer);
  const owner = { email: 'owner@example.com', password: 'Owner-Password-2026' };
  const fresh = !(await (strapi.service('admin::user') as unknown as { exists(): Promise<boolean> }).exists());
  const res = fresh
    ? await http.post('/admin/register-admin').send({ ...owner, firstname: 'Owner', lastname: 'Test' })
    : await http.post('/admin/login').send(owner);
  if (res.status !== 201 && res.status !== 200) {
    await strapi.destroy();
    throw new Error(`admin sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return {
    strapi,
    http,
    db,
    token: res.body.data.token,
    async stop(stopOptions = {}) {
      await strapi.destroy();
      if (!stopOptions.keepDatabase) await db.drop();
      for (const [k, v] of Object.entries(previous)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
