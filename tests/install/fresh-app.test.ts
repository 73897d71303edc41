import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { freePort } from '../helpers/free-port';
import {
  JAVASCRIPT_ONLY,
  javaScriptAppFiles,
  npmInstall,
  packPlugin,
  scratchRoot,
  typeScriptAppFiles,
  writeFiles,
} from '../helpers/fresh-app';
import { ROOT } from '../helpers/strapi';

/**
 * How agencies install the plugin: `npm pack`, then the tarball into a fresh
 * Strapi 5.54 app that is not the playground, enabled with the README's own
 * config/plugins.js snippet, started with `strapi start`. The routes must
 * answer and the content types exist. Then the same installed app becomes a
 * TypeScript app (tsconfig and config/*.ts as Strapi's TypeScript template
 * writes them, the README's config/plugins.ts snippet), compiled with the
 * app's own type check and started again. Last, with the built server
 * removed, the same probe must fail (Strapi skips such a plugin silently,
 * which is exactly what this test is here to catch).
 */
// npm install of a whole Strapi app takes minutes on two cores.
jest.setTimeout(900_000);

/**
 * A config snippet exactly as the README's install section shows it, so the
 * docs cannot drift from what is tested: the code block whose first line
 * names the file.
 */
function readmeSnippet(file: string): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const install = readme.slice(readme.indexOf('## Installing into an existing Strapi 5 app'));
  const match = install.match(new RegExp('```(?:ts|js)\\n(// ' + file.replace('.', '\\.') + '\\n[\\s\\S]*?)```'));
  if (!match) throw new Error(`README.md's install section has no code block starting with "// ${file}"`);
  return match[1];
}

let appDir: string;
let server: ChildProcess | null = null;

function writeApp(dir: string, tarball: string) {
  writeFiles(dir, javaScriptAppFiles(tarball, { 'config/plugins.js': readmeSnippet('config/plugins.js') }));
}

/** The same app turned TypeScript (tests/helpers/fresh-app.js has the template's files), with this config/plugins.ts. */
function makeTypeScript(dir: string, pluginsTs: string) {
  for (const file of JAVASCRIPT_ONLY) fs.rmSync(path.join(dir, file));
  writeFiles(dir, typeScriptAppFiles({ 'config/plugins.ts': pluginsTs }));
}

/** The app's own TypeScript compiler on its own tsconfig, as `strapi build` runs it (type errors stop the emit). */
function typeCheck(dir: string, extra: string[] = []): { ok: boolean; output: string } {
  try {
    const output = execFileSync(
      process.execPath,
      [path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', ...extra],
      {
        cwd: dir,
        encoding: 'utf8',
      }
    );
    return { ok: true, output };
  } catch (err) {
    return { ok: false, output: String((err as { stdout?: string }).stdout ?? err) };
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
  appDir = fs.mkdtempSync(path.join(scratchRoot(), 'cm-install-'));
  writeApp(appDir, packPlugin(appDir));
  npmInstall(appDir);
});

afterEach(stopServer);
afterAll(() => {
  if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
});

describe('installing the packed plugin into a fresh Strapi app', () => {
  it('ships only what an app needs: the build, the commands, the docs and the licence', () => {
    const installed = path.join(appDir, 'node_modules', 'strapi-plugin-community-manager');
    expect(fs.existsSync(path.join(installed, 'dist', 'server', 'index.js'))).toBe(true);
    expect(fs.existsSync(path.join(installed, 'dist', 'admin', 'index.mjs'))).toBe(true);
    for (const command of ['rekey', 'backup', 'restore']) expect(fs.existsSync(path.join(installed, 'bin', `${command}.js`))).toBe(true);
    expect(fs.existsSync(path.join(appDir, 'node_modules', '.bin', 'community-manager-backup'))).toBe(true);
    expect(fs.existsSync(path.join(installed, 'LICENSE'))).toBe(true);
    expect(fs.existsSync(path.join(installed, 'docs', 'api.md'))).toBe(true);
    expect(fs.existsSync(path.join(installed, 'docs', 'screenshots'))).toBe(false);
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

  it("turns into a TypeScript app with the README's config/plugins.ts: type-checked, built and booted", async () => {
    const started = Date.now();
    const pluginsTs = readmeSnippet('config/plugins.ts');
    // The check is real: the JavaScript form saved as plugins.ts (the README's old snippet) fails it, as issue 19 saw.
    makeTypeScript(appDir, "export default ({ env }) => ({ 'community-manager': { enabled: env.bool('CM_ON', true) } });\n");
    const untyped = typeCheck(appDir, ['--noEmit']);
    expect(untyped.ok).toBe(false);
    expect(untyped.output).toContain('TS7031');
    fs.writeFileSync(path.join(appDir, 'config', 'plugins.ts'), pluginsTs);
    const compiled = typeCheck(appDir);
    expect(compiled.output).toBe('');
    expect(compiled.ok).toBe(true);
    expect(fs.existsSync(path.join(appDir, 'dist', 'config', 'plugins.js'))).toBe(true);
    const { http } = await startServer();
    const result = await probe(http);
    expect(result.linesStatus).toBe(200);
    expect(result.uids).toContain('plugin::community-manager.post-plan');
    console.log(`[install] TypeScript app: type check, compile and boot in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('fails the same probe when the built server is missing (the silent skip this test exists to catch)', async () => {
    fs.rmSync(path.join(appDir, 'node_modules', 'strapi-plugin-community-manager', 'dist', 'server'), { recursive: true, force: true });
    const { http } = await startServer();
    const result = await probe(http);
    expect(result.linesStatus).toBe(404);
    expect(result.uids).not.toContain('plugin::community-manager.editorial-line');
  });
});
