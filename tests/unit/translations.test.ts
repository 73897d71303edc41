import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every label of the admin exists in English and French, with the same placeholders.
 * Ids are found by reading the source: the admin always writes them as
 * `getTrad('some.id')` (or the full `'community-manager.some.id'`), never built at run time.
 */
const ADMIN = join(__dirname, '..', '..', 'admin');
const load = (locale: string): Record<string, string> => JSON.parse(readFileSync(join(ADMIN, 'translations', `${locale}.json`), 'utf8'));
const en = load('en');
const fr = load('fr');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const sources = sourceFiles(ADMIN).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const usedIds = new Set(
  sources.flatMap(({ text }) => [
    ...[...text.matchAll(/getTrad\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map((match) => match[2]),
    ...[...text.matchAll(/(['"`])community-manager\.([\w.-]+)\1/g)].map((match) => match[2]),
  ])
);

/** Top-level and nested ICU argument names: `{name}`, `{count, plural, …}`. */
/** The index just past the `}` that closes the `{` at `open`. */
function closing(message: string, open: number): number {
  let depth = 0;
  for (let i = open; i < message.length; i++) {
    if (message[i] === '{') depth++;
    else if (message[i] === '}' && --depth === 0) return i + 1;
  }
  return message.length;
}

/**
 * The arguments an ICU message names (`{name}`, `{count, plural, …}`), those
 * inside select and plural branches included; a branch's own text (`{pages}`
 * in `{noun, select, other {pages}}`) is text, not an argument.
 */
function placeholders(message: string, found = new Set<string>()): string[] {
  for (let i = 0; i < message.length; i++) {
    if (message[i] !== '{') continue;
    const end = closing(message, i);
    const inner = message.slice(i + 1, end - 1);
    const head = /^\s*(\w+)\s*(?:,\s*(\w+)\s*(?:,([\s\S]*))?)?$/.exec(inner);
    if (head) {
      found.add(head[1]);
      if (head[2] && ['plural', 'select', 'selectordinal'].includes(head[2]) && head[3] !== undefined) {
        // Each branch: a selector, then its body in braces.
        const options = head[3];
        for (let j = 0; j < options.length; j++) {
          if (options[j] !== '{') continue;
          const close = closing(options, j);
          placeholders(options.slice(j + 1, close - 1), found);
          j = close - 1;
        }
      }
    }
    i = end - 1;
  }
  return [...found].sort();
}

describe('admin translations', () => {
  it('English and French have exactly the same keys', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('no message is empty', () => {
    const empty = [...Object.entries(en), ...Object.entries(fr)].filter(([, value]) => value.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('every id used in the admin source is in en.json', () => {
    expect(usedIds.size).toBeGreaterThan(0);
    expect([...usedIds].filter((id) => !(id in en))).toEqual([]);
  });

  it('a French message takes the same placeholders as its English one', () => {
    const mismatched = Object.keys(en).filter((key) => key in fr && placeholders(en[key]).join() !== placeholders(fr[key]).join());
    expect(mismatched).toEqual([]);
  });

  it('en.json says what the source’s defaultMessage says', () => {
    const pairs = sources.flatMap(({ text }) =>
      [...text.matchAll(/getTrad\('([^']+)'\),\s*defaultMessage:\s*'((?:\\.|[^'\\])*)'/g)].map((match) => [
        match[1],
        match[2].replace(/\\(.)/g, '$1'),
      ])
    );
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs.filter(([id, message]) => en[id] !== message)).toEqual([]);
  });

  it('French punctuation uses a narrow no-break space before : ; ! ? % » and after «', () => {
    // An ordinary or wide no-break space where French typography wants U+202F.
    const wrongSpace = /[ \u00a0][:;!?%»]|«[ \u00a0]/;
    const missingSpace = /[^\s\u202f][;!?»]|«[^\u202f]/;
    const offenders = Object.entries(fr)
      .filter(([, value]) => wrongSpace.test(value) || missingSpace.test(value.replace(/\{[^{}]*\}/g, '')))
      .map(([key]) => key);
    expect(offenders).toEqual([]);
  });
});
