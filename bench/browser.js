/**
 * Chromium for the benchmarks that measure a page: Debian's browser
 * (nothing is downloaded), quiet flags, and the admin's own sign-in form.
 */
const { chromium } = require('playwright-core');

exports.launchChromium = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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

/** Signs `who` in through the admin's login page and waits for Home. */
exports.signIn = async (page, baseUrl, who) => {
  await page.goto(`${baseUrl}/admin/auth/login`, { timeout: 120_000 });
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL(/\/admin\/?$/);
};
