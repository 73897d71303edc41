import { z } from 'zod';
import type { AdapterContext, CommentsPort, NetworkComment } from '../types';
import { permanent } from '../errors';
import { call } from '../http';
import { apiBase, authorized, bearer, failure } from './api';
import { publish } from './publish';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Replies and mentions (docs.x.com, _Users > Timelines > GET
 * /2/users/:id/mentions_): every post that mentions the account, replies to
 * its posts included, newer than the cursor (`since_id`, the newest id seen).
 * A reply goes out as a post in reply; hiding a reply is `PUT
 * /2/tweets/:id/hidden` (scope `tweet.moderate.write`), possible only under a
 * conversation the account started.
 *
 * Every call goes through `authorized`: where the inbox can renew the token
 * (an account signed in with OAuth), a 401 renews it once and the call is
 * sent again, once (X made nothing on a 401: a reply is never doubled).
 */

/** Pages of 100 read per pass: X keeps the 800 most recent mentions. */
const MAX_PAGES = 8;

const user = lazySchema(() =>
  z.object({ id: z.string(), username: z.string(), name: z.string().optional(), profile_image_url: z.string().optional() })
);
const mention = lazySchema(() =>
  z.object({
    id: z.string(),
    text: z.string(),
    author_id: z.string().optional(),
    created_at: z.string().optional(),
    conversation_id: z.string().optional(),
    referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
  })
);
const page = lazySchema(() =>
  z.object({
    data: z.array(mention).optional(),
    includes: z.object({ users: z.array(user).optional() }).optional(),
    meta: z.object({ newest_id: z.string().optional(), next_token: z.string().optional() }).optional(),
  })
);

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function toComment(m: z.infer<typeof mention>, users: Map<string, z.infer<typeof user>>): NetworkComment {
  const author = users.get(m.author_id ?? '');
  return {
    externalId: m.id,
    parentId: m.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? m.conversation_id ?? m.id,
    author: {
      id: m.author_id ?? '',
      handle: author ? `@${author.username}` : null,
      displayName: author?.name ?? null,
      avatarUrl: author?.profile_image_url ?? null,
    },
    text: unescape(m.text),
    createdAt: m.created_at ?? new Date(0).toISOString(),
    url: author ? `https://x.com/${encodeURIComponent(author.username)}/status/${m.id}` : `https://x.com/i/web/status/${m.id}`,
  };
}

export const comments: CommentsPort = {
  async listSince(ctx: AdapterContext, cursor) {
    const userId = ctx.account.networkAccountId;
    if (!userId || !/^\d+$/.test(userId)) throw permanent('account_unknown', 'The X account’s id is not known yet: check the connection');
    const found: NetworkComment[] = [];
    let newest = cursor;
    let token: string | undefined;
    for (let i = 0; i < MAX_PAGES; i++) {
      const query = new URLSearchParams({
        max_results: '100',
        'tweet.fields': 'created_at,author_id,conversation_id,referenced_tweets',
        expansions: 'author_id',
        'user.fields': 'username,name,profile_image_url',
      });
      if (cursor && /^\d+$/.test(cursor)) query.set('since_id', cursor);
      if (token) query.set('pagination_token', token);
      const res = await authorized(ctx, 'mentions', () =>
        call(ctx, `${apiBase(ctx)}/2/users/${encodeURIComponent(userId)}/mentions?${query}`, { headers: bearer(ctx.secrets.accessToken) })
      );
      if (res.status !== 200) throw failure(res, ctx, 'mentions');
      const parsed = page.safeParse(res.data);
      if (!parsed.success) break;
      const users = new Map((parsed.data.includes?.users ?? []).map((u) => [u.id, u]));
      found.push(...(parsed.data.data ?? []).map((m) => toComment(m, users)));
      // The first page is the newest: its newest id is where the next pass starts.
      if (i === 0 && parsed.data.meta?.newest_id) newest = parsed.data.meta.newest_id;
      token = parsed.data.meta?.next_token;
      if (!token) break;
    }
    return { comments: found, cursor: newest };
  },

  reply(ctx, comment, text, attemptId) {
    return publish.reply!(ctx, { externalId: comment.externalId, url: comment.url }, text, attemptId);
  },

  async hide(ctx, comment, hidden) {
    const res = await authorized(ctx, 'hide reply', () =>
      call(ctx, `${apiBase(ctx)}/2/tweets/${encodeURIComponent(comment.externalId)}/hidden`, {
        method: 'PUT',
        headers: { ...bearer(ctx.secrets.accessToken), 'content-type': 'application/json' },
        body: JSON.stringify({ hidden }),
      })
    );
    if (res.status !== 200) throw failure(res, ctx, 'hide reply');
  },
};
