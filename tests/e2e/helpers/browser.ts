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

/**
 * Opens an admin path in the page already showing the admin, the way a click
 * on a link does: the router's own navigation (history.pushState and a
 * popstate event), not a new load. A full `page.goto` loads, parses and
 * boots the whole admin again: about 4 CPU-s of a 2-core CI machine each
 * time, against about 0.5 for the router's navigation (measured on the
 * plugin's pages). Used where a story walks many pages without changing
 * data behind the page's back (the plugin's cache keeps answers 10 s). The
 * new page is known by its own heading: a new one, or one whose text changed
 * (the old ones are marked with their text first: from a post to posts/new
 * the router keeps the composer, and its heading, mounted). A path the router
 * keeps on the same page (only the query differs) or a page that never shows
 * a new heading gets a full load instead.
 */
export async function openInApp(page: Page, appUrl: string, path: string) {
  const target = new URL(path, appUrl);
  const here = new URL(page.url());
  if (here.origin !== target.origin || !here.pathname.startsWith('/admin') || here.pathname === target.pathname) {
    await page.goto(target.href);
    return;
  }
  await page.evaluate((to) => {
    document.querySelectorAll('h1').forEach((h) => h.setAttribute('data-e2e-left', h.textContent ?? ''));
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
  }, `${target.pathname}${target.search}`);
  const fresh = await page
    .waitForFunction(
      () => [...document.querySelectorAll('h1')].some((h) => h.getAttribute('data-e2e-left') !== h.textContent),
      undefined,
      // Not on every animation frame (the default): a check each 100 ms is enough and costs the page nothing.
      { timeout: 10_000, polling: 100 }
    )
    .then(() => true)
    .catch(() => false);
  if (!fresh) {
    // Said, so a story whose navigation always falls back (and pays the full load plus the wait) is seen.
    console.warn(`[e2e] openInApp: no new heading for ${target.pathname} within 10 s; loading it instead`);
    await page.goto(target.href);
  }
}
