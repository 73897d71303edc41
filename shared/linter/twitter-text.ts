import type twitterTextLib from './vendor/twitter-text';

type TwitterText = typeof twitterTextLib;

/**
 * twitter-text counts X's weighted length and finds URLs the way Mastodon's
 * counter does. Loading it took ~48 ms of every Strapi boot (bench/boot), so
 * the server imports it on first use instead: `await loadTwitterText()` before
 * linting (the linter's server entry points do), while the admin bundle hands
 * it over once at import time (`provideTwitterText`). A dynamic import works in
 * both the CommonJS and ESM builds.
 *
 * Both load the vendored build (`./vendor/twitter-text`, written by
 * scripts/vendor-twitter-text.js): twitter-text without the core-js 2
 * polyfills its Babel build imports, 11.9 KB gzip of the composer's chunk and
 * half of the library's load time on the server (docs/decisions.md).
 */
let lib: TwitterText | null = null;
let loading: Promise<void> | null = null;

export function provideTwitterText(value: TwitterText): void {
  lib = value;
}

export function loadTwitterText(): Promise<void> {
  if (lib) return Promise.resolve();
  loading ??= import('./vendor/twitter-text').then((mod) =>
    provideTwitterText(((mod as { default?: TwitterText }).default ?? mod) as TwitterText)
  );
  return loading;
}

export function twitterText(): TwitterText {
  // A programming error, not bad input: a new caller forgot the await above.
  if (!lib) throw new Error('twitter-text is not loaded yet: await loadTwitterText() before linting');
  return lib;
}
