import type { InboxFigures } from '../inbox/figures';
import type { CampaignTarget, KpiTargets } from '../strategy/contract';
/**
 * The KPIs of a report, defined once: the server computes them from metric
 * snapshots (server/reports/), the admin shows them with the same table
 * (labels, formulas, units) and docs/reports.md writes the same formulas out.
 * Pure functions of plain figures: no database, no clock, no network names
 * (a network's engagement-rate basis is read from its figures: the networks
 * that report impressions are rated per impression, the others per follower).
 */

/** What one snapshot of a post holds; a figure the network does not give is absent. */
export const POST_FIGURES = ['likes', 'reposts', 'replies', 'quotes', 'impressions', 'clicks', 'views', 'reach', 'saves'] as const;
export type PostFigure = (typeof POST_FIGURES)[number];
export type PostFigures = Partial<Record<PostFigure, number>>;

/** What one snapshot of an account holds. */
export const ACCOUNT_FIGURES = ['followers', 'following', 'posts'] as const;
export type AccountFigure = (typeof ACCOUNT_FIGURES)[number];
export type AccountFigures = Partial<Record<AccountFigure, number>>;

/**
 * Engagements: the interactions anyone can see on the post. Clicks, impressions
 * and views are not engagements (only some networks give them, and a click is
 * not an answer to the post); they are shown beside.
 */
export const ENGAGEMENT_PARTS = ['likes', 'reposts', 'replies', 'quotes'] as const satisfies readonly PostFigure[];

export function engagements(figures: PostFigures): number {
  return ENGAGEMENT_PARTS.reduce((sum, part) => sum + (figures[part] ?? 0), 0);
}

/** What an engagement rate is divided by; rates have no industry standard, so the basis is always shown. */
export type RateBasis = 'impressions' | 'followers';

/** One published post as a report reads it: its figures and the facts it is grouped by. */
export interface PostInput {
  publicationId: string;
  accountId: string;
  network: string;
  title: string;
  pillar: string | null;
  campaign: string | null;
  publishedAt: string;
  url: string | null;
  /** the latest snapshot; null: never collected yet */
  figures: PostFigures | null;
  /** the account's followers at the snapshot closest before the post (the per-follower rate's denominator) */
  followersAtPost: number | null;
  /** when the latest snapshot was taken */
  figuresAt?: string | null;
}

export interface AccountInput {
  accountId: string;
  name: string;
  network: string;
  /** does the network give figures at all (profile capability `metrics`) */
  metrics: boolean;
  followersStart: number | null;
  followersEnd: number | null;
}

export interface LineTargets {
  /** the line's pillars, their target shares of posts (%) and engagements per post */
  pillars: ReadonlyArray<{ name: string; targetShare: number; color?: string; engagementTarget?: number }>;
  /** posts a week per network */
  frequency: ReadonlyArray<{ network: string; perWeek: number }>;
  /** the KPI tiles' own targets (the editorial line's `kpiTargets`) */
  kpis?: KpiTargets;
  /** each campaign's goals (the editorial line's `campaignTargets`) */
  campaigns?: readonly CampaignTarget[];
}

/** Days in the month a "% a month" target is counted over (365.25 ÷ 12). */
export const MONTH_DAYS = 30.44;

/** A "% a month" growth target over a period: "+3 % a month" over a week is +0.69 %. */
export const growthOver = (perMonth: number | undefined, period: Period) =>
  perMonth === undefined ? null : round((perMonth * periodDays(period)) / MONTH_DAYS, 2);

/** One network's own targets on the line, if any. */
const networkTargets = (targets: LineTargets, network: string) =>
  (targets.kpis?.networks as Record<string, { engagementRate?: number; followerGrowthPerMonth?: number }> | undefined)?.[network];

export interface Period {
  from: string;
  to: string;
}

/** The rate of a group of posts: engagements over the sum of the chosen basis, in %. */
export interface Rate {
  value: number | null;
  basis: RateBasis;
  numerator: number;
  denominator: number;
}

/**
 * Engagement rate of a group of posts on one network: Σ engagements ÷ Σ
 * impressions × 100 when every collected post has impressions, else
 * Σ engagements ÷ Σ followers at posting × 100. Posts without figures are left out.
 */
export function engagementRate(posts: readonly PostInput[]): Rate {
  const collected = posts.filter((p) => p.figures);
  const byImpressions = collected.length > 0 && collected.every((p) => typeof p.figures!.impressions === 'number');
  const basis: RateBasis = byImpressions ? 'impressions' : 'followers';
  let numerator = 0;
  let denominator = 0;
  for (const post of collected) {
    const base = byImpressions ? post.figures!.impressions! : post.followersAtPost;
    if (base === null || base === undefined) continue;
    numerator += engagements(post.figures!);
    denominator += base;
  }
  return { value: denominator > 0 ? percent(numerator, denominator, 2) : null, basis, numerator, denominator };
}

export const round = (value: number, digits = 1) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/**
 * `part` as a percentage of `whole`, rounded. It multiplies before it divides: 285 of 1,000 as (285 / 1000) × 100
 * is 28.499999999999996 in floating point and rounded to 28, where 28,500 / 1,000 is exactly 28.5, which rounds to
 * 29 as people round it.
 */
export const percent = (part: number, whole: number, digits = 1) => round((part * 100) / whole, digits);

/** Days in a period, fractional; a week is 7 of them. */
export const periodDays = (p: Period) => Math.max(0, (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000);

/** The period of the same length just before: what a report compares with. */
export function previousPeriod(p: Period): Period {
  const length = Date.parse(p.to) - Date.parse(p.from);
  return { from: new Date(Date.parse(p.from) - length).toISOString(), to: p.from };
}

/** Attainment in % of a target (higher is better); null without a target. */
export const attainment = (actual: number | null, target: number | null | undefined) =>
  actual === null || target === null || target === undefined || target <= 0 ? null : percent(actual, target, 0);

/** Change from the previous value in %; null when there is nothing to compare with. */
export const change = (current: number | null, previous: number | null) =>
  current === null || previous === null || previous === 0 ? null : percent(current - previous, previous, 1);

// --- the KPI table ---------------------------------------------------------------------------

export type KpiId =
  | 'posts'
  | 'engagements'
  | 'engagementPerPost'
  | 'engagementRate'
  | 'reach'
  | 'followerGrowth'
  | 'followerGrowthPct'
  | 'pillarFit'
  | 'conversations'
  | 'firstResponse'
  | 'positiveShare'
  | 'negativeShare';

export interface KpiDefinition {
  id: KpiId;
  /** admin message id (under `reports.kpi.`) and its English */
  label: string;
  /** `duration`: milliseconds, written in minutes, hours or days (durationParts) */
  unit: 'count' | 'percent' | 'duration';
  /** lower is better (a response time, a negative share): a rise is shown as a worsening */
  lowerIsBetter?: boolean;
  /** the formula, as docs/reports.md and the admin's tile state it */
  formula: string;
}

/** Every KPI, in the order the admin shows them. */
export const KPIS: readonly KpiDefinition[] = [
  {
    id: 'posts',
    label: 'Posts published',
    unit: 'count',
    formula: 'published posts in the period; target: Σ network posts a week × weeks',
  },
  {
    id: 'engagements',
    label: 'Engagements',
    unit: 'count',
    formula: 'Σ (likes + reposts + replies + quotes), latest snapshot of each post',
  },
  { id: 'engagementPerPost', label: 'Engagement per post', unit: 'count', formula: 'engagements ÷ posts with figures' },
  {
    id: 'engagementRate',
    label: 'Engagement rate',
    unit: 'percent',
    formula: 'per network: Σ engagements ÷ Σ impressions × 100 where the network gives impressions, else ÷ Σ followers at posting × 100',
  },
  {
    id: 'reach',
    label: 'Reach',
    unit: 'count',
    formula: 'Σ reach (accounts reached) of the posts whose network gives it, latest snapshot of each post; empty when none does',
  },
  { id: 'followerGrowth', label: 'Follower growth', unit: 'count', formula: 'followers at the end − followers at the start' },
  { id: 'followerGrowthPct', label: 'Follower growth rate', unit: 'percent', formula: 'follower growth ÷ followers at the start × 100' },
  {
    id: 'pillarFit',
    label: 'Pillar mix fit',
    unit: 'percent',
    formula: '100 − ½ Σ |actual share − target share| over the line’s pillars (100: exactly the targeted mix)',
  },
  // From the inbox (docs/reports.md, "Community"): the items the scope's accounts and the site received.
  {
    id: 'conversations',
    label: 'Conversations received',
    unit: 'count',
    formula: 'replies, mentions, quotes and site comments received in the period, spam left out',
  },
  {
    id: 'firstResponse',
    label: 'First response time',
    unit: 'duration',
    lowerIsBetter: true,
    formula: 'median of (our first reply − the item received) over the period’s items answered',
  },
  {
    id: 'positiveShare',
    label: 'Positive sentiment',
    unit: 'percent',
    formula: 'positive items ÷ items received × 100 (a person’s label wins over the scorer’s)',
  },
  {
    id: 'negativeShare',
    label: 'Negative sentiment',
    unit: 'percent',
    lowerIsBetter: true,
    formula: 'negative items ÷ items received × 100 (a person’s label wins over the scorer’s)',
  },
];

/**
 * A duration in the unit a reader thinks in: minutes under two hours, hours
 * under two days, days beyond; for Intl.NumberFormat's `unit` style, so each
 * language writes it its own way ("12 min", "3,5 h").
 */
export function durationParts(ms: number): { value: number; unit: 'minute' | 'hour' | 'day' } {
  const minutes = ms / 60_000;
  if (minutes < 120) return { value: Math.round(minutes), unit: 'minute' };
  if (minutes < 48 * 60) return { value: round(minutes / 60, 1), unit: 'hour' };
  return { value: round(minutes / 1440, 1), unit: 'day' };
}

export interface KpiValue {
  id: KpiId;
  value: number | null;
  previous: number | null;
  /** change from the previous period, in % */
  change: number | null;
  target: number | null;
  attainment: number | null;
}

export interface PillarRow {
  pillar: string;
  posts: number;
  /** share of the period's posts, in % */
  share: number;
  targetShare: number | null;
  engagements: number;
  engagementPerPost: number | null;
  /** the pillar's "≥ N engagements per post" target (absent from reports frozen before targets per pillar) */
  targetEngagementPerPost?: number | null;
}

export interface NetworkRow {
  network: string;
  posts: number;
  targetPosts: number | null;
  engagements: number;
  rate: Rate;
  /** the network's engagement-rate target, % (absent before targets per network) */
  targetRate?: number | null;
}

export interface AccountRow {
  accountId: string;
  name: string;
  network: string;
  metrics: boolean;
  followersStart: number | null;
  followersEnd: number | null;
  growth: number | null;
  growthPct: number | null;
  /** the growth rate aimed at over the period (its network's target, else the line's), % (absent before targets) */
  targetGrowthPct?: number | null;
}

export interface PostRow {
  publicationId: string;
  title: string;
  network: string;
  accountId: string;
  pillar: string | null;
  campaign: string | null;
  publishedAt: string;
  url: string | null;
  figures: PostFigures | null;
  engagements: number | null;
  /** when `figures` were read, and the account's followers at posting (absent from reports frozen before they were kept) */
  figuresAt?: string | null;
  followersAtPost?: number | null;
}

/** What a period's figures come to: the dashboard's answer and a report's frozen body. */
export interface PeriodFigures {
  period: Period;
  posts: number;
  postsWithFigures: number;
  engagements: number;
  engagementPerPost: number | null;
  /** Σ reach of the posts whose network gives it (null: none does; absent from reports frozen before it was kept) */
  reach?: number | null;
  /** all networks together, over their own bases: only shown when every network uses the same basis */
  followers: { start: number | null; end: number | null; growth: number | null; growthPct: number | null };
  networks: NetworkRow[];
  pillars: PillarRow[];
  accounts: AccountRow[];
  pillarFit: number | null;
  targetPosts: number | null;
  /** every post, best first */
  postRows: PostRow[];
  /**
   * the inbox over the period for the scope's accounts and the site's comments (server/inbox/insights.ts): volume,
   * response times and sentiment, per source and per team member; absent from reports frozen before it was kept
   */
  community?: CommunityFigures;
}

export type CommunityFigures = Omit<InboxFigures, 'from' | 'to'>;

/** A sentiment's share of the items received, in % (null with none received). */
export const sentimentShare = (c: CommunityFigures | undefined, label: 'positive' | 'negative') =>
  c && c.total.volume ? percent(c.total.sentiment[label].count, c.total.volume, 1) : null;

const sum = (values: ReadonlyArray<number | null>) => values.reduce<number>((s, v) => s + (v ?? 0), 0);

/** The figures of one period, from its posts and accounts and the line's targets. */
export function periodFigures(
  period: Period,
  posts: readonly PostInput[],
  accounts: readonly AccountInput[],
  targets: LineTargets
): PeriodFigures {
  const weeks = periodDays(period) / 7;
  const collected = posts.filter((p) => p.figures);
  const total = sum(collected.map((p) => engagements(p.figures!)));
  const reached = collected.filter((p) => typeof p.figures!.reach === 'number');

  const networks = [...new Set([...posts.map((p) => p.network), ...targets.frequency.map((f) => f.network)])].sort().map((network) => {
    const mine = posts.filter((p) => p.network === network);
    const perWeek = targets.frequency.find((f) => f.network === network)?.perWeek;
    return {
      network,
      posts: mine.length,
      targetPosts: perWeek === undefined ? null : round(perWeek * weeks, 1),
      engagements: sum(mine.filter((p) => p.figures).map((p) => engagements(p.figures!))),
      rate: engagementRate(mine),
      targetRate: networkTargets(targets, network)?.engagementRate ?? null,
    };
  });
  // Networks in the targets but not posted to and not among the scope's accounts still show (0 against a target).
  const scopedNetworks = new Set([...accounts.map((a) => a.network), ...posts.map((p) => p.network)]);
  const shownNetworks = networks.filter((n) => scopedNetworks.has(n.network) || n.posts > 0);

  const pillarNames = [...new Set([...targets.pillars.map((p) => p.name), ...posts.map((p) => p.pillar ?? '')])];
  const pillars: PillarRow[] = pillarNames.map((pillar) => {
    const mine = posts.filter((p) => (p.pillar ?? '') === pillar);
    const withFigures = mine.filter((p) => p.figures);
    const eng = sum(withFigures.map((p) => engagements(p.figures!)));
    return {
      pillar,
      posts: mine.length,
      share: posts.length ? percent(mine.length, posts.length, 1) : 0,
      targetShare: targets.pillars.find((p) => p.name === pillar)?.targetShare ?? null,
      engagements: eng,
      engagementPerPost: withFigures.length ? round(eng / withFigures.length, 1) : null,
      targetEngagementPerPost: targets.pillars.find((p) => p.name === pillar)?.engagementTarget ?? null,
    };
  });

  const accountRows: AccountRow[] = accounts.map((a) => {
    const growth = a.followersStart !== null && a.followersEnd !== null ? a.followersEnd - a.followersStart : null;
    return {
      accountId: a.accountId,
      name: a.name,
      network: a.network,
      metrics: a.metrics,
      followersStart: a.followersStart,
      followersEnd: a.followersEnd,
      growth,
      growthPct: growth !== null && a.followersStart ? percent(growth, a.followersStart, 2) : null,
      targetGrowthPct: growthOver(
        networkTargets(targets, a.network)?.followerGrowthPerMonth ?? targets.kpis?.followerGrowthPerMonth,
        period
      ),
    };
  });
  const measured = accountRows.filter((a) => a.growth !== null);
  const start = measured.length ? sum(measured.map((a) => a.followersStart)) : null;
  const end = measured.length ? sum(measured.map((a) => a.followersEnd)) : null;
  const growth = start !== null && end !== null ? end - start : null;

  const postRows: PostRow[] = posts
    .map((p) => ({
      publicationId: p.publicationId,
      title: p.title,
      network: p.network,
      accountId: p.accountId,
      pillar: p.pillar,
      campaign: p.campaign,
      publishedAt: p.publishedAt,
      url: p.url,
      figures: p.figures,
      engagements: p.figures ? engagements(p.figures) : null,
      figuresAt: p.figuresAt ?? null,
      followersAtPost: p.followersAtPost,
    }))
    .sort((a, b) => (b.engagements ?? -1) - (a.engagements ?? -1) || a.publishedAt.localeCompare(b.publishedAt));

  const targetPosts = shownNetworks.some((n) => n.targetPosts !== null) ? round(sum(shownNetworks.map((n) => n.targetPosts)), 1) : null;

  return {
    period,
    posts: posts.length,
    postsWithFigures: collected.length,
    engagements: total,
    engagementPerPost: collected.length ? round(total / collected.length, 1) : null,
    reach: reached.length ? sum(reached.map((p) => p.figures!.reach!)) : null,
    followers: { start, end, growth, growthPct: growth !== null && start ? percent(growth, start, 2) : null },
    networks: shownNetworks,
    pillars,
    accounts: accountRows,
    pillarFit: pillarFit(pillars, targets),
    targetPosts,
    postRows,
  };
}

/**
 * How close the period's pillar mix is to the line's targets: 100 minus half
 * the sum of the absolute gaps between actual and target shares (the total
 * variation distance, in points). Posts outside the line's pillars count as a
 * gap too. Null without targets or posts.
 */
export function pillarFit(pillars: readonly PillarRow[], targets: LineTargets): number | null {
  const targeted = targets.pillars.filter((p) => p.targetShare > 0);
  const posts = pillars.reduce((s, p) => s + p.posts, 0);
  if (!targeted.length || !posts) return null;
  const targetTotal = targeted.reduce((s, p) => s + p.targetShare, 0);
  let gap = 0;
  for (const row of pillars) {
    const target = targeted.find((p) => p.name === row.pillar);
    // Targets that add up to less than 100 % are read as relative shares.
    const targetShare = target ? (target.targetShare / targetTotal) * 100 : 0;
    gap += Math.abs((row.posts / posts) * 100 - targetShare);
  }
  for (const target of targeted) if (!pillars.some((row) => row.pillar === target.name)) gap += (target.targetShare / targetTotal) * 100;
  return round(Math.max(0, 100 - gap / 2), 1);
}

/**
 * One engagement rate over several networks: Σ numerators ÷ Σ denominators
 * of their rates, only when they share a basis (per-impression and
 * per-follower rates do not add up); null otherwise.
 */
export function overallRate(networks: readonly NetworkRow[]): number | null {
  const rated = networks.filter((n) => n.rate.value !== null);
  if (!rated.length || new Set(rated.map((n) => n.rate.basis)).size > 1) return null;
  const num = sum(rated.map((n) => n.rate.numerator));
  const den = sum(rated.map((n) => n.rate.denominator));
  return den ? percent(num, den, 2) : null;
}

/**
 * Attainment of a target in %: actual ÷ target for a KPI where more is better, target ÷ actual where less is
 * (a response time, a negative share); 100 when a lower-is-better KPI is at zero against a positive target.
 */
export function attainmentOf(id: KpiId, actual: number | null, target: number | null): number | null {
  if (!KPIS.find((k) => k.id === id)?.lowerIsBetter) return attainment(actual, target);
  if (actual === null || target === null || target < 0) return null;
  if (actual <= 0) return 100;
  return percent(target, actual, 0);
}

/** The KPI tiles of a period against the previous one and the targets (`kpis`: the line's tile targets). */
export function kpiValues(current: PeriodFigures, previous: PeriodFigures, kpis: KpiTargets = {}): KpiValue[] {
  const rateOf = (f: PeriodFigures) => overallRate(f.networks);
  const t = (v: number | undefined) => (v === undefined ? null : v);
  // "+3 % a month" over a week is +0.69 %: prorated by the period's days.
  const growthTarget = growthOver(kpis.followerGrowthPerMonth, current.period);
  const values: Record<KpiId, [number | null, number | null, number | null]> = {
    posts: [current.posts, previous.posts, current.targetPosts],
    engagements: [current.engagements, previous.engagements, null],
    engagementPerPost: [current.engagementPerPost, previous.engagementPerPost, t(kpis.engagementPerPost)],
    engagementRate: [rateOf(current), rateOf(previous), t(kpis.engagementRate)],
    reach: [current.reach ?? null, previous.reach ?? null, null],
    followerGrowth: [current.followers.growth, previous.followers.growth, null],
    followerGrowthPct: [current.followers.growthPct, previous.followers.growthPct, growthTarget],
    pillarFit: [current.pillarFit, previous.pillarFit, current.pillarFit === null ? null : 100],
    conversations: [current.community?.total.volume ?? null, previous.community?.total.volume ?? null, t(kpis.conversations)],
    firstResponse: [
      current.community?.total.medianMs ?? null,
      previous.community?.total.medianMs ?? null,
      kpis.firstResponseMinutes === undefined ? null : kpis.firstResponseMinutes * 60_000,
    ],
    positiveShare: [sentimentShare(current.community, 'positive'), sentimentShare(previous.community, 'positive'), t(kpis.positiveShare)],
    negativeShare: [sentimentShare(current.community, 'negative'), sentimentShare(previous.community, 'negative'), t(kpis.negativeShare)],
  };
  return KPIS.map(({ id }) => {
    const [value, prev, target] = values[id];
    return { id, value, previous: prev, change: change(value, prev), target, attainment: attainmentOf(id, value, target) };
  });
}

/** The best and the worst posts of a period (with figures), `n` each. */
export function topAndBottom(rows: readonly PostRow[], n = 5): { top: PostRow[]; bottom: PostRow[] } {
  const ranked = rows.filter((r) => r.engagements !== null);
  const top = ranked.slice(0, n);
  const bottom = ranked
    .slice(Math.max(n, ranked.length - n))
    .reverse()
    .filter((r) => !top.includes(r));
  return { top, bottom };
}
