import { z } from 'zod';
import type { AdapterContext, CommentsPort, NetworkComment, PublishResult } from '../types';
import { unknownOutcome } from '../errors';
import { call } from '../http';
import { bearer, createdId, failure, graphPost } from '../meta/graph';
import { metaPush } from '../meta/webhook';
import { COMMENT_PAGES, RECENT_POSTS, cursorTracker, readList, recentPosts, timeOf } from '../meta/lists';
import { graph, pageId } from './api';
import { subscribePage } from '../meta/subscribe';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Comments on the page's posts (developers.facebook.com/docs/graph-api/reference/object/comments):
 * a pass reads the page's latest posts, then each one's comments and their
 * answers (`filter=stream`), newest first (`order=reverse_chronological`),
 * down to the cursor (the newest `created_time` seen, in ms). The page's
 * own comments are left out. An answer is a comment on the comment; hiding
 * is `POST /{comment}` with `is_hidden` (permission `pages_manage_engagement`);
 * the page deletes only its own. New comments are also pushed by the page's
 * `feed` webhook (below); the poll stays the catch-up.
 */

const FIELDS = 'id,message,created_time,from{id,name},permalink_url,is_hidden,parent{id}';

/** Graph's ids of posts and comments (`{page}_{story}`, `{story}_{comment}`). */
const ID = /^[\w.:-]{1,200}$/;

const comment = lazySchema(() =>
  z.object({
    id: z.string().regex(ID),
    message: z.string().optional(),
    created_time: z.string().optional(),
    from: z.object({ id: z.string(), name: z.string().optional() }).optional(),
    permalink_url: z.string().optional(),
    is_hidden: z.boolean().optional(),
    parent: z.object({ id: z.string() }).optional(),
  })
);
type GraphComment = z.infer<typeof comment>;

export function toComment(c: GraphComment, post: string): NetworkComment {
  const at = timeOf(c.created_time);
  return {
    externalId: c.id,
    parentId: c.parent?.id ?? post,
    author: { id: c.from?.id ?? '', handle: null, displayName: c.from?.name ?? null, avatarUrl: null },
    text: c.message ?? '',
    createdAt: new Date(Number.isNaN(at) ? 0 : at).toISOString(),
    url: c.permalink_url ?? null,
    hidden: c.is_hidden ?? false,
  };
}

/** The page's own comment (an answer sent from here): not one for the inbox to handle, read or pushed. */
const byPage = (c: GraphComment, page: string) => c.from?.id === page;

/**
 * The page's `feed` webhook (developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed):
 * `{object: 'page', entry: [{id: <the page>, time, changes: [{field: 'feed',
 * value}]}]}` (read by `metaPush`), one change per thing that happened on the
 * page's feed, named by `item` (`comment`, `reaction`, `status`, `share`…)
 * and `verb` (`add`, `edited`, `remove`, `hide`…). A new comment holds the
 * comment itself (`created_time` in seconds, `parent_id` the post for a
 * comment on it, the comment answered for an answer) and is stored as the
 * poll stores it. Everything else is acknowledged, not stored: the inbox
 * stores an item once and never rewrites it (the poll does not either), so
 * an edit, a removal or a hiding done on Facebook leaves it as it was read.
 */
const feedComment = lazySchema(() =>
  z.object({
    item: z.literal('comment'),
    verb: z.literal('add'),
    comment_id: z.string().regex(ID),
    post_id: z.string().regex(ID),
    parent_id: z.string().regex(ID).optional(),
    message: z.string().max(10_000).optional(),
    created_time: z.number().int().nonnegative().optional(),
    // Absent when the app lacks pages_read_user_content: kept without an author, as the poll keeps it.
    from: z.object({ id: z.string().max(100), name: z.string().max(200).optional() }).optional(),
  })
);

const push = metaPush('page', (change, entry) => {
  const v = change.field === 'feed' ? feedComment.safeParse(change.value).data : undefined;
  if (!v) return null;
  const seconds = v.created_time ?? entry.time ?? Date.now() / 1000;
  // The comment as Graph reads it (`toComment`'s input): the answer names its comment in `parent`, a comment on the post none.
  const c: GraphComment = {
    id: v.comment_id,
    message: v.message,
    created_time: new Date(seconds * 1000).toISOString(),
    from: v.from,
    parent: v.parent_id && v.parent_id !== v.post_id ? { id: v.parent_id } : undefined,
  };
  // No address: the delivery carries no permalink_url (the poll's copy of a comment already stored is not written).
  return byPage(c, entry.id) ? null : toComment(c, v.post_id);
});

export const comments: CommentsPort = {
  push,

  /** "Subscribe again": the app on the page's `feed` field, with the page token (./subscribe.ts). */
  subscribe: (ctx) => subscribePage(ctx.fetch, graph(ctx), pageId(ctx), ctx.secrets.accessToken ?? '', ctx.now()),

  async listSince(ctx, cursor) {
    const page = pageId(ctx);
    const token = ctx.secrets.accessToken;
    const track = cursorTracker(cursor);
    const posts = await recentPosts(ctx, `${graph(ctx)}/${page}/posts?fields=id&limit=${RECENT_POSTS}`, token, 'Facebook recent posts');
    const found: NetworkComment[] = [];
    for (const post of posts) {
      const url = `${graph(ctx)}/${encodeURIComponent(post.id)}/comments?filter=stream&order=reverse_chronological&fields=${encodeURIComponent(FIELDS)}&limit=100`;
      const list = await readList({
        ctx,
        url,
        token,
        item: comment,
        what: 'Facebook comments',
        maxPages: COMMENT_PAGES,
        enough: (c) => timeOf(c.created_time) < track.since,
      });
      for (const c of list) {
        const at = timeOf(c.created_time);
        if (!track.isNew(at, c.id)) continue;
        track.saw(at, c.id);
        if (!byPage(c, page)) found.push(toComment(c, post.id));
      }
    }
    return { comments: found, cursor: track.cursor() };
  },

  /** A comment on the comment, as the page. */
  async reply(ctx, parent, text): Promise<PublishResult> {
    const res = await graphPost(ctx, `${graph(ctx)}/${encodeURIComponent(parent.externalId)}/comments`, ctx.secrets.accessToken, {
      message: text,
    });
    if (res.status !== 200) throw failure(res, ctx.now(), 'Facebook reply', { write: true });
    const id = createdId(res.data);
    if (!id) throw unknownOutcome('unexpected_answer', 'Facebook created the reply without naming it');
    return { externalId: id, url: parent.url, ref: { parent: parent.externalId } };
  },

  async hide(ctx: AdapterContext, target, hidden) {
    const res = await graphPost(ctx, `${graph(ctx)}/${encodeURIComponent(target.externalId)}`, ctx.secrets.accessToken, {
      is_hidden: String(hidden),
    });
    if (res.status !== 200) throw failure(res, ctx.now(), 'Facebook hide comment');
  },

  /** Deletes one of the page's own comments (a reply sent from here). */
  async remove(ctx, target) {
    const res = await call(ctx, `${graph(ctx)}/${encodeURIComponent(target.externalId)}`, {
      method: 'DELETE',
      headers: bearer(ctx.secrets.accessToken),
    });
    if (res.status !== 200 && res.status !== 404) throw failure(res, ctx.now(), 'Facebook delete comment');
  },
};
