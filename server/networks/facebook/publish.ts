import { z } from 'zod';
import type { AdapterContext, MediaItem, PublishPort, PublishResult } from '../types';
import { lint, loadTwitterText } from '../../../shared/linter';
import { facebook as profile } from '../../../shared/networks/facebook';
import { NetworkError, permanent, retryable, unknownOutcome } from '../errors';
import { call, multipart } from '../http';
import { bearer, comparable, createdId, failure, graphGet, graphPost } from '../meta/graph';
import { graph, pageId } from './api';
import { findVideo, isVideo, publishVideo, VIDEO_TYPES } from './video';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Posting as a page (developers.facebook.com/docs/pages-api/posts): text,
 * with its first link as the post's link; photos uploaded unpublished
 * (`POST /{page}/photos`, `published=false`), then one feed post that
 * attaches them (`attached_media`); or one video alone (`./video.ts`:
 * `POST /{page}/videos`, then its status until its post exists). Facebook
 * takes no idempotency key: after an unknown outcome the page's latest posts
 * (a video's post: the page's videos) are compared with ours.
 */

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
/** Photos' alternative text (`alt_text_custom`). */
const ALT_MAX = 1000;

const firstLink = (text: string) => /https?:\/\/[^\s<>"]+/i.exec(text)?.[0] ?? null;

/** One photo, uploaded unpublished: nothing shows on the page until the feed post attaches it. */
async function uploadPhoto(ctx: AdapterContext, page: string, item: MediaItem): Promise<string> {
  const alt = item.alt.trim();
  const form = multipart([
    { name: 'published', value: 'false' },
    ...(alt ? [{ name: 'alt_text_custom', value: alt.slice(0, ALT_MAX) }] : []),
    { name: 'source', filename: item.filename, mime: item.mime, bytes: item.bytes },
  ]);
  let res;
  try {
    res = await call(ctx, `${graph(ctx)}/${page}/photos`, {
      method: 'POST',
      purpose: 'media',
      headers: { ...bearer(ctx.secrets.accessToken), 'content-type': form.contentType },
      body: form.body,
    });
  } catch (err) {
    // An unpublished photo nobody attaches shows nowhere: a lost answer is safe to retry.
    if (err instanceof NetworkError && err.kind === 'unknown') throw retryable(err.code, err.message, err.retryAfterMs);
    throw err;
  }
  if (res.status !== 200) throw failure(res, ctx.now(), `${item.filename}: photo upload`);
  const id = createdId(res.data);
  if (!id) throw retryable('unexpected_answer', `${item.filename}: Facebook took the photo without naming it`);
  return id;
}

const link = lazySchema(() => z.object({ permalink_url: z.string().optional() }));

async function permalink(ctx: AdapterContext, id: string): Promise<string | null> {
  try {
    const res = await graphGet(ctx, `${graph(ctx)}/${encodeURIComponent(id)}?fields=permalink_url`, ctx.secrets.accessToken);
    return res.status === 200 ? (link.safeParse(res.data).data?.permalink_url ?? null) : null;
  } catch {
    return null;
  }
}

const posts = lazySchema(() =>
  z.object({
    data: z.array(
      z.object({
        id: z.string(),
        message: z.string().optional(),
        created_time: z.string().optional(),
        permalink_url: z.string().optional(),
      })
    ),
    // Graph's cursor paging: `next` only while older posts follow.
    paging: z.object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() }).optional(),
  })
);
const RECENT = 25;
/** How far back a reconciliation reads (8 × 25 posts): a page posting more than that since the attempt is not ours to guess. */
const MAX_PAGES = 8;
const SKEW_MS = 5 * 60_000;

export const publish: PublishPort = {
  async validate(_ctx, content) {
    await loadTwitterText();
    const result = lint({ text: content.text, network: profile.id });
    const problem = result.findings.find((f) => f.code === 'too_long' || f.code === 'empty');
    if (problem && !(problem.code === 'empty' && content.media.length)) throw permanent(problem.code, problem.message);
    for (const item of content.media) {
      if (isVideo(item) ? !VIDEO_TYPES.includes(item.mime.toLowerCase()) : !IMAGE_TYPES.includes(item.mime))
        throw permanent(
          'media_kind_unsupported',
          `${item.filename}: Facebook takes photos (JPEG, PNG, GIF, WebP) and MP4 or MOV videos, not ${item.mime}`
        );
    }
    const videos = content.media.filter(isVideo);
    if (videos.length > 1) throw permanent('media_video_alone', `A Facebook post takes one video; this one has ${videos.length}`);
    if (videos.length && content.media.length > 1)
      throw permanent('media_video_alone', `${videos[0].filename}: a video goes alone in a Facebook post, without photos`);
    if (content.media.length > profile.media.max)
      throw permanent('too_many_media', `A Facebook post takes at most ${profile.media.max} photos`);
  },

  async publish(ctx, content) {
    const page = pageId(ctx);
    // One video alone (validate): its own call, which makes the post once Facebook has processed it.
    if (content.media.length === 1 && isVideo(content.media[0])) return publishVideo(ctx, page, content.media[0], content.text);
    const photos: string[] = [];
    for (const item of content.media) photos.push(await uploadPhoto(ctx, page, item));
    const params: Record<string, string> = { message: content.text };
    photos.forEach((id, i) => (params[`attached_media[${i}]`] = JSON.stringify({ media_fbid: id })));
    const url = photos.length ? null : firstLink(content.text);
    if (url) params.link = url;
    // After the photos' uploads: an attempt whose lease ran out stops before the post (Graph has no idempotency key).
    await ctx.steps?.fence?.();
    const res = await graphPost(ctx, `${graph(ctx)}/${page}/feed`, ctx.secrets.accessToken, params);
    if (res.status !== 200) throw failure(res, ctx.now(), 'Facebook post', { write: true });
    const id = createdId(res.data);
    if (!id) throw unknownOutcome('unexpected_answer', 'Facebook created the post without naming it');
    return { externalId: id, url: await permalink(ctx, id) };
  },

  /** The first comment, as the page: `POST /{post}/comments`. */
  async reply(ctx, parent, text): Promise<PublishResult> {
    const res = await graphPost(ctx, `${graph(ctx)}/${encodeURIComponent(parent.externalId)}/comments`, ctx.secrets.accessToken, {
      message: text,
    });
    if (res.status !== 200) throw failure(res, ctx.now(), 'Facebook comment', { write: true });
    const id = createdId(res.data);
    if (!id) throw unknownOutcome('unexpected_answer', 'Facebook created the comment without naming it');
    return { externalId: id, url: parent.url, ref: { parent: parent.externalId } };
  },

  /**
   * The page's latest posts with the same words, made since the attempt: found; the list reaching back
   * before it (or ending): absent. Paged back by Graph's `after` cursor: many posts due together put
   * newer ones of ours above the one to settle (a page of 25 alone left posts unknown after crashes).
   */
  async findExisting(ctx, content, _attemptId, since) {
    // A video's post is made by Facebook after its processing: the video is what is looked for (video.ts says why).
    if (content.media.length === 1 && isVideo(content.media[0])) return findVideo(ctx, pageId(ctx), content, since);
    const wanted = comparable(content.text);
    const window = since - SKEW_MS;
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await graphGet(
        ctx,
        `${graph(ctx)}/${pageId(ctx)}/posts?fields=id,message,created_time,permalink_url&limit=${RECENT}${
          after ? `&after=${encodeURIComponent(after)}` : ''
        }`,
        ctx.secrets.accessToken
      );
      if (res.status !== 200) throw failure(res, ctx.now(), 'Facebook recent posts');
      const parsed = posts.safeParse(res.data);
      if (!parsed.success) return 'cannot_tell';
      for (const post of parsed.data.data) {
        const at = post.created_time ? Date.parse(post.created_time) : Number.NaN;
        if (!Number.isNaN(at) && at < window) continue;
        if (comparable(post.message ?? '') === wanted) return { found: { externalId: post.id, url: post.permalink_url ?? null } };
      }
      const oldest = parsed.data.data.at(-1)?.created_time;
      if (oldest !== undefined && Date.parse(oldest) < window) return 'absent';
      after = parsed.data.paging?.next ? parsed.data.paging.cursors?.after : undefined;
      // The list ended: every post since the attempt was read.
      if (!after) return 'absent';
    }
    return 'cannot_tell';
  },

  async remove(ctx, post) {
    const res = await call(ctx, `${graph(ctx)}/${encodeURIComponent(post.externalId)}`, {
      method: 'DELETE',
      headers: bearer(ctx.secrets.accessToken),
    });
    if (res.status !== 200 && res.status !== 404) throw failure(res, ctx.now(), 'Facebook delete');
  },
};
