import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema';
import { MAX_POST_TEXT, NETWORKS } from '../linter';
import { documentIdParam, text } from '../core/zod';
import { m } from '../core/messages';

const hashtag = lazySchema(() =>
  z
    .string()
    .trim()
    .max(100, m('too_long'))
    .transform((tag) => tag.replace(/^[#＃]/, ''))
    .pipe(z.string().regex(/^[\p{L}\p{N}_]+$/u, m('hashtag_characters')))
);

const pillar = lazySchema(() =>
  z.strictObject({
    name: z.string().trim().min(1, m('pillar_name_required')).max(80, m('too_long')),
    targetShare: z.number().min(0, m('pillar_share_negative')).max(100, m('pillar_share_over_100')),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, m('pillar_colour'))
      .optional(),
    description: text(500).optional(),
    /** the KPI target "≥ N engagements per post" for this pillar's posts (docs/reports.md, "Targets") */
    engagementTarget: z.number().min(0, m('too_low')).max(1_000_000, m('too_high')).optional(),
  })
);

/** Targets of the line's KPI tiles; each optional (no target: no attainment shown). */
const kpiTargets = lazySchema(() =>
  z
    .strictObject({
      engagementPerPost: z.number().min(0, m('too_low')).max(1_000_000, m('too_high')).optional(),
      /** % */
      engagementRate: z.number().min(0, m('too_low')).max(100, m('too_high')).optional(),
      /** % a month (30.44 days), prorated over a report's period */
      followerGrowthPerMonth: z.number().min(-100, m('too_low')).max(1000, m('too_high')).optional(),
      conversations: z.number().int(m('not_whole_number')).min(0, m('too_low')).max(10_000_000, m('too_high')).optional(),
      /** at most, in minutes */
      firstResponseMinutes: z.number().min(0, m('too_low')).max(525_600, m('too_high')).optional(),
      /** at least, % */
      positiveShare: z.number().min(0, m('too_low')).max(100, m('too_high')).optional(),
      /** at most, % */
      negativeShare: z.number().min(0, m('too_low')).max(100, m('too_high')).optional(),
      /** one network's own: its engagement rate, its accounts' follower growth a month (else the line's) */
      networks: z
        .partialRecord(
          z.enum(NETWORKS),
          z.strictObject({
            engagementRate: z.number().min(0, m('too_low')).max(100, m('too_high')).optional(),
            followerGrowthPerMonth: z.number().min(-100, m('too_low')).max(1000, m('too_high')).optional(),
          })
        )
        .optional(),
    })
    .default({})
);
export type KpiTargets = z.infer<typeof kpiTargets>;

/** A campaign's goals (a campaign is the label posts carry: its figures summed over its posts, docs/reports.md). */
const campaignTarget = lazySchema(() =>
  z.strictObject({
    campaign: z.string().trim().min(1, m('campaign_name_required')).max(120, m('too_long')),
    posts: z.number().int(m('not_whole_number')).min(0, m('too_low')).max(100_000, m('too_high')).optional(),
    engagements: z.number().int(m('not_whole_number')).min(0, m('too_low')).max(100_000_000, m('too_high')).optional(),
    engagementPerPost: z.number().min(0, m('too_low')).max(1_000_000, m('too_high')).optional(),
  })
);
export type CampaignTarget = z.infer<typeof campaignTarget>;

const uniqueBy = <T>(items: T[], key: (item: T) => string) => new Set(items.map(key)).size === items.length;

export const editorialLineInput = lazySchema(() =>
  z.strictObject({
    name: z.string().trim().min(1, m('line_name_required')).max(120, m('too_long')),
    description: text(2000).default(''),
    audience: text(4000).default(''),
    personas: z
      .array(
        z.strictObject({
          name: z.string().trim().min(1, m('persona_name_required')).max(80, m('too_long')),
          description: text(1000).default(''),
        })
      )
      .max(20, m('too_many'))
      .default([]),
    tone: text(2000).default(''),
    guidelines: text(20000).default(''),
    pillars: z
      .array(pillar)
      .max(20, m('too_many'))
      .default([])
      .refine((pillars) => uniqueBy(pillars, (p) => p.name.toLowerCase()), m('pillar_names_duplicate'))
      .superRefine((pillars, ctx) => {
        const total = pillars.reduce((sum, p) => sum + p.targetShare, 0);
        // Shares are percentages typed by people: tolerate float noise such as 33.3 * 3.
        if (total > 100.0001) {
          ctx.addIssue({ code: 'custom', message: m('pillar_shares_total'), params: { total: Math.round(total * 10) / 10 } });
        }
      }),
    hashtags: z
      .strictObject({
        required: z.array(hashtag).max(30, m('too_many')).default([]),
        suggested: z.array(hashtag).max(100, m('too_many')).default([]),
      })
      .default({ required: [], suggested: [] }),
    bannedWords: z
      .array(z.string().trim().min(1, m('banned_word_empty')).max(100, m('too_long')))
      .max(500, m('too_many'))
      .default([]),
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, m('language_code')))
      .max(20, m('too_many'))
      .default([]),
    frequencyTargets: z
      .array(
        z.strictObject({
          network: z.enum(NETWORKS),
          perWeek: z.number().int(m('not_whole_number')).min(0, m('too_low')).max(200, m('posts_per_week_max')),
        })
      )
      .max(NETWORKS.length)
      .default([])
      .refine((targets) => uniqueBy(targets, (t) => t.network), m('frequency_network_twice')),
    kpiTargets,
    campaignTargets: z
      .array(campaignTarget)
      .max(100, m('too_many'))
      .default([])
      .refine((targets) => uniqueBy(targets, (t) => t.campaign.toLowerCase()), m('campaign_target_twice')),
  })
);

export type EditorialLineInput = z.infer<typeof editorialLineInput>;

export const lintInput = lazySchema(() =>
  z.strictObject({
    text: text(MAX_POST_TEXT),
    network: z.enum(NETWORKS),
    editorialLineId: documentIdParam.nullish(),
    accountId: documentIdParam.nullish(),
  })
);

export interface EditorialLine extends EditorialLineInput {
  documentId: string;
  accountCount: number;
  createdAt: string;
  updatedAt: string;
}
