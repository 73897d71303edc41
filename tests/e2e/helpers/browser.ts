import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../helpers/chromium';

export { CHROMIUM } from '../../helpers/chromium';
export const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts');

/** Debian's Chromium, never a downloaded browser (tests/helpers/chromium.js). */
export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * What the browser saw go wrong, in the stage's output: a story that times out
 * waiting for an element is otherwise silent about a crashed page, a script
 * error or a failed request.
 */
function reportPageTrouble(page: Page, appUrl: string) {
  page.on('crash', () => console.error(`[e2e] the page crashed at ${page.url()}`));
  page.on('pageerror', (err) => console.error(`[e2e] script error at ${page.url()}: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A navigation cancels the previous page's requests, and the admin's own calls
    // outside (Strapi's release check) cannot reach a network here: not the app's trouble.
    const why = req.failure()?.errorText ?? '';
    if (req.url().startsWith(appUrl) && !why.includes('ERR_ABORTED')) console.error(`[e2e] ${req.method()} ${req.url()} failed: ${why}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 500) console.error(`[e2e] ${res.request().method()} ${res.url()} answered ${res.status()}`);
  });
}

/** Logs the test app's owner (or `who`) in, as a person would, and waits for the admin home. */
export async function logIn(page: Page, appUrl: string, who = { email: 'owner@example.com', password: 'Owner-Password-2026' }) {
  reportPageTrouble(page, appUrl);
  // The first load of the built admin, on a CI machine running eight stages on two cores, took over Playwright's 30 s twice.
  await page.goto(`${appUrl}/admin/auth/login`, { timeout: 120_000 });
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL(/\/admin\/?$/);
}
