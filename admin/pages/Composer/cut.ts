import twitterText from '../../../shared/linter/vendor/twitter-text';
import { countLength, graphemeEnds, provideTwitterText } from '../../../shared/linter';
import type { Network } from '../../api/types';

// The server loads twitter-text on first use; the admin bundle has it already (the vendored build, without core-js 2).
provideTwitterText(twitterText);

/**
 * Where a network would cut the text: the longest start that fits its counted
 * limit (the same counting the server checks before scheduling), and the rest.
 */
export function splitAtLimit(text: string, network: Network, limit?: number): { kept: string; overflow: string } {
  if (fits(text, network, limit)) return { kept: text, overflow: '' };
  // The server's windowed segmentation: materialising every segment at once grows with the length squared.
  const ends = [0, ...graphemeEnds(text)];
  let low = 0;
  let high = ends.length - 1;
  // Binary search over grapheme boundaries: counting is monotonic in the prefix length.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(text.slice(0, ends[mid]), network, limit)) low = mid;
    else high = mid - 1;
  }
  return { kept: text.slice(0, ends[low]), overflow: text.slice(ends[low]) };
}

function fits(text: string, network: Network, limit?: number) {
  const count = countLength(text, network, { limit });
  return count.counted <= count.limit && (count.byteLimit === undefined || (count.bytes ?? 0) <= count.byteLimit);
}
