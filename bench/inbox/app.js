/**
 * What the inbox benchmarks share: the playground booted in this process
 * (bench/app.js) with a reader of the inbox API, and the figures' arithmetic
 * (bench/stats.js).
 */
const os = require('node:os');
const { bootApp: bootPlayground } = require('../app');
const { percentile, round, summary } = require('../stats');
const { requireTypeScript } = require('../env');

const MASTODON_TOKEN = 'bench-inbox-token';

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

/**
 * The Mastodon benches' scene: the fake Mastodon (its rate limit out of the
 * way), the playground booted beside it, and a Mastodon account of the
 * brand ('7') connected to the fake. The stream is opened by `openStream`.
 */
async function bootWithMastodon() {
  requireTypeScript();
  const { startFakeMastodon } = require('../../tests/fakes/mastodon.ts');
  const fake = await startFakeMastodon({ rateLimit: 1_000_000 });
  fake.tokens.set(MASTODON_TOKEN, { id: '7', username: 'brand', displayName: 'Brand' });
  const app = await bootApp();
  const plugin = app.strapi.plugin('community-manager');
  const account = await plugin
    .service('accounts')
    .create({ network: 'mastodon', name: 'Bench Mastodon', instanceUrl: fake.url, accessToken: MASTODON_TOKEN });
  return { ...app, fake, plugin, account, inbox: plugin.service('inbox') };
}

/** What the inbox's timer does at its next pass: the account's stream opened (and its catch-up read), then `settleMs`. */
async function openStream({ inbox, fake }, settleMs) {
  await inbox.streams.pass();
  for (let i = 0; i < 500 && fake.streams('7') !== 1; i++) await sleep(20);
  if (fake.streams('7') !== 1) throw new Error('the stream did not open');
  await sleep(settleMs);
}

const hrMs = (started) => Number(process.hrtime.bigint() - started) / 1e6;
const load = () => +os.loadavg()[0].toFixed(2);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { bootApp, bootWithMastodon, openStream, percentile, summary, round, hrMs, load, sleep, API };
