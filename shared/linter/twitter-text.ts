import type twitterTextLib from 'twitter-text';

type TwitterText = typeof twitterTextLib;

/**
 * twitter-text counts X's weighted length and finds URLs the way Mastodon's
 * counter does. Loading it took ~48 ms of every Strapi boot (bench/boot), so
 * the server imports it on first use instead: `await loadTwitterText()` before
 * linting (the linter's server entry points do), while the admin bundle hands
 * it over once at import time (`provideTwitterText`). A dynamic import works in
 * both the CommonJS and ESM builds.
 */
let lib: TwitterText | null = null;
let loading: Promise<void> | null = null;

export function provideTwitterText(value: TwitterText): void {
  lib = value;
}

export function loadTwitterText(): Promise<void> {
  if (lib) return Promise.resolve();
  loading ??= import('twitter-text').then((mod) => provideTwitterText(((mod as { default?: TwitterText }).default ?? mod) as TwitterText));
  return loading;
}

export function twitterText(): TwitterText {
  // A programming error, not bad input: a new caller forgot the await above.
  if (!lib) throw new Error('twitter-text is not loaded yet: await loadTwitterText() before linting');
  return lib;
}
