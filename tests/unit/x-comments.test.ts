import { guardedFetch } from '../../server/core/http/guarded-fetch';
import { NetworkError } from '../../server/networks/errors';
import { adapterFor } from '../../server/networks/registry';
import type { AdapterContext, NetworkFetch, PublishResult } from '../../server/networks/types';
import { startFakeX, type FakeX } from '../fakes/x';

/** X's comments (mentions and replies, reply, hide) and metrics ports against the fake X. */
const adapter = adapterFor('x')!;
const comments = adapter.comments!;
const metrics = adapter.metrics!;
const fetch: NetworkFetch = (url, req = {}) => guardedFetch(url, { timeoutMs: 5_000, ...req }, { policy: { allowedHosts: ['127.0.0.1'] } });
const ALICE = { id: '42', username: 'alice', name: 'Alice' };

let fake: FakeX;
let ctx: AdapterContext;

beforeAll(async () => {
  fake = await startFakeX();
  ctx = {
    account: {
      documentId: 'acc1',
      network: 'x',
      instanceUrl: fake.url,
      networkAccountId: fake.user.id,
      handle: '@brand',
      settings: { username: 'brand' },
      limits: null,
    },
    secrets: { accessToken: fake.grant().accessToken },
    saveSecrets: async () => undefined,
    fetch,
    now: Date.now,
    publicationId: 'pub1',
  };
});
afterAll(() => fake.stop());

describe('X comments', () => {
  it('lists replies and mentions since a cursor, newest first, with their authors; the next pass starts after them', async () => {
    const post = await adapter.publish.publish(ctx, { text: 'Our launch', media: [], firstComment: null }, 'c1');
    const reply = fake.mention(ALICE, 'Congrats & well done', post.externalId);
    const shout = fake.mention(ALICE, 'Hey @brand, look');
    fake.mention(ALICE, 'Not about us');

    const first = await comments.listSince(ctx, null);
    expect(first.comments.map((c) => c.externalId)).toEqual([shout.id, reply.id]);
    expect(first.comments[1]).toEqual({
      externalId: reply.id,
      parentId: post.externalId,
      author: { id: '42', handle: '@alice', displayName: 'Alice', avatarUrl: `${fake.url}/u/42.png` },
      text: 'Congrats & well done',
      createdAt: reply.createdAt,
      url: `https://x.com/alice/status/${reply.id}`,
    });
    expect(first.cursor).toBe(shout.id);

    expect(await comments.listSince(ctx, first.cursor)).toEqual({ comments: [], cursor: first.cursor });
    const later = fake.mention(ALICE, 'One more @brand');
    expect((await comments.listSince(ctx, first.cursor)).comments.map((c) => c.externalId)).toEqual([later.id]);
  });

  it('reads every page of a long backlog, and keeps the newest id as the cursor', async () => {
    const ids = Array.from({ length: 230 }, (_, i) => fake.mention(ALICE, `@brand number ${i}`).id);
    const before = fake.requests.length;
    const page = await comments.listSince(ctx, ids[0]);
    expect(page.comments).toHaveLength(229);
    expect(page.cursor).toBe(ids.at(-1));
    expect(fake.requests.length - before).toBe(3);
  });

  it('answers a reply under it, and hides or shows a reply to our own post — not one under someone else’s', async () => {
    const post = await adapter.publish.publish(ctx, { text: 'Ask us anything', media: [], firstComment: null }, 'c2');
    const question = fake.mention(ALICE, 'When is it out?', post.externalId);
    const [comment] = (await comments.listSince(ctx, String(BigInt(question.id) - 1n))).comments;
    const answer = await comments.reply(ctx, comment, 'Next week!', 'r1');
    expect(fake.posts.find((p) => p.id === answer.externalId)).toMatchObject({ text: 'Next week!', inReplyTo: question.id });

    await comments.hide!(ctx, comment, true);
    expect(fake.posts.find((p) => p.id === question.id)!.hidden).toBe(true);
    await comments.hide!(ctx, comment, false);
    expect(fake.posts.find((p) => p.id === question.id)!.hidden).toBe(false);

    const theirs = fake.mention(ALICE, 'My own thread @brand');
    const underTheirs = fake.mention({ id: '43', username: 'bob', name: 'Bob' }, '@brand agreed', theirs.id);
    const err = await comments.hide!(ctx, { ...comment, externalId: underTheirs.id }, true).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).kind).toBe('permanent');
  });
});

describe('X metrics', () => {
  it('reads public metrics of many posts in batches of 100; a deleted post has none', async () => {
    const published: PublishResult[] = [];
    for (let i = 0; i < 3; i++)
      published.push(await adapter.publish.publish(ctx, { text: `Metrics ${i}`, media: [], firstComment: null }, `m${i}`));
    const target = fake.posts.find((p) => p.id === published[0].externalId)!;
    Object.assign(target.metrics, { like_count: 7, retweet_count: 2, quote_count: 1, reply_count: 4, impression_count: 900 });
    const gone = { externalId: '1799999999999999999', url: null };
    const ids = [
      ...published,
      gone,
      ...Array.from({ length: 150 }, (_, i) => ({ externalId: String(1700000000000000000n + BigInt(i)), url: null })),
    ];
    const before = fake.requests.length;
    const figures = await metrics.forPosts(ctx, ids);
    expect(fake.requests.length - before).toBe(2);
    expect(figures.get(published[0].externalId)).toEqual({ impressions: 900, likes: 7, reposts: 3, replies: 4 });
    expect(figures.get(published[1].externalId)).toEqual({ impressions: 0, likes: 0, reposts: 0, replies: 0 });
    expect(figures.has(gone.externalId)).toBe(false);
  });

  it('asks link clicks (non_public_metrics) only for posts under 30 days, in their own call; withheld ones cost nothing else', async () => {
    const day = 86_400_000;
    const now = Date.now();
    const made: PublishResult[] = [];
    for (const text of ['Clicks fresh', 'Clicks old', 'Clicks edge'])
      made.push(await adapter.publish.publish(ctx, { text, media: [], firstComment: null }, text));
    const [fresh, old, edge] = made.map((r) => fake.posts.find((p) => p.id === r.externalId)!);
    for (const [i, post] of [fresh, old, edge].entries()) {
      post.metrics.like_count = 10 + i;
      post.privateMetrics.url_link_clicks = 20 + i;
    }
    old.createdAt = new Date(now - 40 * day).toISOString();
    // Ours says 29 days, X's clock 31: X withholds the field for it (named in `errors`), its public figures still come.
    edge.createdAt = new Date(now - 31 * day).toISOString();
    const at = (days: number) => ({ publishedAt: new Date(now - days * day).toISOString() });
    const before = fake.requests.length;
    const figures = await metrics.forPosts(ctx, [
      { ...made[0], ref: at(1) },
      { ...made[1], ref: at(40) },
      { ...made[2], ref: at(29) },
    ]);
    const fields = fake.requests.slice(before).map((r) => new URL(r.path, fake.url).searchParams.get('tweet.fields'));
    expect(fields).toEqual(['public_metrics,non_public_metrics', 'public_metrics']);
    expect(figures.get(fresh.id)).toEqual({ impressions: 0, likes: 10, reposts: 0, replies: 0, clicks: 20 });
    expect(figures.get(old.id)).toEqual({ impressions: 0, likes: 11, reposts: 0, replies: 0 });
    expect(figures.get(edge.id)).toEqual({ impressions: 0, likes: 12, reposts: 0, replies: 0 });
  });

  it('reads the account’s followers, following and posts', async () => {
    expect(await metrics.forAccount(ctx)).toEqual({ followers: 1200, following: 80, posts: 345 });
  });
});
