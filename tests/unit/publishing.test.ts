import { OutboundError } from '../../server/core/http/guarded-fetch';
import { classify, fromStatus, retryAfterFrom } from '../../server/networks/errors';
import { rollUpStatus } from '../../server/publishing/rollup';
import { rowOutcome } from '../../server/publishing/dto';
import { renewalOf } from '../../server/core/oauth/renew';
import { httpUrlOrNull } from '../../shared/core/safe-url';
import { detect, newTid, openGraph, toFacets } from '../../server/networks/bluesky/richtext';

describe('how a failed attempt is classified', () => {
  const now = Date.parse('2026-06-01T10:00:00Z');

  it('reads Retry-After in seconds or as a date, and the networks’ reset headers', () => {
    expect(retryAfterFrom({ 'retry-after': '120' }, now)).toBe(now + 120_000);
    expect(retryAfterFrom({ 'retry-after': 'Mon, 01 Jun 2026 10:05:00 GMT' }, now)).toBe(Date.parse('2026-06-01T10:05:00Z'));
    expect(retryAfterFrom({ 'x-ratelimit-reset': '2026-06-01T10:03:00.000Z' }, now)).toBe(Date.parse('2026-06-01T10:03:00Z'));
    expect(retryAfterFrom({ 'ratelimit-reset': String(now / 1000 + 60) }, now)).toBe(now + 60_000);
    expect(retryAfterFrom({}, now)).toBeNull();
  });

  it('sorts statuses into retryable, permanent, auth and unknown', () => {
    expect(fromStatus(429, 'slow down', now + 1000)).toMatchObject({ kind: 'retryable', code: 'rate_limited', retryAfterMs: now + 1000 });
    expect(fromStatus(503, 'maintenance', null).kind).toBe('retryable');
    expect(fromStatus(500, 'oops', null).kind).toBe('unknown');
    expect(fromStatus(504, 'gateway', null).kind).toBe('unknown');
    expect(fromStatus(401, 'bad token', null)).toMatchObject({ kind: 'auth', code: 'token_refused' });
    expect(fromStatus(422, 'Validation failed', null)).toMatchObject({
      kind: 'permanent',
      code: 'network_rejected',
      message: 'Validation failed',
    });
  });

  it('a transport failure is retryable before the request left, unknown after, permanent when the address is refused', () => {
    expect(classify(new OutboundError('connect_failed', 'refused')).kind).toBe('retryable');
    expect(classify(new OutboundError('timeout', 'slow', true)).kind).toBe('unknown');
    expect(classify(new OutboundError('reset', 'dropped', true)).kind).toBe('unknown');
    expect(classify(new OutboundError('blocked_address', 'private'))).toMatchObject({
      kind: 'permanent',
      code: 'unreachable_blocked_address',
    });
    expect(classify(new TypeError('bug')).kind).toBe('unknown');
  });
});

describe('a token refused while publishing: what the core’s refresh decides', () => {
  const refused = 'at-old';
  const connected = (accessToken: string) => ({ status: 'connected', secrets: { accessToken, refreshToken: 'rt' }, statusDetail: null });
  const revoked = {
    status: 'needs_reauth',
    secrets: { accessToken: refused, refreshToken: 'rt' },
    statusDetail: {
      code: 'oauth_grant_refused',
      params: { message: 'token endpoint answered 400 invalid_request: Value passed for the token was invalid.' },
    },
  };

  it('a new token stored (this refresh’s, or one another instance stored first): sent again with it', () => {
    for (const outcome of ['refreshed', 'fresh', 'waited'] as const) {
      expect(renewalOf(outcome, connected('at-new'), refused)).toEqual({
        kind: 'renewed',
        secrets: { accessToken: 'at-new', refreshToken: 'rt' },
      });
    }
  });

  it('the grant refused, here or by another instance: refused with the token endpoint’s own words', () => {
    const words = { kind: 'refused', message: 'token endpoint answered 400 invalid_request: Value passed for the token was invalid.' };
    expect(renewalOf('needs_reauth', revoked, refused)).toEqual(words);
    expect(renewalOf('waited', revoked, refused)).toEqual(words);
    // MariaDB may hand a JSON column back as text.
    expect(renewalOf('needs_reauth', { ...revoked, statusDetail: JSON.stringify(revoked.statusDetail) }, refused)).toEqual(words);
    expect(renewalOf('needs_reauth', { ...revoked, statusDetail: null }, refused).kind).toBe('refused');
    expect(renewalOf('refreshed', null, refused).kind).toBe('refused');
    expect(renewalOf('not_oauth', { ...connected(refused), status: 'error' }, refused)).toEqual({
      kind: 'refused',
      message: 'the token cannot be renewed here (account error)',
    });
  });

  it('the token endpoint out of reach, or no new token after another’s lease ran out: later, never a loop of refreshes', () => {
    expect(renewalOf('retry_later', connected(refused), refused).kind).toBe('later');
    expect(renewalOf('waited', connected(refused), refused).kind).toBe('later');
    expect(renewalOf('refreshed', { status: 'connected', secrets: null, statusDetail: null }, refused).kind).toBe('later');
  });
});

describe('a plan’s status from its publications', () => {
  it('stays scheduled while any is open, then published, partially published or failed', () => {
    expect(rollUpStatus([])).toBeNull();
    expect(rollUpStatus(['cancelled'])).toBeNull();
    expect(rollUpStatus(['published', 'publishing'])).toBe('scheduled');
    expect(rollUpStatus(['published', 'unknown'])).toBe('scheduled');
    expect(rollUpStatus(['published', 'held'])).toBe('scheduled');
    expect(rollUpStatus(['published', 'published', 'cancelled'])).toBe('published');
    expect(rollUpStatus(['published', 'failed'])).toBe('partially_published');
    expect(rollUpStatus(['missed', 'failed'])).toBe('failed');
  });
});

describe('a publication as the calendar, the composer and the article panel show it', () => {
  const row = {
    documentId: 'pub1',
    planDocumentId: 'plan1',
    accountDocumentId: 'acc1',
    network: 'mastodon',
    state: 'published' as const,
    externalUrl: 'https://social.example/@brand/1',
    errorCode: null,
    lastError: null,
  };

  it('keeps only http and https addresses as links', () => {
    expect(httpUrlOrNull('https://social.example/@brand/1')).toBe('https://social.example/@brand/1');
    expect(httpUrlOrNull('HTTP://chat.example.com/p/1')).toBe('HTTP://chat.example.com/p/1');
    for (const bad of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<b>x</b>',
      'ftp://files.example/p',
      '/relative/path',
      'not a url',
      '',
      null,
      undefined,
    ]) {
      expect(httpUrlOrNull(bad)).toBeNull();
    }
  });

  it('carries where it went, how it went and the live post, and nothing else of the row', () => {
    expect(rowOutcome(row, 'Brand on Mastodon')).toEqual({
      documentId: 'pub1',
      accountDocumentId: 'acc1',
      network: 'mastodon',
      accountName: 'Brand on Mastodon',
      state: 'published',
      url: 'https://social.example/@brand/1',
      error: null,
    });
    expect(
      rowOutcome(
        { ...row, state: 'failed', externalUrl: null, errorCode: 'network_rejected', lastError: 'Mastodon refused the post (422)' },
        null
      )
    ).toMatchObject({
      state: 'failed',
      url: null,
      error: { code: 'network_rejected', message: 'Mastodon refused the post (422)' },
    });
    expect(rowOutcome({ ...row, externalUrl: 'javascript:alert(1)' }, null).url).toBeNull();
  });
});

describe('Bluesky rich text', () => {
  it('finds links, mentions and tags and gives UTF-8 byte offsets', () => {
    const text = 'Café ☕ https://example.com/a?b=1, @bob.test #launch! 🚀 #2026';
    const found = detect(text);
    expect(found.map((f) => [f.kind, f.value])).toEqual([
      ['link', 'https://example.com/a?b=1'],
      ['mention', 'bob.test'],
      ['tag', 'launch'],
    ]);
    const facets = toFacets(found, new Map([['bob.test', 'did:plc:bob']]));
    const bytes = Buffer.from(text, 'utf8');
    expect(facets.map((f) => bytes.subarray(f.index.byteStart, f.index.byteEnd).toString('utf8'))).toEqual([
      'https://example.com/a?b=1',
      '@bob.test',
      '#launch',
    ]);
    expect(toFacets(found, new Map()).some((f) => f.features[0].$type.endsWith('#mention'))).toBe(false);
  });

  it('a tag inside a link belongs to the link', () => {
    expect(detect('see https://example.com/#section').map((f) => f.kind)).toEqual(['link']);
  });

  it.each([
    // issue 13: the official client's answers (the AT Protocol's own detection)
    ['except for https://foo.com/thing_(cool)', 'link', 'https://foo.com/thing_(cool)', 'https://foo.com/thing_(cool)'],
    ['see example.com now', 'link', 'https://example.com', 'example.com'],
    ['see www.example.com/x now', 'link', 'https://www.example.com/x', 'www.example.com/x'],
    ['match (ab\u200B): #ab\u200B', 'tag', 'ab', '#ab'],
    ['works with #🦋 emoji', 'tag', '🦋', '#🦋'],
    ['its a #double#rainbow', 'tag', 'double#rainbow', '#double#rainbow'],
    ['this ##️⃣tag should be a tag', 'tag', '#️⃣tag', '##️⃣tag'],
    ['check $lego now', 'tag', '$LEGO', '$lego'],
  ])('%s → one %s facet %s', (text, kind, value, covered) => {
    const found = detect(text);
    expect(found.map((f) => [f.kind, f.value])).toEqual([[kind, value]]);
    const bytes = Buffer.from(text, 'utf8');
    const [facet] = toFacets(found, new Map());
    expect(bytes.subarray(facet.index.byteStart, facet.index.byteEnd).toString('utf8')).toBe(covered);
  });

  it('a keycap #️⃣ alone is no tag', () => {
    expect(detect('this #️⃣tag should not be a tag')).toEqual([]);
  });

  it('record keys are 13-character TIDs, increasing even within one millisecond', () => {
    const now = Date.now();
    const keys = Array.from({ length: 50 }, () => newTid(now));
    expect(keys.every((k) => /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/.test(k))).toBe(true);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(50);
  });

  it('reads OpenGraph fields for a link card', () => {
    expect(
      openGraph(
        '<head><title>T</title><meta property="og:title" content="A &amp; B"><meta name="description" content="D"><meta property="og:image" content="/i.png"></head>'
      )
    ).toEqual({
      title: 'A & B',
      description: 'D',
      image: '/i.png',
    });
  });
});
