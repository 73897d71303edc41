/**
 * What the inbox benchmarks share: the playground booted in this process and
 * listening on loopback (as tests/helpers/strapi.ts does it), its first admin
 * registered over HTTP so the inbox API is read as the admin page reads it
 * (a super admin's JWT), and the figures' arithmetic.
 */
const os = require('node:os');
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

const API = '/community-manager/inbox';

async function bootApp() {
  const appDir = path.resolve(__dirname, '..', '..', 'playground');
  const strapi = await createStrapi({ appDir, distDir: appDir }).load();
  await strapi.server.mount();
  const server = strapi.server.httpServer;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.keepAliveTimeout = 10 * 60_000;
  const url = `http://127.0.0.1:${server.address().port}`;
  const res = await fetch(`${url}/admin/register-admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', password: 'Bench-Password-2026', firstname: 'Bench', lastname: 'Admin' }),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`admin registration: ${res.status} ${JSON.stringify(body)}`);
  const token = body.data.token;
  const userId = body.data.user.id;
  /** GET on the inbox API as the admin page does; the answer's `data`. */
  async function get(pathAndQuery) {
    const r = await fetch(`${url}${API}${pathAndQuery}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const json = await r.json();
    if (!r.ok) throw new Error(`GET ${pathAndQuery}: ${r.status} ${JSON.stringify(json).slice(0, 300)}`);
    return json.data;
  }
  return { strapi, url, token, userId, get };
}

const percentile = (values, p) => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const round = (v) => (v === null ? null : Math.round(v * 10) / 10);
const summary = (values) => ({
  n: values.length,
  p50: round(percentile(values, 50)),
  p95: round(percentile(values, 95)),
  max: round(values.length ? Math.max(...values) : null),
});
const hrMs = (started) => Number(process.hrtime.bigint() - started) / 1e6;
const load = () => +os.loadavg()[0].toFixed(2);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { bootApp, percentile, summary, round, hrMs, load, sleep, API };
