import { z } from 'zod';
import type { AdapterContext, Existing, PostContent, PublishPort, PublishResult } from '../types';
import { lint, loadTwitterText } from '../../../shared/linter';
import { x as profile } from '../../../shared/networks/x';
import { threadParts } from '../../../shared/networks/thread';
import { permanent, unknownOutcome } from '../errors';
import { call } from '../http';
import { apiBase, authorized, bearer, failure } from './api';
import { uploadMedia } from './media';
import { lazySchema } from '../../../shared/core/lazy-schema';

const created = lazySchema(() => z.object({ data: z.object({ id: z.string().regex(/^\d{1,30}$/), text: z.string().optional() }) }));
const timeline = lazySchema(() =>
  z.object({
    data: z
      .array(
        z
          .object({
            id: z.string(),
            text: z.string(),
            created_at: z.string().optional(),
            referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
          })
          .passthrough()
      )
      .optional(),
  })
);
type TimelinePost = NonNullable<z.infer<typeof timeline>['data']>[number];

/** How many of the account's latest posts a reconciliation reads (X's largest page). */
const RECENT = 100;
/** The step key of a thread's part: its index, saved with the part's id once X has it. */
const partKey = (index: number) => `x-thread-part-${index}`;

/** A post found after an unknown outcome counts when it was made this long before the attempt, or later (clock skew). */
const SKEW_MS = 5 * 60_000;

const username = (ctx: AdapterContext) => String(ctx.account.settings.username ?? ctx.account.handle ?? '').replace(/^@/, '');

function resultOf(ctx: AdapterContext, id: string): PublishResult {
  const user = username(ctx);
  return { externalId: id, url: user ? `https://x.com/${encodeURIComponent(user)}/status/${id}` : `https://x.com/i/web/status/${id}` };
}

/** POST /2/tweets: 201 with the post's id. */
async function createPost(ctx: AdapterContext, body: Record<string, unknown>): Promise<PublishResult> {
  // X has no idempotency key: an attempt whose lease ran out (another may be sending this post now) stops here.
  await ctx.steps?.fence?.();
  const res = await authorized(ctx, 'post', () =>
    call(ctx, `${apiBase(ctx)}/2/tweets`, {
      method: 'POST',
      headers: { ...bearer(ctx.secrets.accessToken), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  );
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

/**
 * A thread: the first part with the media, each next part a reply to the one
 * before. Each part's id is saved (`ctx.steps`) as soon as X gives it, before
 * the next call: a later attempt skips the parts already out and goes on
 * from the last one, so no part is ever sent twice. The result is the first
 * part (the thread's link), with the last part in `ref.last` for the first comment.
 */
async function publishThread(ctx: AdapterContext, content: PostContent, parts: string[]): Promise<PublishResult> {
  const done = (await ctx.steps?.load()) ?? {};
  const ids: string[] = [];
  for (const [index, text] of parts.entries()) {
    const saved = done[partKey(index)];
    if (saved && /^\d{1,30}$/.test(saved)) {
      ids.push(saved);
      continue;
    }
    const previous = ids.at(-1);
    const mediaIds = index === 0 ? await uploadMedia(ctx, content.media) : [];
    const posted = await createPost(ctx, {
      text,
      ...(mediaIds.length ? { media: { media_ids: mediaIds } } : {}),
      ...(previous ? { reply: { in_reply_to_tweet_id: previous } } : {}),
    });
    await ctx.steps?.save(partKey(index), posted.externalId);
    ids.push(posted.externalId);
  }
  await ctx.steps?.clear();
  return { ...resultOf(ctx, ids[0]), ref: { last: ids.at(-1)! } };
}

/**
 * After an unknown outcome in a thread: the parts saved are out; each next
 * one is looked for among the account's latest posts (replies included) as a
 * reply to the part before with the same words, and saved when found. All
 * found: the thread is published. A part missing, with the list reaching back
 * to the part it would answer (or fewer posts than asked for): absent — the
 * next attempt sends the rest, from the saved parts on. Else a person decides.
 */
async function findThread(ctx: AdapterContext, userId: string, parts: string[], since: number): Promise<Existing> {
  const res = await authorized(ctx, 'recent posts', () =>
    call(
      ctx,
      `${apiBase(ctx)}/2/users/${encodeURIComponent(userId)}/tweets?max_results=${RECENT}&exclude=retweets&tweet.fields=created_at,referenced_tweets`,
      { headers: bearer(ctx.secrets.accessToken) }
    )
  );
  if (res.status !== 200) throw failure(res, ctx, 'recent posts');
  const parsed = timeline.safeParse(res.data);
  if (!parsed.success) return 'cannot_tell';
  const posts = parsed.data.data ?? [];
  const whole = posts.length < RECENT;
  const repliesTo = (post: TimelinePost) => post.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? null;
  const done = (await ctx.steps?.load()) ?? {};
  const ids: string[] = [];
  for (const [index, text] of parts.entries()) {
    const saved = done[partKey(index)];
    if (saved) {
      ids.push(saved);
      continue;
    }
    const previous = ids.at(-1) ?? null;
    const wanted = comparable(text);
    const match = posts.find((post) => {
      if (comparable(post.text) !== wanted || repliesTo(post) !== previous) return false;
      const at = post.created_at ? Date.parse(post.created_at) : Number.NaN;
      return Number.isNaN(at) || at >= since - SKEW_MS;
    });
    if (match) {
      await ctx.steps?.save(partKey(index), match.id);
      ids.push(match.id);
      continue;
    }
    // Not found: certain only when the list reaches back to the part it would answer (or to the attempt's start).
    const reachesBack = whole || (previous ? posts.some((p) => p.id === previous) : false);
    if (index === 0 && !reachesBack) {
      const oldest = posts.at(-1)?.created_at;
      return oldest && Date.parse(oldest) < since - SKEW_MS ? 'absent' : 'cannot_tell';
    }
    return reachesBack ? 'absent' : 'cannot_tell';
  }
  return { found: { ...resultOf(ctx, ids[0]), ref: { last: ids.at(-1)! } } };
}

export const publish: PublishPort = {
  async validate(_ctx, content) {
    await loadTwitterText();
    const parts = threadParts(content.text);
    if (parts.length > profile.thread.maxParts)
      throw permanent('thread_too_long', `An X thread here takes at most ${profile.thread.maxParts} parts; this one has ${parts.length}`);
    // X's weighted length (twitter-text: CJK and emoji count 2, every link 23), part by part for a thread.
    for (const [index, part] of parts.entries()) {
      const result = lint({ text: part, network: profile.id });
      const problem = result.findings.find((f) => f.code === 'too_long' || f.code === 'empty');
      if (problem && !(problem.code === 'empty' && content.media.length))
        throw permanent(problem.code, parts.length > 1 ? `Part ${index + 1} of the thread: ${problem.message}` : problem.message);
    }
    if (content.firstComment) {
      const reply = lint({ text: content.firstComment, network: profile.id }).findings.find((f) => f.code === 'too_long');
      if (reply) throw permanent('first_comment_too_long', `First comment: ${reply.message}`);
    }
    if (content.media.length > profile.media.max) throw permanent('too_many_media', `X takes ${profile.media.max} images per post`);
    const moving = content.media.filter((m) => m.mime.startsWith('video/') || m.mime === 'image/gif');
    if (moving.length && content.media.length > 1) throw permanent('video_not_alone', 'X takes one video or GIF alone in a post');
  },

  async publish(ctx, content) {
    const parts = threadParts(content.text);
    if (parts.length > 1) return publishThread(ctx, content, parts);
    const mediaIds = await uploadMedia(ctx, content.media);
    return createPost(ctx, { text: content.text, ...(mediaIds.length ? { media: { media_ids: mediaIds } } : {}) });
  },

  /** The first comment: under a thread, after its last part (`ref.last`), so the thread reads in order. */
  reply(ctx, parent, text) {
    return createPost(ctx, { text, reply: { in_reply_to_tweet_id: parent.ref?.last ?? parent.externalId } });
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
    const parts = threadParts(content.text);
    if (parts.length > 1) return findThread(ctx, userId, parts, since);
    const res = await authorized(ctx, 'recent posts', () =>
      call(
        ctx,
        `${apiBase(ctx)}/2/users/${encodeURIComponent(userId)}/tweets?max_results=${RECENT}&exclude=replies,retweets&tweet.fields=created_at`,
        { headers: bearer(ctx.secrets.accessToken) }
      )
    );
    if (res.status !== 200) throw failure(res, ctx, 'recent posts');
    const parsed = timeline.safeParse(res.data);
    if (!parsed.success) return 'cannot_tell';
    const wanted = comparable(content.text);
    const posts = parsed.data.data ?? [];
    let older = false;
    for (const post of posts) {
      if (comparable(post.text) !== wanted) continue;
      const at = post.created_at ? Date.parse(post.created_at) : Number.NaN;
      if (Number.isNaN(at) || at >= since - SKEW_MS) return { found: resultOf(ctx, post.id) };
      older = true;
    }
    if (older) return 'cannot_tell';
    // A full page whose oldest post is still newer than the attempt does not reach back to it: ours may be
    // further down. Saying "absent" there sent it again (a duplicate, unless X refused the text as one).
    const oldest = posts.at(-1)?.created_at;
    const reachesBack = posts.length < RECENT || (oldest !== undefined && Date.parse(oldest) < since - SKEW_MS);
    return reachesBack ? 'absent' : 'cannot_tell';
  },

  async remove(ctx, post) {
    const res = await authorized(ctx, 'delete', () =>
      call(ctx, `${apiBase(ctx)}/2/tweets/${encodeURIComponent(post.externalId)}`, {
        method: 'DELETE',
        headers: bearer(ctx.secrets.accessToken),
      })
    );
    // Already gone is what was asked.
    if (res.status !== 200 && res.status !== 404) throw failure(res, ctx, 'delete');
  },
};
