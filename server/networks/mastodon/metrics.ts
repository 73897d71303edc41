import { z } from 'zod';
import type { AdapterContext, MetricValues, MetricsPort } from '../types';
import { fromStatus, retryAfterFrom } from '../errors';
import { call, errorMessage } from '../http';
import { bearer, instanceBase } from './api';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Figures from the Mastodon API: a status's `favourites_count`,
 * `reblogs_count`, `replies_count` and `quotes_count` (4.4+; absent before),
 * an account's `followers_count`, `following_count` and `statuses_count`
 * (verify_credentials). Mastodon gives no impressions to the author.
 *
 * Batched with `GET /api/v1/statuses?id[]=` (Mastodon 4.3+, at most 20 ids,
 * deleted statuses left out); an instance that does not know the route
 * (404, an older server or another implementation) is asked status by status
 * (`GET /api/v1/statuses/:id`, 404 when deleted), and remembered as such.
 */

const BATCH = 20;

const counts = lazySchema(() =>
  z.object({
    id: z.string(),
    favourites_count: z.number().optional(),
    reblogs_count: z.number().optional(),
    replies_count: z.number().optional(),
    quotes_count: z.number().optional(),
  })
);
const account = lazySchema(() =>
  z.object({
    followers_count: z.number().optional(),
    following_count: z.number().optional(),
    statuses_count: z.number().optional(),
  })
);

/** Instances that answered 404 to the batch route, by origin: one by one from then on. */
const noBatch = new Set<string>();

const values = (s: z.infer<typeof counts>): MetricValues => ({
  likes: s.favourites_count,
  reposts: s.reblogs_count,
  replies: s.replies_count,
  ...(s.quotes_count !== undefined ? { quotes: s.quotes_count } : {}),
});

function failure(
  res: { status: number; headers: Record<string, string | string[] | undefined>; data: unknown },
  ctx: AdapterContext,
  what: string
) {
  return fromStatus(
    res.status,
    errorMessage(res.data) ?? `${what}: the instance answered ${res.status}`,
    retryAfterFrom(res.headers, ctx.now())
  );
}

export const metrics: MetricsPort = {
  async forPosts(ctx, posts) {
    const base = instanceBase(ctx.account.instanceUrl);
    const headers = bearer(ctx.secrets.accessToken);
    const out = new Map<string, MetricValues>();
    const ids = [...new Set(posts.map((p) => p.externalId).filter((id) => /^\d+$/.test(id)))];
    let single = noBatch.has(base) ? ids : [];
    for (let i = 0; !noBatch.has(base) && i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const res = await call(ctx, `${base}/api/v1/statuses?${batch.map((id) => `id[]=${id}`).join('&')}`, { headers });
      if (res.status === 404) {
        noBatch.add(base);
        single = ids.slice(i);
        break;
      }
      if (res.status !== 200 || !Array.isArray(res.data)) throw failure(res, ctx, 'statuses');
      for (const item of res.data) {
        const parsed = counts.safeParse(item);
        if (parsed.success) out.set(parsed.data.id, values(parsed.data));
      }
    }
    for (const id of single) {
      const res = await call(ctx, `${base}/api/v1/statuses/${id}`, { headers });
      // Deleted (or no longer visible to the account): no figures, the caller stops collecting it.
      if (res.status === 404) continue;
      if (res.status !== 200) throw failure(res, ctx, 'status');
      const parsed = counts.safeParse(res.data);
      if (parsed.success) out.set(parsed.data.id, values(parsed.data));
    }
    return out;
  },

  async forAccount(ctx) {
    const res = await call(ctx, `${instanceBase(ctx.account.instanceUrl)}/api/v1/accounts/verify_credentials`, {
      headers: bearer(ctx.secrets.accessToken),
    });
    if (res.status !== 200) throw failure(res, ctx, 'account');
    const parsed = account.safeParse(res.data);
    const a = parsed.success ? parsed.data : {};
    return { followers: a.followers_count, following: a.following_count, posts: a.statuses_count };
  },
};
