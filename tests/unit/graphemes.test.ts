import { countGraphemes, GRAPHEME_WINDOW, graphemeEnds, type GraphemeSegmenter } from '../../shared/linter/graphemes';

const naive = new Intl.Segmenter('en', { granularity: 'grapheme' });
const naiveEnds = (text: string) => Array.from(naive.segment(text), (s) => s.index + s.segment.length);

// The clusters that span several code points, each a trap for a cut in the wrong place.
const TRICKY = {
  family: '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}',
  flagFr: '\u{1F1EB}\u{1F1F7}',
  flagScotland: '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}',
  skinTone: '\u{1F44B}\u{1F3FD}',
  eAcute: 'e\u0301',
  crlf: '\r\n',
  hangul: '\u1100\u1161\u11A8',
  devanagari: '\u0915\u094D\u0937\u093F',
  keycap: '1\uFE0F\u20E3',
  astral: '\u{1D11E}',
  lone: '\uD800',
};

/**
 * Counts what the segmenter is asked to do: the UTF-16 units handed over, the segments read back, and the
 * units copied, since Node's segment iterator copies its whole input for every segment it yields.
 */
function countingSegmenter(copyBudget: number) {
  const work = { units: 0, segments: 0, copied: 0 };
  const segmenter: GraphemeSegmenter = {
    *segment(input: string) {
      work.units += input.length;
      for (const segment of naive.segment(input)) {
        work.segments += 1;
        work.copied += input.length;
        // Stop a quadratic pass early instead of letting it run out of heap.
        if (work.copied > copyBudget) throw new Error(`copied ${work.copied} UTF-16 units, over the budget of ${copyBudget}`);
        yield segment;
      }
    },
  };
  return { segmenter, work };
}

describe('counting graphemes in windows gives exactly what one Intl.Segmenter pass gives', () => {
  it.each(Object.entries(TRICKY))('%s, alone and repeated', (_name, cluster) => {
    for (const text of [cluster, `a${cluster}b`, cluster.repeat(Math.ceil((3 * GRAPHEME_WINDOW) / cluster.length))]) {
      expect([...graphemeEnds(text)]).toEqual(naiveEnds(text));
    }
  });

  it('every tricky cluster, placed across the window edge at every offset near it', () => {
    for (const cluster of Object.values(TRICKY)) {
      for (let shift = -12; shift <= 12; shift++) {
        const text = 'x'.repeat(GRAPHEME_WINDOW + shift) + cluster + 'y' + cluster;
        expect([...graphemeEnds(text)]).toEqual(naiveEnds(text));
      }
    }
  });

  it('runs of regional indicators keep their pairing across windows, whatever their parity', () => {
    const indicator = '\u{1F1EB}';
    for (const run of [GRAPHEME_WINDOW / 2 - 1, GRAPHEME_WINDOW / 2, GRAPHEME_WINDOW + 1, 3 * GRAPHEME_WINDOW]) {
      for (const prefix of ['', 'a', 'ab']) {
        const text = prefix + indicator.repeat(run) + 'z';
        expect([...graphemeEnds(text)]).toEqual(naiveEnds(text));
      }
    }
  });

  it('a cluster longer than the window (zalgo text) is one grapheme, and what follows is counted too', () => {
    const zalgo = 'Z' + '\u0301'.repeat(5 * GRAPHEME_WINDOW + 3);
    const text = `ab${zalgo}cd${zalgo}`;
    expect([...graphemeEnds(text)]).toEqual(naiveEnds(text));
    expect(countGraphemes(text)).toBe(6);
  });

  it('a mixed corpus in every language the linter meets', () => {
    const corpus = Object.values(TRICKY).join(' ') + ' Bonjour\u202F! 日本語のテキスト ';
    const text = corpus.repeat(Math.ceil((5 * GRAPHEME_WINDOW) / corpus.length));
    for (const length of [0, 1, GRAPHEME_WINDOW - 1, GRAPHEME_WINDOW, GRAPHEME_WINDOW + 1, text.length]) {
      expect(countGraphemes(text.slice(0, length))).toBe(naiveEnds(text.slice(0, length)).length);
    }
  });
});

describe('counting graphemes does work linear in the length of the text', () => {
  // One Intl.Segmenter pass over a million characters ran Strapi out of heap: every segment copied the whole input.
  it.each([
    ['plain text', 'Bonjour le monde '],
    ['emoji and flags', `${TRICKY.family}${TRICKY.flagFr}${TRICKY.skinTone} `],
    ['zalgo text', 'Z' + '\u0301'.repeat(3 * GRAPHEME_WINDOW)],
    ['long clusters followed by short ones', 'Z' + '\u0301'.repeat(2 * GRAPHEME_WINDOW) + 'a'.repeat(8 * GRAPHEME_WINDOW)],
  ])('%s: a million characters are handed to the segmenter at most a few times, a window at a time', (_name, unit) => {
    const repeats = Math.ceil(1_000_000 / unit.length);
    const text = unit.repeat(repeats);
    // One pass over the whole text would copy a million units a million times; windows copy a window per segment.
    const { segmenter, work } = countingSegmenter(4 * GRAPHEME_WINDOW * text.length);
    let count = 0;
    for (const _end of graphemeEnds(text, segmenter)) count += 1;
    // Every unit ends on a boundary, so the count is the unit's (one plain pass over a short string) times the repeats.
    expect(count).toBe(naiveEnds(unit).length * repeats);
    // Each window is re-read from its last segment on; a grown window yields two segments and is regrown at most once per doubling.
    expect(work.units).toBeLessThan(4 * text.length);
    expect(work.segments).toBeLessThan(2 * count + 2 * (text.length / GRAPHEME_WINDOW));
  });
});
