import { z } from 'zod';
import { lazySchema } from '../../../shared/core/lazy-schema';
import type { AdapterContext, PostContent, PublishPort, PublishResult } from '../types';
import { lint, loadTwitterText } from '../../../shared/linter';
import { fromStatus, permanent, retryAfterFrom, unknownOutcome } from '../errors';
import { call, errorMessage, multipart, sleep } from '../http';
import { bearer, instance, instanceBase, instanceUrl } from './api';
import { mastodon as profile } from '../../../shared/networks/mastodon';

const status = lazySchema(() =>
  z.object({
    id: z.string(),
    url: z.string().nullable().optional(),
    uri: z.string().optional(),
    content: z.string().optional(),
    created_at: z.string().optional(),
  })
);
const media = lazySchema(() => z.object({ id: z.string(), url: z.string().nullable().optional() }));
const base = (ctx: AdapterContext) => instanceBase(ctx.account.instanceUrl);
const auth = (ctx: AdapterContext) => bearer(ctx.secrets.accessToken);

/** The instance's own limits, read once per instance and kept for ten minutes. */
const limitsCache = new Map<string, { at: number; maxCharacters: number; maxMedia: number }>();
async function instanceLimits(ctx: AdapterContext) {
  const key = base(ctx);
  const cached = limitsCache.get(key);
  if (cached && ctx.now() - cached.at < 10 * 60_000) return cached;
  // Until the instance says otherwise: the stored limit, else a stock instance's (the profile).
  let maxCharacters: number = ctx.account.limits?.maxCharacters ?? profile.length.limit;
  let maxMedia: number = profile.media.max;
  try {
    const res = await call(ctx, instanceUrl(key), { headers: { accept: 'application/json' } });
    const parsed = instance.safeParse(res.data);
    if (res.status === 200 && parsed.success) {
      maxCharacters = parsed.data.configuration?.statuses?.max_characters ?? maxCharacters;
      maxMedia = parsed.data.configuration?.statuses?.max_media_attachments ?? maxMedia;
    }
  } catch {
    // The stored limit (or Mastodon's default) stands in; the server has the last word anyway.
  }
  const limits = { at: ctx.now(), maxCharacters, maxMedia };
  limitsCache.set(key, limits);
  return limits;
}

function failure(
  res: { status: number; headers: Record<string, string | string[] | undefined>; data: unknown },
  ctx: AdapterContext,
  what: string
) {
  const message = errorMessage(res.data) ?? `${what}: the instance answered ${res.status}`;
  return fromStatus(res.status, message, retryAfterFrom(res.headers, ctx.now()));
}

/** Uploads one attachment with its description; a video is polled until processed. */
async function upload(ctx: AdapterContext, item: PostContent['media'][number]): Promise<string> {
  const form = multipart([
    { name: 'file', filename: item.filename, mime: item.mime, bytes: item.bytes },
    { name: 'description', value: item.alt },
  ]);
  const res = await call(ctx, `${base(ctx)}/api/v2/media`, {
    purpose: 'media',
    method: 'POST',
    headers: { ...auth(ctx), 'content-type': form.contentType },
    body: form.body,
  });
  if (res.status === 422)
    throw permanent('media_rejected', `${item.filename}: ${errorMessage(res.data) ?? 'the instance refused this file'}`);
  if (res.status !== 200 && res.status !== 202) throw failure(res, ctx, 'media upload');
  const uploaded = media.parse(res.data);
  if (res.status === 200) return uploaded.id;
  // 202: still processing; GET answers 206 until the file is ready.
  for (let i = 0; i < 60; i++) {
    await sleep(Math.min(500 * (i + 1), 3000));
    const poll = await call(ctx, `${base(ctx)}/api/v1/media/${encodeURIComponent(uploaded.id)}`, { headers: auth(ctx) });
    if (poll.status === 200) return uploaded.id;
    if (poll.status === 422) throw permanent('media_rejected', `${item.filename}: ${errorMessage(poll.data) ?? 'processing failed'}`);
    if (poll.status !== 206) throw failure(poll, ctx, 'media processing');
  }
  throw permanent('media_processing_timeout', `${item.filename}: the instance did not finish processing the video`);
}

async function postStatus(ctx: AdapterContext, body: Record<string, unknown>, idempotencyKey: string): Promise<PublishResult> {
  const res = await call(ctx, `${base(ctx)}/api/v1/statuses`, {
    method: 'POST',
    headers: { ...auth(ctx), 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw failure(res, ctx, 'status');
  const parsed = status.safeParse(res.data);
  if (!parsed.success) throw unknownOutcome('unexpected_answer', 'The instance answered 200 without a status');
  return { externalId: parsed.data.id, url: parsed.data.url ?? parsed.data.uri ?? null };
}

/** Mastodon's HTML content back to the text we sent, for matching. */
const plain = (html: string) =>
  html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

export const publish: PublishPort = {
  async validate(ctx, content) {
    const limits = await instanceLimits(ctx);
    await loadTwitterText();
    const result = lint({ text: content.text, network: profile.id, limit: limits.maxCharacters });
    const problem = result.findings.find((f) => f.code === 'too_long' || f.code === 'empty');
    if (problem && !(problem.code === 'empty' && content.media.length)) throw permanent(problem.code, problem.message);
    if (content.media.length > limits.maxMedia)
      throw permanent('too_many_media', `This instance takes ${limits.maxMedia} attachments per post`);
  },

  async publish(ctx, content, attemptId) {
    const mediaIds: string[] = [];
    for (const item of content.media) mediaIds.push(await upload(ctx, item));
    return postStatus(ctx, { status: content.text, visibility: 'public', ...(mediaIds.length ? { media_ids: mediaIds } : {}) }, attemptId);
  },

  reply(ctx, parent, text, attemptId) {
    return postStatus(ctx, { status: text, visibility: 'public', in_reply_to_id: parent.externalId }, `${attemptId}:reply`);
  },

  /**
   * Looks for the post among the account's recent statuses. Not finding it is
   * safe to act on: the retry carries the same Idempotency-Key, so an instance
   * that did take the first call hands back that status instead of a second one.
   */
  async findExisting(ctx, content, _attemptId, since) {
    if (!ctx.account.networkAccountId) return 'cannot_tell';
    const res = await call(
      ctx,
      `${base(ctx)}/api/v1/accounts/${encodeURIComponent(ctx.account.networkAccountId)}/statuses?limit=40&exclude_replies=true`,
      { headers: auth(ctx) }
    );
    if (res.status !== 200 || !Array.isArray(res.data)) throw failure(res, ctx, 'recent statuses');
    const wanted = plain(content.text);
    for (const item of res.data) {
      const parsed = status.safeParse(item);
      if (!parsed.success) continue;
      const created = parsed.data.created_at ? Date.parse(parsed.data.created_at) : Number.NaN;
      if (!Number.isNaN(created) && created < since - 5 * 60_000) continue;
      if (plain(parsed.data.content ?? '') === wanted)
        return { found: { externalId: parsed.data.id, url: parsed.data.url ?? parsed.data.uri ?? null } };
    }
    return 'absent';
  },
};
