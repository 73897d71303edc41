import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { freePort } from '../helpers/free-port';
import { ROOT } from '../helpers/strapi';

/**
 * How agencies install the plugin: `npm pack`, then the tarball into a fresh
 * Strapi 5.54 app that is not the playground, enabled in config/plugins.js,
 * started with `strapi start`. The routes must answer and the content types
 * exist; with the built server removed, the same probe must fail (Strapi skips
 * such a plugin silently, which is exactly what this test is here to catch).
 */
// npm install of a whole Strapi app takes minutes on two cores.
jest.setTimeout(900_000);

const STRAPI_VERSION = '5.54.0';
const rootPackage = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

let appDir: string;
let server: ChildProcess | null = null;

function writeApp(dir: string, tarball: string) {
  const files: Record<string, string> = {
    'package.json': JSON.stringify(
      {
        name: 'agency-client-site',
        private: true,
        version: '1.0.0',
        dependencies: {
          '@strapi/strapi': STRAPI_VERSION,
          'better-sqlite3': rootPackage.devDependencies['better-sqlite3'],
          'strapi-plugin-community-manager': `file:${tarball}`,
        },
        strapi: { telemetryDisabled: true },
      },
      null,
      2
    ),
    'config/server.js': "module.exports = ({ env }) => ({ host: '127.0.0.1', port: env.int('PORT', 1337), app: { keys: ['k1', 'k2'] } });",
    'config/admin.js':
      "module.exports = () => ({ auth: { secret: 'install-test' }, apiToken: { salt: 'a' }, transfer: { token: { salt: 'b' } }, secrets: { encryptionKey: 'c' }, serveAdminPanel: false });",
    'config/database.js':
      "const path = require('path'); module.exports = () => ({ connection: { client: 'sqlite', connection: { filename: path.join(__dirname, '..', '.tmp', 'data.db') }, useNullAsDefault: true } });",
    'config/middlewares.js':
      "module.exports = ['strapi::logger','strapi::errors','strapi::security','strapi::cors','strapi::poweredBy','strapi::query','strapi::body','strapi::session','strapi::favicon','strapi::public'];",
    'config/plugins.js': "module.exports = () => ({ 'community-manager': { enabled: true } });",
    'src/index.js': 'module.exports = { register() {}, bootstrap() {} };',
    'public/uploads/.gitkeep': '',
  };
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
}

async function startServer(): Promise<{ http: ReturnType<typeof request>; log: () => string }> {
  const port = await freePort();
  let output = '';
  server = spawn(process.execPath, [path.join(appDir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: appDir,
    env: { ...process.env, PORT: String(port), NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true', CM_ENCRYPTION_KEYS: '' },
  });
  server.stdout!.on('data', (d) => (output += d));
  server.stderr!.on('data', (d) => (output += d));
  const http = request(`http://127.0.0.1:${port}`);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`strapi start exited (${server.exitCode}):\n${output}`);
    const ok = await http.get('/_health').then(
      (r) => r.status === 204,
      () => false
    );
    if (ok) return { http, log: () => output };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`strapi start did not answer within 120 s:\n${output}`);
}

async function stopServer() {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server!.once('exit', r));
  server.kill('SIGTERM');
  await exited;
}

async function probe(http: ReturnType<typeof request>) {
  const registered = await http
    .post('/admin/register-admin')
    .send({ email: 'agency@example.com', password: 'Agency-Password-2026', firstname: 'Agency', lastname: 'Admin' });
  const token =
    registered.body?.data?.token ??
    (await http.post('/admin/login').send({ email: 'agency@example.com', password: 'Agency-Password-2026' })).body.data.token;
  const auth = { Authorization: `Bearer ${token}` };
  const lines = await http.get('/community-manager/editorial-lines').set(auth);
  const types = await http.get('/content-type-builder/content-types').set(auth);
  const uids = (types.body.data as Array<{ uid: string }>).map((t) => t.uid);
  return { linesStatus: lines.status, lines: lines.body, uids, auth };
}

beforeAll(() => {
  appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-install-'));
  const packed = execFileSync('npm', ['pack', '--json', '--pack-destination', appDir], { cwd: ROOT, encoding: 'utf8' });
  const tarball = path.join(appDir, JSON.parse(packed)[0].filename);
  writeApp(appDir, tarball);
  // The registry cache warmed by the repository's own install makes this mostly offline.
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: appDir, stdio: 'inherit' });
});

afterEach(stopServer);
afterAll(() => {
  if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
});

describe('installing the packed plugin into a fresh Strapi app', () => {
  it('ships only what an app needs: the build, the rekey command, the docs', () => {
    const installed = path.join(appDir, 'node_modules', 'strapi-plugin-community-manager');
    expect(fs.existsSync(path.join(installed, 'dist', 'server', 'index.js'))).toBe(true);
    expect(fs.existsSync(path.join(installed, 'dist', 'admin', 'index.mjs'))).toBe(true);
    expect(fs.existsSync(path.join(installed, 'bin', 'rekey.js'))).toBe(true);
    expect(fs.existsSync(path.join(installed, 'tests'))).toBe(false);
    expect(fs.existsSync(path.join(installed, 'playground'))).toBe(false);
  });

  it('boots with the plugin: its admin routes answer and its content types exist', async () => {
    const { http } = await startServer();
    const result = await probe(http);
    expect(result.linesStatus).toBe(200);
    expect(result.lines).toEqual({ data: [] });
    expect(result.uids).toEqual(
      expect.arrayContaining(['plugin::community-manager.editorial-line', 'plugin::community-manager.social-account'])
    );
    const created = await http
      .post('/community-manager/editorial-lines')
      .set(result.auth)
      .send({ name: 'Client brand', pillars: [{ name: 'News', targetShare: 50 }] });
    expect(created.status).toBe(200);
    const anonymous = await http.get('/community-manager/editorial-lines');
    expect(anonymous.status).toBe(401);
  });

  it('fails the same probe when the built server is missing (the silent skip this test exists to catch)', async () => {
    fs.rmSync(path.join(appDir, 'node_modules', 'strapi-plugin-community-manager', 'dist', 'server'), { recursive: true, force: true });
    const { http } = await startServer();
    const result = await probe(http);
    expect(result.linesStatus).toBe(404);
    expect(result.uids).not.toContain('plugin::community-manager.editorial-line');
  });
});
