import { z } from 'zod';
import type { AdapterContext, MetricValues, MetricsPort } from '../types';
import { permanent } from '../errors';
import { call } from '../http';
import { apiBase, authorized, failure, ORGANIZATION_PREFIX, organizationUrn, restHeaders } from './api';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Organic statistics (Community Management > Organizations): per post from
 * `organizationalEntityShareStatistics` (lifetime, rolling 12 months, organic
 * only), batched with Rest.li lists of share and ugcPost URNs; for the page,
 * its followers (`networkSizes`, COMPANY_FOLLOWED_BY_MEMBER) and the
 * aggregate of its shares. A 401 renews the token once where it can
 * (`authorized`: a partner app's refresh token).
 */

/** URNs per statistics call. */
const BATCH = 20;

const stats = lazySchema(() =>
  z
    .object({
      impressionCount: z.number(),
      uniqueImpressionsCount: z.number(),
      clickCount: z.number(),
      likeCount: z.number(),
      commentCount: z.number(),
      shareCount: z.number(),
    })
    .partial()
);
const element = lazySchema(() => z.object({ share: z.string().optional(), ugcPost: z.string().optional(), totalShareStatistics: stats }));
const elements = lazySchema(() => z.object({ elements: z.array(element) }));

function page(ctx: AdapterContext): string {
  const stored = ctx.account.settings.organization ?? ctx.account.networkAccountId;
  if (typeof stored === 'string' && stored.startsWith(ORGANIZATION_PREFIX)) return stored;
  if (typeof stored === 'string' && /^\d+$/.test(stored)) return organizationUrn(stored);
  throw permanent('linkedin_no_page', 'This account names no LinkedIn organization page: sign in with LinkedIn again');
}

const values = (s: z.infer<typeof stats>): MetricValues => ({
  ...(s.impressionCount !== undefined ? { impressions: s.impressionCount } : {}),
  ...(s.uniqueImpressionsCount !== undefined ? { reach: s.uniqueImpressionsCount } : {}),
  ...(s.clickCount !== undefined ? { clicks: s.clickCount } : {}),
  ...(s.likeCount !== undefined ? { likes: s.likeCount } : {}),
  ...(s.commentCount !== undefined ? { replies: s.commentCount } : {}),
  ...(s.shareCount !== undefined ? { reposts: s.shareCount } : {}),
});

/** Rest.li 2.0 list syntax: `List(a,b)` with each URN encoded. */
const list = (urns: readonly string[]) => `List(${urns.map(encodeURIComponent).join(',')})`;

async function shareStatistics(ctx: AdapterContext, extra: string) {
  const url = `${apiBase(ctx)}/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${encodeURIComponent(page(ctx))}${extra}`;
  const res = await authorized(ctx, 'share statistics', () => call(ctx, url, { headers: restHeaders(ctx.secrets.accessToken) }));
  if (res.status !== 200) throw failure(res, ctx.now(), 'share statistics');
  const parsed = elements.safeParse(res.data);
  return parsed.success ? parsed.data.elements : [];
}

export const metrics: MetricsPort = {
  async forPosts(ctx, posts) {
    const out = new Map<string, MetricValues>();
    const shares = posts.map((p) => p.externalId).filter((id) => id.startsWith('urn:li:share:'));
    const ugcPosts = posts.map((p) => p.externalId).filter((id) => id.startsWith('urn:li:ugcPost:'));
    for (const [param, urns] of [
      ['shares', shares],
      ['ugcPosts', ugcPosts],
    ] as const) {
      for (let i = 0; i < urns.length; i += BATCH) {
        for (const e of await shareStatistics(ctx, `&${param}=${list(urns.slice(i, i + BATCH))}`)) {
          const id = e.share ?? e.ugcPost;
          if (id) out.set(id, values(e.totalShareStatistics));
        }
      }
    }
    return out;
  },

  async forAccount(ctx) {
    const res = await authorized(ctx, 'followers', () =>
      call(ctx, `${apiBase(ctx)}/rest/networkSizes/${encodeURIComponent(page(ctx))}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`, {
        headers: restHeaders(ctx.secrets.accessToken),
      })
    );
    if (res.status !== 200) throw failure(res, ctx.now(), 'followers');
    const size = z.object({ firstDegreeSize: z.number() }).safeParse(res.data);
    const [total] = await shareStatistics(ctx, '');
    return { ...(total ? values(total.totalShareStatistics) : {}), ...(size.success ? { followers: size.data.firstDegreeSize } : {}) };
  },
};
