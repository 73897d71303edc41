import { twitterText } from './twitter-text';

/**
 * What a Mastodon server sees in a status's text: the URLs it links and the
 * mentions it resolves, found the way the server finds them, because the server
 * decides both the link boundaries and the length (StatusLengthValidator answers
 * 422 over the limit). The web composer's counter is an approximation of this.
 *
 * URLs: twitter-text's grammar (the `twitter-text` gem) with the overrides of
 * Mastodon's config/initializers/twitter_regex.rb: a path may hold any
 * non-space character but `<>()?` and may not end in `()?!*"'「」<>;:=,.$%[]~&|@`,
 * a query may hold any non-ASCII character, and dat/dweb/ipfs/ipns/ssb/gopher/
 * gemini are schemes too. The preceding-character rule, the domain (with its TLD
 * list) and the port are twitter-text's own, taken from the loaded library.
 * The status length rule extracts URLs with a scheme only.
 *
 * Mentions: `Account::MENTION_RE` through app/lib/extractor.rb: `@user` or
 * `@user@domain` where the domain is any run of letters, marks, digits and
 * connector punctuation separated by `.` or `-` (so `@arnt@grå.org` is one),
 * not right after `=`, `/` or a word character, not followed by another `@`, a
 * Latin accent or `://`, and dropped when the domain is over 253 characters.
 */

// Ruby's \p{White_Space}; listed because the regex runs without the `u` flag (twitter-text's domain part needs that).
const WHITE_SPACE = String.raw`\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000`;
const PATH_CHAR = String.raw`[^${WHITE_SPACE}<>()?]`;
const BALANCED_PARENS = String.raw`\((?:${PATH_CHAR}+|(?:${PATH_CHAR}*\(${PATH_CHAR}+\)${PATH_CHAR}*))\)`;
const PATH_ENDING = String.raw`(?:[^${WHITE_SPACE}()?!*"'「」<>;:=,.$%\[\]~&|@]|${BALANCED_PARENS})`;
const PATH = String.raw`(?:(?:${PATH_CHAR}*(?:${BALANCED_PARENS}${PATH_CHAR}*)*${PATH_ENDING})|(?:${PATH_CHAR}+\/))`;
// Mastodon's UCHARS. Astral code points are taken whole as surrogate pairs; the few astral
// non-characters (U+xFFFE, U+xFFFF) and tag characters (U+E0000–E0FFF) UCHARS leaves out are accepted here.
const UCHARS_BMP = String.raw`\u00A0-\uD7FF\uE000-\uF8FF\uF900-\uFDCF\uFDF0-\uFFEF`;
const ASTRAL = String.raw`[\uD800-\uDBFF][\uDC00-\uDFFF]`;
const QUERY_CHAR = String.raw`(?:[a-z0-9!?*'();:&=+$/%#\[\]\-_.,~|@^${UCHARS_BMP}]|${ASTRAL})`;
const QUERY_ENDING = String.raw`(?:[a-z0-9_&=#/\-${UCHARS_BMP}]|${ASTRAL})`;
const SCHEMES = '(?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini):\\/\\/';

/** twitter-text's limit on a URL's length, its domain counted in punycode (`is_valid_domain`). */
const MAX_URL_LENGTH = 4096;
const MAX_TCO_SLUG_LENGTH = 40;
const MAX_DOMAIN_LENGTH = 253;

let urlRegex: RegExp | null = null;

function mastodonUrlRegex(): RegExp {
  if (urlRegex) return urlRegex;
  const { regexen } = twitterText();
  urlRegex = new RegExp(
    `(${regexen.validUrlPrecedingChars.source})((${SCHEMES})?(${regexen.validDomain.source})(?::(${regexen.validPortNumber.source}))?(\\/${PATH}*)?(\\?${QUERY_CHAR}*${QUERY_ENDING})?)`,
    'gi'
  );
  return urlRegex;
}

function asciiLength(domain: string): number {
  try {
    return new URL(`http://${domain}`).hostname.length;
  } catch {
    return Infinity;
  }
}

export interface MastodonEntity {
  kind: 'url' | 'mention';
  /** UTF-16 offsets */
  start: number;
  end: number;
  /** the URL as written, or the mention without its @ (`user` or `user@domain`) */
  value: string;
}

/** URLs a Mastodon server links in `text`. With `withoutScheme` false (the length rule), only those with a scheme. */
export function mastodonUrls(text: string, withoutScheme = false): MastodonEntity[] {
  if (!text.includes(withoutScheme ? '.' : ':')) return [];
  const found: MastodonEntity[] = [];
  const regex = mastodonUrlRegex();
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    const [, before, whole, scheme, domain] = match;
    const start = match.index + before.length;
    let url = whole;
    if (!scheme) {
      // The length rule never gets here; kept so the same scan serves a schemeless extraction.
      if (!withoutScheme || regexTest(twitterText().regexen.invalidUrlWithoutProtocolPrecedingChars, before)) continue;
    } else {
      const tco = twitterText().regexen.validTcoUrl.exec(url);
      if (tco) {
        if (tco[1] && tco[1].length > MAX_TCO_SLUG_LENGTH) continue;
        url = tco[0];
      }
    }
    const codePoints = [...url].length;
    const grown = Math.max(0, asciiLength(domain) - [...domain].length);
    if (codePoints + grown + (scheme ? 0 : 'https://'.length) > MAX_URL_LENGTH) continue;
    found.push({ kind: 'url', start, end: start + url.length, value: url });
  }
  return found;
}

function regexTest(regex: RegExp, value: string): boolean {
  regex.lastIndex = 0;
  return regex.test(value);
}

// Ruby's [[:word:]] on a UTF-8 string: letters, marks, decimal digits, connector punctuation.
const WORD = String.raw`[\p{L}\p{M}\p{Nd}\p{Pc}]`;
// `USERNAME_RE`; separators and runs never match the same character, so nothing backtracks.
const USERNAME = String.raw`[a-zA-Z0-9_]+(?:[.\-]+[a-zA-Z0-9_]+)*`;
const MENTION = new RegExp(String.raw`(?<![=/]|${WORD})@((${USERNAME})(?:@${WORD}+(?:[.\-]+${WORD}+)*)?)`, 'gu');

/** Mentions a Mastodon server resolves in `text`. */
export function mastodonMentions(text: string): MastodonEntity[] {
  const endMention = twitterText().regexen.endMentionMatch;
  const found: MastodonEntity[] = [];
  for (const match of text.matchAll(MENTION)) {
    const end = match.index + match[0].length;
    if (regexTest(endMention, text.slice(end, end + 3))) continue;
    const domain = match[1].split('@')[1];
    // Ruby measures the domain in code points.
    if (domain !== undefined && [...domain].length > MAX_DOMAIN_LENGTH) continue;
    found.push({ kind: 'mention', start: match.index, end, value: match[1] });
  }
  return found;
}

/**
 * The text StatusLengthValidator measures (its `countable_text`): each URL with
 * a scheme becomes `urlLength` characters, each mention `@user`; of entities
 * that overlap the first one wins (`remove_overlapping_entities`). Only
 * whitespace counts as nothing (Ruby's `blank?`).
 */
export function mastodonCountableText(text: string, urlLength = 23): string {
  if (/^\s*$/u.test(text)) return '';
  const entities = [...mastodonUrls(text), ...mastodonMentions(text)].sort((a, b) => a.start - b.start);
  let countable = '';
  let cursor = 0;
  for (const entity of entities) {
    if (entity.start < cursor) continue;
    countable += text.slice(cursor, entity.start) + (entity.kind === 'url' ? 'x'.repeat(urlLength) : `@${entity.value.split('@')[0]}`);
    cursor = entity.end;
  }
  return countable + text.slice(cursor);
}
