import { guardedFetch } from '../../server/core/http/guarded-fetch';
import { adapterFor } from '../../server/networks/registry';
import type { AdapterContext, NetworkFetch } from '../../server/networks/types';
import { MAX_PAGES, PAGE_SIZE, nextMaxId, readCursor, toComment, writeCursor } from '../../server/networks/mastodon/comments';
import { fromNetworkComment, fromSiteComment, tagIndexOf } from '../../server/inbox/mapping';
import { loadSanitizer, type FeedSanitizer } from '../../server/watch/sanitize';
import { siteCommentInput } from '../../shared/inbox/contract';
import { startFakeMastodon, type FakeMastodon } from '../fakes/mastodon';

/**
 * The inbox's ingest without Strapi: Mastodon's comments port against the
 * fake (notifications, `since_id`, `Link` paging, a catch-up longer than one
 * pass), and the mapping of what a source hands over to the stored row.
 */
const comments = adapterFor('mastodon')!.comments!;
const fetch: NetworkFetch = (url, req = {}) => guardedFetch(url, { timeoutMs: 5_000, ...req }, { policy: { allowedHosts: ['127.0.0.1'] } });
const ALICE = { id: '501', username: 'alice', displayName: 'Alice' };
const TOKEN = 'inbox-unit-token';

let fake: FakeMastodon;
let ctx: AdapterContext;
let clean: FeedSanitizer;

beforeAll(async () => {
  fake = await startFakeMastodon();
  fake.tokens.set(TOKEN, { id: '7', username: 'brand', displayName: 'Brand' });
  clean = await loadSanitizer();
  ctx = {
    account: {
      documentId: 'acc1',
      network: 'mastodon',
      instanceUrl: fake.url,
      networkAccountId: '7',
      handle: '@brand',
      settings: {},
      limits: null,
    },
    secrets: { accessToken: TOKEN },
    saveSecrets: async () => undefined,
    fetch,
    now: Date.now,
    publicationId: 'inbox',
  };
});
afterAll(() => fake.stop());

describe('Mastodon mentions through the comments port', () => {
  it('reads mentions only, newest first, then only what came after the cursor', async () => {
    const reply = fake.mention('7', ALICE, '@brand Great post!', { inReplyToId: '123', language: 'en' });
    fake.notify('7', 'favourite', ALICE, reply.id);
    const shout = fake.mention('7', ALICE, 'Hey @brand <script>alert(1)</script>');
    fake.mention('8', ALICE, 'Someone else');

    const first = await comments.listSince(ctx, null);
    expect(first.comments.map((c) => c.externalId)).toEqual([shout.id, reply.id]);
    expect(first.comments[1]).toMatchObject({
      parentId: '123',
      kind: 'reply',
      language: 'en',
      text: '@brand Great post!',
      author: { id: ALICE.id, handle: '@alice@elsewhere.example', displayName: 'Alice', profileUrl: `${fake.url}/@alice` },
    });
    expect(first.comments[0].kind).toBe('mention');
    const newest = fake.notifications.filter((n) => n.accountId === '7' && n.type === 'mention').at(-1)!.id;
    expect(first.cursor).toBe(newest);
    const asked = fake.requests.filter((r) => r.path.startsWith('/api/v1/notifications')).at(-1)!;
    expect(new URL(asked.path, 'http://x').searchParams.getAll('types[]')).toEqual(['mention']);

    expect(await comments.listSince(ctx, first.cursor)).toEqual({ comments: [], cursor: first.cursor });
    const later = fake.mention('7', ALICE, 'One more @brand');
    const second = await comments.listSince(ctx, first.cursor);
    expect(second.comments.map((c) => c.externalId)).toEqual([later.id]);
    expect(new URL(fake.requests.at(-1)!.path, 'http://x').searchParams.get('since_id')).toBe(first.cursor);
  });

  it('follows Link rel="next" under since_id, and carries a catch-up longer than one pass over to the next', async () => {
    const start = (await comments.listSince(ctx, null)).cursor;
    const total = PAGE_SIZE * MAX_PAGES + 15;
    const made = Array.from({ length: total }, (_, i) => fake.mention('7', ALICE, `Burst ${i}`).id);
    const before = fake.requests.length;
    const pass1 = await comments.listSince(ctx, start);
    expect(fake.requests.length - before).toBe(MAX_PAGES);
    expect(pass1.comments).toHaveLength(PAGE_SIZE * MAX_PAGES);
    // Not done: the stored `since` stays, with where this pass stopped.
    expect(readCursor(pass1.cursor)).toEqual({ since: start, pending: { newest: expect.any(String), maxId: expect.any(String) } });
    // Said between the two passes (the stream that would have carried it died with its instance).
    const meanwhile = fake.mention('7', ALICE, 'Said during the catch-up').id;
    const pass2 = await comments.listSince(ctx, pass1.cursor);
    expect(pass2.comments).toHaveLength(15);
    const seen = new Set([...pass1.comments, ...pass2.comments].map((c) => c.externalId));
    expect(made.every((id) => seen.has(id))).toBe(true);
    expect(readCursor(pass2.cursor)).toEqual({ since: readCursor(pass1.cursor).pending!.newest, pending: null });
    // The gap is filled, but not what came after the catch-up began: read again at the next tick, not an interval later.
    expect(pass2.more).toBe(true);
    const pass3 = await comments.listSince(ctx, pass2.cursor);
    expect([pass3.comments.map((c) => c.externalId), pass3.more]).toEqual([[meanwhile], undefined]);
    expect((await comments.listSince(ctx, pass3.cursor)).comments).toEqual([]);
  });

  it('reads the cursor and the Link header as documented', () => {
    expect(readCursor(null)).toEqual({ since: null, pending: null });
    expect(writeCursor({ since: '5', pending: null })).toBe('5');
    expect(readCursor(writeCursor({ since: '5', pending: { newest: '90', maxId: '40' } }))).toEqual({
      since: '5',
      pending: { newest: '90', maxId: '40' },
    });
    expect(
      nextMaxId(
        '<https://m.example/api/v1/notifications?max_id=34&limit=40>; rel="next", <https://m.example/api/v1/notifications?min_id=80>; rel="prev"'
      )
    ).toBe('34');
    expect(nextMaxId('<https://m.example/api/v1/notifications?min_id=80>; rel="prev"')).toBeNull();
    expect(nextMaxId(undefined)).toBeNull();
  });

  it('answers a refused token with the auth kind (the account then needs re-authorization)', async () => {
    await expect(comments.listSince({ ...ctx, secrets: { accessToken: 'revoked' } }, null)).rejects.toMatchObject({ kind: 'auth' });
  });
});

describe('inbox mapping', () => {
  it('keeps the text plain and the HTML sanitized, addresses http(s) only, and scores the sentiment', () => {
    const comment = toComment({
      id: '900',
      type: 'mention',
      created_at: '2026-12-01T10:00:00.000Z',
      account: { id: '1', acct: 'eve@evil.example', display_name: 'Eve', avatar: 'javascript:alert(1)', url: 'data:text/html,x' },
      status: {
        id: '901',
        created_at: '2026-12-01T10:00:00.000Z',
        content: '<p>Terrible <img src=x onerror=alert(1)> <a href="javascript:alert(1)">link</a></p><script>alert(2)</script>',
        in_reply_to_id: '55',
        url: 'https://m.example/@eve/901',
        language: 'en',
      },
    })!;
    const draft = fromNetworkComment(comment, { sourceRef: 'acc1', network: 'mastodon' }, clean);
    expect(draft).toMatchObject({
      kind: 'reply',
      externalId: '901',
      inReplyToId: '55',
      authorAvatar: null,
      authorUrl: null,
      authorHandle: '@eve@evil.example',
      externalUrl: 'https://m.example/@eve/901',
      sentiment: 'negative',
      language: 'en',
    });
    expect(draft.html).not.toMatch(/script|onerror|javascript:/i);
    expect(draft.text).not.toContain('<');
    expect(draft.searchText).toContain('eve');
  });

  it('maps a site comment, and the contract refuses what it must', () => {
    const input = siteCommentInput.parse({
      id: 'c-1',
      postUrl: 'https://blog.example/spring',
      author: { name: 'Ann', profileUrl: 'https://ann.example' },
      html: '<p>Merci, <b>super</b> article <iframe src="https://x"></iframe></p>',
      language: 'fr',
      createdAt: '2026-12-01T10:00:00Z',
    });
    const draft = fromSiteComment(input, clean);
    expect(draft).toMatchObject({
      sourceRef: 'site',
      network: 'site',
      kind: 'site_comment',
      postUrl: 'https://blog.example/spring',
      authorUrl: 'https://ann.example',
      sentiment: 'positive',
      language: 'fr',
    });
    expect(draft.html).toContain('<b>super</b>');
    expect(draft.html).not.toContain('iframe');
    expect(draft.text).toBe('Merci, super article');
    expect(siteCommentInput.safeParse({ ...input, author: { profileUrl: 'javascript:alert(1)' } }).success).toBe(false);
    expect(siteCommentInput.safeParse({ ...input, extra: 1 }).success).toBe(false);
    expect(siteCommentInput.safeParse({ ...input, createdAt: 'yesterday' }).success).toBe(false);
    expect(tagIndexOf(['Urgent', 'vip'])).toBe('|urgent|vip|');
    expect(tagIndexOf([])).toBeNull();
  });
});
