import { guardedFetch } from '../../server/core/http/guarded-fetch';
import { adapterFor } from '../../server/networks/registry';
import type { AdapterContext, MediaItem, NetworkFetch, PostContent } from '../../server/networks/types';
import { loadTwitterText } from '../../shared/linter';
import { PNG } from '../helpers/images';
import { startFakeMeta, type FakeMeta } from '../fakes/meta';
import { failure } from '../helpers/network-failure';

/** Facebook pages' publishing port against the fake Graph API: text and link, photos attached to one feed post, first comment, lookups. */
const { publish, auth } = adapterFor('facebook')!;
const fetch: NetworkFetch = (url, req = {}) => guardedFetch(url, { timeoutMs: 5_000, ...req }, { policy: { allowedHosts: ['127.0.0.1'] } });

let fake: FakeMeta;
let ctx: AdapterContext;

beforeAll(async () => {
  await loadTwitterText();
  fake = await startFakeMeta();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.fault = null;
  const page = fake.pages[0];
  ctx = {
    account: {
      documentId: 'acc-fb',
      network: 'facebook',
      instanceUrl: fake.graphUrl,
      networkAccountId: page.id,
      handle: page.name,
      settings: { page: page.id, graphVersion: fake.version },
      limits: null,
    },
    secrets: { accessToken: fake.grant('page', page.id) },
    saveSecrets: async () => undefined,
    fetch,
    now: Date.now,
    publicationId: 'pub-fb',
  };
});

let n = 0;
const unique = (text: string) => `${text} ${++n}`;
const png = (name: string, alt = ''): MediaItem => ({ mime: 'image/png', alt, filename: name, bytes: PNG });
const content = (text: string, media: MediaItem[] = []): PostContent => ({ text, media, firstComment: null });

describe('publishing to a Facebook page', () => {
  it('text with a link: the first link goes as the post’s link; the permalink is stored', async () => {
    const text = unique('New menu https://example.com/menu today');
    const result = await publish.publish(ctx, content(text), 'f1');
    const post = fake.posts.find((p) => p.id === result.externalId)!;
    expect(post).toMatchObject({ network: 'facebook', owner: fake.pages[0].id, text, link: 'https://example.com/menu' });
    expect(result.url).toBe(post.permalink);
  });

  it('photos: each uploaded unpublished (with alt text), then one feed post attaching them all', async () => {
    const text = unique('Three photos');
    const result = await publish.publish(ctx, content(text, [png('a.png', 'The bar'), png('b.png'), png('c.png')]), 'f2');
    const post = fake.posts.find((p) => p.id === result.externalId)!;
    expect(post.media).toHaveLength(3);
    for (const id of post.media) expect(fake.photos.get(id)).toMatchObject({ published: false, bytes: PNG.length });
    expect(fake.photos.get(post.media[0])!.alt).toBe('The bar');
    expect(post.link).toBeNull();
  });

  it('the first comment, as the page, under the post', async () => {
    const parent = await publish.publish(ctx, content(unique('With a comment')), 'f3');
    const reply = await publish.reply!(ctx, parent, 'Book at the bar', 'r3');
    expect(fake.posts.find((p) => p.id === reply.externalId)).toMatchObject({ replyTo: parent.externalId, text: 'Book at the bar' });
  });

  it('a post stored before the line dropped: unknown, then found among the page’s posts; one not stored: absent', async () => {
    const text = unique('Stored then dropped');
    fake.fault = (step) => (step === 'feed' ? { kind: 'apply-then-reset' } : null);
    const err = await failure(publish.publish(ctx, content(text), 'f4'));
    fake.fault = null;
    expect(err.kind).toBe('unknown');
    const posts = fake.posts.filter((p) => p.text === text);
    expect(posts).toHaveLength(1);
    expect(await publish.findExisting(ctx, content(text), 'f4', Date.now() - 60_000)).toEqual({
      found: { externalId: posts[0].id, url: posts[0].permalink },
    });
    expect(await publish.findExisting(ctx, content(unique('Never sent')), 'f5', Date.now() - 60_000)).toBe('absent');
  });

  it('reconciliation pages back: our post behind 30 newer ones is found, and absent only once the list ends', async () => {
    const since = Date.now() - 60_000;
    const text = unique('Behind thirty');
    await publish.publish(ctx, content(text), 'f9');
    for (let i = 0; i < 30; i++) await publish.publish(ctx, content(unique(`Newer ${i}`)), `f9-${i}`);
    const ours = fake.posts.find((p) => p.text === text)!;
    expect(await publish.findExisting(ctx, content(text), 'f9', since)).toEqual({ found: { externalId: ours.id, url: ours.permalink } });
    expect(await publish.findExisting(ctx, content(unique('Never sent either')), 'f10', since)).toBe('absent');
  });

  it('a dropped photo upload is retried (an unpublished photo shows nowhere); a duplicate post (506) is unknown', async () => {
    fake.fault = (step) => (step === 'photo' ? { kind: 'reset' } : null);
    expect((await failure(publish.publish(ctx, content(unique('Photo lost'), [png('l.png')]), 'f6'))).kind).toBe('retryable');
    fake.fault = (step) => (step === 'feed' ? { kind: 'error', code: 506, message: 'Duplicate status message' } : null);
    expect((await failure(publish.publish(ctx, content(unique('Twice')), 'f7'))).code).toBe('duplicate_content');
  });

  it('checks before any call: no video in this version, at most 10 photos', async () => {
    const draft = (media: MediaItem[]) => publish.validate(ctx, { text: 'x', media, firstComment: null });
    expect((await failure(draft([{ ...png('v.mp4'), mime: 'video/mp4' }]))).code).toBe('media_kind_unsupported');
    expect((await failure(draft(Array.from({ length: 11 }, (_, i) => png(`${i}.png`))))).code).toBe('too_many_media');
  });

  it('the check reads the page; a token from another page is refused (200) and needs a new sign-in', async () => {
    const ok = await auth.check({ instanceUrl: fake.graphUrl, settings: ctx.account.settings, secrets: ctx.secrets, fetch });
    expect(ok).toMatchObject({ status: 'connected', profile: { networkAccountId: fake.pages[0].id, displayName: 'Harbour Café' } });
    const wrong = await auth.check({
      instanceUrl: fake.graphUrl,
      settings: ctx.account.settings,
      secrets: { accessToken: fake.grant('page', fake.pages[1].id) },
      fetch,
    });
    expect(wrong.status).toBe('needs_reauth');
    const err = await failure(
      publish.publish({ ...ctx, secrets: { accessToken: fake.grant('page', fake.pages[1].id) } }, content('x'), 'f8')
    );
    expect([err.kind, err.code]).toEqual(['auth', 'meta_permission_missing']);
  });
});
