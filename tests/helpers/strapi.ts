import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import vm from 'node:vm';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { copyTemplate, createTestDatabase, currentEngine, describeTemplate, type TemplateRef, type TestDatabase } from './databases';
import { quietStrapiEnv } from './quiet-strapi-env';
import { setTestPassword } from './test-password';

export const ROOT = path.resolve(__dirname, '..', '..');
export const PLAYGROUND = path.join(ROOT, 'playground');

/*
 * Strapi (and so the built plugin) is loaded with Node's own require, once
 * per jest process, not through jest's module registry. Jest gives every
 * test file fresh modules and compiles each one again in its sandbox: the
 * first boot of a file cost 10 CPU-s against 0.9 s for a second boot in the
 * same file, about 800 CPU-s of a CI run's 84 API files (docs/testing.md).
 * Node's require caches Strapi's modules for every later file of the stage;
 * each boot still builds its own Strapi instance on its own database.
 *
 * Two consequences: Strapi reads the real process.env, of which jest hands
 * the tests a copy (startApp sets both), and what Strapi returns comes from
 * another realm (`instanceof Array` across it is false; toEqual is fine).
 * jest's `module` is its own, so Node's is reached through the outer
 * context's process.
 */
const outerProcess = vm.runInThisContext('process') as NodeJS.Process;
/** Node's own require: a module Strapi also loads (node-schedule, say) is then the very instance Strapi uses. */
export const nodeRequire = (outerProcess.getBuiltinModule('module') as typeof import('node:module')).createRequire(__filename);

function setEnv(values: Record<string, string | undefined>) {
  for (const env of new Set([process.env, outerProcess.env])) {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
  }
}

export const TEST_KEY_ID = 'test2026';
export const TEST_KEY = randomBytes(32).toString('base64');

export interface TestApp {
  strapi: Core.Strapi;
  http: ReturnType<typeof request>;
  /** where the app listens, e.g. http://127.0.0.1:40123 */
  url: string;
  db: TestDatabase;
  /** a super admin's JWT, from the first-admin registration */
  token: string;
  /** keepDatabase: leave the database for a later boot (restarts, key rotation) */
  stop(options?: { keepDatabase?: boolean }): Promise<void>;
}

export interface StartOptions {
  /** boot on an existing database instead of a fresh one */
  database?: TestDatabase;
  /** listen on this port (the browser suites pick one); any free port otherwise */
  port?: number;
  /**
   * an empty database, as a first install has (what the demo seed and
   * first-boot tests need); otherwise a copy of this run's template
   */
  fresh?: boolean;
}

/** Where this test run keeps its templates' descriptions (the run id comes from the projects' global setup). */
export function templatesDir(): string {
  return path.join(os.tmpdir(), `cm-templates-${process.env.CM_TEST_RUN_ID ?? `pid-${process.pid}`}`);
}

/**
 * A database as a first boot leaves it (Strapi's tables and the admin's
 * roles and permissions created, the first admin registered), copied from a
 * template made once per test run and engine. A first boot on an empty
 * database creates every table: 1–2 s of each file's boot on a quiet
 * machine, several times that when the stages share the cores. Jest runs a
 * stage's files one after another in one process but gives each its own
 * modules, so the template is found through a file, not a variable.
 */
async function templateCopy(): Promise<TestDatabase> {
  const file = path.join(templatesDir(), `${currentEngine()}.json`);
  if (!fs.existsSync(file)) {
    const first = await startApp({}, { fresh: true });
    // Every later boot of the stage signs this admin in: a cheap hash for the copies (tests/helpers/test-password.ts).
    const owner = (await first.strapi.db.query('admin::user').findOne({ where: { email: OWNER.email } })) as { id: number };
    await setTestPassword(first, owner.id, OWNER.password);
    await first.stop({ keepDatabase: true });
    const template = await describeTemplate(first.db);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(template));
    fs.renameSync(`${file}.tmp`, file);
  }
  return copyTemplate(JSON.parse(fs.readFileSync(file, 'utf8')) as TemplateRef);
}

/** The first admin of every test database. */
const OWNER = { email: 'owner@example.com', password: 'Owner-Password-2026' };

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';

/**
 * supertest against the listening app over kept-alive connections. Handing
 * supertest the bare http.Server instead makes it listen and close the server
 * around every request: thousands of times in the bad-input suite, slow, and
 * racy when requests overlap (ECONNRESET).
 */
function httpClient(url: string, agent: Agent): ReturnType<typeof request> {
  const base = request(url);
  const methods: Method[] = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
  const client: Record<string, unknown> = {};
  for (const m of methods) client[m] = (p: string) => base[m](p).agent(agent);
  client.del = client.delete;
  return client as unknown as ReturnType<typeof request>;
}

/**
 * Boots the playground (and so the built plugin) on its own database, the way
 * `strapi start` does, and signs the first admin in over HTTP (registering
 * it on an empty database).
 */
export async function startApp(env: Record<string, string> = {}, options: StartOptions = {}): Promise<TestApp> {
  const db = options.database ?? (options.fresh ? await createTestDatabase() : await templateCopy());
  const settings: Record<string, string> = {
    ...quietStrapiEnv(`${TEST_KEY_ID}:${TEST_KEY}`),
    ...db.env,
    ...env,
  };
  const previous = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
  setEnv(settings);
  // Required late so NODE_ENV and friends are set before Strapi first reads them.
  const { createStrapi } = nodeRequire('@strapi/strapi') as typeof import('@strapi/strapi');
  const strapi = await createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND }).load();
  await strapi.server.mount();
  const server = strapi.server.httpServer;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  // Node closes a kept-alive socket after 5 idle seconds; a client reusing it at that moment
  // gets ECONNRESET (seen in CI after a slow step between two requests). The test client is
  // the only one here, so let idle sockets live as long as a test file does.
  server.keepAliveTimeout = 10 * 60_000;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const http = httpClient(url, agent);
  const owner = OWNER;
  const fresh = !(await (strapi.service('admin::user') as unknown as { exists(): Promise<boolean> }).exists());
  const res = fresh
    ? await http.post('/admin/register-admin').send({ ...owner, firstname: 'Owner', lastname: 'Test' })
    : await http.post('/admin/login').send(owner);
  if (res.status !== 201 && res.status !== 200) {
    agent.destroy();
    await strapi.destroy();
    throw new Error(`admin sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return {
    strapi,
    http,
    url,
    db,
    token: res.body.data.token,
    async stop(stopOptions = {}) {
      agent.destroy();
      await destroyWithin(strapi, db);
      if (!stopOptions.keepDatabase) await db.drop();
      setEnv(previous);
    },
  };
}

/** How long an app's shutdown may wait on its database's sessions before they are ended. */
const DESTROY_WAIT_MS = 30_000;

/**
 * strapi.destroy(), and if it still waits after DESTROY_WAIT_MS, the
 * database's sessions ended, loudly. Knex's pool waits for every connection
 * in use to come back; once, on MariaDB at full load, one never did, the
 * file's teardown timed out after 180 s and every later file of the stage
 * failed to boot beside the half-stopped app (155 failures from one hang).
 */
async function destroyWithin(strapi: Core.Strapi, db: TestDatabase): Promise<void> {
  const destroyed = strapi.destroy();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), DESTROY_WAIT_MS)));
  const first = await Promise.race([destroyed.then(() => 'done' as const), late]);
  clearTimeout(timer);
  if (first === 'late') {
    const ended = await db.endSessions();
    console.warn(
      `[tests] strapi.destroy() still waiting after ${DESTROY_WAIT_MS / 1000} s on ${db.engine}: ended ${ended} session(s) left on its database`
    );
    await destroyed;
  }
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
