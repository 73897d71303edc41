import type { CampaignComparison, CampaignTable, Dashboard, ReportTable } from './contract';
import { KPIS, type NetworkRow, type PillarRow, type PostRow } from './kpis';
import type { CsvCell } from './csv';

const round1 = (v: number) => Math.round(v * 10) / 10;
const minutes = (ms: number | null) => (ms === null ? null : round1(ms / 60_000));

/** The columns of a per-network, per-pillar and per-post row: the same in a report's tables and a campaign comparison's. */
const NETWORK_HEADER = [
  'network',
  'posts',
  'target_posts',
  'engagements',
  'engagement_rate_pct',
  'rate_basis',
  'rate_numerator',
  'rate_denominator',
  'target_rate_pct',
];
const networkCells = (n: NetworkRow): CsvCell[] => [
  n.network,
  n.posts,
  n.targetPosts,
  n.engagements,
  n.rate.value,
  n.rate.basis,
  n.rate.numerator,
  n.rate.denominator,
  n.targetRate,
];
const PILLAR_HEADER = [
  'pillar',
  'posts',
  'share_pct',
  'target_share_pct',
  'engagements',
  'engagement_per_post',
  'target_engagement_per_post',
];
const pillarCells = (p: PillarRow): CsvCell[] => [
  p.pillar,
  p.posts,
  p.share,
  p.targetShare,
  p.engagements,
  p.engagementPerPost,
  p.targetEngagementPerPost,
];
export const POST_HEADER = [
  'published_at',
  'title',
  'account',
  'network',
  'pillar',
  'campaign',
  'engagements',
  'likes',
  'reposts',
  'replies',
  'quotes',
  'impressions',
  'clicks',
  'views',
  'reach',
  'saves',
  'url',
];
const postCells = (p: PostRow, accountNames: Record<string, string>): CsvCell[] => [
  p.publishedAt,
  p.title,
  accountNames[p.accountId] ?? p.accountId,
  p.network,
  p.pillar,
  p.campaign,
  p.engagements,
  p.figures?.likes,
  p.figures?.reposts,
  p.figures?.replies,
  p.figures?.quotes,
  p.figures?.impressions,
  p.figures?.clicks,
  p.figures?.views,
  p.figures?.reach,
  p.figures?.saves,
  p.url,
];

/**
 * Every table of a dashboard or a report as rows, for the CSV export (and
 * any other flat view): one definition, so the export holds what the page
 * shows. Headers are English column names, stable for spreadsheets.
 */
export function tableRows(d: Dashboard, table: ReportTable): { header: string[]; rows: CsvCell[][] } {
  const c = d.current;
  switch (table) {
    case 'kpis': {
      // With both comparisons, the year-ago value and change follow the previous period's (the same row order).
      const yearAgo = d.yearAgo ? new Map(d.yearAgo.kpis.map((k) => [k.id, k])) : null;
      return {
        header: [
          'kpi',
          'value',
          'previous',
          'change_pct',
          ...(yearAgo ? ['year_ago', 'year_ago_change_pct'] : []),
          'target',
          'attainment_pct',
          'formula',
        ],
        rows: d.kpis.map((k) => {
          const def = KPIS.find((x) => x.id === k.id)!;
          const year = yearAgo ? [yearAgo.get(k.id)?.previous ?? null, yearAgo.get(k.id)?.change ?? null] : [];
          return [def.label, k.value, k.previous, k.change, ...year, k.target, k.attainment, def.formula];
        }),
      };
    }
    case 'networks':
      return { header: NETWORK_HEADER, rows: c.networks.map(networkCells) };
    case 'pillars':
      return { header: PILLAR_HEADER, rows: c.pillars.map(pillarCells) };
    case 'accounts':
      return {
        header: [
          'account',
          'network',
          'figures_available',
          'followers_start',
          'followers_end',
          'growth',
          'growth_pct',
          'target_growth_pct',
        ],
        rows: c.accounts.map((a) => [
          a.name,
          a.network,
          a.metrics ? 'yes' : 'no',
          a.followersStart,
          a.followersEnd,
          a.growth,
          a.growthPct,
          a.targetGrowthPct,
        ]),
      };
    case 'followers': {
      // Long form (a row per account and day) so a spreadsheet pivots it either way; a day without a reading is
      // an empty cell, as the chart's gap, never a zero. Reports frozen before the series existed have no rows.
      const g = d.followerGrowth;
      return {
        header: ['day', 'step', 'timezone', 'account', 'network', 'followers'],
        rows: g ? g.accounts.flatMap((a) => g.days.map((day, i) => [day, g.step, g.timezone, a.name, a.network, a.followers[i]])) : [],
      };
    }
    case 'community': {
      // Durations in minutes, shares in %: a spreadsheet sums and charts them as they are. Empty before the inbox.
      const sources = c.community ? [c.community.total, ...c.community.sources] : [];
      return {
        header: [
          'source',
          'network',
          'received',
          'answered',
          'first_response_median_min',
          'first_response_p90_min',
          'positive_pct',
          'neutral_pct',
          'negative_pct',
          'sentiment_set_by_hand',
          'sentiment_changed_by_hand',
        ],
        rows: sources.map((s) => [
          s.source === '*' ? 'all' : s.name,
          s.source === '*' ? '' : s.network,
          s.volume,
          s.responded,
          minutes(s.medianMs),
          minutes(s.p90Ms),
          ...(['positive', 'neutral', 'negative'] as const).map((l) => (s.volume ? round1(s.sentiment[l].share * 100) : null)),
          s.sentimentOverrides.count,
          s.sentimentOverrides.changed,
        ]),
      };
    }
    case 'team':
      return {
        header: ['member', 'assigned', 'replies', 'first_responses', 'first_response_median_min', 'first_response_p90_min'],
        rows: (c.community?.members ?? []).map((m) => [m.name, m.assigned, m.replies, m.responded, minutes(m.medianMs), minutes(m.p90Ms)]),
      };
    case 'posts':
      return { header: POST_HEADER, rows: c.postRows.map((p) => postCells(p, d.accountNames)) };
  }
}

/**
 * A campaign comparison's tables: one row per campaign (its figures side by side), and its networks, pillars and
 * best posts with the campaign's name first, in the columns of a report's own tables.
 */
export function campaignTableRows(c: CampaignComparison, table: CampaignTable): { header: string[]; rows: CsvCell[][] } {
  switch (table) {
    case 'campaigns':
      return {
        header: [
          'campaign',
          'posts',
          'posts_with_figures',
          'engagements',
          'engagement_per_post',
          'engagement_rate_pct',
          'first_post_at',
          'last_post_at',
          'target_posts',
          'target_engagements',
          'target_engagement_per_post',
        ],
        rows: c.campaigns.map((k) => [
          k.campaign,
          k.posts,
          k.postsWithFigures,
          k.engagements,
          k.engagementPerPost,
          k.engagementRate,
          k.firstAt,
          k.lastAt,
          k.targets?.posts?.target,
          k.targets?.engagements?.target,
          k.targets?.engagementPerPost?.target,
        ]),
      };
    case 'networks':
      return {
        header: ['campaign', ...NETWORK_HEADER],
        rows: c.campaigns.flatMap((k) => k.networks.map((n) => [k.campaign, ...networkCells(n)])),
      };
    case 'pillars':
      return {
        header: ['campaign', ...PILLAR_HEADER],
        rows: c.campaigns.flatMap((k) => k.pillars.map((p) => [k.campaign, ...pillarCells(p)])),
      };
    case 'posts':
      return {
        header: POST_HEADER,
        rows: c.campaigns.flatMap((k) => k.top.map((p) => postCells(p, c.accountNames))),
      };
  }
}
