import { z } from 'zod';
import { documentIdParam as documentId, text } from '../core/zod';
import { m } from '../core/messages';
import type { KpiValue, NetworkRow, PeriodFigures, PillarRow, PostFigures, PostRow } from './kpis';
import { lazySchema } from '../core/lazy-schema';
import { isValidTimeZone } from '../planning/time';
import type { FollowerSeries } from './growth';
import { CAMPAIGN_TABLES, COMPARISONS, MAX_COMPARED_CAMPAIGNS, type CampaignTable, type Comparison } from './periods';

/** The routes of the Reports page: each request's zod schema (the server parses with it) and each answer's type. */

/** A year and a few days: a report compares a period with the one before it, so two years are read at most. */
export const MAX_REPORT_DAYS = 370;

const instant = lazySchema(() => z.iso.datetime({ offset: true, message: m('iso_date_time') }));

/** `a,b` and `a&a` both mean a list. */
const idList = lazySchema(() =>
  z.preprocess(
    (value) =>
      value === undefined
        ? undefined
        : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).filter((v) => v !== ''),
    z.array(documentId).max(50, m('values_too_many')).optional()
  )
);

/**
 * A period, and the one it is compared with: by default the same length just
 * before (shared/reports/kpis.ts `previousPeriod`); `compareFrom`/`compareTo`
 * name another (the calendar month before a month, which is not 30 days long);
 * `compare: yearAgo` the same calendar days a year before on the wall clock of
 * `timezone` (shared/reports/periods.ts); `compare: both` the period before (or
 * the one named) and the year-ago one besides it. Naming dates with
 * `compare: yearAgo` is refused: only one can be what the figures are measured against.
 */
const period = <
  T extends {
    from: string;
    to: string;
    compareFrom?: string | null;
    compareTo?: string | null;
    compare?: Comparison | null;
  },
>(
  shape: z.ZodType<T>
) =>
  shape.superRefine((value, ctx) => {
    const from = Date.parse(value.from);
    const to = Date.parse(value.to);
    if (to <= from) ctx.addIssue({ code: 'custom', path: ['to'], message: m('window_order') });
    else if (to - from > MAX_REPORT_DAYS * 86_400_000) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: m('window_too_long'), params: { days: MAX_REPORT_DAYS } });
    }
    const hasFrom = value.compareFrom !== undefined && value.compareFrom !== null;
    const hasTo = value.compareTo !== undefined && value.compareTo !== null;
    if (hasFrom !== hasTo) {
      ctx.addIssue({ code: 'custom', path: [hasFrom ? 'compareTo' : 'compareFrom'], message: m('required') });
      return;
    }
    if (!hasFrom) return;
    if (value.compare === 'yearAgo') ctx.addIssue({ code: 'custom', path: ['compare'], message: m('compare_dates_and_year') });
    const cFrom = Date.parse(value.compareFrom!);
    const cTo = Date.parse(value.compareTo!);
    if (cTo <= cFrom) ctx.addIssue({ code: 'custom', path: ['compareTo'], message: m('window_order') });
    else if (cTo - cFrom > MAX_REPORT_DAYS * 86_400_000) {
      ctx.addIssue({ code: 'custom', path: ['compareTo'], message: m('window_too_long'), params: { days: MAX_REPORT_DAYS } });
    } else if (cFrom >= from) {
      // The comparison is an earlier period: what the figures are measured against.
      ctx.addIssue({ code: 'custom', path: ['compareFrom'], message: m('window_order') });
    }
  });

/** An IANA time zone name (Europe/Paris, UTC). */
export const timeZone = lazySchema(() =>
  z
    .string()
    .max(64, m('too_long'))
    .refine(isValidTimeZone, { message: m('time_zone') })
);

/** `compare` (previous, the default, yearAgo, or both) and the zone whose wall clock a year is counted on (default UTC). */
const comparison = {
  compare: z.enum(COMPARISONS, { message: m('invalid_choice') }).optional(),
  timezone: timeZone.optional(),
};

/** GET /reports/dashboard: a period, and whose posts (an editorial line's accounts, or named accounts). */
export const dashboardQuery = period(
  z.object({
    from: instant,
    to: instant,
    compareFrom: instant.optional(),
    compareTo: instant.optional(),
    ...comparison,
    editorialLineId: documentId.optional(),
    accountIds: idList,
  })
);
export type DashboardQuery = z.infer<typeof dashboardQuery>;

/** The campaigns' query's fields: the names, a period (both ends or none), whose posts. */
const campaignFields = () => ({
  campaigns: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z
      .array(z.string().trim().min(1, m('required')).max(120, m('too_long')))
      .max(MAX_COMPARED_CAMPAIGNS, m('values_too_many'))
      .refine((names) => new Set(names).size === names.length, { message: m('campaigns_repeated') })
  ),
  from: instant.optional(),
  to: instant.optional(),
  editorialLineId: documentId.optional(),
  accountIds: idList,
});

/** Both ends of the period or none, in order, at most MAX_REPORT_DAYS; `named`: a campaign at least (an export of nothing is refused). */
const campaignPeriod = (named: boolean) => (value: { campaigns: string[]; from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (named && !value.campaigns.length) ctx.addIssue({ code: 'custom', path: ['campaigns'], message: m('required') });
  if ((value.from === undefined) !== (value.to === undefined)) {
    ctx.addIssue({ code: 'custom', path: [value.from === undefined ? 'from' : 'to'], message: m('required') });
    return;
  }
  if (value.from === undefined || value.to === undefined) return;
  const from = Date.parse(value.from);
  const to = Date.parse(value.to);
  if (to <= from) ctx.addIssue({ code: 'custom', path: ['to'], message: m('window_order') });
  else if (to - from > MAX_REPORT_DAYS * 86_400_000) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: m('window_too_long'), params: { days: MAX_REPORT_DAYS } });
  }
};

/**
 * GET /reports/campaigns: the campaigns to compare (`campaigns=a&campaigns=b`;
 * a campaign name may hold a comma, so no comma list here), optionally within
 * a period (both ends; without one, each campaign's whole life), and whose
 * posts. No campaign named: only the list of campaigns to pick from.
 */
export const campaignQuery = lazySchema(() => z.object(campaignFields()).superRefine(campaignPeriod(false)));
export type CampaignQuery = z.infer<typeof campaignQuery>;

/** One campaign's figures: its posts' latest snapshots summed, by the KPI table's own formulas. */
export interface CampaignFigures {
  campaign: string;
  /** its first and last post in the period (null: none) */
  firstAt: string | null;
  lastAt: string | null;
  posts: number;
  postsWithFigures: number;
  engagements: number;
  engagementPerPost: number | null;
  /** one rate over every network, only when they share a basis (as the KPI tile); the per-network rates say the basis */
  engagementRate: number | null;
  networks: NetworkRow[];
  pillars: PillarRow[];
  /** its best posts (engagements), three at most */
  top: PostRow[];
  /**
   * the scope's editorial line's goals for it (`campaignTargets`) and how far each is reached (%); null without a
   * target; absent from answers made before campaign targets
   */
  targets?: {
    posts: { target: number; attainment: number | null } | null;
    engagements: { target: number; attainment: number | null } | null;
    engagementPerPost: { target: number; attainment: number | null } | null;
  } | null;
}

export interface CampaignComparison {
  /** the period asked for, null: each campaign's whole life */
  period: { from: string; to: string } | null;
  campaigns: CampaignFigures[];
  /** every campaign some post carries, to pick from */
  available: string[];
  /** the account names by id, for the posts */
  accountNames: Record<string, string>;
  asOf: string;
}

export type { CampaignTable };

/** GET /reports/campaigns/export: the comparison's query (a campaign at least) and which table. */
export const campaignExportQuery = lazySchema(() =>
  z.object({ ...campaignFields(), table: z.enum(CAMPAIGN_TABLES, { message: m('invalid_choice') }) }).superRefine(campaignPeriod(true))
);

/**
 * `followers`: the follower-growth chart's series, a row per account and day (week past 120 days); `community` and
 * `team`: the inbox's figures per source and per team member (docs/reports.md, "Community")
 */
export const REPORT_TABLES = ['kpis', 'networks', 'pillars', 'accounts', 'followers', 'community', 'team', 'posts'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

export const exportQuery = lazySchema(() => z.object({ table: z.enum(REPORT_TABLES, { message: m('invalid_choice') }) }));

export const REPORT_LANGUAGES = ['en', 'fr'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** GET /reports/:documentId/pdf: the language (default: the reader's admin language) and the zone its dates are written in. */
export const pdfQuery = lazySchema(() =>
  z.object({
    lang: z.enum(REPORT_LANGUAGES, { message: m('invalid_choice') }).optional(),
    timezone: timeZone.default('UTC'),
  })
);

/** GET /reports/campaigns/pdf: the comparison's query (a campaign at least), the language and the zone of its dates. */
export const campaignPdfQuery = lazySchema(() =>
  z
    .object({
      ...campaignFields(),
      lang: z.enum(REPORT_LANGUAGES, { message: m('invalid_choice') }).optional(),
      timezone: timeZone.default('UTC'),
    })
    .superRefine(campaignPeriod(true))
);

/** GET /reports/dashboard/export: the same query and which table. */
export const dashboardExportQuery = period(
  z.object({
    from: instant,
    to: instant,
    compareFrom: instant.optional(),
    compareTo: instant.optional(),
    ...comparison,
    editorialLineId: documentId.optional(),
    accountIds: idList,
    table: z.enum(REPORT_TABLES, { message: m('invalid_choice') }),
  })
);

/** POST /reports: generate (figures frozen now). */
export const generateInput = period(
  z.strictObject({
    title: z.string().trim().min(1, m('report_title_required')).max(200, m('too_long')),
    from: instant,
    to: instant,
    compareFrom: instant.nullish(),
    compareTo: instant.nullish(),
    compare: z.enum(COMPARISONS, { message: m('invalid_choice') }).nullish(),
    timezone: timeZone.nullish(),
    editorialLineId: documentId.nullish(),
    accountIds: z.array(documentId).max(50, m('too_many')).default([]),
  })
);
export type GenerateInput = z.infer<typeof generateInput>;

/** PUT /reports/:documentId: what a person writes; the figures never change. */
export const reportUpdate = lazySchema(() =>
  z
    .strictObject({
      title: z.string().trim().min(1, m('report_title_required')).max(200, m('too_long')),
      commentary: text(20_000),
    })
    .partial()
);
export type ReportUpdate = z.infer<typeof reportUpdate>;

/** The figures a dashboard shows and a report freezes. */
export interface Dashboard {
  scope: { editorialLineId: string | null; editorialLineName: string | null; accountIds: string[] };
  current: PeriodFigures;
  previous: PeriodFigures;
  /**
   * what `previous` is: the period before (or the one named), or the same period a year earlier; `both`: the
   * period before, and `yearAgo` holds the year-earlier one; absent from older reports
   */
  comparison?: Comparison;
  kpis: KpiValue[];
  /** with `comparison: both`: the same days a year earlier, and the KPIs against them (their `previous` is that year's) */
  yearAgo?: { period: PeriodFigures['period']; figures: Omit<PeriodFigures, 'postRows'>; kpis: KpiValue[] };
  top: PostRow[];
  bottom: PostRow[];
  /** accounts in scope whose network gives no figures (a webhook): said, not guessed */
  withoutMetrics: Array<{ accountId: string; name: string; network: string }>;
  /**
   * followers per day (a week past 120 days) of each account with figures, in the editor's zone: the
   * follower-growth chart; frozen with a report like the rest; absent from reports generated before it
   */
  followerGrowth?: FollowerSeries;
  /** the account names by id, for the tables */
  accountNames: Record<string, string>;
  /** when the figures were read */
  asOf: string;
  /** every editorial line, for the scope picker (a reader of reports may not hold the editorial line's read action) */
  lines: Array<{ documentId: string; name: string }>;
}

export const REPORT_STATUSES = ['draft', 'shared'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface ReportSummary {
  documentId: string;
  title: string;
  from: string;
  to: string;
  status: ReportStatus;
  editorialLineName: string | null;
  generatedAt: string;
  generatedBy: string | null;
  sharedAt: string | null;
}

export interface Report extends ReportSummary {
  commentary: string;
  figures: Dashboard;
  sharedBy: string | null;
}

/** GET /reports/posts/:documentId/readings: one publication's snapshots over time and its conversation. */
export interface PostReadings {
  publicationId: string;
  /** its post plan: the inbox's `?plan=` view of the conversation */
  planId: string | null;
  network: string;
  publishedAt: string | null;
  /** every reading taken so far, oldest first; `slotHours`: the age it stands for (1, 6, 24, 72, 168, 720) */
  readings: Array<{ takenAt: string; slotHours: number | null; figures: PostFigures; engagements: number }>;
  /** inbox items (replies, mentions, quotes) linked to this publication, whatever their status */
  conversation: { items: number };
}
