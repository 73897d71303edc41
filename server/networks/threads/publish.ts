import type { AdapterContext, Existing, MediaRef, PostContent, PostDraft, PublishPort, PublishResult } from '../types';
import { z } from 'zod';
import { threadParts } from '../../../shared/networks/thread';
import { lazySchema } from '../../../shared/core/lazy-schema';
import { comparable, failure, graphGet } from '../meta/graph';
import { lint, loadTwitterText } from '../../../shared/linter';
import { threads as profile } from '../../../shared/networks/threads';
import { permanent } from '../errors';
import {
  AHEAD_MS,
  buildCarousel,
  createContainer,
  fingerprint,
  findPublished,
  findRecent,
  permalink,
  prepareAhead,
  statusOf,
  publicMediaUrl,
  publishOnce,
  type ContainerApi,
} from '../meta/containers';
import { containerApi } from './api';

/**
 * Threads posts (developers.facebook.com/docs/threads/posts): text, one
 * image or video, or a carousel of 2 to 20; each a container, processed,
 * then `threads_publish`. A thread's next parts and the first comment are
 * replies (`reply_to_id`), through the same flow.
 */

const IMAGE_TYPES = ['image/jpeg', 'image/png'];
const VIDEO_TYPES = ['video/mp4', 'video/quicktime'];
const ALT_MAX = 1000;
const isVideo = (item: { mime: string }) => VIDEO_TYPES.includes(item.mime);

function itemParams(ctx: AdapterContext, item: MediaRef, child: boolean): Record<string, string> {
  const url = publicMediaUrl(ctx, item, item.filename);
  const alt = item.alt.trim();
  return {
    ...(isVideo(item) ? { media_type: 'VIDEO', video_url: url } : { media_type: 'IMAGE', image_url: url }),
    ...(alt ? { alt_text: alt.slice(0, ALT_MAX) } : {}),
    ...(child ? { is_carousel_item: 'true' } : {}),
  };
}

async function build(api: ContainerApi, ctx: AdapterContext, text: string, media: readonly MediaRef[]): Promise<string> {
  if (!media.length) return createContainer(api, { media_type: 'TEXT', text });
  if (media.length === 1) return createContainer(api, { ...itemParams(ctx, media[0], false), text });
  return buildCarousel(
    api,
    media.map((item) => itemParams(ctx, item, true)),
    { text }
  );
}

/** What the post's container is made from: a container of another version (edited since) is not reused. */
const made = (content: PostDraft) => fingerprint([content.text, content.media.map((item) => [item.url, item.alt])]);

/** How many of the account's latest replies a whole thread's lookup reads: a thread's parts and more. */
const RECENT_REPLIES = 100;
/** A thread's part once out (its id), and the container of a next part before it is. */
const partKey = (index: number) => `threads-part-${index}`;
const partContainer = (index: number) => `threads-part-${index}-container`;
/** The container a part is published from: the post's own for the first (made ahead of the instant), its own after. */
const containerKey = (index: number) => (index === 0 ? 'container' : partContainer(index));
/** Threads lists an account's replies apart from its posts (`GET /{user}/replies`): a next part is looked for there. */
const repliesOf = (api: ContainerApi): ContainerApi => ({ ...api, edge: 'replies' });

/**
 * A thread: the first part with the media (its container made ahead of the
 * instant, as for a single post), each next part a TEXT reply to the one
 * before. Each part's id is saved before the next part's container is made,
 * and each container before its publish, so a later attempt goes on from the
 * last part out and never publishes a part twice; they are cleared once the
 * thread is whole. The result is the first part (the thread's link), the
 * last in `ref.last` for the first comment.
 */
async function publishThread(ctx: AdapterContext, content: PostContent, parts: string[]): Promise<PublishResult> {
  const api = containerApi(ctx);
  const done = (await ctx.steps?.load()) ?? {};
  const ids: string[] = [];
  let url: string | null = null;
  for (const [index, text] of parts.entries()) {
    const saved = done[partKey(index)];
    if (saved) {
      ids.push(saved);
      continue;
    }
    const previous = ids.at(-1);
    const result = previous
      ? await publishOnce(
          api,
          text,
          () => createContainer(api, { media_type: 'TEXT', text, reply_to_id: previous }),
          fingerprint([text, previous]),
          containerKey(index),
          { keepSteps: true, lookup: repliesOf(api) }
        )
      : await publishOnce(api, text, () => build(api, ctx, text, content.media), made(content), 'container', { keepSteps: true });
    await ctx.steps?.save(partKey(index), result.externalId);
    if (index === 0) url = result.url;
    ids.push(result.externalId);
  }
  // Whole: nothing left to carry on; a lookup finds the chain among the latest posts and replies.
  await ctx.steps?.clear();
  return { externalId: ids[0], url: url ?? (await permalink(api, ids[0])), ref: { last: ids.at(-1)! } };
}

const repliesList = lazySchema(() =>
  z.object({
    data: z.array(z.object({ id: z.string(), text: z.string().optional(), replied_to: z.object({ id: z.string() }).optional() })),
  })
);

/** The last of `parts` found as a chain of the account's replies under `firstId`, each answering the one before; null when broken. */
async function lastOfChain(api: ContainerApi, firstId: string, parts: string[]): Promise<string | null> {
  const res = await graphGet(
    api.ctx,
    `${api.graph}/${encodeURIComponent(api.owner)}/replies?fields=id,text,timestamp,replied_to&limit=${RECENT_REPLIES}`,
    api.token
  );
  if (res.status !== 200) throw failure(res, api.ctx.now(), 'Threads replies');
  const replies = repliesList.safeParse(res.data).data?.data ?? [];
  let previous = firstId;
  for (const text of parts) {
    const next = replies.find((r) => r.replied_to?.id === previous && comparable(r.text ?? '') === comparable(text));
    if (!next) return null;
    previous = next.id;
  }
  return previous;
}

/**
 * After an unknown outcome in a thread: the parts saved are out. The next
 * one's kept container tells the rest: PUBLISHED, it is looked up (among the
 * posts for the first part, the replies after) and saved; processed or
 * processing, it was not published and a resend publishes it; no container
 * kept, that part was never sent. All out: the thread is published.
 */
async function findThread(ctx: AdapterContext, parts: string[], since: number): Promise<Existing> {
  const api = containerApi(ctx);
  const saved = (await ctx.steps?.load()) ?? {};
  // Nothing kept: the thread never started, or it is whole (its steps are cleared only after the last part). The
  // latest posts tell whether the first part is out; the account's replies then give the chain to its last part.
  if (!Object.keys(saved).length) {
    const first = await findRecent(api, parts[0], since);
    if (typeof first !== 'object') return first;
    const last = await lastOfChain(api, first.found.externalId, parts.slice(1));
    return last ? { found: { ...first.found, ref: { last } } } : 'cannot_tell';
  }
  const ids: string[] = [];
  for (const [index, text] of parts.entries()) {
    const out = saved[partKey(index)];
    if (out) {
      ids.push(out);
      continue;
    }
    // No container kept: the part was never published (its container is saved before its publish).
    const container = saved[containerKey(index)];
    if (!container) return 'absent';
    const { status } = await statusOf(api, container);
    if (status === 'FINISHED' || status === 'IN_PROGRESS') return 'absent';
    // Published: ours, the newest with these words; another state (expired, unknown): the latest since the attempt tell.
    const found = await findRecent(index === 0 ? api : repliesOf(api), text, status === 'PUBLISHED' ? 0 : since);
    if (typeof found !== 'object') return status === 'PUBLISHED' ? 'cannot_tell' : found;
    await ctx.steps?.save(partKey(index), found.found.externalId);
    ids.push(found.found.externalId);
  }
  return { found: { externalId: ids[0], url: await permalink(api, ids[0]), ref: { last: ids.at(-1)! } } };
}

export const publish: PublishPort = {
  async validate(_ctx, content) {
    await loadTwitterText();
    const parts = threadParts(content.text);
    if (parts.length > profile.thread.maxParts)
      throw permanent(
        'thread_too_long',
        `A Threads thread here takes at most ${profile.thread.maxParts} parts; this one has ${parts.length}`
      );
    // 500 characters, part by part for a thread.
    for (const [index, part] of parts.entries()) {
      const problem = lint({ text: part, network: profile.id }).findings.find((f) => f.code === 'too_long' || f.code === 'empty');
      if (problem && !(problem.code === 'empty' && content.media.length))
        throw permanent(problem.code, parts.length > 1 ? `Part ${index + 1} of the thread: ${problem.message}` : problem.message);
    }
    if (content.media.length > profile.media.max)
      throw permanent('too_many_media', `A Threads carousel takes at most ${profile.media.max} items`);
    for (const item of content.media) {
      if (!IMAGE_TYPES.includes(item.mime) && !isVideo(item))
        throw permanent(
          'media_kind_unsupported',
          `${item.filename}: Threads takes JPEG or PNG images and MP4 or MOV videos (${item.mime})`
        );
    }
    if (content.firstComment && [...content.firstComment].length > profile.length.limit)
      throw permanent('first_comment_too_long', `First comment: at most ${profile.length.limit} characters`);
  },

  /** The container made and processing before the due time, so that at the instant only `threads_publish` is left. */
  ahead: {
    ms: AHEAD_MS,
    async prepare(ctx, content) {
      const api = containerApi(ctx);
      for (const item of content.media) publicMediaUrl(ctx, item, item.filename);
      // A thread's first part, with the media: the next parts answer it once it is out.
      const parts = threadParts(content.text);
      await prepareAhead(api, () => build(api, ctx, parts.length > 1 ? parts[0] : content.text, content.media), made(content));
    },
  },

  async publish(ctx, content) {
    const api = containerApi(ctx);
    for (const item of content.media) publicMediaUrl(ctx, item, item.filename);
    const parts = threadParts(content.text);
    if (parts.length > 1) return publishThread(ctx, content, parts);
    return publishOnce(api, content.text, () => build(api, ctx, content.text, content.media), made(content));
  },

  /** The first comment: a text reply to the post (under a thread, to its last part), its own container, published once. */
  async reply(ctx, parent, text) {
    const api = containerApi(ctx);
    const to = parent.ref?.last ?? parent.externalId;
    const result = await publishOnce(
      api,
      text,
      () => createContainer(api, { media_type: 'TEXT', text, reply_to_id: to }),
      fingerprint([text, to]),
      'reply',
      { lookup: repliesOf(api) }
    );
    return { ...result, ref: { parent: to } };
  },

  findExisting(ctx, content, _attemptId, since) {
    const parts = threadParts(content.text);
    if (parts.length > 1) return findThread(ctx, parts, since);
    return findPublished(containerApi(ctx), content, since);
  },
};
