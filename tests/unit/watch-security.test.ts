import net from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { OutboundError, type Resolver } from '../../server/core/http/guarded-fetch';
import type { AddressPolicy } from '../../server/core/http/address-policy';
import { fetchFeed, FEED_USER_AGENT, type FetchLimits } from '../../server/watch/fetcher';
import { normalizeEntries } from '../../server/watch/normalize';
import { loadSanitizer } from '../../server/watch/sanitize';

const sanitizeFeedHtml = async (html: string) => (await loadSanitizer()).html(html);
import { parseFeed } from '../../server/watch/feed-parser';
import { CP1252_TEXT, LATIN1_TEXT, UTF16_TEXT, XSS_PAYLOADS, startFeedServer, type FeedServer } from '../fakes/feeds';
import { loopbackOnlyNetwork } from '../helpers/loopback-only';

/**
 * The watch's security suite (issue 5): every URL a user types is hostile, and
 * so is every byte a feed sends. The fake feed server and the canary run on
 * loopback; the allow-list names the fake's address only where a test needs
 * to reach it, and stays empty where a test proves a refusal.
 */
const { connects, violations } = loopbackOnlyNetwork();

const NOTHING_PRIVATE: AddressPolicy = { allowedHosts: [] };
const FAKE_ONLY: AddressPolicy = { allowedHosts: ['127.0.0.1'] };
const MB = 1024 * 1024;
const LIMITS: FetchLimits = { timeoutMs: 5_000, maxBytes: 5 * MB, deadlineMs: 10_000 };

let feeds: FeedServer;
let canary: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
  canary = await startFeedServer({});
});
afterAll(async () => {
  await feeds.stop();
  await canary.stop();
});

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    return { code: (err as { code: string }).code, message: (err as Error).message };
  }
  throw new Error('expected the fetch to fail');
}

describe('SSRF: a feed URL pointing inside is refused and the canary hears nothing', () => {
  it.each([
    ['http://127.1:PORT/feed', 'blocked_address'],
    ['http://0x7f.1:PORT/feed', 'blocked_address'],
    ['http://017700000001:PORT/feed', 'blocked_address'],
    ['http://[::ffff:127.0.0.1]:PORT/feed', 'blocked_address'],
    ['http://[::1]:PORT/feed', 'blocked_address'],
    ['http://localhost:PORT/feed', 'blocked_address'],
    ['file:///etc/passwd', 'blocked_scheme'],
    ['gopher://127.0.0.1:PORT/_GET', 'blocked_scheme'],
  ])('%s is refused as %s', async (template, code) => {
    const before = canary.requests.length;
    const result = await failure(fetchFeed(template.replace('PORT', String(canary.port)), {}, LIMITS, { policy: NOTHING_PRIVATE }));
    expect(result.code).toBe(code);
    expect(canary.requests.length - before).toBe(0);
    expect(connects).toEqual([]);
  });

  it('a 302 from an allowed feed to 169.254.169.254 is refused before that hop connects', async () => {
    const result = await failure(fetchFeed(`${feeds.url}/to-metadata`, {}, LIMITS, { policy: FAKE_ONLY }));
    expect(result.code).toBe('blocked_address');
    expect(connects).toEqual([`127.0.0.1:${feeds.port}`]);
  });

  it('DNS rebinding (public first, loopback second) never reaches loopback: the checked answer is pinned', async () => {
    const calls: string[] = [];
    const resolver: Resolver = async (hostname) => {
      calls.push(hostname);
      const address = calls.length === 1 ? '93.184.216.34' : '127.0.0.1';
      return [{ address, family: net.isIP(address) }];
    };
    const result = await failure(fetchFeed(`http://rebind.test:${canary.port}/feed`, {}, LIMITS, { policy: NOTHING_PRIVATE, resolver }));
    // The only dial went to the public answer (stopped by this suite's network guard), never to loopback.
    expect(violations).toEqual(['rebind.test -> 93.184.216.34']);
    violations.length = 0;
    expect(result.code).toBe('connect_failed');
    expect(calls).toEqual(['rebind.test']);
    expect(canary.requests).toHaveLength(0);
  });

  it('after all of the above, the canary on loopback received zero requests', () => {
    expect(canary.requests).toHaveLength(0);
  });
});

describe('XML bombs and entities', () => {
  const gc = () => {
    v8.setFlagsFromString('--expose-gc');
    (vm.runInNewContext('gc') as () => void)();
  };

  it.each(['/billion-laughs.xml', '/xxe.xml'])('%s is rejected as unsafe_xml with heap growth under 20 MB', async (path) => {
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 1);
    const result = await failure(fetchFeed(`${feeds.url}${path}`, {}, LIMITS, { policy: FAKE_ONLY }));
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    expect(result.code).toBe('unsafe_xml');
    expect(peak - before).toBeLessThan(20 * MB);
  });

  it('a feed with __proto__ and constructor.prototype elements pollutes nothing', async () => {
    const res = await fetchFeed(`${feeds.url}/proto.xml`, {}, LIMITS, { policy: FAKE_ONLY });
    expect(res.notModified).toBe(false);
    if (!res.notModified) expect(res.feed.entries.map((e) => e.title)).toEqual(['Proto item']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  it('a DOCTYPE is refused even without entities, but an HTML doctype quoted in CDATA is fine', async () => {
    await expect(parseFeed('<?xml version="1.0"?><!DOCTYPE rss><rss version="2.0"><channel></channel></rss>')).rejects.toMatchObject({
      code: 'unsafe_xml',
    });
    const ok = await parseFeed(
      '<rss version="2.0"><channel><title>t</title><item><title>x</title><description><![CDATA[<!DOCTYPE html><p>hi</p>]]></description></item></channel></rss>'
    );
    expect(ok.entries).toHaveLength(1);
  });
});

describe('size caps and timeouts', () => {
  it('a 60 MB stream is aborted at the 5 MB cap', async () => {
    expect((await failure(fetchFeed(`${feeds.url}/huge.xml`, {}, LIMITS, { policy: FAKE_ONLY }))).code).toBe('too_large');
  });

  it('a gzip bomb (50 MB of spaces) is aborted at the cap after inflating', async () => {
    expect((await failure(fetchFeed(`${feeds.url}/bomb.xml`, {}, LIMITS, { policy: FAKE_ONLY }))).code).toBe('too_large');
  });

  it('a byte every 500 ms never trips the idle timeout, so the fetch deadline aborts it', async () => {
    const started = Date.now();
    const result = await failure(
      fetchFeed(`${feeds.url}/drip.xml`, {}, { timeoutMs: 2_000, maxBytes: 5 * MB, deadlineMs: 1_500 }, { policy: FAKE_ONLY })
    );
    const elapsed = Date.now() - started;
    expect(result.code).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(1_400);
    expect(elapsed).toBeLessThan(4_000);
  });
});

describe('conditional GET and identity', () => {
  it('sends the plugin’s User-Agent, then the ETag back, and a 304 costs no parsing', async () => {
    const first = await fetchFeed(`${feeds.url}/etag.xml`, {}, LIMITS, { policy: FAKE_ONLY });
    expect(first.notModified).toBe(false);
    if (first.notModified) return;
    expect(first.validators).toEqual({ etag: '"v1"', lastModified: 'Mon, 06 Jan 2025 10:00:00 GMT' });
    const second = await fetchFeed(`${feeds.url}/etag.xml`, first.validators, LIMITS, { policy: FAKE_ONLY });
    expect(second.notModified).toBe(true);
    const sent = feeds.requests.filter((r) => r.path === '/etag.xml').slice(-2);
    expect(sent[0].headers['user-agent']).toBe(FEED_USER_AGENT);
    expect(sent[0].headers['if-none-match']).toBeUndefined();
    expect(sent[1].headers['if-none-match']).toBe('"v1"');
    expect(sent[1].headers['if-modified-since']).toBe('Mon, 06 Jan 2025 10:00:00 GMT');
  });
});

describe('encodings: the exact strings come out', () => {
  it.each([
    // declared ISO-8859-1: read as its superset windows-1252 (WHATWG Encoding Standard)
    ['/latin1.xml', LATIN1_TEXT, 'windows-1252'],
    ['/cp1252.xml', CP1252_TEXT, 'windows-1252'],
    ['/utf16.xml', UTF16_TEXT, 'utf-16le'],
  ])('%s', async (path, text, encoding) => {
    const res = await fetchFeed(`${feeds.url}${path}`, {}, LIMITS, { policy: FAKE_ONLY });
    if (res.notModified) throw new Error('unexpected 304');
    expect(res.encoding).toBe(encoding);
    expect(res.feed.title).toBe(text);
    expect((await normalizeEntries(res.feed.entries.slice(0, 1), res.url, new Date()))[0].title).toBe(text);
  });
});

describe('an invalid Atom date among good items', () => {
  it('keeps every item; the bad one is dated at fetch time', async () => {
    const res = await fetchFeed(`${feeds.url}/atom.xml`, {}, LIMITS, { policy: FAKE_ONLY });
    if (res.notModified) throw new Error('unexpected 304');
    const fetchedAt = new Date();
    const items = await normalizeEntries(res.feed.entries, res.url, fetchedAt);
    expect(items.map((i) => i.title)).toEqual(['Good one', 'Bad date', 'Good two']);
    expect(items.map((i) => i.publishedTime.toISOString())).toEqual([
      '2025-01-01T10:00:00.000Z',
      fetchedAt.toISOString(),
      '2025-01-03T10:00:00.000Z',
    ]);
  });
});

describe('XSS corpus', () => {
  it.each(XSS_PAYLOADS.map((p, i) => [i, p]))('payload %i leaves nothing executable', async (_i, payload) => {
    const clean = await sanitizeFeedHtml(`<p>before</p>${payload}<p>after</p>`);
    expect(clean).not.toMatch(/<script|<iframe|<svg|<math|<object|<embed|<form|<style|<noscript|<details/i);
    expect(clean).not.toMatch(/\son\w+\s*=/i);
    expect(clean).not.toMatch(/javascript:|srcdoc|data:|style=/i);
    expect(clean).toContain('<p>after</p>');
  });

  it('feed titles and authors carrying payloads come out as plain text', async () => {
    const res = await fetchFeed(`${feeds.url}/xss.xml`, {}, LIMITS, { policy: FAKE_ONLY });
    if (res.notModified) throw new Error('unexpected 304');
    const items = await normalizeEntries(res.feed.entries, res.url, new Date());
    expect(items).toHaveLength(XSS_PAYLOADS.length);
    for (const item of items) {
      expect(item.title).not.toMatch(/<[a-z]/i);
      expect(item.author ?? '').not.toMatch(/<[a-z]/i);
      expect(item.content).not.toMatch(/\son\w+\s*=|javascript:|<script|srcdoc/i);
    }
  });

  it('links keep http(s) only and open safely', async () => {
    expect(await sanitizeFeedHtml('<a href="https://ok.example/">ok</a>')).toBe(
      '<a href="https://ok.example/" target="_blank" rel="noopener noreferrer nofollow">ok</a>'
    );
    expect(await sanitizeFeedHtml('<a href="javascript:alert(1)">x</a>')).toBe(
      '<a target="_blank" rel="noopener noreferrer nofollow">x</a>'
    );
  });
});

it('errors are OutboundError for network refusals (shape check for the API layer)', async () => {
  await expect(fetchFeed('http://10.0.0.1/', {}, LIMITS, { policy: NOTHING_PRIVATE })).rejects.toBeInstanceOf(OutboundError);
});
