import fs from 'node:fs';
import path from 'node:path';
import { detect, toFacets, type Facet } from '../../shared/linter/facets';

/**
 * The AT Protocol's own rich-text detection cases (packages/api/tests/
 * rich-text-detection.test.ts of @atproto/api 0.19.19, vendored as data in
 * richtext/, see richtext/SOURCE.md) run against the facets the plugin sends to
 * a PDS: shared/linter/facets.ts, as server/networks/bluesky/publish.ts and the
 * composer preview use it. Each case is compared with the reference's expected
 * answer, the way the reference test reads its own result:
 *  - segments: the text cut at the facets, each facet with its mention's DID
 *    (handles resolve to `did:fake:<handle>`, as the reference's mocked agent
 *    answers) or its link's URI;
 *  - tags: every tag facet's tag and every facet's byte range;
 *  - cashtags: the `$` tags and their byte ranges.
 * Every case also compares our facets with `RichText` loaded through the
 * package's entry point, which the plugin avoids for weight (docs/decisions.md).
 */

interface Cases {
  segments: Array<{ input: string; expected: string[][] }>;
  tags: Array<{ input: string; tags: string[]; indices: Array<{ byteStart: number; byteEnd: number }> }>;
  cashtags: Array<{ input: string; tags: string[]; indices: Array<{ byteStart: number; byteEnd: number }> }>;
}

const cases = JSON.parse(fs.readFileSync(path.join(__dirname, 'richtext', 'rich-text-detection.cases.json'), 'utf8')) as Cases;

/** Our facets, every mention resolved the way the reference test's mocked agent resolves it. */
function ourFacets(text: string): Facet[] {
  const found = detect(text);
  const dids = new Map(found.filter((f) => f.kind === 'mention').map((f) => [f.value.toLowerCase(), `did:fake:${f.value}`]));
  return toFacets(found, dids);
}

/** The text cut at the facets, as RichText.segments() cuts it (UTF-8 offsets), each piece as the reference test prints it. */
function segments(text: string, facets: Facet[]): string[][] {
  const bytes = Buffer.from(text, 'utf8');
  const piece = (from: number, to: number) => bytes.subarray(from, to).toString('utf8');
  const out: string[][] = [];
  let cursor = 0;
  for (const facet of facets) {
    if (facet.index.byteStart > cursor) out.push([piece(cursor, facet.index.byteStart)]);
    const feature = facet.features[0];
    const value = feature.$type.endsWith('#mention')
      ? (feature as { did: string }).did
      : feature.$type.endsWith('#link')
        ? (feature as { uri: string }).uri
        : '';
    out.push([piece(facet.index.byteStart, facet.index.byteEnd), value]);
    cursor = facet.index.byteEnd;
  }
  if (cursor < bytes.length || out.length === 0) out.push([piece(cursor, bytes.length)]);
  return out;
}

const tagsOf = (facets: Facet[]) =>
  facets.flatMap((f) => f.features.flatMap((x) => (x.$type.endsWith('#tag') ? [(x as { tag: string }).tag] : [])));

describe('AT Protocol rich-text detection (@atproto/api 0.19.19 tests)', () => {
  it.each(cases.segments.map((c) => [c.input, c] as const))('segments: %j', (_input, c) => {
    expect(segments(c.input, ourFacets(c.input))).toEqual(c.expected);
  });

  it.each(cases.tags.map((c) => [c.input, c] as const))('tags: %j', (_input, c) => {
    const facets = ourFacets(c.input);
    expect(tagsOf(facets)).toEqual(c.tags);
    expect(facets.map((f) => f.index)).toEqual(c.indices);
  });

  it.each(cases.cashtags.map((c) => [c.input, c] as const))('cashtags: %j', (_input, c) => {
    const cashtags = ourFacets(c.input).filter((f) => tagsOf([f]).some((tag) => tag.startsWith('$')));
    expect(tagsOf(cashtags)).toEqual(c.tags);
    expect(cashtags.map((f) => f.index)).toEqual(c.indices);
  });
});

describe('the same facets as RichText through the package entry point', () => {
  // Loaded here only: the entry point is what the plugin keeps out of its server and admin (1.2 MB, ~1.4 s).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RichText } = require('@atproto/api') as typeof import('@atproto/api');
  const inputs = [...cases.segments, ...cases.tags, ...cases.cashtags].map((c) => c.input);

  it.each(inputs.map((input) => [input]))('%j', (input) => {
    const rt = new RichText({ text: input });
    rt.detectFacetsWithoutResolution();
    // Without resolution the reference leaves the handle in `did`; ours then has no DID to put there.
    const found = detect(input);
    const handles = new Map(found.filter((f) => f.kind === 'mention').map((f) => [f.value.toLowerCase(), f.value]));
    const reference = (rt.facets ?? []).map(({ index, features }) => ({ index, features }));
    expect(toFacets(found, handles)).toEqual(reference);
  });
});
