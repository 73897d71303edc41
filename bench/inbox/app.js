/**
 * What the inbox benchmarks share: the playground booted in this process
 * (bench/app.js) with a reader of the inbox API, and the figures' arithmetic
 * (bench/stats.js).
 */
const os = require('node:os');
const { bootApp: bootPlayground } = require('../app');
const { percentile, round, summary } = require('../stats');

const API = '/community-manager/inbox';

async function bootApp() {
  const app = await bootPlayground();
  /** GET on the inbox API as the admin page does; the answer's `data`. */
  async function get(pathAndQuery) {
    const r = await fetch(`${app.url}${API}${pathAndQuery}`, {
      headers: { authorization: `Bearer ${app.token}` },
    });
    const json = await r.json();
    if (!r.ok) throw new Error(`GET ${pathAndQuery}: ${r.status} ${JSON.stringify(json).slice(0, 300)}`);
    return json.data;
  }
  return { ...app, get };
}

const hrMs = (started) => Number(process.hrtime.bigint() - started) / 1e6;
const load = () => +os.loadavg()[0].toFixed(2);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { bootApp, percentile, summary, round, hrMs, load, sleep, API };
