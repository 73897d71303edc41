import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

/**
 * DOMPurify's published fixtures (tests/conformance/xss/SOURCE.md), for every
 * test that feeds hostile markup to the plugin: the conformance run takes all
 * of them through the sanitizer, the inbox story a subset through the admin.
 */

export interface XssFixture {
  /** most of the html5sec.org cases have none */
  title?: string;
  payload: string;
  expected: string | string[];
}

/** The vendored file is DOMPurify's `export default [...]` module, evaluated as data in an empty context, never imported as code. */
export function loadXssFixtures(): XssFixture[] {
  const source = fs.readFileSync(path.join(__dirname, '..', 'conformance', 'xss', 'dompurify', 'expect.mjs'), 'utf8');
  const body = source.replace(/^\s*export default\s*/, '').replace(/;\s*$/, '');
  return vm.runInNewContext(`(${body})`, Object.create(null), { timeout: 5000 }) as XssFixture[];
}

/**
 * The way a payload tries to run script, first match wins: what a
 * representative subset must cover. Read from the payload, so a new fixture
 * file sorts itself.
 */
const FAMILIES: Array<[string, RegExp]> = [
  ['script element', /<script/i],
  ['frames and srcdoc', /<i?frame|srcdoc/i],
  ['object, embed, applet', /<(object|embed|applet)\b/i],
  ['SVG', /<svg/i],
  ['MathML', /<math/i],
  [
    'parser tricks (noscript, template, xmp, style, textarea, comments)',
    /<(noscript|template|xmp|noembed|noframes|plaintext|textarea|title|style|listing)\b|<!--|<!\[cdata/i,
  ],
  ['script and data URIs', /(java|vb|live)script\s*:|data\s*:/i],
  ['forms and buttons', /<(form|button|input|isindex|select|option|keygen)\b|formaction/i],
  ['meta, base, link', /<(meta|base|link)\b/i],
  ['CSS', /style\s*=|expression\s*\(|@import/i],
  ['event handler attributes', /\bon[a-z]+\s*=/i],
  ['DOM clobbering (id, name)', /\b(id|name)\s*=/i],
];

export const familyOf = (payload: string) => FAMILIES.find(([, test]) => test.test(payload))?.[0] ?? 'other markup';

/**
 * At least `min` fixtures, taken in turn from every family (the first of
 * each, then the second…), in file order: every family present, none
 * crowding the others out. Deterministic.
 */
export function representativeXss(fixtures: XssFixture[], min: number): Array<XssFixture & { index: number; family: string }> {
  const byFamily = new Map<string, Array<XssFixture & { index: number; family: string }>>();
  fixtures.forEach((f, index) => {
    const family = familyOf(f.payload);
    byFamily.set(family, [...(byFamily.get(family) ?? []), { ...f, index, family }]);
  });
  const picked: Array<XssFixture & { index: number; family: string }> = [];
  for (let round = 0; picked.length < min && picked.length < fixtures.length; round++)
    for (const members of byFamily.values()) if (members[round]) picked.push(members[round]);
  return picked;
}
