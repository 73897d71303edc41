import iconv from 'iconv-lite';
import { decodeBody } from '../../server/watch/charset';
import { discoverFeeds } from '../../shared/watch/discovery';
import { parseOpml, toOpml } from '../../server/watch/opml';
import { userRegexProblem } from '../../shared/core/safe-regex';
import { matchAlerts, matchKeywords, mentions, pillarTerms, relevance, searchableText } from '../../server/watch/matching';
import { nextFetchTime } from '../../server/watch/backoff';
import { dedupKeyOf, normalizeEntries, settleTime } from '../../server/watch/normalize';
import { parseFeed } from '../../server/watch/feed-parser';
import { commentaryTemplate, COMMENTARY_PLACEHOLDER } from '../../server/watch/curation';
import { ATOM, JSON_FEED, RDF } from '../fakes/feeds';
import { createIntl } from 'react-intl';
import { OutboundError } from '../../server/core/http/guarded-fetch';
import { FeedHttpError } from '../../server/watch/fetcher';
import { readSourceFailure, sourceFailure } from '../../server/watch/failure';
import { toWatchSource } from '../../server/watch/dto';
import { serverMessageText } from '../../admin/utils/serverMessages';
import fr from '../../admin/translations/fr.json';
import { alertInput } from '../../shared/watch/contract';
import { fromZod } from '../../server/core/errors';

describe('reading a feed’s bytes in the right charset', () => {
  it('the BOM wins, then the header, then the XML prolog, then UTF-8', () => {
    const xml = (enc: string) => `<?xml version="1.0" encoding="${enc}"?><rss><title>Déjà vu</title></rss>`;
    // ISO-8859-1 is read as its superset windows-1252, as browsers do (WHATWG Encoding Standard).
    expect(decodeBody(iconv.encode(xml('ISO-8859-1'), 'latin1'))).toMatchObject({ encoding: 'windows-1252', from: 'prolog' });
    expect(decodeBody(iconv.encode(xml('ISO-8859-1'), 'latin1')).text).toContain('Déjà vu');
    expect(decodeBody(iconv.encode(xml('utf-8'), 'win1252'), 'text/xml; charset=windows-1252')).toMatchObject({ from: 'header' });
    expect(
      decodeBody(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode('<rss/>', 'utf-16be')]), 'text/xml; charset=iso-8859-1')
    ).toMatchObject({ text: '<rss/>', from: 'bom' });
    expect(decodeBody(Buffer.from('<rss/>'), 'text/xml; charset=klingon')).toMatchObject({ encoding: 'utf-8', from: 'default' });
  });
});

describe('parsing RSS, Atom, RDF and JSON Feed', () => {
  it.each([
    [ATOM, 'atom', ['Good one', 'Bad date', 'Good two']],
    [RDF, 'rdf', ['RDF item A', 'RDF item B']],
    [JSON_FEED, 'json', ['JSON one', 'JSON two']],
  ])('%#: kind and titles', async (body, kind, titles) => {
    const feed = await parseFeed(body);
    expect(feed.kind).toBe(kind);
    expect(feed.entries.map((e) => e.title)).toEqual(titles);
  });

  it('a JSON Feed item without an id is dropped alone and counted', async () => {
    const feed = await parseFeed(JSON_FEED, 'application/feed+json');
    expect(feed.skipped).toBe(2);
    expect(feed.entries[1].content).toBe('Plain &lt;text&gt;');
  });

  it('garbage is a parse_failed error, not a crash', async () => {
    await expect(parseFeed('<html><body>not a feed')).rejects.toMatchObject({ code: 'parse_failed' });
    await expect(parseFeed('{"version":"nope","items":[]}')).rejects.toMatchObject({ code: 'parse_failed' });
  });
});

describe('settling an item', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  it('a missing, unreadable or future date becomes the fetch time; a little clock skew is tolerated', () => {
    expect(settleTime(undefined, now)).toBe(now);
    expect(settleTime('soon', now)).toBe(now);
    expect(settleTime('2031-01-01T00:00:00Z', now)).toBe(now);
    expect(settleTime('2026-01-01T12:03:00Z', now).toISOString()).toBe('2026-01-01T12:03:00.000Z');
    expect(settleTime('2025-12-31T08:00:00Z', now).toISOString()).toBe('2025-12-31T08:00:00.000Z');
  });

  it('identity is the guid, else the link, else title and date', () => {
    expect(dedupKeyOf({ guid: 'a', link: 'x' })).toBe(dedupKeyOf({ guid: 'a', link: 'y' }));
    expect(dedupKeyOf({ link: 'x' })).not.toBe(dedupKeyOf({ link: 'y' }));
    expect(dedupKeyOf({ title: 't', date: 'd' })).toHaveLength(40);
  });

  it('relative links resolve against the feed; other schemes are dropped; summaries are text', async () => {
    const [item] = await normalizeEntries(
      [{ link: '/post/1', image: 'javascript:alert(1)', summary: '<p>Hello <b>world</b> &amp; co</p>' }],
      'https://blog.example/feed.xml',
      now
    );
    expect(item).toMatchObject({
      link: 'https://blog.example/post/1',
      image: null,
      summary: 'Hello world & co',
      title: 'Hello world & co',
    });
  });
});

describe('autodiscovery and OPML', () => {
  it('finds alternate feeds with relative hrefs and skips stylesheets and other schemes', () => {
    const html = `<link rel="stylesheet" href="/a.css"><link rel="alternate" type="application/rss+xml" title="R &amp; D" href="/feed">
      <LINK REL="alternate feed" TYPE="application/atom+xml" HREF="https://other.example/atom"><link rel="alternate" type="application/rss+xml" href="javascript:x">`;
    expect(discoverFeeds(html, 'https://site.example/blog/')).toEqual([
      { url: 'https://site.example/feed', title: 'R & D', kind: 'rss' },
      { url: 'https://other.example/atom', title: null, kind: 'atom' },
    ]);
  });

  it('reads folders as tags, and writes back what it reads', () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><body><outline text="Tech"><outline text="A &amp; B" xmlUrl="https://a.example/rss" htmlUrl="https://a.example/"/></outline><outline title="C" xmlUrl="https://c.example/atom" category="press,fr"/></body></opml>`;
    const entries = parseOpml(opml);
    expect(entries).toEqual([
      { url: 'https://a.example/rss', name: 'A & B', siteUrl: 'https://a.example/', tags: ['Tech'] },
      { url: 'https://c.example/atom', name: 'C', siteUrl: null, tags: ['press', 'fr'] },
    ]);
    const again = parseOpml(
      toOpml(
        'x',
        entries.map((e) => ({ ...e, kind: 'rss' }))
      )
    );
    expect(again.map((e) => [e.url, e.name, e.tags])).toEqual([
      ['https://a.example/rss', 'A & B', ['Tech']],
      ['https://c.example/atom', 'C', ['press', 'fr']],
    ]);
    expect(() => parseOpml('<!DOCTYPE opml [<!ENTITY x "y">]><opml><body/></opml>')).toThrow(/DTD/);
  });
});

describe('alert patterns run on a linear-time engine', () => {
  it.each([
    ['(a)\\1', 'backreference'],
    ['(?<n>a)\\k<n>', 'backreference'],
    ['launch(?!ed)', 'lookaround'],
    ['(?<=v)\\d', 'lookaround'],
    ['[', 'invalid'],
    ['x'.repeat(201), 'too_long'],
  ])('%s is refused (%s)', (pattern, problem) => {
    expect(userRegexProblem(pattern)).toBe(problem);
    // The alert form's refusal names the catalogued message the admin translates (too long is the field's own bound).
    const refusal = alertInput.safeParse({ name: 'Alert', kind: 'regex', pattern });
    if (problem !== 'too_long')
      expect(fromZod(refusal.error!).errors[0]).toMatchObject({ path: ['pattern'], messageId: `regex_${problem}` });
  });
  it.each(['v\\d+\\.\\d+', 'launch(es|ed)?', '(foo|bar) release', '[(+*)]+', 'a{2,5}b', '\\(x+\\)+', '(a+)+$', 'a*a*a*a*b', '[(?=]x'])(
    '%s is accepted',
    (pattern) => {
      expect(userRegexProblem(pattern)).toBeNull();
    }
  );
  it('a*a*a*a*b over a feed item of 100,000 a answers at once (5.3 s for 140 a on the backtracking engine)', () => {
    const started = Date.now();
    const rules = [{ documentId: 'r', kind: 'regex' as const, pattern: 'a*a*a*a*b' }];
    expect(matchAlerts(searchableText({ title: 'a'.repeat(100_000), summary: '' }), rules)).toEqual([]);
    expect(matchAlerts(searchableText({ title: `${'a'.repeat(9_000)}B`, summary: '' }), rules)).toEqual(['r']);
    expect(matchAlerts(searchableText({ title: 'a'.repeat(100_000), summary: '' }), [{ ...rules[0], pattern: '(a+)+$' }])).toEqual(['r']);
    // The backtracking engine took 5.3 s on 140 a (over 60 s on 200); the bound leaves room for a loaded machine.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
  it('keeps the case- and accent-insensitive Unicode reading alerts always had', () => {
    const text = searchableText({ title: 'L’ÉTÉ de la Straße, version 2.1 😀', summary: '' });
    const hit = (pattern: string) => matchAlerts(text, [{ documentId: 'r', kind: 'regex', pattern }]).length === 1;
    expect(hit('été')).toBe(true);
    expect(hit('STRASSE')).toBe(false);
    expect(hit('straße')).toBe(true);
    expect(hit('\\bversion \\d\\.\\d\\b')).toBe(true);
    expect(hit('\\u{1F600}')).toBe(true);
    expect(hit('(?<word>\\p{L}+) de')).toBe(true);
    expect(hit('^l’')).toBe(true);
    expect(hit('^de')).toBe(false);
  });
});

describe('keywords and relevance', () => {
  it('match whole words, ignoring case and accents', () => {
    const text = searchableText({ title: 'L’IA générative arrive', summary: 'via Paris' });
    expect(mentions(text, 'IA')).toBe(true);
    expect(mentions(text, 'generative')).toBe(true);
    expect(matchKeywords(searchableText({ title: 'via Paris', summary: '' }), ['IA'])).toEqual([]);
  });

  it('a pillar named in full scores above a passing mention', () => {
    const terms = { pillars: [{ name: 'Gardening', terms: pillarTerms('Gardening', 'community plots and seeds') }], hashtags: ['compost'] };
    const strong = relevance(searchableText({ title: 'Gardening with the community', summary: 'seeds and compost' }), terms, 0);
    const weak = relevance(searchableText({ title: 'Seeds', summary: '' }), terms, 0);
    expect(strong.pillars).toEqual(['Gardening']);
    expect(weak.pillars).toEqual([]);
    expect(strong.score).toBeGreaterThan(weak.score);
    expect(strong.score).toBeLessThanOrEqual(100);
  });
});

describe('schedule', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('healthy: the interval ±10 %; failing: doubled per failure, capped at a day', () => {
    const at = (minutes: number, failures: number, r: number) =>
      (nextFetchTime(now, minutes, failures, () => r).getTime() - now.getTime()) / 60_000;
    expect(at(60, 0, 0)).toBe(54);
    expect(at(60, 0, 1)).toBe(66);
    expect(at(60, 1, 0.5)).toBe(120);
    expect(at(60, 3, 0.5)).toBe(480);
    expect(at(60, 20, 0.5)).toBe(1440);
  });
});

describe('curation template', () => {
  it('a take (or a visible placeholder), the title with its source, the link', () => {
    const item = { title: 'Big news', link: 'https://x.example/1', source: { documentId: 's', name: 'X' } };
    expect(commentaryTemplate(item, 'So good')).toBe('So good\n\nBig news (via X)\nhttps://x.example/1');
    expect(commentaryTemplate({ ...item, link: null })).toBe(`${COMMENTARY_PLACEHOLDER}\n\nBig news (via X)`);
  });
});

describe('a source’s fetch failure reaches the admin as a code with its facts (issue 14, item 9)', () => {
  const URL_ = 'https://feeds.example.com/rss';

  it.each([
    ['http_error', 'feed_http_error', new FeedHttpError(404), { status: 404 }],
    [
      'dns_failed',
      'feed_dns_failed',
      new OutboundError('dns_failed', 'The host name nowhere.test could not be resolved'),
      { host: 'nowhere.test' },
    ],
    // A redirect led elsewhere: the refused hop's host, not the feed's.
    [
      'blocked_address',
      'feed_blocked_address',
      new OutboundError('blocked_address', '169.254.169.254 resolves to a private or reserved address, which is not allowed'),
      { host: '169.254.169.254', setting: 'CM_OUTBOUND_ALLOWED_HOSTS' },
    ],
    [
      'connect_failed',
      'feed_connect_failed',
      new OutboundError('connect_failed', 'Could not connect to feeds.example.com:8080 (ECONNREFUSED)'),
      { host: 'feeds.example.com:8080', reason: 'ECONNREFUSED' },
    ],
    [
      'timeout',
      'feed_timeout',
      new OutboundError('timeout', 'No answer from cdn.example.com within 15000 ms'),
      { host: 'cdn.example.com' },
    ],
    [
      'timeout',
      'feed_timeout',
      new OutboundError('timeout', 'slow.example.com took longer than the 30000 ms allowed'),
      { host: 'slow.example.com' },
    ],
    // No host in the English: the feed's own.
    [
      'reset',
      'feed_reset',
      new OutboundError('reset', 'The connection was reset while reading the response'),
      { host: 'feeds.example.com' },
    ],
    ['too_large', 'feed_too_large', new OutboundError('too_large', 'The response is larger than 5242880 bytes'), { max: 5242880 }],
    ['too_many_redirects', 'feed_too_many_redirects', new OutboundError('too_many_redirects', 'More than 5 redirects'), { max: 5 }],
    [
      'blocked_scheme',
      'feed_blocked_scheme',
      new OutboundError('blocked_scheme', 'Only http and https URLs are allowed, not ftp'),
      { scheme: 'ftp' },
    ],
    ['unexpected', 'feed_unreadable', new Error('disk full'), {}],
  ] as const)('%s as %s', (code, messageId, err, params) => {
    const failure = sourceFailure(err, URL_);
    expect(failure).toMatchObject({ code, messageId, params });
    // The stored English reads back to the same code and facts (numbers stay numbers).
    expect(readSourceFailure(code, failure.message)).toEqual(failure);
  });

  it('parser and XML guard failures say their code when thrown', async () => {
    const notFeed = sourceFailure(await parseFeed('<html><body>not a feed').catch((e: unknown) => e), URL_);
    expect(notFeed).toMatchObject({ code: 'parse_failed', messageId: 'feed_not_a_feed' });
    expect(notFeed.params?.detail).toEqual(expect.any(String));
    expect(readSourceFailure('parse_failed', notFeed.message)).toEqual(notFeed);
    const json = sourceFailure(await parseFeed('{"version":"nope","items":[]}').catch((e: unknown) => e), URL_);
    expect(json).toMatchObject({ code: 'parse_failed', messageId: 'feed_not_json_feed', params: {} });
    const dtd = sourceFailure(await parseFeed('<!DOCTYPE rss><rss version="2.0"><channel/></rss>').catch((e: unknown) => e), URL_);
    expect(dtd).toMatchObject({ code: 'unsafe_xml', messageId: 'feed_dtd' });
  });

  it('an English the watch does not word, and a row stored before the codes, keep their English uncoded', () => {
    expect(sourceFailure(new OutboundError('too_large', 'Too big'), URL_)).toEqual({ code: 'too_large', message: 'Too big' });
    expect(readSourceFailure('timeout', 'No answer from example.com within 15000 ms')).toEqual({
      code: 'timeout',
      message: 'No answer from example.com within 15000 ms',
    });
    expect(readSourceFailure('http_error', 'The server answered HTTP teapot')).toMatchObject({ messageId: 'feed_http_error' });
    expect(readSourceFailure('weird', 'Something else')).toEqual({ code: 'weird', message: 'Something else' });
  });

  it('the source’s last error carries the code and facts, and the admin says it in French', () => {
    const row = {
      documentId: 'src1',
      url: URL_,
      name: 'Feed',
      status: 'failing',
      intervalMinutes: 60,
      failures: 2,
      lastErrorCode: 'http_error',
      lastError: 'The server answered HTTP 503',
    };
    const { lastError } = toWatchSource(row as never);
    expect(lastError).toEqual({
      code: 'http_error',
      message: 'The server answered HTTP 503',
      messageId: 'feed_http_error',
      params: { status: 503 },
    });
    const intl = createIntl({
      locale: 'fr',
      messages: Object.fromEntries(Object.entries(fr).map(([k, v]) => [`community-manager.${k}`, v])),
    });
    expect(serverMessageText(intl, lastError?.messageId, lastError?.params, lastError!.message)).toBe('Le serveur a répondu HTTP 503');
    const old = toWatchSource({
      ...row,
      lastErrorCode: 'timeout',
      lastError: 'No answer from example.com within 15000 ms',
    } as never).lastError;
    expect(serverMessageText(intl, old?.messageId, old?.params, old!.message)).toBe('No answer from example.com within 15000 ms');
  });
});
