const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ensureBuilt = require('./ensure-built');

const root = path.resolve(__dirname, '..', '..');
const playground = path.join(root, 'playground');
const build = path.join(playground, 'build');

/*
 * The playground's admin build (Strapi's `strapi build`: about 180 s and a
 * core on the CI machine) is kept between runs, outside the clone, under the
 * hash of everything it is built from: the plugin's built admin, the
 * playground's sources and configuration, the locked dependencies and
 * Node's version. The same inputs give the same bundle, so a run of a tree
 * the machine has already built (CI after a local run of the same commit)
 * copies it back instead of building again; any change to an input is
 * another key and a real build. Like the SQLite driver's binary in .ci/run.
 * CM_ADMIN_BUILD_CACHE=off turns it off.
 */
const cacheRoot =
  process.env.CM_ADMIN_BUILD_CACHE === 'off'
    ? null
    : path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'community-manager-ci', 'admin-build');
const KEEP = 3;

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name === '.strapi') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** The hash of the admin build's inputs. */
function inputsKey() {
  const hash = createHash('sha256');
  hash.update(`${process.version}\n`);
  const inputs = [
    ...filesUnder(path.join(root, 'dist', 'admin')),
    ...filesUnder(path.join(playground, 'src')),
    ...filesUnder(path.join(playground, 'config')),
    path.join(playground, 'package.json'),
    path.join(root, 'package.json'),
    path.join(root, 'package-lock.json'),
  ];
  for (const file of inputs) {
    hash.update(`${path.relative(root, file)}\n`);
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 32);
}

function restore(key) {
  const kept = cacheRoot && path.join(cacheRoot, key);
  if (!kept || !fs.existsSync(path.join(kept, 'index.html'))) return false;
  fs.rmSync(build, { recursive: true, force: true });
  fs.cpSync(kept, build, { recursive: true });
  // Newer than the plugin's admin, as a fresh build is (the check below).
  const now = new Date();
  fs.utimesSync(path.join(build, 'index.html'), now, now);
  process.stdout.write(`\n[tests] the playground admin panel built earlier from the same inputs (${key}): copied back\n`);
  return true;
}

function keep(key) {
  if (!cacheRoot) return;
  try {
    fs.mkdirSync(cacheRoot, { recursive: true });
    const tmp = path.join(cacheRoot, `${key}.tmp-${process.pid}`);
    fs.cpSync(build, tmp, { recursive: true });
    fs.rmSync(path.join(cacheRoot, key), { recursive: true, force: true });
    fs.renameSync(tmp, path.join(cacheRoot, key));
    // The latest few only: each is about 14 MB.
    const entries = fs
      .readdirSync(cacheRoot)
      .filter((name) => /^[0-9a-f]{32}$/.test(name))
      .map((name) => ({ name, at: fs.statSync(path.join(cacheRoot, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const old of entries.slice(KEEP)) fs.rmSync(path.join(cacheRoot, old.name), { recursive: true, force: true });
  } catch (err) {
    // A cache that cannot be written costs the next run a build, nothing else.
    process.stdout.write(`[tests] the admin build was not kept for the next run: ${err.message}\n`);
  }
}

/** The browser suite needs the plugin built, then the playground's admin built with it. */
module.exports = async function ensureAdminBuilt() {
  await ensureBuilt();
  const index = path.join(build, 'index.html');
  const pluginAdmin = path.join(root, 'dist', 'admin', 'index.mjs');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= fs.statSync(pluginAdmin).mtimeMs) return;
  const key = inputsKey();
  if (restore(key)) return;
  process.stdout.write('\n[tests] building the playground admin panel…\n');
  execFileSync(process.execPath, [path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], {
    cwd: playground,
    stdio: 'inherit',
    env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true', NODE_ENV: 'production' },
  });
  keep(key);
};

// `node tests/helpers/ensure-admin-built.js`: npm test's `admin` stage, before the browser shards.
if (require.main === module)
  module.exports().catch((err) => {
    console.error(err);
    process.exit(1);
  });
