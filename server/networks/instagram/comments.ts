import { z } from 'zod';
import type { AdapterContext, CommentsPort, MentionRef, NetworkComment, PublishResult } from '../types';
import { unknownOutcome } from '../errors';
import { call } from '../http';
import { bearer, createdId, failure, graphGet, graphPost } from '../meta/graph';
import { metaPush } from '../meta/webhook';
import { COMMENT_PAGES, RECENT_POSTS, cursorTracker, readList, recentPosts, timeOf } from '../meta/lists';
import { containerApi, graphOf, userId, viaInstagramLogin } from './api';
import { subscribeInstagramLogin, subscribePage } from '../meta/subscribe';
import { polling } from '../../../shared/accounts/realtime';
import { serverMessage } from '../../../shared/core/messages';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Comments on the account's media (developers.facebook.com/docs/instagram-platform/comment-moderation):
 * a pass reads the latest media, then each one's comments with their
 * replies (the `replies` field), newer than the cursor (the newest
 * `timestamp` seen, in ms). The account's own comments are left out. An
 * answer is `POST /{comment}/replies`; hiding is `POST /{comment}` with
 * `hide` (permission `instagram_manage_comments`); the account deletes only its own.
 */

const INNER = 'id,text,timestamp,username,from,hidden,parent_id';
const FIELDS = `id,text,timestamp,username,from,hidden,replies{${INNER}}`;

const base = {
  id: z.string().regex(/^[\w.:-]{1,200}$/),
  text: z.string().optional(),
  timestamp: z.string().optional(),
  username: z.string().optional(),
  from: z.object({ id: z.string(), username: z.string().optional() }).optional(),
  hidden: z.boolean().optional(),
  parent_id: z.string().optional(),
};
const reply = lazySchema(() => z.object(base));
const comment = lazySchema(() => z.object({ ...base, replies: z.object({ data: z.array(z.unknown()) }).optional() }));
type GraphReply = z.infer<typeof reply>;

export function toComment(c: GraphReply, parent: string, mediaUrl: string | null): NetworkComment {
  const at = timeOf(c.timestamp);
  const username = c.from?.username ?? c.username ?? null;
  return {
    externalId: c.id,
    parentId: c.parent_id ?? parent,
    author: {
      id: c.from?.id ?? username ?? '',
      handle: username ? `@${username}` : null,
      displayName: username,
      avatarUrl: null,
      profileUrl: username ? `https://www.instagram.com/${encodeURIComponent(username)}/` : null,
    },
    text: c.text ?? '',
    createdAt: new Date(Number.isNaN(at) ? 0 : at).toISOString(),
    // Instagram gives comments no address of their own: the post's.
    url: mediaUrl,
    hidden: c.hidden ?? false,
  };
}

/**
 * A webhook delivery (developers.facebook.com/docs/instagram-platform/webhooks):
 * `{object: 'instagram', entry: [{id: <the account>, time, changes: [{field,
 * value}]}]}` (read by `metaPush`). A `comments` change holds the comment
 * itself; a `mentions` change only the ids of the media and of the comment
 * (when the mention is in one), read afterwards with the account's token
 * (`mentioned`).
 */
const pushed = lazySchema(() =>
  z.object({
    id: base.id,
    text: z.string().max(10_000).optional(),
    from: z.object({ id: z.string().max(100), username: z.string().max(100).optional() }),
    media: z.object({ id: z.string().max(200) }),
    parent_id: z.string().max(200).optional(),
  })
);

const mentionIds = lazySchema(() =>
  z.object({
    media_id: z.string().regex(/^\d{1,40}$/),
    comment_id: z
      .string()
      .regex(/^\d{1,40}$/)
      .optional(),
  })
);

const push = metaPush(
  'instagram',
  (change, entry) => {
    const c = change.field === 'comments' ? pushed.safeParse(change.value).data : undefined;
    // The account's own comment (an answer sent from here) is not one to handle, as in the poll.
    if (!c || c.from.id === entry.id) return null;
    const at = new Date(entry.time ? entry.time * 1000 : Date.now()).toISOString();
    // No address of its own, and the media's permalink is not in the delivery: the poll's copy has it.
    return toComment({ ...c, timestamp: at }, c.media.id, null);
  },
  (change) => {
    const ids = change.field === 'mentions' ? mentionIds.safeParse(change.value).data : undefined;
    return ids ? { mediaId: ids.media_id, commentId: ids.comment_id ?? null } : null;
  }
);

const mentionedComment = lazySchema(() =>
  z.object({
    mentioned_comment: z.object({
      id: z.string(),
      text: z.string().optional(),
      timestamp: z.string().optional(),
      media: z.object({ id: z.string(), permalink: z.string().optional() }).optional(),
    }),
  })
);
const mentionedMedia = lazySchema(() =>
  z.object({
    mentioned_media: z.object({
      id: z.string(),
      caption: z.string().optional(),
      timestamp: z.string().optional(),
      username: z.string().optional(),
      permalink: z.string().optional(),
    }),
  })
);

/**
 * A mention, read by its ids (ig-user/mentioned_comment, /mentioned_media):
 * a comment's text and time (Graph does not name the commenter: the author
 * stays unnamed), or a caption with its author. Someone else's media: not
 * ours to hide; an answer goes through `POST /{ig-user}/mentions`.
 */
async function mentioned(ctx: AdapterContext, ref: MentionRef): Promise<NetworkComment | null> {
  const api = containerApi(ctx);
  const owner = userId(ctx);
  const fields = ref.commentId
    ? `mentioned_comment.comment_id(${ref.commentId}){id,text,timestamp,media{id,permalink}}`
    : `mentioned_media.media_id(${ref.mediaId}){id,caption,timestamp,username,permalink}`;
  const res = await graphGet(ctx, `${api.graph}/${owner}?fields=${encodeURIComponent(fields)}`, api.token);
  // Deleted since, or no longer visible to the account: nothing to store (code 100, "Invalid …").
  if (res.status === 400 && (res.data as { error?: { code?: number } } | null)?.error?.code === 100) return null;
  if (res.status !== 200) throw failure(res, ctx.now(), 'Instagram mention');
  if (ref.commentId) {
    const c = mentionedComment.safeParse(res.data).data?.mentioned_comment;
    if (!c) return null;
    return { ...toComment({ id: c.id, text: c.text, timestamp: c.timestamp }, ref.mediaId, c.media?.permalink ?? null), kind: 'mention' };
  }
  const m = mentionedMedia.safeParse(res.data).data?.mentioned_media;
  if (!m) return null;
  return {
    ...toComment({ id: m.id, text: m.caption, timestamp: m.timestamp, username: m.username }, ref.mediaId, m.permalink ?? null),
    kind: 'mention',
  };
}

export const comments: CommentsPort = {
  push,
  mentioned,

  /**
   * "Subscribe again" (../meta/subscribe.ts): an account connected through Facebook Login, the app on its linked
   * page with the page's token; one signed in with Instagram Login, on the account itself
   * (`POST graph.instagram.com/me/subscribed_apps`, its own token).
   */
  async subscribe(ctx) {
    const token = ctx.secrets.accessToken ?? '';
    if (viaInstagramLogin(ctx.account.settings)) return subscribeInstagramLogin(ctx.fetch, graphOf(ctx), token, ctx.now());
    const page = ctx.account.settings.page;
    if (typeof page !== 'string')
      return polling(ctx.now(), serverMessage('realtime_refused', { message: 'this account names no Facebook page: sign in again' }));
    return subscribePage(ctx.fetch, graphOf(ctx), page, token, ctx.now(), 'Instagram page subscription');
  },

  async listSince(ctx, cursor) {
    const api = containerApi(ctx);
    const owner = userId(ctx);
    const own = typeof ctx.account.settings.username === 'string' ? ctx.account.settings.username : ctx.account.handle?.replace(/^@/, '');
    const track = cursorTracker(cursor);
    const media = await recentPosts(
      ctx,
      `${api.graph}/${owner}/media?fields=id,permalink&limit=${RECENT_POSTS}`,
      api.token,
      'Instagram recent media'
    );
    const found: NetworkComment[] = [];
    const take = (c: GraphReply, parent: string, url: string | null) => {
      const at = timeOf(c.timestamp);
      const author = c.from?.username ?? c.username;
      if (!track.isNew(at, c.id)) return;
      track.saw(at, c.id);
      if (c.from?.id !== owner && !(own && author === own)) found.push(toComment(c, parent, url));
    };
    for (const m of media) {
      const list = await readList({
        ctx,
        url: `${api.graph}/${encodeURIComponent(m.id)}/comments?fields=${encodeURIComponent(FIELDS)}&limit=50`,
        token: api.token,
        item: comment,
        what: 'Instagram comments',
        maxPages: COMMENT_PAGES,
      });
      for (const c of list) {
        take(c, m.id, m.permalink ?? null);
        for (const raw of c.replies?.data ?? []) {
          const r = reply.safeParse(raw);
          if (r.success) take(r.data, c.id, m.permalink ?? null);
        }
      }
    }
    return { comments: found, cursor: track.cursor() };
  },

  /** `POST /{comment}/replies`, as the account; a mention in someone else's media: `POST /{ig-user}/mentions`. */
  async reply(ctx, parent, text): Promise<PublishResult> {
    const api = containerApi(ctx);
    const res =
      parent.kind === 'mention'
        ? await graphPost(ctx, `${api.graph}/${userId(ctx)}/mentions`, api.token, {
            media_id: parent.parentId,
            ...(parent.externalId !== parent.parentId ? { comment_id: parent.externalId } : {}),
            message: text,
          })
        : await graphPost(ctx, `${api.graph}/${encodeURIComponent(parent.externalId)}/replies`, api.token, { message: text });
    if (res.status !== 200) throw failure(res, ctx.now(), 'Instagram reply', { write: true });
    const id = createdId(res.data);
    if (!id) throw unknownOutcome('unexpected_answer', 'Instagram created the reply without naming it');
    return { externalId: id, url: parent.url, ref: { parent: parent.externalId } };
  },

  async hide(ctx: AdapterContext, target, hidden) {
    const api = containerApi(ctx);
    const res = await graphPost(ctx, `${api.graph}/${encodeURIComponent(target.externalId)}`, api.token, { hide: String(hidden) });
    if (res.status !== 200) throw failure(res, ctx.now(), 'Instagram hide comment');
  },

  /** Deletes one of the account's own comments (a reply sent from here). */
  async remove(ctx, target) {
    const api = containerApi(ctx);
    const res = await call(ctx, `${api.graph}/${encodeURIComponent(target.externalId)}`, {
      method: 'DELETE',
      headers: bearer(api.token),
    });
    if (res.status !== 200 && res.status !== 404) throw failure(res, ctx.now(), 'Instagram delete comment');
  },
};
