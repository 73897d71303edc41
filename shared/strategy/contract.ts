import { z } from 'zod';
import { MAX_POST_TEXT, NETWORKS } from '../linter';
import { documentIdParam, text } from '../core/zod';

const hashtag = z
  .string()
  .trim()
  .max(100, 'At most 100 characters')
  .transform((tag) => tag.replace(/^[#＃]/, ''))
  .pipe(z.string().regex(/^[\p{L}\p{N}_]+$/u, 'A hashtag holds letters, digits and underscores only'));

const pillar = z.strictObject({
  name: z.string().trim().min(1, 'A pillar needs a name').max(80, 'At most 80 characters'),
  targetShare: z.number().min(0, 'A share cannot be negative').max(100, 'A share cannot exceed 100 %'),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'A colour looks like #1a2b3c')
    .optional(),
  description: text(500).optional(),
});

const uniqueBy = <T>(items: T[], key: (item: T) => string) => new Set(items.map(key)).size === items.length;

export const editorialLineInput = z.strictObject({
  name: z.string().trim().min(1, 'The editorial line needs a name').max(120, 'At most 120 characters'),
  description: text(2000).default(''),
  audience: text(4000).default(''),
  personas: z
    .array(z.strictObject({ name: z.string().trim().min(1, 'A persona needs a name').max(80), description: text(1000).default('') }))
    .max(20, 'At most 20 personas')
    .default([]),
  tone: text(2000).default(''),
  guidelines: text(20000).default(''),
  pillars: z
    .array(pillar)
    .max(20, 'At most 20 pillars')
    .default([])
    .refine((pillars) => uniqueBy(pillars, (p) => p.name.toLowerCase()), 'Two pillars have the same name')
    .superRefine((pillars, ctx) => {
      const total = pillars.reduce((sum, p) => sum + p.targetShare, 0);
      // Shares are percentages typed by people: tolerate float noise such as 33.3 * 3.
      if (total > 100.0001) {
        ctx.addIssue({ code: 'custom', message: `Pillar target shares add up to ${Math.round(total * 10) / 10} %, more than 100 %` });
      }
    }),
  hashtags: z
    .strictObject({
      required: z.array(hashtag).max(30, 'At most 30 required hashtags').default([]),
      suggested: z.array(hashtag).max(100, 'At most 100 suggested hashtags').default([]),
    })
    .default({ required: [], suggested: [] }),
  bannedWords: z
    .array(z.string().trim().min(1, 'A banned word cannot be empty').max(100, 'At most 100 characters'))
    .max(500, 'At most 500 banned words')
    .default([]),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'A language is a code such as en, fr or fr-CA'))
    .max(20, 'At most 20 languages')
    .default([]),
  frequencyTargets: z
    .array(
      z.strictObject({
        network: z.enum(NETWORKS),
        perWeek: z.number().int('A whole number of posts').min(0).max(200, 'At most 200 posts a week'),
      })
    )
    .max(NETWORKS.length)
    .default([])
    .refine((targets) => uniqueBy(targets, (t) => t.network), 'One frequency target per network'),
});

export type EditorialLineInput = z.infer<typeof editorialLineInput>;

export const lintInput = z.strictObject({
  text: text(MAX_POST_TEXT),
  network: z.enum(NETWORKS),
  editorialLineId: documentIdParam.nullish(),
  accountId: documentIdParam.nullish(),
});

export interface EditorialLine extends EditorialLineInput {
  documentId: string;
  accountCount: number;
  createdAt: string;
  updatedAt: string;
}
