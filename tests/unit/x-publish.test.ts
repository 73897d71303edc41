import { guardedFetch } from '../../server/core/http/guarded-fetch';
import { adapterFor } from '../../server/networks/registry';
import type { AdapterContext, MediaItem, NetworkFetch, PostContent, TokenRenewal } from '../../server/networks/types';
import { comparable } from '../../server/networks/x/publish';
import { SEGMENT_BYTES } from '../../server/networks/x/media';
import { PNG } from '../helpers/images';
import { startFakeX, type FakeX } from '../fakes/x';
import { threadParts } from '../../shared/networks/thread';
import { lint, loadTwitterText } from '../../shared/linter';
import { failure } from '../helpers/network-failure';

/** X's publishing port against the fake X: posts, images in segments with alt text, replies, and each failure's kind. */
const { publish } = adapterFor('x')!;
const fetch: NetworkFetch = (url, req = {}) => guardedFetch(url, { timeoutMs: 5_000, ...req }, { policy: { allowedHosts: ['127.0.0.1'] } });

let fake: FakeX;
let ctx: AdapterContext;

beforeAll(async () => {
  await loadTwitterText();
  fake = await startFakeX();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.fault = null;
  fake.clock.offsetMs = 0;
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

let n = 0;
const content = (text: string, media: MediaItem[] = [], firstComment: string | null = null): PostContent => ({ text, media, firstComment });
const unique = (text: string) => `${text} #${++n}`;
const image = (bytes: Buffer, alt: string, filename = 'a.png'): MediaItem => ({ mime: 'image/png', alt, filename, bytes });

describe('publishing to X', () => {
  it('posts the text and gives the post’s link on x.com', async () => {
    const text = unique('Hello X');
    const result = await publish.publish(ctx, content(text), 'attempt-1');
    const post = fake.posts.find((p) => p.id === result.externalId)!;
    expect(post.text).toBe(text);
    expect(result.url).toBe(`https://x.com/brand/status/${post.id}`);
  });

  it('uploads images in 1 MB segments, sets each alt text, and attaches them; the first comment is a reply', async () => {
    const big = Buffer.alloc(SEGMENT_BYTES + 12_345, 7);
    const text = unique('Two pictures');
    const result = await publish.publish(ctx, content(text, [image(PNG, 'A tiny dot'), image(big, 'A grey square', 'b.png')]), 'a2');
    const post = fake.posts.find((p) => p.id === result.externalId)!;
    expect(post.mediaIds).toHaveLength(2);
    const [small, large] = post.mediaIds.map((id) => fake.media.get(id)!);
    expect(small).toMatchObject({ alt: 'A tiny dot', category: 'tweet_image', state: 'succeeded', totalBytes: PNG.length });
    expect(Buffer.concat([...small.segments.values()]).equals(PNG)).toBe(true);
    expect(large.segments.size).toBe(2);
    expect(Buffer.concat([0, 1].map((i) => large.segments.get(i)!)).equals(big)).toBe(true);
    expect(large.alt).toBe('A grey square');

    const reply = await publish.reply!(ctx, result, 'More below', 'a2');
    expect(fake.posts.find((p) => p.id === reply.externalId)).toMatchObject({ text: 'More below', inReplyTo: result.externalId });
  });

  it('waits while X processes a video (pending, in progress, succeeded); a failed processing is permanent', async () => {
    const video: MediaItem = { mime: 'video/mp4', alt: 'A clip', filename: 'v.mp4', bytes: Buffer.alloc(2048, 1) };
    const result = await publish.publish(ctx, content(unique('A clip'), [video]), 'v1');
    const m = fake.media.get(fake.posts.find((p) => p.id === result.externalId)!.mediaIds[0])!;
    expect(m).toMatchObject({ category: 'tweet_video', state: 'succeeded', polls: 2 });
    expect(fake.requests.filter((r) => r.path === `/2/media/upload?command=STATUS&media_id=${m.id}`)).toHaveLength(2);

    fake.options.failProcessing = true;
    const before = fake.posts.length;
    const err = await failure(publish.publish(ctx, content(unique('Broken clip'), [video]), 'v2'));
    expect([err.kind, err.code]).toEqual(['permanent', 'media_rejected']);
    expect(fake.posts).toHaveLength(before);
  });

  it('an expired 2-hour token is an auth failure: the account needs its refresh (or a new sign-in)', async () => {
    fake.clock.offsetMs = 2 * 3600_000 + 1_000;
    const err = await failure(publish.publish(ctx, content(unique('Too late')), 'e1'));
    expect([err.kind, err.code]).toEqual(['auth', 'token_refused']);
  });

  it('with a refresh token and no renewal at hand (replies, metrics), a refused token is retried later: the refresh job renews it', async () => {
    const { accessToken, refreshToken } = fake.grant();
    ctx.secrets = { accessToken, refreshToken };
    fake.clock.offsetMs = 2 * 3600_000 + 1_000;
    const err = await failure(publish.publish(ctx, content(unique('Token ended')), 'e2'));
    expect([err.kind, err.code, err.retryAfterMs]).toEqual(['retryable', 'token_expired', null]);
  });

  it('a 429 waits until x-rate-limit-reset; the 24-hour user cap’s reset wins when that cap is spent', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 600;
    fake.fault = () => ({
      kind: 'status',
      status: 429,
      body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
      headers: { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) },
    });
    let err = await failure(publish.publish(ctx, content(unique('Slow down')), 'r1'));
    expect([err.kind, err.code, err.retryAfterMs]).toEqual(['retryable', 'rate_limited', reset * 1000]);
    fake.fault = () => ({
      kind: 'status',
      status: 429,
      headers: {
        'x-rate-limit-reset': String(reset),
        'x-user-limit-24hour-remaining': '0',
        'x-user-limit-24hour-reset': String(reset + 80_000),
      },
    });
    err = await failure(publish.publish(ctx, content(unique('Slow down more')), 'r2'));
    expect(err.retryAfterMs).toBe((reset + 80_000) * 1000);
  });

  it('a post that spends the endpoint’s last call stores the wait until its reset: no instance spends a call on a 429', async () => {
    const waits: number[] = [];
    ctx.windowSpent = async (until) => void waits.push(until);
    try {
      // Calls left in POST /2/tweets' window: a post with calls to spare says nothing.
      const reset = fake.spendWindow('POST /2/tweets', 2);
      await publish.publish(ctx, content(unique('One of two')), 'w1');
      expect(waits).toEqual([]);
      // The last call: the post is out, and the work waits for the window's reset.
      const result = await publish.publish(ctx, content(unique('The last one')), 'w2');
      expect(fake.posts.some((p) => p.id === result.externalId)).toBe(true);
      expect(waits).toEqual([reset * 1000]);
    } finally {
      fake.renewWindow('POST /2/tweets');
    }
  });

  it('a 503 with the window’s usual rate-limit headers is retried after the backoff, not held until the window ends', async () => {
    // The fake adds x-rate-limit-limit/remaining/reset (a 15-minute window, not spent) to every answer, as X does.
    fake.fault = () => ({ kind: 'status', status: 503, body: { title: 'Service Unavailable', type: 'about:blank', status: 503 } });
    let err = await failure(publish.publish(ctx, content(unique('Try me again soon')), 's1'));
    expect([err.kind, err.code, err.retryAfterMs ?? null]).toEqual(['retryable', 'server_503', null]);
    // The window spent: its reset is when X takes calls again.
    const reset = Math.ceil(Date.now() / 1000) + 300;
    fake.fault = () => ({
      kind: 'status',
      status: 503,
      headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) },
    });
    err = await failure(publish.publish(ctx, content(unique('Try me again later')), 's2'));
    expect([err.kind, err.retryAfterMs]).toEqual(['retryable', reset * 1000]);
  });

  it('media uploaded but the answer to the post lost: unknown, then found among the recent posts — never sent twice', async () => {
    const text = unique('Stored, then the line dropped & more <3 https://example.com/page');
    fake.fault = () => ({ kind: 'apply-then-reset' });
    const since = Date.now();
    const err = await failure(publish.publish(ctx, content(text, [image(PNG, 'dot')]), 'u1'));
    expect(err.kind).toBe('unknown');
    fake.fault = null;
    const found = await publish.findExisting(ctx, content(text, [image(PNG, 'dot')]), 'u1', since);
    const stored = fake.posts.filter((p) => p.text === text);
    expect(stored).toHaveLength(1);
    expect(found).toEqual({ found: { externalId: stored[0].id, url: `https://x.com/brand/status/${stored[0].id}` } });
  });

  it('a full page of newer posts does not reach back to the attempt: cannot tell, never "absent" (a resend would duplicate)', async () => {
    const text = unique('Buried under a hundred');
    fake.fault = () => ({ kind: 'apply-then-reset' });
    const since = Date.now();
    expect((await failure(publish.publish(ctx, content(text), 'b1'))).kind).toBe('unknown');
    fake.fault = null;
    // X's largest page is 100: a busy account made 100 posts after ours.
    for (let i = 0; i < 100; i++) await publish.publish(ctx, content(unique(`Busy ${since} ${i}`)), `b-${i}`);
    expect(fake.posts.filter((p) => p.text === text)).toHaveLength(1);
    expect(await publish.findExisting(ctx, content(text), 'b1', since)).toBe('cannot_tell');
    // The next cases read the timeline as a quiet account's.
    fake.posts.splice(0);
  });

  it('a connection reset before anything was stored is absent: sending again cannot duplicate', async () => {
    const text = unique('Lost on the way');
    fake.fault = () => ({ kind: 'reset' });
    const since = Date.now();
    expect((await failure(publish.publish(ctx, content(text), 'l1'))).kind).toBe('unknown');
    fake.fault = null;
    expect(await publish.findExisting(ctx, content(text), 'l1', since)).toBe('absent');
  });

  it('403 duplicate content is "already sent?": an unknown outcome to reconcile, not a failure nor a retry', async () => {
    const text = unique('Said once');
    const since = Date.now();
    const first = await publish.publish(ctx, content(text), 'd1');
    const err = await failure(publish.publish(ctx, content(text), 'd1'));
    expect([err.kind, err.code]).toEqual(['unknown', 'duplicate_content']);
    expect(await publish.findExisting(ctx, content(text), 'd1', since)).toEqual({ found: first });
    // The same words posted long before this attempt: X would refuse a resend, and it is not this post: a person decides.
    expect(await publish.findExisting(ctx, content(text), 'd2', Date.now() + 3600_000)).toBe('cannot_tell');
  });

  it('refuses before any call what X would refuse: weighted length over 280, 5 images, a video with an image', async () => {
    const calls = fake.requests.length;
    const draft = (text: string, media: Array<{ mime: string }> = []) => ({
      text,
      firstComment: null,
      media: media.map((m) => ({ ...m, alt: '', filename: 'f' })),
    });
    // 141 CJK characters weigh 282.
    const cjk = await failure(publish.validate(ctx, draft('漢'.repeat(141))));
    expect([cjk.kind, cjk.code]).toEqual(['permanent', 'too_long']);
    await expect(publish.validate(ctx, draft('a'.repeat(280)))).resolves.toBeUndefined();
    expect((await failure(publish.validate(ctx, draft('five', Array(5).fill({ mime: 'image/png' }))))).code).toBe('too_many_media');
    expect((await failure(publish.validate(ctx, draft('mixed', [{ mime: 'video/mp4' }, { mime: 'image/png' }])))).code).toBe(
      'video_not_alone'
    );
    await expect(publish.validate(ctx, draft('', [{ mime: 'image/png' }]))).resolves.toBeUndefined();
    expect(fake.requests.length).toBe(calls);
  });

  it('X’s text back compares with what was sent: t.co links and HTML escapes aside', () => {
    expect(comparable('Read &amp; share https://t.co/abc123 <3 https://t.co/media1')).toBe(
      comparable('Read & share https://example.com/x <3')
    );
  });

  it('remove deletes the post; one already gone is fine', async () => {
    const result = await publish.publish(ctx, content(unique('Short-lived')), 'x1');
    await publish.remove!(ctx, result);
    expect(fake.posts.some((p) => p.id === result.externalId)).toBe(false);
    await expect(publish.remove!(ctx, result)).resolves.toBeUndefined();
  });
});

/** The steps store the publisher keeps in the database (server/publishing/steps.ts), in memory. */
function memorySteps() {
  let saved: Record<string, string> = {};
  const log: string[] = [];
  return {
    log,
    get saved() {
      return saved;
    },
    load: async () => ({ ...saved }),
    save: async (key: string, value: string) => {
      log.push(key);
      saved = { ...saved, [key]: value };
    },
    clear: async () => {
      saved = {};
    },
  };
}

describe('threads on X', () => {
  const chain = (ids: string[]) => ids.map((id) => fake.posts.find((p) => p.id === id)!);

  it('a text split by --- lines goes out as a chain of replies, media on the first part, the first comment after the last', async () => {
    const steps = memorySteps();
    ctx.steps = steps;
    const [a, b, c] = [unique('Part one'), unique('Part two'), unique('Part three')];
    const head = await publish.publish(ctx, content(`${a}\n\n---\n\n${b}\n-----\n${c}`, [image(PNG, 'dot')]), 't1');
    const first = fake.posts.find((p) => p.id === head.externalId)!;
    const second = fake.posts.find((p) => p.inReplyTo === first.id)!;
    const third = fake.posts.find((p) => p.inReplyTo === second.id)!;
    expect([first.text, second.text, third.text]).toEqual([a, b, c]);
    expect([first.mediaIds.length, second.mediaIds.length, third.mediaIds.length]).toEqual([1, 0, 0]);
    expect(head).toEqual({ externalId: first.id, url: `https://x.com/brand/status/${first.id}`, ref: { last: third.id } });
    // Each part saved as soon as X named it; once whole, nothing is left to carry on.
    expect(steps.log).toEqual(['x-thread-part-0', 'x-thread-part-1', 'x-thread-part-2']);
    expect(steps.saved).toEqual({});
    const comment = await publish.reply!(ctx, head, 'Thanks for reading', 't1');
    expect(fake.posts.find((p) => p.id === comment.externalId)!.inReplyTo).toBe(third.id);
  });

  it('a part that fails is not sent twice: the next attempt carries on from the last saved part', async () => {
    const steps = memorySteps();
    ctx.steps = steps;
    const parts = [unique('One'), unique('Two'), unique('Three')];
    let posts = 0;
    // The second part meets a 503; the first is out and saved.
    fake.fault = () => (++posts === 2 ? { kind: 'status', status: 503, body: { title: 'Service Unavailable' } } : null);
    const err = await failure(publish.publish(ctx, content(parts.join('\n---\n')), 't2'));
    expect(err.kind).toBe('retryable');
    expect(Object.keys(steps.saved)).toEqual(['x-thread-part-0']);
    fake.fault = null;
    const head = await publish.publish(ctx, content(parts.join('\n---\n')), 't2');
    for (const text of parts) expect(fake.posts.filter((p) => p.text === text)).toHaveLength(1);
    const [one, two, three] = parts.map((text) => fake.posts.find((p) => p.text === text)!);
    expect([head.externalId, two.inReplyTo, three.inReplyTo]).toEqual([one.id, one.id, two.id]);
  });

  it('a part stored but its answer lost: reconciliation finds it by the user’s recent posts, then the rest goes on', async () => {
    const steps = memorySteps();
    ctx.steps = steps;
    const parts = [unique('Alpha'), unique('Beta'), unique('Gamma')];
    const text = parts.join('\n---\n');
    const since = Date.now();
    let posts = 0;
    fake.fault = () => (++posts === 2 ? { kind: 'apply-then-reset' } : null);
    expect((await failure(publish.publish(ctx, content(text), 't3'))).kind).toBe('unknown');
    fake.fault = null;
    // Part two is on X, unsaved: the lookup finds and saves it; part three is certainly not there yet.
    expect(await publish.findExisting(ctx, content(text), 't3', since)).toBe('absent');
    expect(Object.keys(steps.saved).sort()).toEqual(['x-thread-part-0', 'x-thread-part-1']);
    const head = await publish.publish(ctx, content(text), 't3');
    for (const part of parts) expect(fake.posts.filter((p) => p.text === part)).toHaveLength(1);
    const [alpha, beta, gamma] = chain(parts.map((t) => fake.posts.find((p) => p.text === t)!.id));
    expect([head.externalId, beta.inReplyTo, gamma.inReplyTo]).toEqual([alpha.id, alpha.id, beta.id]);
    // Asked again once whole (steps cleared): the chain is found on X alone.
    expect(await publish.findExisting(ctx, content(text), 't3', since)).toEqual({ found: { ...head } });
  });

  it('the linter and the composer measure each part on X, the whole text elsewhere', () => {
    expect(threadParts('one\n\n --- \ntwo\n---\n\n---\nthree')).toEqual(['one', 'two', 'three']);
    expect(threadParts('a --- b\n--')).toEqual(['a --- b\n--']);
    const text = `${'a'.repeat(200)}\n---\n${'b'.repeat(250)}`;
    expect(lint({ text, network: 'x' })).toMatchObject({ ok: true, length: { counted: 250, limit: 280 } });
    expect(lint({ text, network: 'bluesky' }).findings.map((f) => f.code)).toContain('too_long');
  });

  it('refuses a thread with a part over 280 or more parts than allowed, naming the part', async () => {
    const draft = (text: string) => ({ text, firstComment: null, media: [] });
    await expect(publish.validate(ctx, draft(`${'a'.repeat(280)}\n---\n${'b'.repeat(280)}`))).resolves.toBeUndefined();
    const long = await failure(publish.validate(ctx, draft(`short\n---\n${'b'.repeat(281)}`)));
    expect([long.code, long.message]).toEqual(['too_long', expect.stringMatching(/^Part 2 of the thread/)]);
    const many = await failure(publish.validate(ctx, draft(Array.from({ length: 26 }, (_, i) => `p${i}`).join('\n---\n'))));
    expect(many.code).toBe('thread_too_long');
  });
});

describe('a token X refuses while publishing: renewed once through the core, then sent once', () => {
  /** the tokens the adapter asked the core to renew, in order */
  let renewals: string[];
  /** The core's renewal as the publishing runner hands it (server/core/oauth/renew.ts), answering `answer`. */
  const renewWith = (answer: () => TokenRenewal) => {
    renewals = [];
    ctx.renewToken = async (refused) => {
      renewals.push(refused);
      return answer();
    };
  };
  const tweetCalls = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/2/tweets');
  const REFUSED = 'token endpoint answered 400 invalid_request: Value passed for the token was invalid.';

  beforeEach(() => {
    ctx.secrets = fake.grant();
  });

  it('an access token revoked, the grant alive: renewed once, the post made once with the new token', async () => {
    const refused = ctx.secrets.accessToken;
    fake.revokeAccessTokens();
    let fresh = '';
    renewWith(() => {
      const grant = fake.grant();
      fresh = grant.accessToken;
      return { kind: 'renewed', secrets: grant };
    });
    const before = tweetCalls().length;
    const text = unique('Sent after a renewal');
    const result = await publish.publish(ctx, content(text), 'k1');
    expect(renewals).toEqual([refused]);
    expect(fake.posts.filter((p) => p.text === text).map((p) => p.id)).toEqual([result.externalId]);
    // The refused call made nothing (401); the second, with the new token, made the post.
    expect(
      tweetCalls()
        .slice(before)
        .map((r) => r.headers.authorization)
    ).toEqual([`Bearer ${refused}`, `Bearer ${fresh}`]);
    expect(ctx.secrets.accessToken).toBe(fresh);
  });

  it('a media post: the upload is the call refused; renewed there, the image uploaded and the post made once', async () => {
    fake.revokeAccessTokens();
    renewWith(() => ({ kind: 'renewed', secrets: fake.grant() }));
    const text = unique('Image after a renewal');
    const result = await publish.publish(ctx, content(text, [image(PNG, 'A boat')]), 'k2');
    expect(renewals).toHaveLength(1);
    const posts = fake.posts.filter((p) => p.text === text);
    expect(posts.map((p) => p.id)).toEqual([result.externalId]);
    expect(fake.media.get(posts[0].mediaIds[0])).toMatchObject({ alt: 'A boat', state: 'succeeded' });
  });

  it('the grant revoked too: an auth failure with X’s refusal in its words, nothing posted, one renewal asked', async () => {
    fake.revokeAll();
    renewWith(() => ({ kind: 'refused', message: REFUSED }));
    const before = tweetCalls().length;
    const err = await failure(publish.publish(ctx, content(unique('Revoked grant')), 'k3'));
    expect([err.kind, err.code, err.message]).toEqual([
      'auth',
      'token_revoked',
      `post: Unauthorized; X refused to renew the sign-in: ${REFUSED}`,
    ]);
    expect(renewals).toHaveLength(1);
    expect(tweetCalls().length - before).toBe(1);
  });

  it('the token endpoint out of reach: retryable after the backoff, nothing posted', async () => {
    fake.revokeAccessTokens();
    renewWith(() => ({ kind: 'later', message: 'the token could not be renewed now' }));
    const text = unique('Endpoint down');
    const err = await failure(publish.publish(ctx, content(text), 'k4'));
    expect([err.kind, err.code]).toEqual(['retryable', 'token_expired']);
    expect(fake.posts.filter((p) => p.text === text)).toHaveLength(0);
  });

  it('the renewal failing on our side (a database error) is retryable: X made nothing', async () => {
    fake.revokeAccessTokens();
    ctx.renewToken = async () => {
      throw new Error('database is locked');
    };
    const err = await failure(publish.publish(ctx, content(unique('Our side')), 'k5'));
    expect([err.kind, err.code]).toEqual(['retryable', 'token_expired']);
    expect(err.message).toMatch(/database is locked/);
  });

  it('a renewed token refused as well: an auth failure, never a second renewal nor a third call (no loop)', async () => {
    renewWith(() => {
      const grant = fake.grant();
      fake.revokeAccessTokens();
      return { kind: 'renewed', secrets: grant };
    });
    fake.revokeAccessTokens();
    const before = tweetCalls().length;
    const err = await failure(publish.publish(ctx, content(unique('Refused twice')), 'k6'));
    expect([err.kind, err.code]).toEqual(['auth', 'token_refused']);
    expect(renewals).toHaveLength(1);
    expect(tweetCalls().length - before).toBe(2);
  });

  it('without a refresh token nothing can be renewed: an auth failure at once, no renewal asked', async () => {
    ctx.secrets = { accessToken: ctx.secrets.accessToken };
    fake.revokeAccessTokens();
    renewWith(() => ({ kind: 'renewed', secrets: fake.grant() }));
    const err = await failure(publish.publish(ctx, content(unique('No refresh token')), 'k7'));
    expect([err.kind, err.code]).toEqual(['auth', 'token_refused']);
    expect(renewals).toEqual([]);
  });
});

describe('the fake X also takes the older media upload form', () => {
  it('command=INIT, APPEND, FINALIZE on /2/media/upload', async () => {
    const auth = { authorization: `Bearer ${ctx.secrets.accessToken}` };
    const init = await globalThis.fetch(`${fake.url}/2/media/upload?command=INIT&media_type=image/png&total_bytes=${PNG.length}`, {
      method: 'POST',
      headers: auth,
    });
    const { data } = (await init.json()) as { data: { id: string } };
    const form = new FormData();
    form.set('command', 'APPEND');
    form.set('media_id', data.id);
    form.set('segment_index', '0');
    form.set('media', new Blob([PNG]), 'a.png');
    expect((await globalThis.fetch(`${fake.url}/2/media/upload`, { method: 'POST', headers: auth, body: form })).status).toBe(200);
    const fin = await globalThis.fetch(`${fake.url}/2/media/upload?command=FINALIZE&media_id=${data.id}`, {
      method: 'POST',
      headers: auth,
    });
    expect(fin.status).toBe(200);
    expect(fake.media.get(data.id)!.state).toBe('succeeded');
  });
});
