import { z } from 'zod';
import type { AdapterContext, MetricValues, MetricsPort } from '../types';
import { failure, graphError, graphGet } from '../meta/graph';
import { isMissing } from '../meta/insights';
import { graph, pageId } from './api';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Figures of a page's posts (developers.facebook.com/docs/graph-api/reference/post):
 * reactions, comments and shares as field summaries, 50 posts a call
 * (`GET /?ids=a,b&fields=reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares`).
 * One id that no longer exists fails that whole call (803): the batch is then
 * read post by post, and a deleted post is left out. For the page, its
 * followers (`followers_count`, else `fan_count`).
 */

const BATCH = 50;
const FIELDS = 'reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares';

const summary = lazySchema(() => z.object({ summary: z.object({ total_count: z.number().optional() }).optional() }).optional());
const post = lazySchema(() =>
  z.object({ id: z.string(), reactions: summary, comments: summary, shares: z.object({ count: z.number().optional() }).optional() })
);
const page = lazySchema(() => z.object({ followers_count: z.number().optional(), fan_count: z.number().optional() }));

/** A post's figures; no `shares` field means none. */
export function postValues(raw: unknown): MetricValues | null {
  const parsed = post.safeParse(raw);
  if (!parsed.success) return null;
  const p = parsed.data;
  const out: MetricValues = { reposts: p.shares?.count ?? 0 };
  if (p.reactions?.summary?.total_count !== undefined) out.likes = p.reactions.summary.total_count;
  if (p.comments?.summary?.total_count !== undefined) out.replies = p.comments.summary.total_count;
  return out;
}

async function onePost(ctx: AdapterContext, id: string): Promise<MetricValues | null> {
  const res = await graphGet(ctx, `${graph(ctx)}/${encodeURIComponent(id)}?fields=${FIELDS}`, ctx.secrets.accessToken);
  if (res.status === 200) return postValues(res.data);
  if (isMissing(res.status, res.data)) return null;
  throw failure(res, ctx.now(), 'Facebook post figures');
}

export const metrics: MetricsPort = {
  async forPosts(ctx, posts) {
    const out = new Map<string, MetricValues>();
    const ids = [...new Set(posts.map((p) => p.externalId).filter((id) => /^[\d_]{1,80}$/.test(id)))];
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const res = await graphGet(ctx, `${graph(ctx)}/?ids=${batch.join(',')}&fields=${FIELDS}`, ctx.secrets.accessToken);
      if (res.status === 200 && res.data && typeof res.data === 'object') {
        for (const id of batch) {
          const values = postValues((res.data as Record<string, unknown>)[id]);
          if (values) out.set(id, values);
        }
        continue;
      }
      // 803: one of them is gone; read them one by one to tell which.
      if (graphError(res.data)?.code !== 803) throw failure(res, ctx.now(), 'Facebook post figures');
      for (const id of batch) {
        const values = await onePost(ctx, id);
        if (values) out.set(id, values);
      }
    }
    return out;
  },

  async forAccount(ctx) {
    const res = await graphGet(ctx, `${graph(ctx)}/${pageId(ctx)}?fields=followers_count,fan_count`, ctx.secrets.accessToken);
    if (res.status !== 200) throw failure(res, ctx.now(), 'Facebook page figures');
    const p = page.safeParse(res.data).data;
    const followers = p?.followers_count ?? p?.fan_count;
    return followers === undefined ? {} : { followers };
  },
};
