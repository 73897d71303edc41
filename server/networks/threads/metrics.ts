import type { MetricValues, MetricsPort } from '../types';
import { failure, graphGet } from '../meta/graph';
import { insightsForPosts, parseInsights } from '../meta/insights';
import { containerApi } from './api';

/**
 * Figures (developers.facebook.com/docs/threads/insights): per post, `GET
 * /{media}/insights?metric=views,likes,replies,reposts,quotes`; for the
 * account, `GET /{user}/threads_insights?metric=followers_count` (its
 * `total_value`). Permission `threads_manage_insights`.
 */

export const POST_METRICS = ['views', 'likes', 'replies', 'reposts', 'quotes'] as const;

export function postValues(found: Map<string, number>): MetricValues {
  const out: MetricValues = {};
  for (const name of POST_METRICS) {
    const value = found.get(name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

export const metrics: MetricsPort = {
  forPosts: (ctx, posts) => insightsForPosts(ctx, posts, containerApi(ctx), POST_METRICS, postValues),

  async forAccount(ctx) {
    const api = containerApi(ctx);
    const res = await graphGet(ctx, `${api.graph}/${api.owner}/threads_insights?metric=followers_count`, api.token);
    if (res.status !== 200) throw failure(res, ctx.now(), 'Threads account figures');
    const followers = parseInsights(res.data).get('followers_count');
    return followers === undefined ? {} : { followers };
  },
};
