import { guardedFetch } from '../../server/core/http/guarded-fetch';
import { NetworkError } from '../../server/networks/errors';
import { adapterFor } from '../../server/networks/registry';
import { forgetUnknownMetrics, parseInsights, refusedMetric } from '../../server/networks/meta/insights';
import { postValues as facebookValues } from '../../server/networks/facebook/metrics';
import type { AdapterContext, NetworkFetch } from '../../server/networks/types';
import { startFakeMeta, type FakeMeta, type MetaPost } from '../fakes/meta';

/**
 * The metrics ports of Facebook pages, Instagram and Threads against the
 * fake Graph API, and the parsing of insights bodies recorded from Meta's
 * reference pages: a metric the API version no longer knows is dropped, not
 * the collection.
 */
const fetch: NetworkFetch = (url, req = {}) => guardedFetch(url, { timeoutMs: 5_000, ...req }, { policy: { allowedHosts: ['127.0.0.1'] } });
const port = (network: string) => adapterFor(network)!.metrics!;

let fake: FakeMeta;
const ctxs: Record<'facebook' | 'instagram' | 'threads', AdapterContext> = {} as never;

beforeAll(async () => {
  fake = await startFakeMeta();
  const page = fake.pages[0];
  const base = { saveSecrets: async () => undefined, fetch, now: Date.now, publicationId: 'metrics' };
  const account = (network: string, instanceUrl: string, id: string, settings: Record<string, unknown>) => ({
    documentId: `acc-${network}`,
    network,
    instanceUrl,
    networkAccountId: id,
    handle: null,
    settings,
    limits: null,
  });
  ctxs.facebook = {
    ...base,
    account: account('facebook', fake.graphUrl, page.id, { page: page.id, graphVersion: fake.version }),
    secrets: { accessToken: fake.grant('page', page.id) },
  };
  ctxs.instagram = {
    ...base,
    account: account('instagram', fake.graphUrl, fake.instagramUser.id, { instagramId: fake.instagramUser.id, graphVersion: fake.version }),
    secrets: { accessToken: fake.grant('page', page.id) },
  };
  ctxs.threads = {
    ...base,
    account: account('threads', fake.threads.apiUrl, fake.threadsUser.id, {}),
    secrets: { accessToken: fake.grant('threads-long') },
  };
});
afterAll(() => fake.stop());
beforeEach(() => forgetUnknownMetrics());

const post = (network: MetaPost['network'], stats: Record<string, number>) => fake.seedPost(network, { stats });
const ref = (p: { id: string }) => ({ externalId: p.id, url: null });
/** What a port gave is among the figures its profile says the network gives. */
function declared(network: string, kind: 'posts' | 'account', values: object) {
  expect(Object.keys(values).filter((k) => !(adapterFor(network)!.profile.figures![kind] as readonly string[]).includes(k))).toEqual([]);
}

describe('Facebook page figures', () => {
  it('reads reactions, comments and shares for many posts in one call; a deleted one is left out, read one by one', async () => {
    const a = post('facebook', { reactions: 12, comments: 3, shares: 2 });
    const b = post('facebook', { reactions: 1, comments: 0 });
    const before = fake.requests.length;
    const figures = await port('facebook').forPosts(ctxs.facebook, [ref(a), ref(b)]);
    expect(Object.fromEntries(figures)).toEqual({
      [a.id]: { likes: 12, replies: 3, reposts: 2 },
      [b.id]: { likes: 1, replies: 0, reposts: 0 },
    });
    expect(fake.requests.slice(before)).toHaveLength(1);
    declared('facebook', 'posts', figures.get(a.id)!);
    expect(fake.requests[before].query.get('ids')).toBe(`${a.id},${b.id}`);

    // A post deleted since: the batch fails with 803, each is then read alone.
    const gone = `${fake.pages[0].id}_404`;
    const again = await port('facebook').forPosts(ctxs.facebook, [ref(a), { externalId: gone, url: null }]);
    expect([...again.keys()]).toEqual([a.id]);
    expect(await port('facebook').forAccount(ctxs.facebook)).toEqual({ followers: fake.followers.facebook });
  });
});

describe('Instagram figures', () => {
  it('reads likes, comments, saves, shares, reach and views per media; the account’s followers, follows and media', async () => {
    const m = post('instagram', { likes: 40, comments: 5, saved: 7, shares: 3, reach: 900, views: 1500 });
    const figures = await port('instagram').forPosts(ctxs.instagram, [ref(m)]);
    expect(figures.get(m.id)).toEqual({ likes: 40, replies: 5, saves: 7, reposts: 3, reach: 900, views: 1500 });
    declared('instagram', 'posts', figures.get(m.id)!);
    declared('instagram', 'account', await port('instagram').forAccount(ctxs.instagram));
    expect(fake.calls('GET', `/${m.id}/insights`).at(-1)!.query.get('metric')).toBe('likes,comments,saved,shares,reach,views');
    expect(await port('instagram').forAccount(ctxs.instagram)).toMatchObject({ followers: fake.followers.instagram, following: 80 });
  });

  it('a metric the version no longer knows is dropped and the rest read; it is not asked again', async () => {
    const m = post('instagram', { likes: 4, comments: 1, saved: 0, shares: 0, reach: 10 });
    fake.options.instagramMetrics = ['likes', 'comments', 'saved', 'shares', 'reach'];
    try {
      const before = fake.calls('GET', `/insights`).length;
      expect((await port('instagram').forPosts(ctxs.instagram, [ref(m)])).get(m.id)).toEqual({
        likes: 4,
        replies: 1,
        saves: 0,
        reposts: 0,
        reach: 10,
      });
      expect(fake.calls('GET', `/insights`).length - before).toBe(2);
      await port('instagram').forPosts(ctxs.instagram, [ref(m)]);
      expect(fake.calls('GET', `/insights`).length - before).toBe(3);
      expect(fake.calls('GET', `/insights`).at(-1)!.query.get('metric')).toBe('likes,comments,saved,shares,reach');
    } finally {
      fake.options.instagramMetrics.push('views');
    }
  });

  it('a media deleted since is left out; a dead token asks for a new sign-in', async () => {
    expect((await port('instagram').forPosts(ctxs.instagram, [{ externalId: '123456', url: null }])).size).toBe(0);
    const dead = { ...ctxs.instagram, secrets: { accessToken: 'EAAdead' } };
    await expect(port('instagram').forAccount(dead)).rejects.toMatchObject({ kind: 'auth', code: 'meta_token_revoked' });
    await expect(port('instagram').forAccount(dead)).rejects.toBeInstanceOf(NetworkError);
  });
});

describe('Threads figures', () => {
  it('reads views, likes, replies, reposts and quotes per post; the account’s followers', async () => {
    const p = post('threads', { views: 300, likes: 20, replies: 4, reposts: 2, quotes: 1 });
    expect((await port('threads').forPosts(ctxs.threads, [ref(p)])).get(p.id)).toEqual({
      views: 300,
      likes: 20,
      replies: 4,
      reposts: 2,
      quotes: 1,
    });
    expect(await port('threads').forAccount(ctxs.threads)).toEqual({ followers: fake.followers.threads });
    declared('threads', 'posts', (await port('threads').forPosts(ctxs.threads, [ref(p)])).get(p.id)!);
  });
});

describe('parsing bodies recorded from Meta’s reference', () => {
  it('insights as `values` (media) and as `total_value` (account); a refused metric names its index', () => {
    const media = {
      data: [
        { name: 'likes', period: 'lifetime', values: [{ value: 35 }], title: 'Likes', id: '1790/insights/likes/lifetime' },
        { name: 'saved', period: 'lifetime', values: [{ value: 4 }], title: 'Saved', id: '1790/insights/saved/lifetime' },
        { name: 'broken', period: 'lifetime', values: [{ value: 'n/a' }] },
      ],
    };
    expect(Object.fromEntries(parseInsights(media))).toEqual({ likes: 35, saved: 4 });
    const account = {
      data: [{ name: 'followers_count', period: 'day', total_value: { value: 1234 }, id: '1/insights/followers_count/day' }],
    };
    expect(Object.fromEntries(parseInsights(account))).toEqual({ followers_count: 1234 });
    const refused = {
      error: {
        message: '(#100) metric[2] must be one of the following values: likes, comments, saved, shares, reach, views',
        type: 'OAuthException',
        code: 100,
        fbtrace_id: 'AbCdEf',
      },
    };
    expect(refusedMetric(refused)).toBe(2);
    expect(refusedMetric({ error: { message: '(#100) Invalid parameter', code: 100 } })).toBeNull();
  });

  it('a Facebook post’s summaries; no `shares` field is none', () => {
    expect(
      facebookValues({
        id: '1_2',
        reactions: { data: [], summary: { total_count: 17, viewer_reaction: 'NONE' } },
        comments: { data: [], summary: { order: 'ranked', total_count: 6, can_comment: true } },
      })
    ).toEqual({ likes: 17, replies: 6, reposts: 0 });
  });
});
