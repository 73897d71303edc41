import iconv from 'iconv-lite';
import { decodeBody } from '../../server/watch/charset';
import { parseFeedDate } from '../../server/watch/dates';
import { parseFeed } from '../../server/watch/feed-parser';
import { normalizeEntries, settleTime } from '../../server/watch/normalize';
import { discoverFeeds } from '../../shared/watch/discovery';

/**
 * Issue 13, items 5–10: what the reference readers (feedparser, Miniflux) do
 * and the watch did not. The reference projects' own cases run in
 * tests/conformance/feeds.test.ts; these pin each fix on a small input.
 */

const FETCHED = new Date('2026-06-01T00:00:00Z');
const itemsOf = async (body: string, url = 'https://site.example/feeds/main.xml', contentType?: string) => {
  const feed = await parseFeed(body, contentType, url);
  return normalizeEntries(feed.entries, url, FETCHED);
};

describe('item 5: addresses in item HTML', () => {
  it('resolve against the item link, and protocol-relative ones keep their image', async () => {
    const [item] = await itemsOf(`<rss version="2.0"><channel><title>t</title><item><title>a</title>
      <link>https://blog.example/2026/05/post.html</link>
      <description>&lt;a href="../04/older.html"&gt;older&lt;/a&gt; &lt;img src="//cdn.example/i.png"&gt; &lt;a href="#notes"&gt;n&lt;/a&gt;</description>
      </item></channel></rss>`);
    expect(item.content).toContain('href="https://blog.example/2026/04/older.html"');
    expect(item.content).toContain('src="https://cdn.example/i.png"');
    expect(item.content).toContain('href="#notes"');
    expect(item.image).toBe('https://cdn.example/i.png');
  });

  it('honour xml:base on the feed, the entry and the content, each relative to the one before', async () => {
    const [item] = await itemsOf(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.example/root/">
      <title>t</title>
      <entry xml:base="entries/"><title>e</title><id>urn:x</id><link href="e1.html"/>
        <content type="html" xml:base="media/">&lt;img src="pic.png"&gt;</content></entry></feed>`);
    expect(item.link).toBe('https://base.example/root/entries/e1.html');
    expect(item.content).toContain('src="https://base.example/root/entries/media/pic.png"');
  });

  it('fall back to the feed address when the item has no link', async () => {
    const [item] = await itemsOf(
      `<rss version="2.0"><channel><title>t</title><item><guid isPermaLink="false">x1</guid><title>a</title><description>&lt;a href="p.html"&gt;p&lt;/a&gt;</description></item></channel></rss>`
    );
    expect(item.link).toBeNull();
    expect(item.content).toContain('href="https://site.example/feeds/p.html"');
  });

  it('ignore an xml:base that is not a web address', async () => {
    const [item] = await itemsOf(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="javascript:alert(1)//"><title>t</title>
      <entry><title>e</title><id>urn:x</id><link href="e1.html"/><content type="html">&lt;a href="p.html"&gt;p&lt;/a&gt;</content></entry></feed>`);
    expect(item.link).toBe('https://site.example/feeds/e1.html');
    expect(item.content).toContain('href="https://site.example/feeds/p.html"');
  });

  it('still drop schemes that are not web addresses', async () => {
    const [item] = await itemsOf(
      `<rss version="2.0"><channel><title>t</title><item><link>https://a.example/</link><description>&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt; &lt;img src="data:image/svg+xml,1"&gt;</description></item></channel></rss>`
    );
    expect(item.content).not.toMatch(/javascript:|data:/);
  });
});

describe('item 6: <rss> without a version', () => {
  it('is read as RSS 2.0', async () => {
    const feed = await parseFeed(
      '<rss><channel><title>News</title><item><title>One</title><link>https://n.example/1</link></item></channel></rss>'
    );
    expect(feed.kind).toBe('rss');
    expect(feed.entries.map((e) => e.title)).toEqual(['One']);
  });
});

describe('item 7: authors', () => {
  it('an empty dc:creator does not hide the author after it; itunes:author is read', async () => {
    const items =
      await itemsOf(`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
      <channel><title>t</title>
      <item><title>a</title><link>https://p.example/a</link><dc:creator/><author>Ann Author</author></item>
      <item><title>b</title><link>https://p.example/b</link><itunes:author>Pod Host</itunes:author></item>
      </channel></rss>`);
    expect(items.map((i) => i.author)).toEqual(['Ann Author', 'Pod Host']);
  });

  it('an Atom entry without an author has the feed’s (RFC 4287 §4.2.1)', async () => {
    const items = await itemsOf(`<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><author><name>Feed Team</name></author>
      <entry><title>a</title><id>urn:a</id></entry>
      <entry><title>b</title><id>urn:b</id><author><name>Bea</name></author></entry></feed>`);
    expect(items.map((i) => i.author)).toEqual(['Feed Team', 'Bea']);
  });

  it('a JSON Feed item inherits the feed’s authors (1.1) or author (1.0); its own win', async () => {
    const body = (envelope: object) =>
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'j',
        ...envelope,
        items: [
          { id: '1', url: 'https://j.example/1', title: 'inherits' },
          { id: '2', url: 'https://j.example/2', title: 'own', authors: [{ name: 'Own Writer' }], author: { name: 'Old Style' } },
        ],
      });
    const modern = await itemsOf(
      body({ authors: [{ url: 'https://no.name' }, { name: 'Feed Writer' }] }),
      undefined,
      'application/feed+json'
    );
    expect(modern.map((i) => i.author)).toEqual(['Feed Writer', 'Own Writer']);
    const legacy = await itemsOf(body({ author: { name: 'Legacy Writer' } }), undefined, 'application/feed+json');
    expect(legacy.map((i) => i.author)).toEqual(['Legacy Writer', 'Own Writer']);
  });
});

describe('item 8: autodiscovery', () => {
  const page = (head: string) => `<!doctype html><html><head>${head}</head><body></body></html>`;

  it('does not offer WordPress REST links as JSON Feeds, but keeps real JSON Feeds', () => {
    const found = discoverFeeds(
      page(`<link rel="https://api.w.org/" href="https://wp.example/wp-json/">
        <link rel="alternate" type="application/json" href="https://wp.example/wp-json/wp/v2/pages/2">
        <link rel="alternate" type="application/json" href="https://wp.example/?rest_route=/wp/v2/posts/7">
        <link rel="alternate" type="application/json+oembed" href="https://wp.example/wp-json/oembed/1.0/embed?url=x">
        <link rel="alternate" type="application/rss+xml" title="Posts" href="https://wp.example/feed/">
        <link rel="alternate" type="application/feed+json" href="/feed.json">
        <link rel="alternate" type="application/json" href="/feed/json">`),
      'https://wp.example/page/'
    );
    expect(found).toEqual([
      { url: 'https://wp.example/feed/', title: 'Posts', kind: 'rss' },
      { url: 'https://wp.example/feed.json', title: null, kind: 'json' },
      { url: 'https://wp.example/feed/json', title: null, kind: 'json' },
    ]);
  });

  it('ignores links inside comments, scripts and templates, and honours <base href>', () => {
    const found = discoverFeeds(
      page(`<base href="https://cdn.example/site/">
        <!-- <link rel="alternate" type="application/rss+xml" href="/commented.xml"> -->
        <script>document.write('<link rel="alternate" type="application/rss+xml" href="/scripted.xml">')</script>
        <template><link rel="alternate" type="application/atom+xml" href="/templated.xml"></template>
        <link rel="alternate" type="application/atom+xml" href="atom.xml">`),
      'https://www.example/blog/post'
    );
    expect(found).toEqual([{ url: 'https://cdn.example/site/atom.xml', title: null, kind: 'atom' }]);
  });
});

describe('item 9: encodings', () => {
  const xml = '<?xml version="1.0"?><rss version="2.0"><channel><title>Café ☕ 𝄞</title></channel></rss>';

  it.each(['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be'])('%s without a BOM', (encoding) => {
    expect(decodeBody(iconv.encode(xml, encoding))).toMatchObject({ text: xml, encoding });
  });

  it.each([
    ['utf-32le', [0xff, 0xfe, 0x00, 0x00]],
    ['utf-32be', [0x00, 0x00, 0xfe, 0xff]],
  ])('%s with its BOM (not mistaken for UTF-16)', (encoding, bom) => {
    expect(decodeBody(Buffer.concat([Buffer.from(bom as number[]), iconv.encode(xml, encoding as string)]))).toMatchObject({
      text: xml,
      from: 'bom',
    });
  });

  it('a legacy label over valid UTF-8 loses to UTF-8 (Miniflux); real Latin-1 stays Latin-1', () => {
    const labelled = '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Déjà vu</title></channel></rss>';
    expect(decodeBody(Buffer.from(labelled, 'utf8'))).toMatchObject({ encoding: 'utf-8', from: 'sniffed' });
    expect(decodeBody(Buffer.from(labelled, 'utf8')).text).toContain('Déjà vu');
    expect(decodeBody(Buffer.from('<rss>Déjà</rss>', 'utf8'), 'text/xml; charset=iso-8859-1').text).toBe('<rss>Déjà</rss>');
    expect(decodeBody(iconv.encode(labelled, 'latin1')).text).toContain('Déjà vu');
  });

  it('an unlabelled body that is plainly not UTF-8 is windows-1252, and C1 punctuation is what windows-1252 meant', () => {
    const latin = iconv.encode('<rss><title>Très “bien”</title></rss>', 'win1252');
    expect(decodeBody(latin)).toMatchObject({ text: '<rss><title>Très “bien”</title></rss>', encoding: 'windows-1252' });
    expect(decodeBody(Buffer.from('<rss>don\u0092t</rss>', 'utf8')).text).toBe('<rss>don’t</rss>');
  });
});

describe('item 10: dates', () => {
  it.each([
    ['Thu, 30 Apr 2015 08:57:00 MET', '2015-04-30T07:57:00.000Z'],
    ['Thu, 30 Apr 2015 08:57:00 MEST', '2015-04-30T06:57:00.000Z'],
    ['Mon, 26 January 2004 16:31:00 ET', '2004-01-26T21:31:00.000Z'],
    ['Mon, 26 January 2004 16:31:00 PT', '2004-01-27T00:31:00.000Z'],
    ['Wed, 19 Aug 2009 18:28:00 Etc/GMT', '2009-08-19T18:28:00.000Z'],
    ['Wed, 19 Aug 2009 18:28:00 Etc/GMT+5', '2009-08-19T23:28:00.000Z'],
    ['Fri, 31 Mar 2023 20:19:00 America/Los_Angeles', '2023-04-01T03:19:00.000Z'],
    ['Thu, 01 Jan 04 19:48:21 GMT', '2004-01-01T19:48:21.000Z'],
    ['2004-02-28T18:14:55-08:00', '2004-02-29T02:14:55.000Z'],
    ['Sun, 17 Dec 2017 1:55 PM EST', '2017-12-17T18:55:00.000Z'],
  ])('%s is %s', (raw, iso) => {
    expect(parseFeedDate(raw)?.toISOString()).toBe(iso);
  });

  it.each([
    '2013-01-28T11:30:00-06:00Textra',
    '2003-12-31T25:14:55Z',
    '2003-12-31T10:61:55Z',
    'Sun, 16 Dec 2012 1:2:3:4 GMT',
    'Sun, 99 Jun 2009 12:00:00 GMT',
    'Sun, 16 Dec 2012 11:47:32 +zz:00',
    '2003-02-29',
    'yesterday',
    '12',
  ])('%s is refused', (raw) => {
    expect(parseFeedDate(raw)).toBeNull();
    expect(settleTime(raw, FETCHED)).toBe(FETCHED);
  });

  it('Atom 0.3 issued, created and modified are read; an unreadable date gives way to the next', async () => {
    const items = await itemsOf(`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>t</title>
      <entry><title>a</title><id>urn:a</id><issued>2004-01-02T03:04:05Z</issued><modified>2004-02-01T00:00:00Z</modified></entry>
      <entry><title>b</title><id>urn:b</id><created>2004-01-03T00:00:00Z</created></entry>
      <entry><title>c</title><id>urn:c</id><modified>2004-01-04T00:00:00Z</modified></entry>
      <entry><title>d</title><id>urn:d</id><issued>garbage</issued><modified>2004-01-05T00:00:00Z</modified></entry></feed>`);
    expect(items.map((i) => i.publishedTime.toISOString())).toEqual([
      '2004-01-02T03:04:05.000Z',
      '2004-01-03T00:00:00.000Z',
      '2004-01-04T00:00:00.000Z',
      '2004-01-05T00:00:00.000Z',
    ]);
  });
});
