import { parseOpml, readCategories, toOpml, writeCategory } from '../../server/watch/opml';

const source = (tags: string[]) => ({ url: 'https://feeds.example/rss', name: 'Feed', siteUrl: null, tags, kind: 'rss' });
const roundTrip = (tags: string[]) => parseOpml(toOpml('x', [source(tags)]))[0].tags;

describe('OPML categories (issue 13, item 11)', () => {
  it.each([
    [['plain']],
    [['news/tech']],
    [['Q4, launch']],
    [['a/b,c', '/leading', 'trailing/', 'a//b']],
    [['100%', '%2C literally', '50%25', 'x%y']],
    [['Économie', 'München/Süd', '日本, 東京']],
    [['one', 'two', 'three/four', 'five,six']],
  ])('a feed tagged %j comes back with the same tags after export and import', (tags) => {
    expect(roundTrip(tags)).toEqual(tags);
  });

  it('writes tags the way OPML 2.0 readers read the category attribute', () => {
    // A tag with a slash is a hierarchy path from the root; a comma, which the spec cannot carry, is percent-encoded.
    expect(writeCategory(['plain', 'news/tech', 'Q4, launch', '100%'])).toBe('plain,/news/tech,Q4%2C launch,100%25');
    expect(toOpml('x', [source(['news/tech', 'a,b'])])).toContain('category="/news/tech,a%2Cb"');
  });

  it("reads other writers' categories: the spec's paths become one tag each, commas separate", () => {
    // The examples of the OPML 2.0 spec (http://opml.org/spec2.opml, "category").
    expect(readCategories('/Boston/Weather')).toEqual(['Boston/Weather']);
    expect(readCategories('/Harvard/Berkman,/Politics')).toEqual(['Harvard/Berkman', 'Politics']);
    expect(readCategories('press, fr')).toEqual(['press', 'fr']);
    // Only %25 and %2C are escapes; anything else stays as written.
    expect(readCategories('50%,a%20b,x%2cy')).toEqual(['50%', 'a%20b', 'x,y']);
  });

  it('keeps folders as tags, whatever their names hold, next to the category tags', () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><body><outline text="A/B, C"><outline text="F" xmlUrl="https://f.example/rss" category="/x/y,z"/></outline></body></opml>`;
    expect(parseOpml(opml)[0].tags).toEqual(['A/B, C', 'x/y', 'z']);
  });
});
