import { z } from 'zod';
import type { AdapterContext, Existing, MediaRef, PostDraft, PublishResult } from '../types';
import { permanent, retryable, unknownOutcome } from '../errors';
import { processingDeadline, sleep } from '../http';
import { comparable, failure, graphGet, graphPost } from '../meta/graph';
import { publicMediaUrl } from '../meta/containers';
import { graph, pageUrl } from './api';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * One video posted to a page (developers.facebook.com/docs/video-api/guides/publishing,
 * /docs/graph-api/reference/page/videos, /docs/graph-api/reference/video):
 * `POST /{page}/videos` with `file_url` — the site's short-lived signed
 * address of the file, which Facebook fetches itself —, `description` (the
 * post's words) and `published=true` answers `{id}`, the **video's** id; the
 * page's post appears once Facebook has processed the video, and
 * `GET /{video}?fields=status,post_id,permalink_url` tells when:
 * `status.video_status` is `processing`, then `ready` (with the post's id) or
 * `error` (the phase's `errors[].message` says why).
 *
 * Exactly once. Graph takes no idempotency key and the video is published by
 * that one call, so the video's id is saved in the publication's steps
 * (`fb-video`) as soon as it is answered, and an attempt that finds one saved
 * never uploads: it only reads that video's status. A processing longer than
 * the attempt's budget is `retryable` with the steps kept — the next attempt
 * polls the same video. An answer lost on the way (`unknown`) is settled by
 * `findVideo` below, which finds the upload among the page's videos and saves
 * its id for the resend to poll.
 */

export const VIDEO_TYPES = ['video/mp4', 'video/quicktime'];
/** The step holding the uploaded video's id (server/publishing/steps.ts). */
export const VIDEO_STEP = 'fb-video';

export const isVideo = (item: Pick<MediaRef, 'mime'>) => item.mime.toLowerCase().startsWith('video/');

/** Waits between status reads: a short clip is ready in seconds, a long one in minutes. */
const POLL_WAITS_MS = [250, 500, 750, 1000, 1500, 2000, 3000, ...Array.from({ length: 40 }, () => 5000)];
/** The adapter's own bound on one attempt's wait; the attempt's `processingBudgetMs` (inside its lease) shortens it. */
const MAX_PROCESSING_MS = 90_000;
/** How far back a reconciliation reads the page's videos (8 × 25), as for its posts. */
const RECENT = 25;
const MAX_PAGES = 8;
const SKEW_MS = 5 * 60_000;

const phase = () =>
  z
    .object({
      status: z.string().optional(),
      errors: z.array(z.object({ code: z.coerce.number().optional(), message: z.string().max(2000).optional() })).optional(),
    })
    .passthrough()
    .optional();
const videoNode = lazySchema(() =>
  z.object({
    id: z.string().optional(),
    status: z
      .object({ video_status: z.string().optional(), uploading_phase: phase(), processing_phase: phase(), publishing_phase: phase() })
      .passthrough()
      .optional(),
    post_id: z.string().max(200).optional(),
    permalink_url: z.string().max(2048).optional(),
  })
);
const videoList = lazySchema(() =>
  z.object({
    data: z.array(z.object({ id: z.string(), description: z.string().optional(), created_time: z.string().optional() })),
    paging: z.object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() }).optional(),
  })
);
const uploaded = lazySchema(() => z.object({ id: z.string().regex(/^\d{1,40}$/) }));

export type VideoState =
  | { state: 'ready'; post: PublishResult }
  | { state: 'processing'; phase: string }
  | { state: 'error'; detail: string }
  /** Facebook no longer knows the video (deleted from the page) */
  | { state: 'gone' };

/**
 * The page post's id: Graph gives the post as `{page}_{story}`; a bare story id is prefixed with the page, the
 * form the comments and figures read posts by.
 */
const postIdOf = (page: string, postId: string) => (postId.includes('_') ? postId : `${page}_${postId}`);

/** The video's link: Graph answers it as a path on www.facebook.com (`/{page}/videos/{id}/`), or whole. */
function linkOf(permalink: string | undefined): string | null {
  if (!permalink) return null;
  try {
    const url = new URL(permalink, pageUrl(''));
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** What Facebook says of a video: ready (with its post), processing, failed with its words, or gone. */
export async function readVideo(ctx: AdapterContext, page: string, id: string): Promise<VideoState> {
  const res = await graphGet(
    ctx,
    `${graph(ctx)}/${encodeURIComponent(id)}?fields=status,post_id,permalink_url`,
    ctx.secrets.accessToken,
    'publish'
  );
  if (res.status === 404 || (res.status === 400 && /does not exist/i.test(JSON.stringify(res.data)))) return { state: 'gone' };
  if (res.status !== 200) throw failure(res, ctx.now(), 'Facebook video status');
  const parsed = videoNode.safeParse(res.data);
  if (!parsed.success) throw retryable('unexpected_answer', `Facebook answered the status of video ${id} out of shape`);
  const { status, post_id: postId, permalink_url: permalink } = parsed.data;
  const phases = [status?.uploading_phase, status?.processing_phase, status?.publishing_phase];
  const videoStatus = (status?.video_status ?? '').toLowerCase();
  if (
    videoStatus === 'error' ||
    videoStatus === 'upload_failed' ||
    videoStatus === 'expired' ||
    phases.some((p) => p?.status === 'error')
  ) {
    const words = phases.flatMap((p) => p?.errors ?? []).map((e) => e.message?.trim() ?? '');
    return { state: 'error', detail: words.filter(Boolean).join('; ') || videoStatus || 'error' };
  }
  // Ready and posted: the post's id (comments and figures read posts, not videos). Ready before its post exists: still waiting.
  if (videoStatus === 'ready' && postId)
    return { state: 'ready', post: { externalId: postIdOf(page, postId), url: linkOf(permalink) ?? pageUrl(postIdOf(page, postId)) } };
  return { state: 'processing', phase: videoStatus || 'processing' };
}

/**
 * Reads the video until its post exists, within the attempt's processing budget. Failed: `permanent` with Facebook's
 * words, and the steps cleared (nothing went out; a person's retry uploads again). Still processing at the end:
 * `retryable` with the steps kept, so the next attempt reads the same video and never uploads it again.
 */
export async function waitPosted(ctx: AdapterContext, page: string, id: string, filename: string): Promise<PublishResult> {
  const started = Date.now();
  const deadline = processingDeadline(ctx, MAX_PROCESSING_MS);
  let last = 'processing';
  let reads = 0;
  for (const wait of [0, ...POLL_WAITS_MS]) {
    if (wait && Date.now() + wait > deadline) break;
    if (wait) await sleep(wait);
    const video = await readVideo(ctx, page, id);
    reads++;
    if (video.state === 'ready') {
      // The post is out: nothing left to carry on (a later lookup finds it among the page's videos).
      await ctx.steps?.clear();
      return video.post;
    }
    if (video.state === 'error') {
      await ctx.steps?.clear();
      throw permanent('media_rejected', `${filename}: Facebook could not process the video: ${video.detail.slice(0, 300)}`);
    }
    if (video.state === 'gone') {
      await ctx.steps?.clear();
      throw permanent('meta_video_gone', `${filename}: Facebook no longer has the video ${id} (deleted from the page?)`);
    }
    last = video.phase;
  }
  const seconds = Math.max(1, Math.round((Date.now() - started) / 1000));
  throw retryable(
    'video_processing',
    `${filename}: Facebook was still processing the video ${id} after ${seconds} s (${reads} checks, ${last}); the next attempt checks the same video, it is not uploaded again`
  );
}

/**
 * The post's one video: the one an earlier attempt (or a reconciliation) saved, read again; else uploaded once —
 * its id saved right after the answer — then read until its post exists.
 */
export async function publishVideo(ctx: AdapterContext, page: string, item: MediaRef, text: string): Promise<PublishResult> {
  const saved = (await ctx.steps?.load()) ?? {};
  const kept = saved[VIDEO_STEP];
  if (kept) return waitPosted(ctx, page, kept, item.filename);
  // Refused before any call when the site has no public address: Facebook could not fetch the file.
  const fileUrl = publicMediaUrl(ctx, item, item.filename);
  // Still this attempt's to publish (Graph has no idempotency key): an attempt whose lease ran out stops here.
  await ctx.steps?.fence?.();
  // Facebook fetches the file before it answers: the media deadline. Sent and no answer: unknown, looked up by findVideo.
  const res = await graphPost(
    ctx,
    `${graph(ctx)}/${page}/videos`,
    ctx.secrets.accessToken,
    { file_url: fileUrl, description: text, published: 'true' },
    'media'
  );
  if (res.status !== 200) throw failure(res, ctx.now(), `${item.filename}: Facebook video`, { write: true });
  const answered = uploaded.safeParse(res.data);
  if (!answered.success) throw unknownOutcome('unexpected_answer', 'Facebook took the video without naming it');
  const id = answered.data.id;
  await ctx.steps?.save(VIDEO_STEP, id);
  return waitPosted(ctx, page, id, item.filename);
}

/** Our upload among the page's videos (same words, made since the attempt): its id; null when the list shows none; or cannot tell. */
async function findUpload(ctx: AdapterContext, page: string, text: string, since: number): Promise<string | null | 'cannot_tell'> {
  const wanted = comparable(text);
  const window = since - SKEW_MS;
  let after: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const res = await graphGet(
      ctx,
      `${graph(ctx)}/${page}/videos?fields=id,description,created_time&limit=${RECENT}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      ctx.secrets.accessToken
    );
    if (res.status !== 200) throw failure(res, ctx.now(), 'Facebook recent videos');
    const parsed = videoList.safeParse(res.data);
    if (!parsed.success) return 'cannot_tell';
    for (const video of parsed.data.data) {
      const at = video.created_time ? Date.parse(video.created_time) : Number.NaN;
      if (!Number.isNaN(at) && at < window) continue;
      if (comparable(video.description ?? '') === wanted) return video.id;
    }
    const oldest = parsed.data.data.at(-1)?.created_time;
    if (oldest !== undefined && Date.parse(oldest) < window) return null;
    after = parsed.data.paging?.next ? parsed.data.paging.cursors?.after : undefined;
    if (!after) return null;
  }
  return 'cannot_tell';
}

/**
 * After an unknown outcome of a video post. The video is what the upload made, so it is what is looked for: the
 * one saved in the steps, else our upload among the page's videos (`GET /{page}/videos`, which lists a video from
 * its upload on, while the page's posts show it only once processed), compared by its words since the attempt.
 *
 * - Ready with its post: found (the post's id and link).
 * - Processing, failed or gone: `absent`, and this is still exactly once: the video's id is in the steps (saved
 *   here when the list found it), and `publishVideo` never uploads while one is saved — the "resend" only reads
 *   that video's status (ready: published; failed: the post fails with Facebook's words; still processing:
 *   retried later, reading it again). Nothing but this adapter clears the steps. `cannot_tell` (a person's call)
 *   would stop a post that is merely being processed.
 * - Without a steps store to keep the id (a preview), a processing video cannot be handed on: `cannot_tell`.
 * - No upload of ours on the list since the attempt: `absent`, sent again (uploaded once).
 */
export async function findVideo(ctx: AdapterContext, page: string, content: PostDraft, since: number): Promise<Existing> {
  const saved = (await ctx.steps?.load()) ?? {};
  let id = saved[VIDEO_STEP] ?? null;
  if (!id) {
    const found = await findUpload(ctx, page, content.text, since);
    if (found === 'cannot_tell') return 'cannot_tell';
    if (found === null) return 'absent';
    if (!ctx.steps) {
      const video = await readVideo(ctx, page, found);
      return video.state === 'ready' ? { found: video.post } : 'cannot_tell';
    }
    await ctx.steps.save(VIDEO_STEP, found);
    id = found;
  }
  const video = await readVideo(ctx, page, id);
  return video.state === 'ready' ? { found: video.post } : 'absent';
}
