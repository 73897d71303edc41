/**
 * The playground booted in the measuring process and listening on loopback
 * (as tests/helpers/strapi.ts does it), its first admin registered over HTTP,
 * so the plugin's API is read as the admin page reads it (a super admin's
 * JWT). `port`: the admin panel's address comes from HOST/PORT, so a bench
 * that opens the admin in a browser picks its port before the boot.
 */
const net = require('node:net');
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

const ADMIN = { email: 'bench@example.com', password: 'Bench-Password-2026', firstname: 'Bench', lastname: 'Admin' };

/** A loopback port free now. */
const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function bootApp({ port = 0 } = {}) {
  if (port) Object.assign(process.env, { HOST: '127.0.0.1', PORT: String(port) });
  const appDir = path.resolve(__dirname, '..', 'playground');
  const strapi = await createStrapi({ appDir, distDir: appDir }).load();
  await strapi.server.mount();
  const server = strapi.server.httpServer;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  server.keepAliveTimeout = 10 * 60_000;
  const url = `http://127.0.0.1:${server.address().port}`;
  const res = await fetch(`${url}/admin/register-admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`admin registration: ${res.status} ${JSON.stringify(body)}`);
  return { strapi, url, token: body.data.token, userId: body.data.user.id, admin: ADMIN };
}

module.exports = { bootApp, freePort };
