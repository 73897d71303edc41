import { z } from 'zod';
import type { AdapterContext, CommentsPort, NetworkComment, PublishResult } from '../types';
import { permanent, unknownOutcome } from '../errors';
import { call } from '../http';
import { apiBase, authorized, failure, ORGANIZATION_PREFIX, organizationUrn, permalink, restHeaders, restliId } from './api';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Comments on the page's posts (Community Management > Comments API):
 * LinkedIn lists comments per post (`GET /rest/socialActions/{urn}/comments`),
 * so a pass reads the page's latest posts, then each one's comments newer
 * than the cursor (the newest `created.time` seen, in ms). A reply is a
 * comment on the comment, as the page; the page's own comments are not
 * listed. LinkedIn has no way to hide a comment: there is no `hide`. Each
 * call renews the token once on a 401 where it can (`authorized`).
 */

/** How many of the page's latest posts a pass reads the comments of. */
const RECENT_POSTS = 10;

const post = lazySchema(() => z.object({ id: z.string() }));
const comment = lazySchema(() =>
  z.object({
    id: z.string().optional(),
    commentUrn: z.string().optional(),
    $URN: z.string().optional(),
    actor: z.string(),
    object: z.string().optional(),
    parentComment: z.string().optional(),
    message: z.object({ text: z.string() }).optional(),
    created: z.object({ time: z.number() }).optional(),
  })
);

const auth = (ctx: AdapterContext, extra: Record<string, string> = {}) => restHeaders(ctx.secrets.accessToken, extra);

function page(ctx: AdapterContext): string {
  const stored = ctx.account.settings.organization ?? ctx.account.networkAccountId;
  if (typeof stored === 'string' && stored.startsWith(ORGANIZATION_PREFIX)) return stored;
  if (typeof stored === 'string' && /^\d+$/.test(stored)) return organizationUrn(stored);
  throw permanent('linkedin_no_page', 'This account names no LinkedIn organization page: sign in with LinkedIn again');
}

const commentUrl = (postUrn: string, urn: string) => `${permalink(postUrn)}?commentUrn=${encodeURIComponent(urn)}`;

export const comments: CommentsPort = {
  async listSince(ctx, cursor) {
    const owner = page(ctx);
    const since = cursor && /^\d+$/.test(cursor) ? Number(cursor) : 0;
    const posts = await authorized(ctx, 'recent posts', () =>
      call(ctx, `${apiBase(ctx)}/rest/posts?author=${encodeURIComponent(owner)}&q=author&count=${RECENT_POSTS}&sortBy=CREATED`, {
        headers: auth(ctx, { 'x-restli-method': 'FINDER' }),
      })
    );
    if (posts.status !== 200) throw failure(posts, ctx.now(), 'recent posts');
    const ids = z.object({ elements: z.array(post) }).safeParse(posts.data);
    const found: NetworkComment[] = [];
    let newest = since;
    for (const { id: postUrn } of ids.success ? ids.data.elements : []) {
      const res = await authorized(ctx, 'comments', () =>
        call(ctx, `${apiBase(ctx)}/rest/socialActions/${encodeURIComponent(postUrn)}/comments?start=0&count=100`, { headers: auth(ctx) })
      );
      if (res.status !== 200) throw failure(res, ctx.now(), 'comments');
      const list = z.object({ elements: z.array(z.unknown()) }).safeParse(res.data);
      for (const raw of list.success ? list.data.elements : []) {
        const c = comment.safeParse(raw);
        if (!c.success) continue;
        const urn = c.data.commentUrn ?? c.data.$URN;
        const time = c.data.created?.time ?? 0;
        if (!urn || time <= since || c.data.actor === owner) continue;
        newest = Math.max(newest, time);
        found.push({
          externalId: urn,
          parentId: c.data.parentComment ?? postUrn,
          author: { id: c.data.actor, handle: null, displayName: null, avatarUrl: null },
          text: c.data.message?.text ?? '',
          createdAt: new Date(time).toISOString(),
          url: commentUrl(postUrn, urn),
        });
      }
    }
    return { comments: found, cursor: newest ? String(newest) : cursor };
  },

  /** A comment on the comment, as the page: LinkedIn nests it under the one it answers. */
  async reply(ctx, parent, text): Promise<PublishResult> {
    const actor = page(ctx);
    // A comment's URN names its post: urn:li:comment:(urn:li:activity:1,2).
    const object = /^urn:li:comment:\((urn:li:[a-zA-Z]+:\d+),/.exec(parent.externalId)?.[1] ?? parent.parentId;
    const res = await authorized(ctx, 'reply', () =>
      call(ctx, `${apiBase(ctx)}/rest/socialActions/${encodeURIComponent(parent.externalId)}/comments`, {
        method: 'POST',
        purpose: 'publish',
        headers: auth(ctx, { 'content-type': 'application/json' }),
        body: JSON.stringify({ actor, object, parentComment: parent.externalId, message: { text } }),
      })
    );
    if (res.status !== 201 && res.status !== 200) throw failure(res, ctx.now(), 'reply');
    const id = restliId(res.headers);
    if (!id) throw unknownOutcome('unexpected_answer', 'LinkedIn created the reply without naming it');
    return { externalId: id, url: commentUrl(object, id), ref: { parent: parent.externalId } };
  },

  /** Deletes one of the page's own comments (a reply sent from here). */
  async remove(ctx, target) {
    const actor = page(ctx);
    const match = /^urn:li:comment:\((urn:li:[a-zA-Z]+:\d+),(\d+)\)$/.exec(target.externalId);
    if (!match) throw permanent('unexpected_answer', 'Not a LinkedIn comment');
    const res = await authorized(ctx, 'delete comment', () =>
      call(
        ctx,
        `${apiBase(ctx)}/rest/socialActions/${encodeURIComponent(match[1])}/comments/${match[2]}?actor=${encodeURIComponent(actor)}`,
        { method: 'DELETE', headers: auth(ctx) }
      )
    );
    if (res.status !== 204 && res.status !== 200 && res.status !== 404) throw failure(res, ctx.now(), 'delete comment');
  },
};
