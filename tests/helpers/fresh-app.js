/**
 * A fresh Strapi 5.54 app with the packed plugin installed, as an agency
 * makes one: shared by the install test (tests/install/fresh-app.test.ts) and
 * the boot benchmark's fresh-app mode (bench/boot/fresh-app.js). Plain JS so
 * the benchmark runs it without a compiler.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const STRAPI_VERSION = '5.54.0';
const rootPackage = () => JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/**
 * `npm pack` of the repository into `dir`; returns the tarball's path. dist/
 * must be built, and not being rebuilt meanwhile (run under the build lock
 * where builds run in parallel): a tarball without the server build would
 * install a plugin Strapi silently skips.
 */
function packPlugin(dir) {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }));
  for (const file of ['dist/server/index.js', 'dist/admin/index.mjs']) {
    if (!packed.files.some((f) => f.path === file)) throw new Error(`npm pack: ${file} missing from the tarball (build dist/ first)`);
  }
  return path.join(dir, packed.filename);
}

/**
 * The SQLite driver's install script looks for a prebuilt binary and, with no
 * network here, compiles SQLite from source: about 100 CPU-s, a tenth of the
 * CI run's budget, spent on a package that is not ours. prebuild-install's
 * documented offline source (`local-prebuilds`) is handed the binary the
 * repository's own install already built, for the same Node and version;
 * the install script still runs, as it does in an agency's app.
 */
function sqliteDriverPrebuild(dir) {
  const driver = path.join(ROOT, 'node_modules', 'better-sqlite3');
  const version = JSON.parse(fs.readFileSync(path.join(driver, 'package.json'), 'utf8')).version;
  const prebuilds = path.join(dir, '.prebuilds');
  fs.mkdirSync(prebuilds, { recursive: true });
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync('tar', ['-czf', path.join(prebuilds, name), '-C', driver, 'build/Release/better_sqlite3.node']);
  return { npm_config_better_sqlite3_local_prebuilds: prebuilds };
}

/**
 * Where the fresh app is written: a memory file system when the machine has
 * one with room, else the system's temporary folder. npm writing a Strapi
 * app's 94,000 files (1.1 GB) took 120 s and 90 CPU-s (57 of them in the
 * kernel) on this machine's ext4 disk, 56 s and 44 CPU-s on /dev/shm: the
 * install test's largest cost, with nothing of the plugin's in it.
 */
function scratchRoot() {
  const TMPFS_MAGIC = 0x01021994;
  try {
    const stats = fs.statfsSync('/dev/shm');
    if (stats.type === TMPFS_MAGIC && stats.bavail * stats.bsize > 4 * 1024 ** 3) return '/dev/shm';
  } catch {
    // no /dev/shm (macOS, some containers): the disk it is
  }
  return require('node:os').tmpdir();
}

/**
 * The JavaScript app: package.json (Strapi, the SQLite driver, the tarball,
 * and the TypeScript template's dev dependencies), config/*.js, src/index.js.
 * `overrides` replaces or adds files (e.g. config/plugins.js).
 */
function javaScriptAppFiles(tarball, overrides = {}) {
  const pkg = rootPackage();
  return {
    'package.json': JSON.stringify(
      {
        name: 'agency-client-site',
        private: true,
        version: '1.0.0',
        dependencies: {
          '@strapi/strapi': STRAPI_VERSION,
          'better-sqlite3': pkg.devDependencies['better-sqlite3'],
          'strapi-plugin-community-manager': `file:${tarball}`,
        },
        // What create-strapi's TypeScript template adds; installed with the rest, used once the app turns TypeScript.
        devDependencies: {
          typescript: pkg.devDependencies.typescript,
          '@types/node': pkg.devDependencies['@types/node'],
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
    'src/index.js': 'module.exports = { register() {}, bootstrap() {} };',
    'public/uploads/.gitkeep': '',
    ...overrides,
  };
}

/** What the JavaScript app has that its TypeScript form replaces. */
const JAVASCRIPT_ONLY = [
  'config/server.js',
  'config/admin.js',
  'config/database.js',
  'config/middlewares.js',
  'config/plugins.js',
  'src/index.js',
];

/**
 * The same app as create-strapi-app 5.54's TypeScript template (`vanilla`) lays
 * it out: its tsconfig, config/*.ts typed as the template types them,
 * src/index.ts. Compiled to dist/, so the database path climbs two folders.
 */
function typeScriptAppFiles(overrides = {}) {
  return {
    'tsconfig.json': JSON.stringify(
      {
        compilerOptions: {
          module: 'CommonJS',
          moduleResolution: 'Node',
          lib: ['ES2020'],
          target: 'ES2019',
          strict: true,
          skipLibCheck: true,
          forceConsistentCasingInFileNames: true,
          incremental: true,
          esModuleInterop: true,
          resolveJsonModule: true,
          noEmitOnError: true,
          noImplicitThis: true,
          outDir: 'dist',
          rootDir: '.',
        },
        include: ['./', './**/*.ts', './**/*.js', 'src/**/*.json'],
        exclude: ['node_modules/', 'build/', 'dist/', '.cache/', '.tmp/', '.strapi/', 'src/admin/', '**/*.test.*', 'src/plugins/**'],
      },
      null,
      2
    ),
    'config/server.ts': `import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: '127.0.0.1',
  port: env.int('PORT', 1337),
  app: { keys: ['k1', 'k2'] },
});

export default config;
`,
    'config/admin.ts': `import type { Core } from '@strapi/strapi';

const config = (): Core.Config.Admin => ({
  auth: { secret: 'install-test' },
  apiToken: { salt: 'a' },
  transfer: { token: { salt: 'b' } },
  secrets: { encryptionKey: 'c' },
  serveAdminPanel: false,
});

export default config;
`,
    'config/database.ts': `import path from 'path';
import type { Core } from '@strapi/strapi';

const config = (): Core.Config.Database => ({
  connection: {
    client: 'sqlite',
    connection: { filename: path.join(__dirname, '..', '..', '.tmp', 'typescript.db') },
    useNullAsDefault: true,
  },
});

export default config;
`,
    'config/middlewares.ts': `import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
`,
    'src/index.ts': `export default {
  register() {},
  bootstrap() {},
};
`,
    ...overrides,
  };
}

/** Writes `files` (relative path → content) under `dir`. */
function writeFiles(dir, files) {
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
}

/** The app's install; the registry cache warmed by the repository's own install makes it mostly offline. */
function npmInstall(dir, stdio = 'inherit') {
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    stdio,
    env: { ...process.env, ...sqliteDriverPrebuild(dir) },
  });
}

module.exports = {
  STRAPI_VERSION,
  JAVASCRIPT_ONLY,
  packPlugin,
  sqliteDriverPrebuild,
  scratchRoot,
  javaScriptAppFiles,
  typeScriptAppFiles,
  writeFiles,
  npmInstall,
};
