import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardedFetch } from '../../server/core/http/guarded-fetch';
import { adapterFor } from '../../server/networks/registry';
import type { AdapterContext, MediaItem, NetworkFetch, PostContent } from '../../server/networks/types';
import { loadTwitterText } from '../../shared/linter';
import { startFakeMeta, type FakeMeta } from '../fakes/meta';
import { failure } from '../helpers/network-failure';

/** Threads' publishing port against the fake: text, image, carousel through containers (`status`), the first comment as a reply. */
const { publish } = adapterFor('threads')!;
const fetch: NetworkFetch = (url, req = {}) => guardedFetch(url, { timeoutMs: 5_000, ...req }, { policy: { allowedHosts: ['127.0.0.1'] } });

let fake: FakeMeta;
let site: http.Server;
let siteUrl: string;
let ctx: AdapterContext;

beforeAll(async () => {
  await loadTwitterText();
  fake = await startFakeMeta();
  fake.options.processingMs = 100;
  site = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    res.end(Buffer.alloc(32, 1));
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await fake.stop();
  await new Promise((resolve) => site.close(resolve));
});
beforeEach(() => {
  fake.fault = null;
  const saved: Record<string, string> = {};
  ctx = {
    account: {
      documentId: 'acc-th',
      network: 'threads',
      instanceUrl: fake.threads.apiUrl,
      networkAccountId: fake.threadsUser.id,
      handle: '@harbourcafe',
      settings: { username: 'harbourcafe' },
      limits: null,
    },
    secrets: { accessToken: fake.grant('threads-long') },
    saveSecrets: async () => undefined,
    fetch,
    now: Date.now,
    publicationId: 'pub-th',
    steps: {
      load: async () => ({ ...saved }),
      save: async (key, value) => void (saved[key] = value),
      clear: async () => Object.keys(saved).forEach((k) => delete saved[k]),
    },
    publicUrl: siteUrl,
  };
});

let n = 0;
const unique = (text: string) => `${text} ${++n}`;
const jpeg = (name: string, alt = ''): MediaItem => ({
  mime: 'image/jpeg',
  alt,
  filename: name,
  url: `/uploads/${name}`,
  bytes: Buffer.alloc(8),
});
const content = (text: string, media: MediaItem[] = []): PostContent => ({ text, media, firstComment: null });

describe('publishing to Threads', () => {
  it('text: a TEXT container, polled by `status`, published with threads_publish under /v1.0', async () => {
    const text = unique('Open late tonight');
    const result = await publish.publish(ctx, content(text), 't1');
    const post = fake.posts.find((p) => p.id === result.externalId)!;
    expect(post).toMatchObject({ network: 'threads', text });
    expect(fake.containers.get(post.container!)!.params).toMatchObject({ media_type: 'TEXT', text });
    expect(result.url).toBe(post.permalink);
    expect(fake.calls('POST', '/threads_publish').at(-1)!.path).toBe(`/threads-api/v1.0/${fake.threadsUser.id}/threads_publish`);
    expect(fake.calls('GET', '/threads_publishing_limit').length).toBeGreaterThan(0);
  });

  it('an image with alt text, and a carousel of children', async () => {
    const one = await publish.publish(ctx, content(unique('One'), [jpeg('a.jpg', 'A table by the window')]), 't2');
    const single = fake.containers.get(fake.posts.find((p) => p.id === one.externalId)!.container!)!;
    expect(single.params).toMatchObject({ media_type: 'IMAGE', image_url: `${siteUrl}/uploads/a.jpg`, alt_text: 'A table by the window' });
    const many = await publish.publish(ctx, content(unique('Many'), [jpeg('b.jpg'), jpeg('c.jpg')]), 't3');
    const parent = fake.containers.get(fake.posts.find((p) => p.id === many.externalId)!.container!)!;
    expect(parent.params.media_type).toBe('CAROUSEL');
    expect(parent.params.children.split(',').map((id) => fake.containers.get(id)!.params.is_carousel_item)).toEqual(['true', 'true']);
  });

  it('the first comment is a reply (reply_to_id), published through its own container', async () => {
    const parent = await publish.publish(ctx, content(unique('Thread start')), 't4');
    const reply = await publish.reply!(ctx, parent, 'Menu in the next post', 'r4');
    expect(fake.posts.find((p) => p.id === reply.externalId)).toMatchObject({ replyTo: parent.externalId, text: 'Menu in the next post' });
  });

  it('replies spend their own quota (1,000 a day), posts theirs: a spent one waits an hour, the other still goes out', async () => {
    const parent = await publish.publish(ctx, content(unique('Quota parent')), 'q1');
    fake.options.threadsReplyQuota = 0;
    try {
      const limits = fake.calls('GET', '/threads_publishing_limit').length;
      const err = await failure(publish.reply!(ctx, parent, 'Over the replies’ quota', 'q2'));
      expect([err.kind, err.code, err.message]).toEqual([
        'retryable',
        'meta_publishing_limit',
        'Threads: the account has published its 0 replies of the last 24 hours',
      ]);
      expect(err.retryAfterMs).toBeGreaterThan(Date.now() + 3500_000);
      expect(fake.posts.filter((p) => p.text === 'Over the replies’ quota')).toHaveLength(0);
      const asked = fake.calls('GET', '/threads_publishing_limit').slice(limits);
      expect(asked.map((r) => r.query.get('fields'))).toEqual(['reply_quota_usage,reply_config']);
      // The posts' quota is untouched: a post still goes out.
      const post = await publish.publish(ctx, content(unique('A post while replies wait')), 'q3');
      expect(fake.posts.find((p) => p.id === post.externalId)).toBeDefined();
    } finally {
      fake.options.threadsReplyQuota = 1000;
    }
  });

  it('a publish whose answer was lost: unknown, then found by its kept container', async () => {
    const text = unique('Lost answer');
    fake.fault = (step) => (step === 'publish' ? { kind: 'apply-then-reset' } : null);
    expect((await failure(publish.publish(ctx, content(text), 't5'))).kind).toBe('unknown');
    fake.fault = null;
    const found = await publish.findExisting(ctx, content(text), 't5', Date.now() - 60_000);
    expect(found).toEqual({ found: expect.objectContaining({ externalId: fake.posts.find((p) => p.text === text)!.id }) });
  });

  it('a thread: the first part with its image, each next part a reply to the one before; the first comment under the last', async () => {
    const [a, b, c] = [unique('Part one'), unique('Part two'), unique('Part three')];
    const limits = fake.calls('GET', '/threads_publishing_limit').length;
    const result = await publish.publish(ctx, content(`${a}\n---\n${b}\n\n---\n${c}`, [jpeg('t.jpg', 'The terrace')]), 'th1');
    const [first, second, third] = [a, b, c].map((text) => fake.posts.filter((p) => p.text === text));
    expect([first, second, third].map((found) => found.length)).toEqual([1, 1, 1]);
    expect(result).toMatchObject({ externalId: first[0].id, url: first[0].permalink, ref: { last: third[0].id } });
    expect([first[0].replyTo, second[0].replyTo, third[0].replyTo]).toEqual([null, first[0].id, second[0].id]);
    expect(fake.containers.get(first[0].container!)!.params).toMatchObject({ media_type: 'IMAGE', alt_text: 'The terrace' });
    // The next parts are replies: they spend the replies' quota, the first part the posts'.
    const asked = fake.calls('GET', '/threads_publishing_limit').slice(limits);
    expect(asked.map((r) => r.query.get('fields'))).toEqual([
      'quota_usage,config',
      'reply_quota_usage,reply_config',
      'reply_quota_usage,reply_config',
    ]);
    const comment = await publish.reply!(ctx, result, 'Menu below', 'th1');
    expect(fake.posts.find((p) => p.id === comment.externalId)).toMatchObject({ replyTo: third[0].id });
  });

  it('a thread whose second part’s answer was lost: found by its container, the rest sent after it, no part twice', async () => {
    const [a, b, c] = [unique('Lost one'), unique('Lost two'), unique('Lost three')];
    const text = `${a}\n---\n${b}\n---\n${c}`;
    let publishes = 0;
    fake.fault = (step) => (step === 'publish' && ++publishes === 2 ? { kind: 'apply-then-reset' } : null);
    expect((await failure(publish.publish(ctx, content(text), 'th2'))).kind).toBe('unknown');
    fake.fault = null;
    expect(fake.posts.filter((p) => p.text === c)).toHaveLength(0);
    // The second part's container is PUBLISHED: it is found among the account's replies and kept; the third was never sent.
    expect(await publish.findExisting(ctx, content(text), 'th2', Date.now() - 60_000)).toBe('absent');
    const result = await publish.publish(ctx, content(text), 'th2');
    const [first, second, third] = [a, b, c].map((t) => fake.posts.filter((p) => p.text === t));
    expect([first, second, third].map((found) => found.length)).toEqual([1, 1, 1]);
    expect([second[0].replyTo, third[0].replyTo]).toEqual([first[0].id, second[0].id]);
    expect(result).toMatchObject({ externalId: first[0].id, ref: { last: third[0].id } });
    // A reconciliation after the last part (the row not yet marked): the steps cleared, the chain is found among the replies.
    expect(await publish.findExisting(ctx, content(text), 'th2', Date.now() - 60_000)).toEqual({
      found: expect.objectContaining({ externalId: first[0].id, ref: { last: third[0].id } }),
    });
  });

  it('a part over 500 characters is refused before any call, named by its place in the thread', async () => {
    const before = fake.requests.length;
    const err = await failure(publish.validate(ctx, { text: `Fine\n---\n${'x'.repeat(501)}`, media: [], firstComment: null }));
    expect([err.code, err.message.startsWith('Part 2 of the thread')]).toEqual(['too_long', true]);
    expect(fake.requests.length).toBe(before);
  });

  it('refuses more than 500 characters before any call', async () => {
    const before = fake.requests.length;
    expect((await failure(publish.validate(ctx, { text: 'x'.repeat(501), media: [], firstComment: null }))).code).toBe('too_long');
    expect(fake.requests.length).toBe(before);
  });
});
