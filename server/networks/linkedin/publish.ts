import { z } from 'zod';
import type { AdapterContext, MediaItem, PublishPort, PublishResult } from '../types';
import { lint, loadTwitterText } from '../../../shared/linter';
import { linkedin as profile } from '../../../shared/networks/linkedin';
import { permanent, unknownOutcome } from '../errors';
import { call, processingDeadline, sleep } from '../http';
import {
  apiBase,
  authorized,
  failure,
  littleText,
  organizationUrn,
  ORGANIZATION_PREFIX,
  permalink,
  plainText,
  restHeaders,
  restliId,
} from './api';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Publishing to an organization page with the Posts API
 * (learn.microsoft.com/linkedin/marketing/community-management/shares/posts-api):
 * images first (Images API: initializeUpload -> PUT the bytes -> wait for
 * AVAILABLE) or one video (Videos API: the same in parts, finalized with
 * their ETags), then `POST /rest/posts`, whose 201 names the post in
 * `x-restli-id`. LinkedIn takes no idempotency key: after an unknown outcome
 * the page's recent posts are listed and compared with ours. Every call goes
 * through `authorized`: for a partner app's account (a refresh token), a 401
 * renews the token once and the call is sent again, once — LinkedIn answered
 * 401 before acting, so no post or upload is made twice.
 */

/** LinkedIn's images: JPEG, PNG and GIF; its videos: MP4. */
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif'];
const VIDEO_TYPES = ['video/mp4'];
/**
 * Documents API: a PDF posted as a document carousel (LinkedIn also takes
 * PPT, PPTX, DOC and DOCX; the media library's PDFs are what the composer offers).
 */
const DOCUMENT_TYPES = ['application/pdf'];
/** The Documents API's limits: 100 MB (and 300 pages, which LinkedIn checks itself). */
const DOCUMENT_MAX_BYTES = 100 * 1024 * 1024;
/** A document post's title is required; LinkedIn shows it above the carousel. */
const DOCUMENT_TITLE_MAX = 400;
/** The Posts API's limit on an image's alternative text. */
const ALT_MAX = 4086;
/** How long an image may stay PROCESSING before the post is given up (ms, waits between polls). */
const POLL_WAITS = [200, 400, 800, 1500, 2500, 4000, 5000, 5000, 5000, 5000];

const auth = (ctx: AdapterContext, extra: Record<string, string> = {}) => restHeaders(ctx.secrets.accessToken, extra);

function author(ctx: AdapterContext): string {
  const stored = ctx.account.settings.organization ?? ctx.account.networkAccountId;
  if (typeof stored === 'string' && stored.startsWith(ORGANIZATION_PREFIX)) return stored;
  if (typeof stored === 'string' && /^\d+$/.test(stored)) return organizationUrn(stored);
  throw permanent('linkedin_no_page', 'This account names no LinkedIn organization page: sign in with LinkedIn again');
}

/** What initializeUpload answers, for an image (`image`) or a document (`document`). */
const initialized = lazySchema(() =>
  z.object({ value: z.object({ uploadUrl: z.string().url(), image: z.string().optional(), document: z.string().optional() }) })
);
const imageStatus = lazySchema(() => z.object({ status: z.string() }));

/**
 * Polls a file's status until LinkedIn says AVAILABLE, waiting `waits` between
 * polls but never past the attempt's processing budget (`processingDeadline`:
 * inside the publishing lease, so no reaper hands the row back mid-wait and a
 * second attempt uploads the file again). Still PROCESSING at the end fails
 * the post with a stored reason, once: a file LinkedIn has not processed in
 * that time is not retried in a loop.
 */
async function awaitAvailable(
  ctx: AdapterContext,
  item: MediaItem,
  kind: 'image' | 'video' | 'document',
  url: string,
  waits: readonly number[]
): Promise<void> {
  const started = Date.now();
  const deadline = processingDeadline(
    ctx,
    waits.reduce((a, b) => a + b, 0)
  );
  let polls = 0;
  for (const wait of [0, ...waits]) {
    if (wait && Date.now() + wait > deadline) break;
    if (wait) await sleep(wait);
    const res = await authorized(ctx, `${item.filename}: ${kind} status`, () => call(ctx, url, { headers: auth(ctx) }));
    polls++;
    if (res.status !== 200) throw failure(res, ctx.now(), `${item.filename}: ${kind} status`);
    const status = imageStatus.safeParse(res.data);
    if (status.success && status.data.status === 'AVAILABLE') return;
    if (status.success && status.data.status === 'PROCESSING_FAILED')
      throw permanent('media_rejected', `${item.filename}: LinkedIn could not process this ${kind}`);
  }
  const seconds = Math.max(1, Math.round((Date.now() - started) / 1000));
  throw permanent(
    'media_processing_timeout',
    `${item.filename}: LinkedIn was still processing the ${kind} after ${seconds} s (${polls} checks); the post was not sent — publish it again once LinkedIn has processed the file, or use a smaller one`
  );
}

/**
 * One image or one PDF (Images and Documents APIs, learn.microsoft.com/linkedin/marketing/community-management/
 * shares/documents-api): registered for the page, uploaded in one PUT, then polled until AVAILABLE. The two APIs
 * differ only in their path, the URN's field and how long to wait (documents take longer than images: LinkedIn
 * renders every page, as a video's status is polled).
 */
const FILE_KINDS = {
  image: { path: 'images', contentType: (item: MediaItem) => item.mime, waits: () => POLL_WAITS },
  document: { path: 'documents', contentType: () => 'application/octet-stream', waits: () => VIDEO_POLL_WAITS },
} as const;

async function uploadFile(ctx: AdapterContext, owner: string, item: MediaItem, kind: keyof typeof FILE_KINDS): Promise<string> {
  const { path, contentType, waits } = FILE_KINDS[kind];
  const init = await authorized(ctx, `${item.filename}: ${kind} registration`, () =>
    call(ctx, `${apiBase(ctx)}/rest/${path}?action=initializeUpload`, {
      method: 'POST',
      purpose: 'media',
      headers: auth(ctx, { 'content-type': 'application/json' }),
      body: JSON.stringify({ initializeUploadRequest: { owner } }),
    })
  );
  if (init.status !== 200) throw failure(init, ctx.now(), `${item.filename}: ${kind} registration`);
  const parsed = initialized.safeParse(init.data);
  const urn = parsed.success ? parsed.data.value[kind] : undefined;
  if (!parsed.success || !urn?.startsWith(`urn:li:${kind}:`))
    throw permanent('unexpected_answer', `${item.filename}: LinkedIn registered the ${kind} without an upload address`);
  const put = await authorized(ctx, `${item.filename}: ${kind} upload`, () =>
    call(ctx, parsed.data.value.uploadUrl, {
      method: 'PUT',
      purpose: 'media',
      headers: { authorization: `Bearer ${ctx.secrets.accessToken}`, 'content-type': contentType(item) },
      body: item.bytes,
    })
  );
  if (put.status !== 200 && put.status !== 201) throw failure(put, ctx.now(), `${item.filename}: ${kind} upload`);
  await awaitAvailable(ctx, item, kind, `${apiBase(ctx)}/rest/${path}/${encodeURIComponent(urn)}`, waits());
  return urn;
}

const videoInitialized = lazySchema(() =>
  z.object({
    value: z.object({
      video: z.string().startsWith('urn:li:video:'),
      uploadToken: z.string().optional().default(''),
      uploadInstructions: z
        .array(z.object({ uploadUrl: z.string().url(), firstByte: z.number().int().min(0), lastByte: z.number().int().min(0) }))
        .min(1),
    }),
  })
);
/** Videos take longer than images: polled for about 90 s, within the publishing lease. */
const VIDEO_POLL_WAITS = [500, 1000, 2000, 3000, ...Array.from({ length: 17 }, () => 5000)];

/**
 * One video (Videos API): registered with its size; each part LinkedIn asks
 * for PUT as told (first to last byte), its ETag kept; the upload finalized
 * with the ETags in order; then polled until AVAILABLE.
 */
async function uploadVideo(ctx: AdapterContext, owner: string, item: MediaItem): Promise<string> {
  const init = await authorized(ctx, `${item.filename}: video registration`, () =>
    call(ctx, `${apiBase(ctx)}/rest/videos?action=initializeUpload`, {
      method: 'POST',
      purpose: 'media',
      headers: auth(ctx, { 'content-type': 'application/json' }),
      body: JSON.stringify({
        initializeUploadRequest: { owner, fileSizeBytes: item.bytes.length, uploadCaptions: false, uploadThumbnail: false },
      }),
    })
  );
  if (init.status !== 200) throw failure(init, ctx.now(), `${item.filename}: video registration`);
  const parsed = videoInitialized.safeParse(init.data);
  if (!parsed.success) throw permanent('unexpected_answer', `${item.filename}: LinkedIn registered the video without upload instructions`);
  const { video, uploadToken, uploadInstructions } = parsed.data.value;
  const etags: string[] = [];
  for (const part of uploadInstructions) {
    if (part.lastByte < part.firstByte || part.lastByte >= item.bytes.length)
      throw permanent('unexpected_answer', `${item.filename}: LinkedIn asked for bytes outside the file`);
    const put = await authorized(ctx, `${item.filename}: video upload`, () =>
      call(ctx, part.uploadUrl, {
        method: 'PUT',
        purpose: 'media',
        headers: { authorization: `Bearer ${ctx.secrets.accessToken}`, 'content-type': 'application/octet-stream' },
        body: item.bytes.subarray(part.firstByte, part.lastByte + 1),
      })
    );
    if (put.status !== 200 && put.status !== 201) throw failure(put, ctx.now(), `${item.filename}: video upload`);
    const etag = put.headers.etag;
    if (typeof etag !== 'string' || !etag) throw permanent('unexpected_answer', `${item.filename}: LinkedIn took a part without an ETag`);
    etags.push(etag);
  }
  const done = await authorized(ctx, `${item.filename}: video finalization`, () =>
    call(ctx, `${apiBase(ctx)}/rest/videos?action=finalizeUpload`, {
      method: 'POST',
      purpose: 'media',
      headers: auth(ctx, { 'content-type': 'application/json' }),
      body: JSON.stringify({ finalizeUploadRequest: { video, uploadToken, uploadedPartIds: etags } }),
    })
  );
  if (done.status !== 200 && done.status !== 201) throw failure(done, ctx.now(), `${item.filename}: video finalization`);
  await awaitAvailable(ctx, item, 'video', `${apiBase(ctx)}/rest/videos/${encodeURIComponent(video)}`, VIDEO_POLL_WAITS);
  return video;
}

/** A document's title: its alt text when there is one (what it is about), else its file name without the extension. */
export const documentTitle = (item: Pick<MediaItem, 'alt' | 'filename'>) =>
  (item.alt.trim() || item.filename.replace(/\.[a-z0-9]{1,5}$/i, '') || 'Document').slice(0, DOCUMENT_TITLE_MAX);

function mediaContent(images: Array<{ id: string; alt: string; title?: string }>) {
  // Alternative text is an image's; a video is posted by its id alone.
  const withAlt = (img: { id: string; alt: string }) => ({
    id: img.id,
    ...(img.alt.trim() && img.id.startsWith('urn:li:image:') ? { altText: img.alt.trim().slice(0, ALT_MAX) } : {}),
  });
  if (images.length === 0) return {};
  // A document carousel: `content.media` with the document's id and its (required) title.
  if (images[0].id.startsWith('urn:li:document:')) return { content: { media: { id: images[0].id, title: images[0].title } } };
  if (images.length === 1) return { content: { media: withAlt(images[0]) } };
  return { content: { multiImage: { images: images.map(withAlt) } } };
}

const listed = lazySchema(() =>
  z.object({
    elements: z.array(
      z.object({
        id: z.string(),
        commentary: z.string().optional(),
        createdAt: z.number().optional(),
        publishedAt: z.number().optional(),
        lifecycleState: z.string().optional(),
      })
    ),
  })
);

/**
 * The page's latest posts are read after an unknown outcome, a page of
 * `RECENT` at a time (`start`, `count`: Rest.li paging), until the list
 * reaches back before the attempt (with the clock skew allowed) or ends, at
 * most `MAX_PAGES` pages. One page of 20 was not enough: when a busy page made
 * more than 20 posts since the attempt began (ten crashes while 75 posts went
 * out, in the reliability suite), every lookup said "cannot tell" and the
 * posts waited for a person although LinkedIn could answer.
 */
const RECENT = 50;
const MAX_PAGES = 6;

export const publish: PublishPort = {
  async validate(_ctx, content) {
    await loadTwitterText();
    const result = lint({ text: content.text, network: profile.id });
    const problem = result.findings.find((f) => f.code === 'too_long' || f.code === 'empty');
    if (problem && !(problem.code === 'empty' && content.media.length)) throw permanent(problem.code, problem.message);
    if (content.media.length > profile.media.max)
      throw permanent('too_many_media', `LinkedIn takes at most ${profile.media.max} images in a post`);
    for (const item of content.media) {
      if (!IMAGE_TYPES.includes(item.mime) && !VIDEO_TYPES.includes(item.mime) && !DOCUMENT_TYPES.includes(item.mime))
        throw permanent(
          'media_kind_unsupported',
          `${item.filename}: LinkedIn posts take JPEG, PNG or GIF images, an MP4 video or a PDF document (${item.mime})`
        );
    }
    if (content.media.some((item) => VIDEO_TYPES.includes(item.mime)) && content.media.length > 1)
      throw permanent('video_not_alone', 'A LinkedIn post takes one video, alone');
    if (content.media.some((item) => DOCUMENT_TYPES.includes(item.mime)) && content.media.length > 1)
      throw permanent('document_not_alone', 'A LinkedIn post takes one PDF document, alone');
  },

  async publish(ctx, content) {
    const owner = author(ctx);
    const images: Array<{ id: string; alt: string; title?: string }> = [];
    for (const item of content.media) {
      if (DOCUMENT_TYPES.includes(item.mime)) {
        if (item.bytes.length > DOCUMENT_MAX_BYTES)
          throw permanent('media_too_large', `${item.filename}: LinkedIn takes documents up to 100 MB`);
        images.push({ id: await uploadFile(ctx, owner, item, 'document'), alt: '', title: documentTitle(item) });
        continue;
      }
      const id = VIDEO_TYPES.includes(item.mime) ? await uploadVideo(ctx, owner, item) : await uploadFile(ctx, owner, item, 'image');
      images.push({ id, alt: item.alt });
    }
    // After the uploads, which can be long: an attempt whose lease ran out stops before the post (no idempotency key).
    await ctx.steps?.fence?.();
    const res = await authorized(ctx, 'post', () =>
      call(ctx, `${apiBase(ctx)}/rest/posts`, {
        method: 'POST',
        purpose: 'publish',
        headers: auth(ctx, { 'content-type': 'application/json' }),
        body: JSON.stringify({
          author: owner,
          commentary: littleText(content.text),
          visibility: 'PUBLIC',
          distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
          ...mediaContent(images),
          lifecycleState: 'PUBLISHED',
          isReshareDisabledByAuthor: false,
        }),
      })
    );
    if (res.status !== 201) throw failure(res, ctx.now(), 'post');
    const urn = restliId(res.headers);
    // Created, but nameless: the post exists; looking it up finds it rather than sending a second one.
    if (!urn) throw unknownOutcome('unexpected_answer', 'LinkedIn created the post without naming it (no x-restli-id)');
    return { externalId: urn, url: permalink(urn) };
  },

  /** The first comment, as the page, under the post (Comments API, `socialActions/{urn}/comments`). */
  async reply(ctx, parent, text): Promise<PublishResult> {
    const actor = author(ctx);
    const res = await authorized(ctx, 'first comment', () =>
      call(ctx, `${apiBase(ctx)}/rest/socialActions/${encodeURIComponent(parent.externalId)}/comments`, {
        method: 'POST',
        purpose: 'publish',
        headers: auth(ctx, { 'content-type': 'application/json' }),
        body: JSON.stringify({ actor, object: parent.externalId, message: { text } }),
      })
    );
    if (res.status !== 201 && res.status !== 200) throw failure(res, ctx.now(), 'first comment');
    const body = (res.data ?? {}) as { $URN?: unknown; commentUrn?: unknown };
    const id =
      restliId(res.headers) ??
      (typeof body.commentUrn === 'string' ? body.commentUrn : null) ??
      (typeof body.$URN === 'string' ? body.$URN : null);
    if (!id) throw unknownOutcome('unexpected_answer', 'LinkedIn created the comment without naming it');
    return {
      externalId: id,
      url: `${permalink(parent.externalId)}?commentUrn=${encodeURIComponent(id)}`,
      ref: { parent: parent.externalId },
    };
  },

  /**
   * The page's latest posts (`GET /rest/posts?q=author`, newest first),
   * compared by text with ours. Not finding it is `absent` only when the list
   * reaches back before the attempt began: an older post at its end, or fewer
   * posts than asked for.
   */
  async findExisting(ctx, content, _attemptId, since) {
    const owner = author(ctx);
    const wanted = plainText(littleText(content.text));
    const window = since - 5 * 60_000;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await authorized(ctx, 'recent posts', () =>
        call(
          ctx,
          `${apiBase(ctx)}/rest/posts?author=${encodeURIComponent(owner)}&q=author&start=${page * RECENT}&count=${RECENT}&sortBy=CREATED`,
          { headers: auth(ctx, { 'x-restli-method': 'FINDER' }) }
        )
      );
      if (res.status !== 200) throw failure(res, ctx.now(), 'recent posts');
      const parsed = listed.safeParse(res.data);
      if (!parsed.success) return 'cannot_tell';
      for (const post of parsed.data.elements) {
        const created = post.createdAt ?? post.publishedAt ?? Number.NaN;
        if (!Number.isNaN(created) && created < window) continue;
        if (post.lifecycleState && post.lifecycleState !== 'PUBLISHED') continue;
        if (plainText(post.commentary ?? '') === wanted) return { found: { externalId: post.id, url: permalink(post.id) } };
      }
      const oldest = parsed.data.elements.at(-1);
      // The list ended, or its oldest post is older than the attempt: the post is not there.
      if (parsed.data.elements.length < RECENT || (oldest?.createdAt !== undefined && oldest.createdAt < window)) return 'absent';
    }
    return 'cannot_tell';
  },
};
