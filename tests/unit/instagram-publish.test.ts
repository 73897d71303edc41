import http from 'node:http';
import { recordedSteps, type RecordedSteps } from '../helpers/recorded-steps';
import type { AddressInfo } from 'node:net';
import { guardedFetch } from '../../server/core/http/guarded-fetch';
import { adapterFor } from '../../server/networks/registry';
import type { AdapterContext, MediaItem, NetworkFetch, PostContent, PublishSteps } from '../../server/networks/types';
import { loadTwitterText } from '../../shared/linter';
import { startFakeMeta, type FakeMeta } from '../fakes/meta';
import { failure } from '../helpers/network-failure';

/**
 * Instagram's publishing port against the fake Graph API: containers made
 * from the site's public address, polled until FINISHED, published once —
 * and the 2207051 answer after a publish that went through: never twice.
 */
const { publish, auth } = adapterFor('instagram')!;
const fetch: NetworkFetch = (url, req = {}) => guardedFetch(url, { timeoutMs: 5_000, ...req }, { policy: { allowedHosts: ['127.0.0.1'] } });

let fake: FakeMeta;
let site: http.Server;
let siteUrl: string;
let ctx: AdapterContext;
let steps: RecordedSteps;

beforeAll(async () => {
  await loadTwitterText();
  fake = await startFakeMeta();
  // The site: serves /uploads/* (what Strapi's upload folder is), 404 otherwise.
  site = http.createServer((req, res) => {
    if (req.url?.startsWith('/uploads/') && !req.url.includes('missing')) {
      res.writeHead(200, { 'content-type': req.url.endsWith('.mp4') ? 'video/mp4' : 'image/jpeg' });
      res.end(Buffer.alloc(64, 1));
    } else {
      res.writeHead(404);
      res.end();
    }
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
  fake.options.processingMs = 100;
  fake.options.instagramQuota = 100;
  steps = recordedSteps(() => fake.requests.length);
  const page = fake.pages[0];
  ctx = {
    account: {
      documentId: 'acc-ig',
      network: 'instagram',
      instanceUrl: fake.graphUrl,
      networkAccountId: fake.instagramUser.id,
      handle: '@harbourcafe',
      settings: { instagramId: fake.instagramUser.id, page: page.id, graphVersion: fake.version },
      limits: null,
    },
    secrets: { accessToken: fake.grant('page', page.id) },
    saveSecrets: async () => undefined,
    fetch,
    now: Date.now,
    publicationId: 'pub-ig',
    steps,
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
  bytes: Buffer.alloc(64, 1),
});
const mp4 = (name: string): MediaItem => ({
  mime: 'video/mp4',
  alt: '',
  filename: name,
  url: `/uploads/${name}`,
  bytes: Buffer.alloc(64, 1),
});
const content = (text: string, media: MediaItem[], firstComment: string | null = null): PostContent => ({ text, media, firstComment });

describe('publishing to Instagram', () => {
  it('one image: a container from the site’s public address with its alt text, polled until FINISHED, then published', async () => {
    const text = unique('Dawn at the harbour #coffee');
    const result = await publish.publish(ctx, content(text, [jpeg('dawn.jpg', 'Boats at dawn')]), 'a1');
    const post = fake.posts.find((p) => p.id === result.externalId)!;
    expect(post).toMatchObject({ network: 'instagram', text });
    const container = fake.containers.get(post.container!)!;
    expect(container.params).toMatchObject({ image_url: `${siteUrl}/uploads/dawn.jpg`, alt_text: 'Boats at dawn', caption: text });
    // It was IN_PROGRESS at first: published only after more than one status read.
    expect(container.polls).toBeGreaterThan(1);
    expect(result.url).toBe(post.permalink);
    // The quota was read before publishing; every call carried the version and the page token in a header.
    expect(fake.calls('GET', '/content_publishing_limit').length).toBeGreaterThan(0);
    for (const req of fake.requests.slice(-3)) {
      expect(req.path).toMatch(/^\/v24\.0\//);
      expect(req.query.get('access_token')).toBeNull();
    }
  });

  it('a carousel: one container per item (is_carousel_item), each processed, then the CAROUSEL with the caption', async () => {
    const text = unique('Three views');
    const result = await publish.publish(ctx, content(text, [jpeg('a.jpg'), jpeg('b.jpg'), mp4('c.mp4')]), 'a2');
    const post = fake.posts.find((p) => p.id === result.externalId)!;
    const parent = fake.containers.get(post.container!)!;
    expect(parent.params).toMatchObject({ media_type: 'CAROUSEL', caption: text });
    const children = parent.params.children.split(',').map((id) => fake.containers.get(id)!);
    expect(children.map((c) => c.params.is_carousel_item)).toEqual(['true', 'true', 'true']);
    expect(children[2].params).toMatchObject({ media_type: 'VIDEO', video_url: `${siteUrl}/uploads/c.mp4` });
    expect(children.every((c) => c.params.caption === undefined)).toBe(true);
  });

  it('a reel: one video as REELS', async () => {
    const result = await publish.publish(ctx, content(unique('Reel'), [mp4('r.mp4')]), 'a3');
    const post = fake.posts.find((p) => p.id === result.externalId)!;
    expect(fake.containers.get(post.container!)!.params).toMatchObject({ media_type: 'REELS', video_url: `${siteUrl}/uploads/r.mp4` });
  });

  it('without a public address: refused with the catalogued code before any call', async () => {
    const before = fake.requests.length;
    const err = await failure(publish.publish({ ...ctx, publicUrl: null }, content(unique('No site'), [jpeg('x.jpg')]), 'a4'));
    expect([err.kind, err.code]).toEqual(['permanent', 'meta_public_url_missing']);
    expect(err.message).toContain('server.url');
    expect(fake.requests.length).toBe(before);
    // The runner's signer says the same when the site has no address.
    const unsigned = await failure(publish.publish({ ...ctx, mediaUrl: () => null }, content(unique('No site'), [jpeg('x.jpg')]), 'a4'));
    expect(unsigned.code).toBe('meta_public_url_missing');
    expect(fake.requests.length).toBe(before);
  });

  it('media Instagram cannot fetch: the container ends in ERROR and the post fails with Instagram’s words', async () => {
    const err = await failure(publish.publish(ctx, content(unique('Broken'), [jpeg('missing.jpg')]), 'a5'));
    expect([err.kind, err.code]).toEqual(['permanent', 'media_rejected']);
    expect(err.message).toMatch(/Media download has failed/);
  });

  it('2207051 after the post went through: unknown, found by its container, never published twice', async () => {
    const text = unique('Blocked but published');
    fake.fault = (step) =>
      step === 'publish' ? { kind: 'error', code: 4, subcode: 2207051, message: 'Action is blocked', apply: true } : null;
    const err = await failure(publish.publish(ctx, content(text, [jpeg('p.jpg')]), 'a6'));
    fake.fault = null;
    expect([err.kind, err.code]).toEqual(['unknown', 'meta_action_blocked']);
    // The container's id was saved before the publish call was sent.
    const publishIndex = fake.requests.findIndex(
      (r) => r.path.endsWith('/media_publish') && r.form.get('creation_id') === steps.saved.container
    );
    expect(publishIndex).toBeGreaterThan(-1);
    expect(steps.log.find((s) => s.key === 'container')!.requestsBefore).toBeLessThanOrEqual(publishIndex);

    const found = await publish.findExisting(ctx, content(text, [jpeg('p.jpg')]), 'a6', Date.now() - 60_000);
    const posts = fake.posts.filter((p) => p.text === text);
    expect(posts).toHaveLength(1);
    expect(found).toEqual({ found: { externalId: posts[0].id, url: posts[0].permalink } });
    // Even sent again, the kept container says PUBLISHED: the existing post is returned, nothing is published.
    const publishes = fake.calls('POST', '/media_publish').length;
    const again = await publish.publish(ctx, content(text, [jpeg('p.jpg')]), 'a6');
    expect(again.externalId).toBe(posts[0].id);
    expect(fake.calls('POST', '/media_publish').length).toBe(publishes);
    expect(fake.posts.filter((p) => p.text === text)).toHaveLength(1);
  });

  it('2207051 when nothing was published: the kept container is FINISHED, so the lookup says absent and a resend publishes that container', async () => {
    const text = unique('Blocked for real');
    fake.fault = (step) => (step === 'publish' ? { kind: 'error', code: 4, subcode: 2207051, message: 'Action is blocked' } : null);
    expect((await failure(publish.publish(ctx, content(text, [jpeg('q.jpg')]), 'a7'))).kind).toBe('unknown');
    fake.fault = null;
    const container = steps.saved.container;
    expect(await publish.findExisting(ctx, content(text, [jpeg('q.jpg')]), 'a7', Date.now() - 60_000)).toBe('absent');
    const created = fake.containers.size;
    const result = await publish.publish(ctx, content(text, [jpeg('q.jpg')]), 'a7');
    expect(fake.containers.size).toBe(created);
    expect(fake.posts.find((p) => p.id === result.externalId)!.container).toBe(container);
  });

  it('a resend whose container an earlier call published meanwhile (9007 "already published"): the post is found, not failed', async () => {
    const text = unique('Published while the answer was lost');
    fake.fault = (step) => (step === 'publish' ? { kind: 'error', code: 2, message: 'Service temporarily unavailable' } : null);
    expect((await failure(publish.publish(ctx, content(text, [jpeg('r.jpg')]), 'a12'))).kind).toBe('unknown');
    fake.fault = null;
    const container = steps.saved.container;
    // The resend reads FINISHED and calls media_publish; the earlier attempt's call, still on the wire, lands first.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let waiting = true;
    fake.hold = (req) => (waiting && req.path.endsWith('/media_publish') ? ((waiting = false), held) : null);
    try {
      const resend = publish.publish(ctx, content(text, [jpeg('r.jpg')]), 'a12');
      for (let i = 0; i < 500 && waiting; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      const earlier = await fetch(`${fake.graphUrl}/${fake.version}/${fake.instagramUser.id}/media_publish`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ctx.secrets.accessToken}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ creation_id: container }).toString(),
      });
      const { id } = (await earlier.json()) as { id: string };
      release();
      const result = await resend;
      expect(result.externalId).toBe(id);
      expect(fake.posts.filter((p) => p.text === text)).toHaveLength(1);
    } finally {
      fake.hold = null;
    }
  });

  it('a post changed after its container was made: the old container is left to expire, a new one is published', async () => {
    const text = unique('First words');
    fake.fault = (step) => (step === 'publish' ? { kind: 'error', code: 2, message: 'Service temporarily unavailable' } : null);
    expect((await failure(publish.publish(ctx, content(text, [jpeg('v.jpg')]), 'a11'))).kind).toBe('unknown');
    fake.fault = null;
    const old = steps.saved.container;
    const edited = unique('Edited words');
    const result = await publish.publish(ctx, content(edited, [jpeg('v.jpg')]), 'a11');
    const post = fake.posts.find((p) => p.id === result.externalId)!;
    expect(post.text).toBe(edited);
    expect(post.container).not.toBe(old);
    expect(fake.containers.get(old)!.published).toBeNull();
  });

  /** A publication's ahead store (server/publishing/steps.ts `publish-ahead`), in memory. */
  const aheadStore = () => {
    const saved: Record<string, string> = {};
    const store: PublishSteps & { saved: Record<string, string> } = {
      saved,
      load: async () => ({ ...saved }),
      save: async (key, value) => void (saved[key] = value),
      clear: async () => {
        for (const key of Object.keys(saved)) delete saved[key];
      },
    };
    return store;
  };
  const waitFinished = async (id: string) => {
    const until = Date.now() + 10_000;
    for (;;) {
      const c = fake.containers.get(id)!;
      if (c.fetched === 'ok' && Date.now() >= c.readyAt) return;
      if (Date.now() > until) throw new Error(`container ${id} still processing`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('ahead of the instant: the container made once per version; the publish adopts it, stored as its own before the call', async () => {
    const ahead = aheadStore();
    const text = unique('Made ahead');
    const post = content(text, [jpeg('ahead.jpg', 'A table')]);
    await publish.ahead!.prepare({ ...ctx, steps: ahead }, post);
    const made = ahead.saved.container;
    expect(fake.containers.get(made)!.params).toMatchObject({
      caption: text,
      alt_text: 'A table',
      image_url: `${siteUrl}/uploads/ahead.jpg`,
    });
    expect(fake.posts.some((p) => p.container === made)).toBe(false);
    // Prepared again (the next pass), the same post gets no second container.
    const before = fake.calls('POST', '/media').length;
    await publish.ahead!.prepare({ ...ctx, steps: ahead }, post);
    expect(fake.calls('POST', '/media').length).toBe(before);
    await waitFinished(made);

    const result = await publish.publish({ ...ctx, prepared: ahead }, post, 'a13');
    expect(fake.posts.find((p) => p.id === result.externalId)!.container).toBe(made);
    expect(fake.calls('POST', '/media').length).toBe(before);
    // Kept in the attempt's own steps before the publish call, as a container made at the instant would be.
    const kept = steps.log.find((entry) => entry.key === 'container')!;
    expect(kept.value).toBe(made);
    expect(fake.requests.slice(kept.requestsBefore).filter((r) => r.path.endsWith('/media_publish'))).toHaveLength(1);
    expect(ahead.saved).toEqual({});
  });

  it('a post changed after its container was made ahead: not adopted, a new one published; the next pass replaces it', async () => {
    const ahead = aheadStore();
    const first = content(unique('Before the edit'), [jpeg('e.jpg')]);
    await publish.ahead!.prepare({ ...ctx, steps: ahead }, first);
    const old = ahead.saved.container;
    const edited = content(unique('After the edit'), [jpeg('e.jpg')]);
    await publish.ahead!.prepare({ ...ctx, steps: ahead }, edited);
    const replaced = ahead.saved.container;
    expect(replaced).not.toBe(old);
    expect(fake.containers.get(replaced)!.params.caption).toBe(edited.text);
    // Edited again after the last pass: the publish makes its own, and neither older container goes out.
    const last = content(unique('Edited at the last minute'), [jpeg('e.jpg')]);
    const result = await publish.publish({ ...ctx, prepared: ahead }, last, 'a14');
    const published = fake.posts.find((p) => p.id === result.externalId)!;
    expect(published.text).toBe(last.text);
    expect([old, replaced]).not.toContain(published.container);
    expect(fake.containers.get(old)!.published).toBeNull();
    expect(fake.containers.get(replaced)!.published).toBeNull();
  });

  it('a carousel whose last step failed: a retry reuses its FINISHED items instead of sending them again', async () => {
    const text = unique('Carousel retried');
    let failed = false;
    fake.fault = (step, req) =>
      step === 'container' && req.form.get('media_type') === 'CAROUSEL' && !failed
        ? ((failed = true), { kind: 'error', status: 503, code: 2, message: 'busy' })
        : null;
    expect((await failure(publish.publish(ctx, content(text, [jpeg('k1.jpg'), jpeg('k2.jpg')]), 'a12'))).kind).toBe('retryable');
    fake.fault = null;
    const children = steps.saved.children;
    expect(children.split(',')).toHaveLength(2);
    const made = fake.containers.size;
    const result = await publish.publish(ctx, content(text, [jpeg('k1.jpg'), jpeg('k2.jpg')]), 'a12');
    const parent = fake.containers.get(fake.posts.find((p) => p.id === result.externalId)!.container!)!;
    expect(parent.params.children).toBe(children);
    // Only the carousel container was made this time.
    expect(fake.containers.size).toBe(made + 1);
  });

  it('the day’s quota spent: retried an hour later, nothing published', async () => {
    fake.options.instagramQuota = 0;
    const err = await failure(publish.publish(ctx, content(unique('Over quota'), [jpeg('z.jpg')]), 'a8'));
    expect([err.kind, err.code]).toEqual(['retryable', 'meta_publishing_limit']);
    expect(err.retryAfterMs).toBeGreaterThan(Date.now() + 3500_000);
  });

  it('the first comment goes under the media, as the account', async () => {
    const parent = await publish.publish(ctx, content(unique('With comment'), [jpeg('c.jpg')]), 'a9');
    const reply = await publish.reply!(ctx, parent, 'Credits: the crew', 'r9');
    expect(fake.posts.find((p) => p.id === reply.externalId)).toMatchObject({ replyTo: parent.externalId, text: 'Credits: the crew' });
  });

  it('checks before any call: media required, at most 10, JPEG, 30 hashtags, 2,200 characters', async () => {
    const draft = (text: string, media: MediaItem[]) => publish.validate(ctx, { text, media, firstComment: null });
    expect((await failure(draft('No media', []))).code).toBe('media_required');
    expect(
      (
        await failure(
          draft(
            'Eleven',
            Array.from({ length: 11 }, (_, i) => jpeg(`${i}.jpg`))
          )
        )
      ).code
    ).toBe('too_many_media');
    expect((await failure(draft('PNG', [{ ...jpeg('a.png'), mime: 'image/png' }]))).code).toBe('media_kind_unsupported');
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' ');
    expect((await failure(draft(tags, [jpeg('t.jpg')]))).code).toBe('too_many_hashtags');
    expect((await failure(draft('x'.repeat(2201), [jpeg('l.jpg')]))).code).toBe('too_long');
    await expect(draft('x'.repeat(2200), [jpeg('ok.jpg')])).resolves.toBeUndefined();
  });

  it('a page token that died (190, password changed): publishing needs a new sign-in, and so does the check', async () => {
    const other = await startFakeMeta();
    try {
      const dead = {
        ...ctx,
        account: { ...ctx.account, instanceUrl: other.graphUrl },
        secrets: { accessToken: other.grant('page', other.pages[0].id) },
      };
      other.revokeAll();
      const err = await failure(publish.publish(dead, content(unique('Dead token'), [jpeg('d.jpg')]), 'a10'));
      expect([err.kind, err.code]).toEqual(['auth', 'meta_token_revoked']);
      const check = await auth.check({ instanceUrl: other.graphUrl, settings: dead.account.settings, secrets: dead.secrets, fetch });
      expect(check).toMatchObject({ status: 'needs_reauth', reason: { code: 'oauth_grant_refused' } });
    } finally {
      await other.stop();
    }
  });
});
