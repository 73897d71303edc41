import type { Dashboard, ReportTable } from './contract';
import { KPIS } from './kpis';
import type { CsvCell } from './csv';

/**
 * Every table of a dashboard or a report as rows, for the CSV export (and
 * any other flat view): one definition, so the export holds what the page
 * shows. Headers are English column names, stable for spreadsheets.
 */
export function tableRows(d: Dashboard, table: ReportTable): { header: string[]; rows: CsvCell[][] } {
  const c = d.current;
  switch (table) {
    case 'kpis':
      return {
        header: ['kpi', 'value', 'previous', 'change_pct', 'target', 'attainment_pct', 'formula'],
        rows: d.kpis.map((k) => {
          const def = KPIS.find((x) => x.id === k.id)!;
          return [def.label, k.value, k.previous, k.change, k.target, k.attainment, def.formula];
        }),
      };
    case 'networks':
      return {
        header: [
          'network',
          'posts',
          'target_posts',
          'engagements',
          'engagement_rate_pct',
          'rate_basis',
          'rate_numerator',
          'rate_denominator',
        ],
        rows: c.networks.map((n) => [
          n.network,
          n.posts,
          n.targetPosts,
          n.engagements,
          n.rate.value,
          n.rate.basis,
          n.rate.numerator,
          n.rate.denominator,
        ]),
      };
    case 'pillars':
      return {
        header: ['pillar', 'posts', 'share_pct', 'target_share_pct', 'engagements', 'engagement_per_post'],
        rows: c.pillars.map((p) => [p.pillar, p.posts, p.share, p.targetShare, p.engagements, p.engagementPerPost]),
      };
    case 'accounts':
      return {
        header: ['account', 'network', 'figures_available', 'followers_start', 'followers_end', 'growth', 'growth_pct'],
        rows: c.accounts.map((a) => [a.name, a.network, a.metrics ? 'yes' : 'no', a.followersStart, a.followersEnd, a.growth, a.growthPct]),
      };
    case 'posts':
      return {
        header: [
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
          'url',
        ],
        rows: c.postRows.map((p) => [
          p.publishedAt,
          p.title,
          d.accountNames[p.accountId] ?? p.accountId,
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
          p.url,
        ]),
      };
  }
}
