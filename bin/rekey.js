#!/usr/bin/env node
/**
 * Key rotation for the community manager's stored credentials.
 *
 * 1. Add the new key FIRST in CM_ENCRYPTION_KEYS, keep the old ones after it:
 *      CM_ENCRYPTION_KEYS="k2027:<new base64 key>,k2026:<old base64 key>"
 * 2. From the Strapi app's folder, run:  npx community-manager-rekey
 * 3. When it reports 0 failures, the old key can be removed.
 *
 * It boots the app without serving HTTP, re-encrypts every credential sealed
 * with another key than the active one, and prints counts only (never a value).
 */

async function main() {
  const appDir = process.cwd();
  const strapiPackage = require.resolve('@strapi/strapi', { paths: [appDir] });
  const { compileStrapi, createStrapi } = require(strapiPackage);
  const context = await compileStrapi({ appDir });
  const app = await createStrapi({ ...context, autoReload: false, serveAdminPanel: false }).load();
  try {
    const accounts = app.plugin('community-manager').service('accounts');
    const { activeKeyId } = accounts.status().encryption;
    if (!activeKeyId) throw new Error('CM_ENCRYPTION_KEYS is not set: there is no key to re-encrypt with');
    const result = await accounts.reencryptAll();
    // The OAuth apps' client secrets set in Settings are sealed with the same keys.
    const apps = await app.plugin('community-manager').service('oauth').reencryptAppSecrets();
    console.log(
      JSON.stringify(
        {
          activeKeyId,
          checked: result.checked,
          rotated: result.rotated,
          failed: result.failed.length,
          failures: result.failed,
          oauthApps: { checked: apps.checked, rotated: apps.rotated, failed: apps.failed.length, failures: apps.failed },
        },
        null,
        2
      )
    );
    process.exitCode = result.failed.length || apps.failed.length ? 1 : 0;
  } finally {
    await app.destroy();
  }
}

// Exit as soon as the work is done: Strapi's own background jobs would otherwise
// wake up after destroy() and fail on the closed connection pool.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(`community-manager-rekey: ${err.message}`);
    process.exit(2);
  }
);
