import type { AdapterContext, NetworkFetch } from '../../server/networks/types';
import { metrics as bluesky } from '../../server/networks/bluesky/metrics';
import { metrics as mastodon } from '../../server/networks/mastodon/metrics';
import { metrics as sandbox, sandboxPostFigures } from '../../server/networks/sandbox/metrics';

/**
 * The metrics ports' batching and parsing, against a recorded fetcher that
 * answers as each network documents (the API suite reads the Mastodon fake;
 * the local Bluesky PDS has no AppView, so getPosts is checked here).
 */
const NOW = Date.UTC(2026, 11, 4, 12);

function recorder(answer: (url: URL) => { status: number; body: unknown; headers?: Record<string, string> }) {
  const calls: URL[] = [];
  const fetch: NetworkFetch = async (url) => {
    const u = new URL(url);
    calls.push(u);
    const a = answer(u);
    const text = JSON.stringify(a.body);
    return { status: a.status, headers: a.headers ?? {}, body: Buffer.from(text), url, text: () => text, json: <T>() => a.body as T };
  };
  return { calls, fetch };
}

const jwt = (exp: number) => `x.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.y`;

function ctx(fetch: NetworkFetch, over: Partial<AdapterContext['account']> = {}, secrets: Record<string, string> = {}): AdapterContext {
  return {
    account: {
      documentId: 'acc1',
      network: 'n',
      instanceUrl: 'https://social.example',
      networkAccountId: '9',
      handle: null,
      settings: {},
      limits: null,
      ...over,
    },
    secrets,
    saveSecrets: async () => undefined,
    fetch,
    now: () => NOW,
    publicationId: 'metrics:acc1',
  };
}

describe('Bluesky metrics', () => {
  it('asks getPosts 25 URIs at a time and leaves deleted posts out', async () => {
    const uris = Array.from({ length: 30 }, (_, i) => `at://did:plc:abc/app.bsky.feed.post/${i}`);
    const { calls, fetch } = recorder((u) => ({
      status: 200,
      body: {
        posts: u.searchParams
          .getAll('uris')
          .filter((uri) => !uri.endsWith('/7'))
          .map((uri) => ({ uri, likeCount: 3, repostCount: 2, replyCount: 1, quoteCount: 0 })),
      },
    }));
    const c = ctx(fetch, { instanceUrl: 'https://pds.example' }, { accessJwt: jwt(NOW / 1000 + 3600), did: 'did:plc:abc' });
    const out = await bluesky.forPosts(
      c,
      uris.map((externalId) => ({ externalId, url: null }))
    );
    expect(calls.map((u) => [u.pathname, u.searchParams.getAll('uris').length])).toEqual([
      ['/xrpc/app.bsky.feed.getPosts', 25],
      ['/xrpc/app.bsky.feed.getPosts', 5],
    ]);
    expect(out.size).toBe(29);
    expect(out.has(uris[7])).toBe(false);
    expect(out.get(uris[0])).toEqual({ likes: 3, reposts: 2, replies: 1, quotes: 0 });
  });

  it('reads the profile’s followers, follows and posts, and turns a 429 into a retryable failure', async () => {
    const { fetch } = recorder((u) =>
      u.pathname.endsWith('getProfile')
        ? { status: 200, body: { did: 'did:plc:abc', followersCount: 120, followsCount: 30, postsCount: 57 } }
        : { status: 429, body: { error: 'RateLimitExceeded' }, headers: { 'ratelimit-reset': String(NOW / 1000 + 60) } }
    );
    const c = ctx(fetch, {}, { accessJwt: jwt(NOW / 1000 + 3600), did: 'did:plc:abc' });
    expect(await bluesky.forAccount(c)).toEqual({ followers: 120, following: 30, posts: 57 });
    await expect(bluesky.forPosts(c, [{ externalId: 'at://did:plc:abc/app.bsky.feed.post/1', url: null }])).rejects.toMatchObject({
      kind: 'retryable',
      code: 'rate_limited',
      retryAfterMs: NOW + 60_000,
    });
  });
});

describe('Mastodon metrics', () => {
  it('batches 20 ids a call with id[]', async () => {
    const ids = Array.from({ length: 45 }, (_, i) => String(1000 + i));
    const { calls, fetch } = recorder((u) => ({
      status: 200,
      body: u.searchParams.getAll('id[]').map((id) => ({ id, favourites_count: 5, reblogs_count: 1, replies_count: 2 })),
    }));
    const out = await mastodon.forPosts(
      ctx(fetch, { instanceUrl: 'https://batch.example' }),
      ids.map((externalId) => ({ externalId, url: null }))
    );
    expect(calls.map((u) => u.searchParams.getAll('id[]').length)).toEqual([20, 20, 5]);
    // No quotes_count on this server (before 4.4): absent, not zero.
    expect(out.get('1000')).toEqual({ likes: 5, reposts: 1, replies: 2 });
  });
});

describe('sandbox metrics', () => {
  it('are the same for the same post at the same age, and grow with age', async () => {
    expect(sandboxPostFigures('sandbox:a', 3_600_000)).toEqual(sandboxPostFigures('sandbox:a', 3_600_000));
    const early = sandboxPostFigures('sandbox:a', 3_600_000);
    const late = sandboxPostFigures('sandbox:a', 7 * 86_400_000);
    expect(late.impressions!).toBeGreaterThan(early.impressions!);
    expect(late.likes!).toBeGreaterThanOrEqual(early.likes!);
    const { fetch, calls } = recorder(() => ({ status: 500, body: null }));
    const out = await sandbox.forPosts(ctx(fetch), [
      { externalId: 'sandbox:a', url: null, ref: { publishedAt: new Date(NOW - 3_600_000).toISOString() } },
    ]);
    expect(out.get('sandbox:a')).toEqual(early);
    expect(calls).toHaveLength(0);
  });
});
