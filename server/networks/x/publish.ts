import { z } from 'zod';
import type { AdapterContext, PublishPort, PublishResult } from '../types';
import { lint, loadTwitterText } from '../../../shared/linter';
import { x as profile } from '../../../shared/networks/x';
import { permanent, unknownOutcome } from '../errors';
import { call } from '../http';
import { apiBase, bearer, failure } from './api';
import { uploadMedia } from './media';

const created = z.object({ data: z.object({ id: z.string().regex(/^\d{1,30}$/), text: z.string().optional() }) });
const timeline = z.object({
  data: z.array(z.object({ id: z.string(), text: z.string(), created_at: z.string().optional() }).passthrough()).optional(),
});

/** A post found after an unknown outcome counts when it was made this long before the attempt, or later (clock skew). */
const SKEW_MS = 5 * 60_000;

const username = (ctx: AdapterContext) => String(ctx.account.settings.username ?? ctx.account.handle ?? '').replace(/^@/, '');

function resultOf(ctx: AdapterContext, id: string): PublishResult {
  const user = username(ctx);
  return { externalId: id, url: user ? `https://x.com/${encodeURIComponent(user)}/status/${id}` : `https://x.com/i/web/status/${id}` };
}

/** POST /2/tweets: 201 with the post's id. */
async function createPost(ctx: AdapterContext, body: Record<string, unknown>): Promise<PublishResult> {
  const res = await call(ctx, `${apiBase(ctx)}/2/tweets`, {
    method: 'POST',
    headers: { ...bearer(ctx.secrets.accessToken), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201 && res.status !== 200) throw failure(res, ctx, 'post');
  const parsed = created.safeParse(res.data);
  if (!parsed.success) throw unknownOutcome('unexpected_answer', `X answered ${res.status} without the post's id`);
  return resultOf(ctx, parsed.data.data.id);
}

/**
 * The text as X hands it back, comparable with what was sent: X shortens
 * every link to t.co (and adds one for attached media), and escapes &, < and >.
 */
export function comparable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/https?:\/\/\S+/gi, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export const publish: PublishPort = {
  async validate(_ctx, content) {
    await loadTwitterText();
    // X's weighted length (twitter-text: CJK and emoji count 2, every link 23).
    const result = lint({ text: content.text, network: profile.id });
    const problem = result.findings.find((f) => f.code === 'too_long' || f.code === 'empty');
    if (problem && !(problem.code === 'empty' && content.media.length)) throw permanent(problem.code, problem.message);
    if (content.firstComment) {
      const reply = lint({ text: content.firstComment, network: profile.id }).findings.find((f) => f.code === 'too_long');
      if (reply) throw permanent('first_comment_too_long', `First comment: ${reply.message}`);
    }
    if (content.media.length > profile.media.max) throw permanent('too_many_media', `X takes ${profile.media.max} images per post`);
    const moving = content.media.filter((m) => m.mime.startsWith('video/') || m.mime === 'image/gif');
    if (moving.length && content.media.length > 1) throw permanent('video_not_alone', 'X takes one video or GIF alone in a post');
  },

  async publish(ctx, content) {
    const mediaIds = await uploadMedia(ctx, content.media);
    return createPost(ctx, { text: content.text, ...(mediaIds.length ? { media: { media_ids: mediaIds } } : {}) });
  },

  reply(ctx, parent, text) {
    return createPost(ctx, { text, reply: { in_reply_to_tweet_id: parent.externalId } });
  },

  /**
   * X takes no idempotency key: the account's recent posts (GET
   * /2/users/:id/tweets, replies and reposts left out) are read for the same
   * words. Made since the attempt: found. Not there: absent — safe enough to
   * send again, because X refuses the same text twice in a row (403
   * duplicate content), which comes back here. The same words posted before
   * the attempt: a person decides (X would refuse the resend as a duplicate).
   */
  async findExisting(ctx, content, _attemptId, since) {
    const userId = ctx.account.networkAccountId;
    if (!userId || !/^\d+$/.test(userId)) return 'cannot_tell';
    const res = await call(
      ctx,
      `${apiBase(ctx)}/2/users/${encodeURIComponent(userId)}/tweets?max_results=100&exclude=replies,retweets&tweet.fields=created_at`,
      { headers: bearer(ctx.secrets.accessToken) }
    );
    if (res.status !== 200) throw failure(res, ctx, 'recent posts');
    const parsed = timeline.safeParse(res.data);
    if (!parsed.success) return 'cannot_tell';
    const wanted = comparable(content.text);
    let older = false;
    for (const post of parsed.data.data ?? []) {
      if (comparable(post.text) !== wanted) continue;
      const at = post.created_at ? Date.parse(post.created_at) : Number.NaN;
      if (Number.isNaN(at) || at >= since - SKEW_MS) return { found: resultOf(ctx, post.id) };
      older = true;
    }
    return older ? 'cannot_tell' : 'absent';
  },

  async remove(ctx, post) {
    const res = await call(ctx, `${apiBase(ctx)}/2/tweets/${encodeURIComponent(post.externalId)}`, {
      method: 'DELETE',
      headers: bearer(ctx.secrets.accessToken),
    });
    // Already gone is what was asked.
    if (res.status !== 200 && res.status !== 404) throw failure(res, ctx, 'delete');
  },
};
