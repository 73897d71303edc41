import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { readPostLabels } from '../planning/labels';
import {
  ACCOUNT_FIGURES,
  POST_FIGURES,
  attainment,
  overallRate,
  periodFigures,
  topAndBottom,
  type PostInput,
} from '../../shared/reports/kpis';
import type { CampaignComparison, CampaignFigures, CampaignQuery } from '../../shared/reports/contract';
import { CHUNK, latestPostSnapshots, selectRows } from './snapshots';
import { postInput, readScope, seriesByAccount } from './figures';

/**
 * Campaigns side by side (docs/reports.md, "Campaigns"): a campaign is the
 * `campaign` a post plan carries (the name the composer offers, and the
 * `utm_campaign` of its links unless the plan names another UTM campaign).
 * Each campaign's figures are those of its published posts in the scope —
 * within the period when one is given, else all of them — each post at its
 * latest snapshot, summed by the KPI table's own formulas, against the
 * line's goals for it (`campaignTargets`: posts, engagements, engagement per
 * post). No follower growth: followers are an account's, not a campaign's.
 */
export async function readCampaigns(strapi: Strapi, query: CampaignQuery, asOf: number): Promise<CampaignComparison> {
  const period = query.from && query.to ? { from: new Date(query.from).toISOString(), to: new Date(query.to).toISOString() } : null;
  const available = (await readPostLabels(strapi)).campaigns;
  if (!query.campaigns.length) return { period, campaigns: [], available, accountNames: {}, asOf: new Date(asOf).toISOString() };

  const { accountRows, targets: lineTargets } = await readScope(strapi, {
    editorialLineId: query.editorialLineId,
    accountIds: query.accountIds,
  });
  const goal = (name: string) => lineTargets.campaigns?.find((t) => t.campaign.toLowerCase() === name.toLowerCase());
  const measured = (actual: number | null, target: number | undefined) =>
    target === undefined ? null : { target, attainment: attainment(actual, target) };
  const accountIds = accountRows.map((a) => String(a.documentId));
  const plans = await selectRows(strapi, UID.postPlan, ['documentId', 'title', 'pillar', 'campaign'], (q, col) =>
    q.whereIn(col('campaign'), query.campaigns)
  );
  const planById = new Map(plans.map((p) => [String(p.documentId), p]));
  const planIds = [...planById.keys()];
  const publications: Row[] = [];
  for (let i = 0; accountIds.length && i < planIds.length; i += CHUNK) {
    publications.push(
      ...(await selectRows(
        strapi,
        UID.publication,
        ['documentId', 'planDocumentId', 'accountDocumentId', 'network', 'publishedMs', 'externalUrl'],
        (q, col) => {
          q.where(col('state'), 'published')
            .whereIn(col('planDocumentId'), planIds.slice(i, i + CHUNK))
            .whereIn(col('accountDocumentId'), accountIds);
          if (period)
            q.andWhere(col('publishedMs'), '>=', Date.parse(period.from)).andWhere(col('publishedMs'), '<', Date.parse(period.to));
        }
      ))
    );
  }
  const latest = await latestPostSnapshots(
    strapi,
    publications.map((p) => String(p.documentId)),
    { select: [...POST_FIGURES, 'takenMs'], takenMsMax: asOf }
  );
  // The followers at posting (the per-follower rate's denominator) of the accounts that posted.
  const posting = [...new Set(publications.map((p) => String(p.accountDocumentId)))];
  const accountSnapshots = posting.length
    ? ((await strapi.db.query(UID.metricSnapshot as never).findMany({
        where: { kind: 'account', accountDocumentId: { $in: posting }, takenMs: { $lte: asOf } },
        select: ['accountDocumentId', 'takenMs', ...ACCOUNT_FIGURES],
      } as never)) as Row[])
    : [];
  const series = seriesByAccount(accountSnapshots);

  const inputs: PostInput[] = publications.map((pub) =>
    postInput(
      pub,
      planById.get(String(pub.planDocumentId)),
      latest.get(String(pub.documentId)),
      series.get(String(pub.accountDocumentId)) ?? []
    )
  );

  const campaigns: CampaignFigures[] = query.campaigns.map((campaign) => {
    const mine = inputs.filter((p) => p.campaign === campaign);
    const times = mine.map((p) => p.publishedAt).sort();
    // The period only frames the posts; without targets or accounts, periodFigures sums the posts alone.
    const f = periodFigures(period ?? { from: times[0] ?? new Date(asOf).toISOString(), to: new Date(asOf).toISOString() }, mine, [], {
      pillars: [],
      frequency: [],
    });
    return {
      campaign,
      firstAt: times[0] ?? null,
      lastAt: times[times.length - 1] ?? null,
      posts: f.posts,
      postsWithFigures: f.postsWithFigures,
      engagements: f.engagements,
      engagementPerPost: f.engagementPerPost,
      engagementRate: overallRate(f.networks),
      networks: f.networks.map((n) => ({ ...n, targetPosts: null })),
      pillars: f.pillars.map((p) => ({ ...p, targetShare: null, targetEngagementPerPost: null })),
      top: topAndBottom(f.postRows, 3).top,
      targets: (() => {
        const t = goal(campaign);
        return t
          ? {
              posts: measured(f.posts, t.posts),
              engagements: measured(f.engagements, t.engagements),
              engagementPerPost: measured(f.engagementPerPost, t.engagementPerPost),
            }
          : null;
      })(),
    };
  });
  const accountNames = Object.fromEntries(accountRows.map((a) => [String(a.documentId), String(a.name)]));
  return { period, campaigns, available, accountNames, asOf: new Date(asOf).toISOString() };
}
