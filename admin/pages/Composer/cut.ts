import twitterText from 'twitter-text';
import { countLength, provideTwitterText } from '../../../server/strategy/linter';
import type { Network } from '../../api/types';

// The server loads twitter-text on first use; the admin bundle has it already.
provideTwitterText(twitterText);

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Where a network would cut the text: the longest start that fits its counted
 * limit (the same counting the server checks before scheduling), and the rest.
 */
export function splitAtLimit(text: string, network: Network, limit?: number): { kept: string; overflow: string } {
  if (fits(text, network, limit)) return { kept: text, overflow: '' };
  const pieces = Array.from(segmenter.segment(text), (s) => s.segment);
  let low = 0;
  let high = pieces.length;
  // Binary search over grapheme boundaries: counting is monotonic in the prefix length.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const prefix = pieces.slice(0, mid).join('');
    if (fits(prefix, network, limit)) low = mid;
    else high = mid - 1;
  }
  const kept = pieces.slice(0, low).join('');
  return { kept, overflow: text.slice(kept.length) };
}

function fits(text: string, network: Network, limit?: number) {
  const count = countLength(text, network, { limit });
  return count.counted <= count.limit && (count.byteLimit === undefined || (count.bytes ?? 0) <= count.byteLimit);
}
