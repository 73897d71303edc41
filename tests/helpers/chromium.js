/**
 * Debian's Chromium, never a downloaded browser, for the browser stories and
 * the benchmarks that measure a page. The flags keep it off the network (the
 * machines have none); playwright gives every launch a fresh, empty profile
 * directory of its own. Plain JavaScript so the benchmarks use it unbuilt.
 */
const fs = require('node:fs');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function launchChromium() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

module.exports = { CHROMIUM, launchChromium };
