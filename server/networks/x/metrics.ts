import { z } from 'zod';
import type { AdapterContext, MetricValues, MetricsPort, PublishResult } from '../types';
import { call } from '../http';
import { apiBase, authorized, bearer, failure } from './api';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Figures from `public_metrics` (docs.x.com, _Fundamentals > Metrics_): per
 * post, 100 posts a call (`GET /2/tweets?ids=`); for the account, its
 * followers, following and posts (`GET /2/users/me`). The private ones
 * (`non_public_metrics`: link clicks) X gives only to the post's author, with
 * a user's token (ours: OAuth 2.0 with PKCE), for posts made in the last 30
 * days: asked for those alone, in their own calls. A 401 renews the token once
 * where the collector can (`authorized`).
 */

const BATCH = 100;
/** X gives `non_public_metrics` for 30 days after a post was made; an hour less here, so a clock's drift cannot ask too late. */
const PRIVATE_FOR_MS = 30 * 86_400_000 - 3_600_000;

const postMetrics = lazySchema(() =>
  z.object({
    retweet_count: z.number().optional(),
    reply_count: z.number().optional(),
    like_count: z.number().optional(),
    quote_count: z.number().optional(),
    impression_count: z.number().optional(),
  })
);
const privateMetrics = lazySchema(() => z.object({ url_link_clicks: z.number().optional() }));
const posts = lazySchema(() =>
  z.object({
    data: z
      .array(z.object({ id: z.string(), public_metrics: postMetrics.optional(), non_public_metrics: privateMetrics.optional() }))
      .optional(),
  })
);

/** Whether X still gives a post's private metrics: made less than 30 days ago (its publication time, when known). */
function recent(post: PublishResult, now: number): boolean {
  const at = Date.parse(post.ref?.publishedAt ?? '');
  return Number.isFinite(at) && now - at < PRIVATE_FOR_MS;
}

/** One lookup of up to 100 posts with these fields. */
const lookup = (ctx: AdapterContext, ids: string[], fields: string) =>
  authorized(ctx, 'post metrics', () =>
    call(ctx, `${apiBase(ctx)}/2/tweets?ids=${ids.join(',')}&tweet.fields=${fields}`, { headers: bearer(ctx.secrets.accessToken) })
  );
const me = lazySchema(() =>
  z.object({
    data: z.object({
      public_metrics: z
        .object({ followers_count: z.number().optional(), following_count: z.number().optional(), tweet_count: z.number().optional() })
        .optional(),
    }),
  })
);

export const metrics: MetricsPort = {
  async forPosts(ctx, list) {
    const out = new Map<string, MetricValues>();
    const now = ctx.now();
    const valid = list.filter((p) => /^\d+$/.test(p.externalId));
    const young = new Set(valid.filter((p) => recent(p, now)).map((p) => p.externalId));
    const fresh = [...young];
    const older = [...new Set(valid.map((p) => p.externalId))].filter((id) => !young.has(id));
    for (const [ids, withPrivate] of [
      [fresh, true],
      [older, false],
    ] as const) {
      for (let i = 0; i < ids.length; i += BATCH) {
        const batch = ids.slice(i, i + BATCH);
        let res = await lookup(ctx, batch, withPrivate ? 'public_metrics,non_public_metrics' : 'public_metrics');
        // X refusing the private field for a whole call (an app without that access) must not cost the public figures.
        if (withPrivate && (res.status === 400 || res.status === 403)) res = await lookup(ctx, batch, 'public_metrics');
        if (res.status !== 200) throw failure(res, ctx, 'post metrics');
        // Deleted posts are left out of `data` (and listed in `errors`), as are the private figures X would not give.
        for (const post of posts.safeParse(res.data).data?.data ?? []) {
          const m = post.public_metrics;
          if (!m) continue;
          const clicks = post.non_public_metrics?.url_link_clicks;
          out.set(post.id, {
            impressions: m.impression_count,
            likes: m.like_count,
            reposts: (m.retweet_count ?? 0) + (m.quote_count ?? 0),
            replies: m.reply_count,
            ...(clicks !== undefined ? { clicks } : {}),
          });
        }
      }
    }
    return out;
  },

  async forAccount(ctx) {
    const res = await authorized(ctx, 'account metrics', () =>
      call(ctx, `${apiBase(ctx)}/2/users/me?user.fields=public_metrics`, { headers: bearer(ctx.secrets.accessToken) })
    );
    if (res.status !== 200) throw failure(res, ctx, 'account metrics');
    const m = me.safeParse(res.data).data?.data.public_metrics;
    return { followers: m?.followers_count, following: m?.following_count, posts: m?.tweet_count };
  },
};
