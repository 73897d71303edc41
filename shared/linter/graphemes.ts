/** The part of `Intl.Segmenter` used here, so a test can count the work done. */
export interface GraphemeSegmenter {
  segment(input: string): Iterable<{ index: number }>;
}

const SEGMENTER: GraphemeSegmenter = new Intl.Segmenter('en', {
  granularity: 'grapheme',
});

/**
 * UTF-16 units handed to the segmenter at a time. Node 20's segment iterator
 * copies its whole input for every segment it yields (100,000 characters in one
 * piece ran Strapi out of heap), so the text is segmented in windows: the work
 * is windows × window size instead of the length squared. 1,024 measured
 * fastest of 256/1,024/4,096 within noise while keeping regrowth for long
 * clusters rare (docs/decisions.md).
 */
export const GRAPHEME_WINDOW = 1024;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * Yields the UTF-16 end offset of every grapheme cluster of `text`, in order,
 * in time and memory linear in its length.
 *
 * Each window's segments but the last are exact: a boundary depends only on
 * what precedes it and the one code point after it, and the window never ends
 * inside a surrogate pair (a lone half would read as a control character and
 * break before itself). The last segment may continue past the window, so the
 * next window starts at its start, which is a real boundary (a regional
 * indicator pair or a ZWJ sequence cannot straddle one). A cluster longer than
 * the window (zalgo text) doubles the window until the cluster ends inside it;
 * only that cluster is taken from a grown window so a long run of short
 * clusters after it is never segmented in one large piece.
 */
export function* graphemeEnds(text: string, segmenter: GraphemeSegmenter = SEGMENTER): Generator<number> {
  let start = 0;
  let size = GRAPHEME_WINDOW;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
    const grown = size > GRAPHEME_WINDOW;
    let previous = -1;
    let next = -1;
    for (const { index } of segmenter.segment(text.slice(start, end))) {
      if (previous >= 0) {
        if (grown) {
          next = index;
          break;
        }
        yield start + index;
      }
      previous = index;
    }
    if (next >= 0) {
      yield start + next;
      start += next;
      size = GRAPHEME_WINDOW;
    } else if (end === text.length) {
      yield end;
      return;
    } else if (previous === 0) {
      size *= 2;
    } else {
      start += previous;
    }
  }
}

/** User-perceived characters, as Mastodon and Bluesky count them. */
export function countGraphemes(text: string): number {
  let count = 0;
  for (const _ of graphemeEnds(text)) count += 1;
  return count;
}
