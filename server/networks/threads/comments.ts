import { z } from 'zod';
import type { AdapterContext, CommentsPort, NetworkComment } from '../types';
import { failure, graphPost } from '../meta/graph';
import { COMMENT_PAGES, RECENT_POSTS, cursorTracker, readList, recentPosts, timeOf } from '../meta/lists';
import { containerApi, profileUrl } from './api';
import { publish } from './publish';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Replies to the account's posts (developers.facebook.com/docs/threads/reply-management):
 * a pass reads the latest posts, then each one's top-level replies (`GET
 * /{media}/replies`, newest first), newer than the cursor (the newest
 * `timestamp` seen, in ms); the account's own (`is_reply_owned_by_me`) are
 * left out. An answer is a reply post (a container with `reply_to_id`,
 * published once); hiding is `POST /{reply}/manage_reply` with `hide`
 * (permission `threads_manage_replies`). Replies deeper than the first level
 * are not read.
 */

const FIELDS = 'id,text,username,timestamp,permalink,hide_status,replied_to,is_reply_owned_by_me';

const replyItem = lazySchema(() =>
  z.object({
    id: z.string().regex(/^[\w.:-]{1,200}$/),
    text: z.string().optional(),
    username: z.string().optional(),
    timestamp: z.string().optional(),
    permalink: z.string().optional(),
    hide_status: z.string().optional(),
    replied_to: z.object({ id: z.string() }).optional(),
    is_reply_owned_by_me: z.boolean().optional(),
  })
);
type ThreadsReply = z.infer<typeof replyItem>;

export function toComment(r: ThreadsReply, post: string): NetworkComment {
  const at = timeOf(r.timestamp);
  return {
    externalId: r.id,
    parentId: r.replied_to?.id ?? post,
    author: {
      id: r.username ?? '',
      handle: r.username ? `@${r.username}` : null,
      displayName: r.username ?? null,
      avatarUrl: null,
      profileUrl: r.username ? profileUrl(r.username) : null,
    },
    text: r.text ?? '',
    createdAt: new Date(Number.isNaN(at) ? 0 : at).toISOString(),
    url: r.permalink ?? null,
    hidden: r.hide_status === 'HIDDEN' || r.hide_status === 'COVERED',
  };
}

export const comments: CommentsPort = {
  async listSince(ctx, cursor) {
    const api = containerApi(ctx);
    const track = cursorTracker(cursor);
    const posts = await recentPosts(
      ctx,
      `${api.graph}/${api.owner}/threads?fields=id,permalink&limit=${RECENT_POSTS}`,
      api.token,
      'Threads recent posts'
    );
    const found: NetworkComment[] = [];
    for (const post of posts) {
      const list = await readList({
        ctx,
        url: `${api.graph}/${encodeURIComponent(post.id)}/replies?fields=${encodeURIComponent(FIELDS)}&reverse=true&limit=50`,
        token: api.token,
        item: replyItem,
        what: 'Threads replies',
        maxPages: COMMENT_PAGES,
        enough: (r) => timeOf(r.timestamp) < track.since,
      });
      for (const r of list) {
        const at = timeOf(r.timestamp);
        if (!track.isNew(at, r.id)) continue;
        track.saw(at, r.id);
        if (!r.is_reply_owned_by_me) found.push(toComment(r, post.id));
      }
    }
    return { comments: found, cursor: track.cursor() };
  },

  /** A reply post under the reply, through its own container, published once. */
  reply(ctx, parent, text, attemptId) {
    return publish.reply!(ctx, { externalId: parent.externalId, url: parent.url }, text, attemptId);
  },

  async hide(ctx: AdapterContext, target, hidden) {
    const api = containerApi(ctx);
    const res = await graphPost(ctx, `${api.graph}/${encodeURIComponent(target.externalId)}/manage_reply`, api.token, {
      hide: String(hidden),
    });
    if (res.status !== 200) throw failure(res, ctx.now(), 'Threads hide reply');
  },
};
