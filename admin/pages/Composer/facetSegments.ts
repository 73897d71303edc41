import { detect } from '../../../shared/linter/facets';
import { TEXT_RULES } from '../../../shared/networks/rules';
import type { Network } from '../../api/types';

export interface TextSegment {
  text: string;
  /** set when the network makes a facet of this piece */
  facet?: 'link' | 'mention' | 'tag';
}

/**
 * The preview's text cut into the pieces the network gets facets for (its
 * profile's `text.facets`: Bluesky), by the same
 * detection the server sends to the PDS (shared/linter/facets.ts), so the editor
 * sees which links, tags and cashtags will be live. A mention becomes a facet
 * only if its handle resolves when the post goes out; it is shown as one.
 * Networks that link on their side from the plain text: one plain segment.
 */
export function facetSegments(text: string, network: Network): TextSegment[] {
  if (!TEXT_RULES[network].facets || text === '') return text === '' ? [] : [{ text }];
  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const found of detect(text)) {
    if (found.start < cursor) continue;
    if (found.start > cursor) segments.push({ text: text.slice(cursor, found.start) });
    segments.push({ text: text.slice(found.start, found.end), facet: found.kind });
    cursor = found.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor) });
  return segments;
}
