import type { MetricValues, MetricsPort } from '../types';
import { failure, graphGet } from '../meta/graph';
import { parseInsights, readInsights } from '../meta/insights';
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
  async forPosts(ctx, posts) {
    const api = containerApi(ctx);
    const out = new Map<string, MetricValues>();
    for (const id of new Set(posts.map((p) => p.externalId).filter((id) => /^\d{1,30}$/.test(id)))) {
      const found = await readInsights(ctx, `${api.graph}/${id}/insights`, api.token, 'Threads', POST_METRICS);
      if (found) out.set(id, postValues(found));
    }
    return out;
  },

  async forAccount(ctx) {
    const api = containerApi(ctx);
    const res = await graphGet(ctx, `${api.graph}/${api.owner}/threads_insights?metric=followers_count`, api.token);
    if (res.status !== 200) throw failure(res, ctx.now(), 'Threads account figures');
    const followers = parseInsights(res.data).get('followers_count');
    return followers === undefined ? {} : { followers };
  },
};
