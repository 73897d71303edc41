import { z } from 'zod';
import type { MetricValues, MetricsPort } from '../types';
import { call } from '../http';
import { apiBase, authorized, bearer, failure } from './api';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Figures from `public_metrics` (docs.x.com, _Fundamentals > Metrics_): per
 * post, 100 posts a call (`GET /2/tweets?ids=`); for the account, its
 * followers, following and posts (`GET /2/users/me`). The private ones (link
 * clicks) exist only for posts under 30 days and are not read yet. A 401
 * renews the token once where the collector can (`authorized`).
 */

const BATCH = 100;

const postMetrics = lazySchema(() =>
  z.object({
    retweet_count: z.number().optional(),
    reply_count: z.number().optional(),
    like_count: z.number().optional(),
    quote_count: z.number().optional(),
    impression_count: z.number().optional(),
  })
);
const posts = lazySchema(() =>
  z.object({ data: z.array(z.object({ id: z.string(), public_metrics: postMetrics.optional() })).optional() })
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
    const ids = [...new Set(list.map((p) => p.externalId).filter((id) => /^\d+$/.test(id)))];
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const res = await authorized(ctx, 'post metrics', () =>
        call(ctx, `${apiBase(ctx)}/2/tweets?ids=${batch.join(',')}&tweet.fields=public_metrics`, {
          headers: bearer(ctx.secrets.accessToken),
        })
      );
      if (res.status !== 200) throw failure(res, ctx, 'post metrics');
      // Deleted posts are left out of `data` (and listed in `errors`): no figures for them.
      for (const post of posts.safeParse(res.data).data?.data ?? []) {
        const m = post.public_metrics;
        if (!m) continue;
        out.set(post.id, {
          impressions: m.impression_count,
          likes: m.like_count,
          reposts: (m.retweet_count ?? 0) + (m.quote_count ?? 0),
          replies: m.reply_count,
        });
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
