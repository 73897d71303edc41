import http from 'node:http';
import { recordedSteps, type RecordedSteps } from '../helpers/recorded-steps';
import type { AddressInfo } from 'node:net';
import { guardedFetch } from '../../server/core/http/guarded-fetch';
import { adapterFor } from '../../server/networks/registry';
import { unknownOutcome } from '../../server/networks/errors';
import type { AdapterContext, MediaItem, NetworkFetch, PostContent } from '../../server/networks/types';
import { loadTwitterText } from '../../shared/linter';
import { MP4, PNG } from '../helpers/images';
import { startFakeMeta, type FakeMeta } from '../fakes/meta';
import { failure } from '../helpers/network-failure';

/**
 * Facebook pages' publishing port against the fake Graph API: text and link, photos attached to one feed post, one
 * video fetched by Facebook from the site and read until its post exists (once, whatever is lost), first comment, lookups.
 */
const { publish, auth } = adapterFor('facebook')!;
const fetch: NetworkFetch = (url, req = {}) => guardedFetch(url, { timeoutMs: 5_000, ...req }, { policy: { allowedHosts: ['127.0.0.1'] } });

let fake: FakeMeta;
let ctx: AdapterContext;
let site: http.Server;
let siteUrl: string;
let steps: RecordedSteps;

beforeAll(async () => {
  await loadTwitterText();
  fake = await startFakeMeta();
  // The site: serves /uploads/* (Strapi's upload folder), from which Facebook fetches a video; 404 otherwise.
  site = http.createServer((req, res) => {
    if (req.url?.startsWith('/uploads/') && !req.url.includes('missing')) {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      res.end(MP4);
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
  fake.options.videoError = null;
  steps = recordedSteps(() => fake.requests.length);
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
    steps,
    publicUrl: siteUrl,
  };
});

let n = 0;
const unique = (text: string) => `${text} ${++n}`;
const png = (name: string, alt = ''): MediaItem => ({ mime: 'image/png', alt, filename: name, bytes: PNG });
const mp4 = (name: string): MediaItem => ({ mime: 'video/mp4', alt: '', filename: name, bytes: MP4, url: `/uploads/${name}` });
const content = (text: string, media: MediaItem[] = []): PostContent => ({ text, media, firstComment: null });
/** The uploads of a video post with these words (`POST /{page}/videos`). */
const uploadsOf = (text: string) => fake.calls('POST', `/${fake.pages[0].id}/videos`).filter((r) => r.form.get('description') === text);

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

  it('checks before any call: one MP4 or MOV video alone, at most 10 photos', async () => {
    const before = fake.requests.length;
    const draft = (media: MediaItem[]) => publish.validate(ctx, { text: 'x', media, firstComment: null });
    await expect(draft([mp4('v.mp4')])).resolves.toBeUndefined();
    await expect(draft([{ ...mp4('v.mov'), mime: 'video/quicktime' }])).resolves.toBeUndefined();
    const webm = await failure(draft([{ ...mp4('v.webm'), mime: 'video/webm' }]));
    expect([webm.code, webm.message]).toEqual([
      'media_kind_unsupported',
      'v.webm: Facebook takes photos (JPEG, PNG, GIF, WebP) and MP4 or MOV videos, not video/webm',
    ]);
    const withPhoto = await failure(draft([png('a.png'), mp4('v.mp4')]));
    expect([withPhoto.code, withPhoto.message]).toEqual([
      'media_video_alone',
      'v.mp4: a video goes alone in a Facebook post, without photos',
    ]);
    const two = await failure(draft([mp4('a.mp4'), mp4('b.mp4')]));
    expect([two.code, two.message]).toEqual(['media_video_alone', 'A Facebook post takes one video; this one has 2']);
    expect((await failure(draft(Array.from({ length: 11 }, (_, i) => png(`${i}.png`))))).code).toBe('too_many_media');
    expect(fake.requests.length).toBe(before);
  });

  it('a video: fetched by Facebook from the site, published once, read until its post exists: the post’s id and link', async () => {
    const text = unique('The harbour at dawn, in motion');
    // An attempt whose lease ran out stops before the upload (Graph has no idempotency key).
    const lost = () => Promise.reject(unknownOutcome('lease_lost', 'This attempt no longer holds the publication'));
    const stale = await failure(publish.publish({ ...ctx, steps: { ...steps, fence: lost } }, content(text, [mp4('dawn.mp4')]), 'v0'));
    expect([stale.code, uploadsOf(text)]).toEqual(['lease_lost', []]);
    const result = await publish.publish(ctx, content(text, [mp4('dawn.mp4')]), 'v1');
    const [upload] = uploadsOf(text);
    expect(uploadsOf(text)).toHaveLength(1);
    expect(Object.fromEntries(upload.form)).toEqual({ file_url: `${siteUrl}/uploads/dawn.mp4`, description: text, published: 'true' });
    const video = [...fake.videos.values()].find((v) => v.params.description === text)!;
    const posts = fake.posts.filter((p) => p.text === text);
    expect(posts).toHaveLength(1);
    // The post's id (comments and figures read posts), and its link (Graph's path on www.facebook.com, made whole).
    expect(result).toEqual({ externalId: posts[0].id, url: posts[0].permalink });
    expect(result.externalId).toMatch(new RegExp(`^${fake.pages[0].id}_\\d+$`));
    expect(result.url).toBe(`https://www.facebook.com/${fake.pages[0].id}/videos/${video.id}`);
    // The video's id saved right after the upload's answer, before its first status read; cleared once the post is out.
    expect(steps.log[0]).toMatchObject({ key: 'fb-video', value: video.id });
    expect(fake.requests[steps.log[0].requestsBefore - 1]).toBe(upload);
    expect(steps.saved).toEqual({});
    // Looked up later (a crash before the row was written): found among the page's videos, ready with its post.
    expect(await publish.findExisting(ctx, content(text, [mp4('dawn.mp4')]), 'v1', Date.now() - 60_000)).toEqual({ found: result });
  });

  it('the answer to the upload lost: unknown; the lookup keeps the video, the next attempt reads it and never uploads again', async () => {
    fake.options.processingMs = 1_500;
    const since = Date.now();
    const text = unique('Lost on the way back');
    const post = content(text, [mp4('lost.mp4')]);
    fake.fault = (step) => (step === 'video' ? { kind: 'apply-then-reset' } : null);
    const err = await failure(publish.publish(ctx, post, 'v2'));
    fake.fault = null;
    expect(err.kind).toBe('unknown');
    expect(steps.saved).toEqual({});
    const video = [...fake.videos.values()].find((v) => v.params.description === text)!;
    // Still processing: absent for the reconciliation, but its id is now kept, so the resend cannot upload a second one.
    expect(await publish.findExisting(ctx, post, 'v2', since)).toBe('absent');
    expect(steps.saved).toEqual({ 'fb-video': video.id });
    const result = await publish.publish(ctx, post, 'v2');
    expect(uploadsOf(text)).toHaveLength(1);
    expect(fake.posts.filter((p) => p.text === text)).toEqual([expect.objectContaining({ id: result.externalId, media: [video.id] })]);
    // A video never uploaded is absent, and nothing is kept: the resend uploads it once.
    const never = content(unique('Never uploaded'), [mp4('never.mp4')]);
    expect(await publish.findExisting(ctx, never, 'v3', since)).toBe('absent');
    expect(steps.saved).toEqual({});
  });

  it('a video Facebook cannot process: failed with Facebook’s words; one it cannot fetch: refused with its words', async () => {
    fake.options.videoError = 'The video file you selected is in a format that we don’t support.';
    const text = unique('Corrupt clip');
    const err = await failure(publish.publish(ctx, content(text, [mp4('corrupt.mp4')]), 'v4'));
    expect([err.kind, err.code]).toEqual(['permanent', 'media_rejected']);
    expect(err.message).toBe(
      'corrupt.mp4: Facebook could not process the video: The video file you selected is in a format that we don’t support.'
    );
    expect(fake.posts.filter((p) => p.text === text)).toHaveLength(0);
    // Nothing went out: a person's retry uploads again.
    expect(steps.saved).toEqual({});
    fake.options.videoError = null;
    const missing = await failure(publish.publish(ctx, content(unique('Missing file'), [mp4('missing.mp4')]), 'v5'));
    expect([missing.kind, missing.code]).toEqual(['permanent', 'meta_error_389']);
    expect(missing.message).toContain('(#389) Unable to fetch video file from URL.');
  });

  it('processing longer than the attempt’s budget: retryable, the video kept; the next attempt reads the same video', async () => {
    fake.options.processingMs = 60_000;
    const text = unique('A long film');
    const post = content(text, [mp4('long.mp4')]);
    const err = await failure(publish.publish({ ...ctx, processingBudgetMs: 400 }, post, 'v6'));
    expect([err.kind, err.code, err.retryAfterMs]).toEqual(['retryable', 'video_processing', null]);
    const video = [...fake.videos.values()].find((v) => v.params.description === text)!;
    expect(steps.saved).toEqual({ 'fb-video': video.id });
    const polls = video.polls;
    expect(polls).toBeGreaterThanOrEqual(2);
    // Facebook finishes meanwhile; the next attempt reads that video's status, uploads nothing.
    video.readyAt = Date.now();
    const result = await publish.publish(ctx, post, 'v6');
    expect(uploadsOf(text)).toHaveLength(1);
    expect(video.polls).toBe(polls + 1);
    expect(result.externalId).toBe(video.post);
    expect(fake.posts.filter((p) => p.text === text)).toHaveLength(1);
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
