/**
 * Chromium for the benchmarks that measure a page (the test suites' own
 * launch, tests/helpers/chromium.js) and the admin's own sign-in form.
 */
const { launchChromium } = require('../tests/helpers/chromium');

exports.launchChromium = launchChromium;

/** Signs `who` in through the admin's login page and waits for Home. */
exports.signIn = async (page, baseUrl, who) => {
  await page.goto(`${baseUrl}/admin/auth/login`, { timeout: 120_000 });
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL(/\/admin\/?$/);
};
