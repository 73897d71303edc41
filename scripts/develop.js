#!/usr/bin/env node
/**
 * `npm run develop`: builds the plugin, then starts the playground Strapi on
 * :1337 with demo data (first run only) and prints the demo login.
 *
 * On the first run it writes playground/.env with fresh random secrets,
 * including the credential encryption key, so the demo behaves like a real
 * install: nothing secret is committed.
 */
const { spawn, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const playground = path.join(root, 'playground');
const envFile = path.join(playground, '.env');
const secret = () => randomBytes(24).toString('base64');

if (!fs.existsSync(envFile)) {
  const year = new Date().getUTCFullYear();
  fs.writeFileSync(
    envFile,
    [
      `APP_KEYS=${[secret(), secret(), secret(), secret()].join(',')}`,
      `ADMIN_JWT_SECRET=${secret()}`,
      `API_TOKEN_SALT=${secret()}`,
      `TRANSFER_TOKEN_SALT=${secret()}`,
      `ENCRYPTION_KEY=${secret()}`,
      `# Credentials of social accounts are sealed with this key (AES-256-GCM). Keep it; see README "Encryption key".`,
      `CM_ENCRYPTION_KEYS=demo${year}:${randomBytes(32).toString('base64')}`,
      '',
    ].join('\n')
  );
  console.log(`[develop] wrote ${path.relative(root, envFile)} with fresh secrets and an encryption key`);
}

console.log('[develop] building the plugin…');
const build = spawnSync(path.join(root, 'node_modules', '.bin', 'strapi-plugin'), ['build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

console.log('[develop] starting the playground on http://localhost:1337/admin …');
const child = spawn(path.join(root, 'node_modules', '.bin', 'strapi'), ['develop', ...process.argv.slice(2)], {
  cwd: playground,
  stdio: 'inherit',
  env: { STRAPI_TELEMETRY_DISABLED: 'true', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
