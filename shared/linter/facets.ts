import { detectFacets as referenceDetectFacets } from '@atproto/api/dist/rich-text/detection.js';
import type { UnicodeString } from '@atproto/api/dist/rich-text/unicode.js';

/**
 * Bluesky rich-text detection: links (bare domains included), @handle mentions,
 * #tags and $CASHTAGs, exactly as the official client finds them.
 *
 * This is `@atproto/api`'s own `detectFacets`, the function `RichText.detectFacets`
 * calls, imported by its file path instead of through the package's entry point:
 * the entry point loads every lexicon and the XRPC client (1.2 MB minified in the
 * admin bundle, ~1.4 s and ~14 MB of heap at server load) while this file needs
 * only its regexes and the `tlds` list (17 kB minified). The server and the
 * composer's preview both call it, so the preview shows the facets the PDS gets
 * (docs/decisions.md, "Bluesky facets: the reference detection by file path").
 * The version is pinned exactly in package.json because the path is not public API;
 * tests/conformance/richtext.test.ts runs the reference's own cases and compares
 * with `RichText` through the entry point.
 */

export interface Facet {
  index: { byteStart: number; byteEnd: number };
  features: Array<
    | { $type: 'app.bsky.richtext.facet#link'; uri: string }
    | { $type: 'app.bsky.richtext.facet#mention'; did: string }
    | { $type: 'app.bsky.richtext.facet#tag'; tag: string }
  >;
}

export interface Found {
  kind: 'link' | 'mention' | 'tag';
  /** the link's URI (https:// added to a bare domain), the handle (no @), or the tag (no #; `$` kept for a cashtag) */
  value: string;
  /** UTF-16 offsets in the text, for highlighting */
  start: number;
  end: number;
  /** UTF-8 offsets, as the facet lexicon wants them */
  byteStart: number;
  byteEnd: number;
}

const encoder = new TextEncoder();

/** UTF-8 offset → UTF-16 offset, for the (few) offsets the detection returns. */
function utf16Index(text: string, byteIndex: number): number {
  let bytes = 0;
  let i = 0;
  while (i < text.length && bytes < byteIndex) {
    const code = text.codePointAt(i) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    i += code >= 0x10000 ? 2 : 1;
  }
  return i;
}

/**
 * The two members of UnicodeString the detection reads. The real class imports
 * `@atproto/common-web` for grapheme counting, which the detection never uses.
 */
function unicodeText(text: string): UnicodeString {
  return { utf16: text, utf16IndexToUtf8Index: (i: number) => encoder.encode(text.slice(0, i)).byteLength } as unknown as UnicodeString;
}

/** What Bluesky's client would make facets of, ordered by position (as `RichText.detectFacetsWithoutResolution` sorts them). */
export function detect(text: string): Found[] {
  const facets = referenceDetectFacets(unicodeText(text)) ?? [];
  const found: Found[] = [];
  for (const facet of [...facets].sort((a, b) => a.index.byteStart - b.index.byteStart)) {
    const { byteStart, byteEnd } = facet.index;
    const span = { byteStart, byteEnd, start: utf16Index(text, byteStart), end: utf16Index(text, byteEnd) };
    // Each feature is exactly one of the three kinds the detection makes.
    for (const feature of facet.features as Array<{ $type: string; uri?: unknown; did?: unknown; tag?: unknown }>) {
      if (feature.$type === 'app.bsky.richtext.facet#link') found.push({ kind: 'link', value: String(feature.uri), ...span });
      if (feature.$type === 'app.bsky.richtext.facet#mention') found.push({ kind: 'mention', value: String(feature.did), ...span });
      if (feature.$type === 'app.bsky.richtext.facet#tag') found.push({ kind: 'tag', value: String(feature.tag), ...span });
    }
  }
  return found;
}

/**
 * Facets for what `detect` found. A mention becomes a facet only when its handle
 * resolved to a DID: the reference writes an empty DID instead, which the
 * lexicon's `did` format refuses (docs/decisions.md), so ours stays plain text.
 */
export function toFacets(found: Found[], dids: Map<string, string>): Facet[] {
  const facets: Facet[] = [];
  for (const item of found) {
    const index = { byteStart: item.byteStart, byteEnd: item.byteEnd };
    if (item.kind === 'link') facets.push({ index, features: [{ $type: 'app.bsky.richtext.facet#link', uri: item.value }] });
    if (item.kind === 'tag') facets.push({ index, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: item.value }] });
    if (item.kind === 'mention') {
      const did = dids.get(item.value.toLowerCase());
      if (did) facets.push({ index, features: [{ $type: 'app.bsky.richtext.facet#mention', did }] });
    }
  }
  return facets;
}
