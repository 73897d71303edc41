import { z } from 'zod';
import type { MetricValues, MetricsPort } from '../types';
import { failure, graphGet } from '../meta/graph';
import { insightsForPosts } from '../meta/insights';
import { containerApi } from './api';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Figures (developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights):
 * per media, `GET /{media}/insights?metric=likes,comments,saved,shares,reach,views`
 * (`views` replaced `impressions`, `plays` and `video_views` in 2025; a
 * metric a version refuses is dropped, not the collection); for the account,
 * `GET /{ig}?fields=followers_count,follows_count,media_count`.
 */

export const POST_METRICS = ['likes', 'comments', 'saved', 'shares', 'reach', 'views'] as const;

const account = lazySchema(() =>
  z.object({ followers_count: z.number().optional(), follows_count: z.number().optional(), media_count: z.number().optional() })
);

export function postValues(found: Map<string, number>): MetricValues {
  const pick = (name: string) => found.get(name);
  const out: MetricValues = {};
  const set = (key: keyof MetricValues, value: number | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set('likes', pick('likes'));
  set('replies', pick('comments'));
  set('reposts', pick('shares'));
  set('saves', pick('saved'));
  set('reach', pick('reach'));
  set('views', pick('views'));
  return out;
}

export const metrics: MetricsPort = {
  forPosts: (ctx, posts) => insightsForPosts(ctx, posts, containerApi(ctx), POST_METRICS, postValues),

  async forAccount(ctx) {
    const api = containerApi(ctx);
    const res = await graphGet(ctx, `${api.graph}/${api.owner}?fields=followers_count,follows_count,media_count`, api.token);
    if (res.status !== 200) throw failure(res, ctx.now(), 'Instagram account figures');
    const a = account.safeParse(res.data).data;
    return { followers: a?.followers_count, following: a?.follows_count, posts: a?.media_count };
  },
};
