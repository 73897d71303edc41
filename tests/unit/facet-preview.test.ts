import { facetSegments } from '../../admin/pages/Composer/facetSegments';
import { detect, toFacets } from '../../server/networks/bluesky/richtext';

// The composer's Bluesky preview highlights exactly the byte ranges the server sends to the PDS as facets.
describe('the Bluesky preview shows the facets the server sends', () => {
  it.each([
    'except for https://foo.com/thing_(cool)',
    'see example.com and www.example.com/x, #launch! $aapl',
    'Café ☕ https://example.com/a?b=1, @bob.test #launch! 🚀 #2026',
    'this ##️⃣tag and #🦋 and #a\u200Bb',
  ])('%s', (text) => {
    const segments = facetSegments(text, 'bluesky');
    expect(segments.map((s) => s.text).join('')).toBe(text);
    const bytes = Buffer.from(text, 'utf8');
    // Mentions are sent once resolved: resolve every handle for the comparison.
    const found = detect(text);
    const dids = new Map(found.filter((f) => f.kind === 'mention').map((f) => [f.value.toLowerCase(), `did:plc:${f.value}`]));
    const sent = toFacets(found, dids).map((f) => bytes.subarray(f.index.byteStart, f.index.byteEnd).toString('utf8'));
    expect(segments.filter((s) => s.facet).map((s) => s.text)).toEqual(sent);
    expect(sent.length).toBeGreaterThan(0);
  });

  it('other networks get the plain text', () => {
    expect(facetSegments('see https://example.com #tag', 'mastodon')).toEqual([{ text: 'see https://example.com #tag' }]);
  });
});
