import { z } from 'zod';
import type { AdapterContext, MediaItem } from '../types';
import { NetworkError, permanent, retryable } from '../errors';
import { call, multipart, processingDeadline, sleep } from '../http';
import { apiBase, authorized, bearer, failure, xMessage } from './api';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Media upload v2 (docs.x.com, "Media upload, chunked"): initialize with the
 * type, size and category → append the bytes in segments → finalize → poll
 * the status while X processes it → the alt text as media metadata. The media
 * id then goes with the post.
 */

/** Segment size: X takes up to 5 MB per APPEND; 1 MB keeps each call short on a slow line. */
export const SEGMENT_BYTES = 1024 * 1024;
/** Alt text X stores for an image (media metadata `alt_text`). */
export const MAX_ALT_TEXT = 1000;
/**
 * How long processing may take before the post is given up: 60 polls, each at
 * most 10 s apart, and at most 90 s in all (or the attempt's shorter
 * `processingBudgetMs`): the wait must end inside the publishing lease (2 min
 * by default), or a reaper would hand the row back mid-wait and a second
 * attempt would upload the file again.
 */
const MAX_POLLS = 60;
const MAX_POLL_WAIT_MS = 10_000;
const MAX_PROCESSING_MS = 90_000;

const initialized = lazySchema(() => z.object({ data: z.object({ id: z.string().min(1).max(64) }) }));
const processing = lazySchema(() =>
  z
    .object({
      state: z.enum(['pending', 'in_progress', 'succeeded', 'failed']),
      check_after_secs: z.number().nonnegative().optional(),
      error: z.object({ message: z.string().optional() }).passthrough().optional(),
    })
    .passthrough()
);
const finalized = lazySchema(() => z.object({ data: z.object({ id: z.string(), processing_info: processing.optional() }).passthrough() }));

/** X's category for a file: what it processes and how large it may be. */
export function mediaCategory(mime: string): 'tweet_image' | 'tweet_gif' | 'tweet_video' {
  if (mime === 'image/gif') return 'tweet_gif';
  return mime.startsWith('video/') ? 'tweet_video' : 'tweet_image';
}

async function json(ctx: AdapterContext, url: string, body: object) {
  return authorized(ctx, 'media upload', () =>
    call(ctx, url, {
      purpose: 'media',
      method: 'POST',
      headers: { ...bearer(ctx.secrets.accessToken), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  );
}

function refused(res: Awaited<ReturnType<typeof call>>, ctx: AdapterContext, item: MediaItem, step: string) {
  // X read the file and said no (type, size, dimensions): sending it again will not help.
  if (res.status === 400 || res.status === 413) {
    return permanent('media_rejected', `${item.filename}: ${xMessage(res.data) ?? `X refused the file (${step})`}`);
  }
  return failure(res, ctx, `media ${step}`);
}

async function uploadOne(ctx: AdapterContext, item: MediaItem): Promise<string> {
  const base = `${apiBase(ctx)}/2/media/upload`;
  const category = mediaCategory(item.mime);
  const init = await json(ctx, `${base}/initialize`, { media_type: item.mime, total_bytes: item.bytes.length, media_category: category });
  if (init.status !== 200 && init.status !== 201) throw refused(init, ctx, item, 'initialize');
  const id = initialized.safeParse(init.data);
  if (!id.success) throw retryable('unexpected_answer', 'X answered the media initialize without an id');
  const mediaId = id.data.data.id;
  const path = `${base}/${encodeURIComponent(mediaId)}`;

  for (let index = 0, offset = 0; offset < item.bytes.length || index === 0; index++, offset += SEGMENT_BYTES) {
    const form = multipart([
      { name: 'segment_index', value: String(index) },
      {
        name: 'media',
        filename: item.filename,
        mime: 'application/octet-stream',
        bytes: item.bytes.subarray(offset, offset + SEGMENT_BYTES),
      },
    ]);
    const res = await authorized(ctx, 'media append', () =>
      call(ctx, `${path}/append`, {
        purpose: 'media',
        method: 'POST',
        headers: { ...bearer(ctx.secrets.accessToken), 'content-type': form.contentType },
        body: form.body,
      })
    );
    if (res.status < 200 || res.status >= 300) throw refused(res, ctx, item, 'append');
  }

  const fin = await authorized(ctx, 'media finalize', () =>
    call(ctx, `${path}/finalize`, { purpose: 'media', method: 'POST', headers: bearer(ctx.secrets.accessToken) })
  );
  if (fin.status !== 200 && fin.status !== 201) throw refused(fin, ctx, item, 'finalize');
  const done = finalized.safeParse(fin.data);
  if (!done.success) throw retryable('unexpected_answer', 'X answered the media finalize without an id');
  let info = done.data.data.processing_info;
  const started = Date.now();
  const deadline = processingDeadline(ctx, MAX_PROCESSING_MS);
  for (let poll = 0; info && info.state !== 'succeeded'; poll++) {
    if (info.state === 'failed') {
      throw permanent('media_rejected', `${item.filename}: ${info.error?.message ?? 'X could not process the file'}`);
    }
    const wait = Math.min((info.check_after_secs ?? 1) * 1000, MAX_POLL_WAIT_MS);
    if (poll >= MAX_POLLS || Date.now() + wait > deadline) {
      // Failed once with the reason stored, not retried: a file X has not processed in this time is not sent again in a loop.
      const seconds = Math.max(1, Math.round((Date.now() - started) / 1000));
      throw permanent(
        'media_processing_timeout',
        `${item.filename}: X was still processing the file after ${seconds} s (${poll} checks); the post was not sent — publish it again once X has processed it, or use a smaller file`
      );
    }
    await sleep(wait);
    const res = await authorized(ctx, 'media status', () =>
      call(ctx, `${base}?command=STATUS&media_id=${encodeURIComponent(mediaId)}`, {
        purpose: 'media',
        headers: bearer(ctx.secrets.accessToken),
      })
    );
    if (res.status !== 200) throw refused(res, ctx, item, 'status');
    const status = finalized.safeParse(res.data);
    if (!status.success) throw retryable('unexpected_answer', 'X answered the media status without a state');
    info = status.data.data.processing_info;
  }

  const alt = item.alt.trim();
  if (alt && category !== 'tweet_video') {
    const res = await json(ctx, `${apiBase(ctx)}/2/media/metadata`, {
      id: mediaId,
      metadata: { alt_text: { text: alt.slice(0, MAX_ALT_TEXT) } },
    });
    if (res.status !== 200 && res.status !== 201) throw refused(res, ctx, item, 'metadata');
  }
  return mediaId;
}

/**
 * Uploads every file; nothing is posted yet, so a lost answer here is safe to
 * retry (a media id nobody uses expires on its own): an unknown outcome
 * becomes retryable.
 */
export async function uploadMedia(ctx: AdapterContext, media: readonly MediaItem[]): Promise<string[]> {
  const ids: string[] = [];
  try {
    for (const item of media) ids.push(await uploadOne(ctx, item));
  } catch (err) {
    if (err instanceof NetworkError && err.kind === 'unknown') throw retryable(err.code, err.message, err.retryAfterMs);
    throw err;
  }
  return ids;
}
