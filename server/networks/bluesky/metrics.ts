import { z } from 'zod';
import type { AdapterContext, MetricValues, MetricsPort } from '../types';
import { fromStatus, retryAfterFrom } from '../errors';
import { errorMessage } from '../http';
import { authed } from './publish';
import { xrpcUrl } from './session';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Figures from the AppView, reached through the account's PDS (which
 * proxies `app.bsky.*` to it): `app.bsky.feed.getPosts` takes 25 AT URIs a
 * call and answers each post's `likeCount`, `repostCount`, `replyCount` and
 * `quoteCount` (a deleted post is left out); `app.bsky.actor.getProfile`
 * the account's `followersCount`, `followsCount` and `postsCount`. Bluesky
 * gives no impressions.
 */

const BATCH = 25;

const postView = lazySchema(() =>
  z.object({
    uri: z.string(),
    likeCount: z.number().optional(),
    repostCount: z.number().optional(),
    replyCount: z.number().optional(),
    quoteCount: z.number().optional(),
  })
);
const posts = lazySchema(() => z.object({ posts: z.array(z.unknown()) }));
const profile = lazySchema(() =>
  z.object({ followersCount: z.number().optional(), followsCount: z.number().optional(), postsCount: z.number().optional() })
);

function failure(
  res: { status: number; headers: Record<string, string | string[] | undefined>; data: unknown },
  ctx: AdapterContext,
  what: string
) {
  return fromStatus(
    res.status,
    errorMessage(res.data) ?? `${what}: the server answered ${res.status}`,
    retryAfterFrom(res.headers, ctx.now())
  );
}

export const metrics: MetricsPort = {
  async forPosts(ctx, list) {
    const out = new Map<string, MetricValues>();
    const uris = [...new Set(list.map((p) => p.externalId).filter((id) => id.startsWith('at://')))];
    for (let i = 0; i < uris.length; i += BATCH) {
      const query = `?${uris
        .slice(i, i + BATCH)
        .map((uri) => `uris=${encodeURIComponent(uri)}`)
        .join('&')}`;
      const { res } = await authed(ctx, xrpcUrl(ctx.account.instanceUrl, 'app.bsky.feed.getPosts', query), {});
      if (res.status !== 200) throw failure(res, ctx, 'getPosts');
      for (const item of posts.safeParse(res.data).data?.posts ?? []) {
        const view = postView.safeParse(item);
        if (!view.success) continue;
        const v = view.data;
        out.set(v.uri, { likes: v.likeCount, reposts: v.repostCount, replies: v.replyCount, quotes: v.quoteCount });
      }
    }
    return out;
  },

  async forAccount(ctx) {
    const actor = ctx.secrets.did || String(ctx.account.settings.identifier ?? ctx.account.handle ?? '');
    const { res } = await authed(
      ctx,
      xrpcUrl(ctx.account.instanceUrl, 'app.bsky.actor.getProfile', `?actor=${encodeURIComponent(actor)}`),
      {}
    );
    if (res.status !== 200) throw failure(res, ctx, 'getProfile');
    const p = profile.safeParse(res.data);
    const v = p.success ? p.data : {};
    return { followers: v.followersCount, following: v.followsCount, posts: v.postsCount };
  },
};
