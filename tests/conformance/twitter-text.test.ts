import fs from 'node:fs';
import path from 'node:path';
import { countLength, findHashtags, lint, loadTwitterText } from '../../shared/linter';

/**
 * twitter-text's published conformance files (twitter-text/SOURCE.md) against
 * the plugin's X count and its hashtag finder:
 *  - validate.yml, the weighted counter sections X uses today (emoji
 *    discounted, the library's default configuration): `weightedLength` must be
 *    our count for X and `valid` our linter's verdict (no `too_long`, no
 *    `empty`);
 *  - extract.yml, `hashtags`, `hashtags_from_astral` and `hashtags_with_indices`
 *    (indices in code points, as the conformance files give them): what
 *    `findHashtags` returns for every network but Bluesky, which the required
 *    hashtag check uses.
 * Deliberate differences are in twitter-text/differences.json (docs/decisions.md).
 */

// js-yaml (a devDependency) reads the vendored YAML conformance files.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(source: string): unknown };

interface CounterCase {
  description: string;
  text: string;
  expected: { weightedLength: number; valid: boolean };
}
interface HashtagCase {
  description: string;
  text: string;
  expected: string[];
}
interface IndexedHashtagCase {
  description: string;
  text: string;
  expected: Array<{ hashtag: string; indices: [number, number] }>;
}

const dir = path.join(__dirname, 'twitter-text');
const load = <T>(file: string) => (yaml.load(fs.readFileSync(path.join(dir, file), 'utf8')) as { tests: T }).tests;
const validate = load<Record<string, CounterCase[]>>('validate.yml');
const extract = load<{ hashtags: HashtagCase[]; hashtags_from_astral: HashtagCase[]; hashtags_with_indices: IndexedHashtagCase[] }>(
  'extract.yml'
);
const differences = JSON.parse(fs.readFileSync(path.join(dir, 'differences.json'), 'utf8')) as Record<
  string,
  { ours: unknown; reason: string }
>;

/** UTF-16 offset → code point offset. */
const codePoints = (text: string, index: number) => [...text.slice(0, index)].length;

beforeAll(() => loadTwitterText());

describe('twitter-text validate.yml: weighted length, X today', () => {
  const counterCases = [...validate.WeightedTweetsWithDiscountedEmojiCounterTest, ...validate.UnicodeDirectionalMarkerCounterTest];

  it.each(counterCases.map((c) => [c.description, c] as const))('%s', (description, c) => {
    expect(countLength(c.text, 'x').counted).toBe(c.expected.weightedLength);
    const result = lint({ text: c.text, network: 'x' });
    const valid = !result.findings.some((f) => f.code === 'too_long' || f.code === 'empty');
    const difference = differences[`validate: ${description}`];
    if (difference) {
      expect(valid).toBe(difference.ours);
      expect(valid).not.toBe(c.expected.valid);
    } else {
      expect(valid).toBe(c.expected.valid);
    }
  });
});

describe('twitter-text extract.yml: hashtags', () => {
  const cases = [...extract.hashtags, ...extract.hashtags_from_astral];

  it.each(cases.map((c) => [c.description, c] as const))('%s', (_description, c) => {
    expect(findHashtags(c.text, 'x').map((h) => h.tag)).toEqual(c.expected);
  });

  it.each(extract.hashtags_with_indices.map((c) => [c.description, c] as const))('with indices: %s', (_description, c) => {
    const found = findHashtags(c.text, 'x').map((h) => ({
      hashtag: h.tag,
      indices: [codePoints(c.text, h.start), codePoints(c.text, h.end)],
    }));
    expect(found).toEqual(c.expected);
  });
});

it('every listed difference names a case and gives a reason', () => {
  const names = new Set(
    [...validate.WeightedTweetsWithDiscountedEmojiCounterTest, ...validate.UnicodeDirectionalMarkerCounterTest].map(
      (c) => `validate: ${c.description}`
    )
  );
  for (const [name, difference] of Object.entries(differences)) {
    expect(names.has(name)).toBe(true);
    expect(difference.reason.length).toBeGreaterThan(20);
  }
});
