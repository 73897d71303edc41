/**
 * The environment every benchmark boots the playground with: production mode,
 * quiet, no demo data, no admin panel, a fixed encryption key. Benchmarks are
 * plain JS so they run without a build; this is their one copy of it.
 */
exports.benchEnv = () => ({
  ...process.env,
  NODE_ENV: 'production',
  LOG_LEVEL: 'error',
  STRAPI_TELEMETRY_DISABLED: 'true',
  CM_DEMO_SEED: 'false',
  SERVE_ADMIN_PANEL: 'false',
  CM_ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 7).toString('base64')}`,
});

/**
 * Lets a benchmark require the project's TypeScript (server modules, test
 * helpers), compiled on require with @swc/core, the test suite's compiler.
 */
exports.requireTypeScript = () => {
  const fs = require('node:fs');
  const swc = require('@swc/core');
  require.extensions['.ts'] ??= (module, filename) => {
    const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
      filename,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
};

/**
 * Runs a measuring script (a path) in a fresh process, in the playground, on
 * a fresh database of `engine` made and dropped as the suites do
 * (tests/helpers/databases.ts), with the bench environment and `env` on top;
 * returns the JSON of the last line it printed. `nodeArgs`: e.g. --cpu-prof.
 */
exports.measureOnce = async (engine, script, { env = {}, nodeArgs = [] } = {}) => {
  const path = require('node:path');
  const { execFileSync } = require('node:child_process');
  exports.requireTypeScript();
  const { createTestDatabase } = require(path.join(__dirname, '..', 'tests', 'helpers', 'databases.ts'));
  const db = await createTestDatabase(engine);
  try {
    const out = execFileSync(process.execPath, [...nodeArgs, script], {
      cwd: path.join(__dirname, '..', 'playground'),
      env: { ...exports.benchEnv(), ...db.env, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 2 ** 20,
    });
    return JSON.parse(out.trim().split('\n').pop());
  } finally {
    await db.drop();
  }
};
