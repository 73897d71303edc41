import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema';
import { MAX_USER_REGEX, USER_REGEX_MESSAGES, userRegexProblem } from '../core/safe-regex';
import { documentIdParam as documentId } from '../core/zod';
import { m, type ServerMessageCode } from '../core/messages';
import { SENTIMENT_LABELS, type SentimentLabel } from './sentiment';
import { SITE_SOURCE, type InboxItem } from './contract';

/**
 * Moderation rules (docs/inbox.md, "Rules"): conditions on what comes in,
 * actions taken on it at ingest, in the rules' order. The request schemas the
 * server parses, the types the admin reads, and the saved reply's variables
 * both sides fill the same way.
 */

export const RULE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type RulePriority = (typeof RULE_PRIORITIES)[number];

/** What a rule may do to an item's status: hide it in the inbox, or mark it spam. */
export const RULE_STATUSES = ['hidden', 'spam'] as const;

const uniqueList = <T extends z.ZodType<string>>(item: T, max: number, tooMany: ServerMessageCode) =>
  z
    .array(item)
    .max(max, m(tooMany))
    .transform((values) => [...new Set(values.map((v) => v as string))]);

const keyword = lazySchema(() => z.string().trim().min(1, m('keyword_empty')).max(80, m('too_long')));
const tag = lazySchema(() => z.string().trim().min(1, m('tag_empty')).max(40, m('too_long')));
/** `@ann`, `ann`, `@ann@mastodon.social`: compared without the leading @ and without regard to case. */
const handle = lazySchema(() => z.string().trim().min(1, m('rule_author_empty')).max(255, m('too_long')));
const language = lazySchema(() =>
  z
    .string()
    .trim()
    .regex(/^[a-z]{2}(-[A-Za-z]{2})?$/, m('language_code'))
);

export const ruleConditions = lazySchema(() =>
  z
    .strictObject({
      /** words or phrases, whole-word, without regard to case or accents */
      keywords: uniqueList(keyword, 50, 'keywords_too_many').default([]),
      /** `any`: one of the keywords is enough; `all`: every one */
      keywordsMatch: z.enum(['any', 'all']).default('any'),
      /** run by the linear-time engine (shared/core/safe-regex.ts) on the item's text */
      regex: z
        .string()
        .max(MAX_USER_REGEX, m('regex_too_long'))
        .nullable()
        .default(null)
        .transform((v) => (v && v.trim() ? v : null)),
      authors: uniqueList(handle, 50, 'too_many').default([]),
      /** account documentIds, or `site` */
      sources: uniqueList(z.union([z.literal(SITE_SOURCE), documentId]), 50, 'too_many').default([]),
      sentiments: uniqueList(z.enum(SENTIMENT_LABELS), 3, 'too_many').default([]),
      /** `en` matches en and en-US; `en-US` only en-US */
      languages: uniqueList(language, 20, 'too_many').default([]),
      /** true: only items with a link; false: only items without */
      hasLink: z.boolean().nullable().default(null),
    })
    .superRefine((value, ctx) => {
      if (value.regex !== null) {
        const problem = userRegexProblem(value.regex);
        if (problem)
          ctx.addIssue({
            code: 'custom',
            path: ['regex'],
            message: m(USER_REGEX_MESSAGES[problem]),
            params: { reason: problem, max: MAX_USER_REGEX },
          });
      }
      if (!hasCondition(value)) ctx.addIssue({ code: 'custom', path: [], message: m('rule_condition_required') });
    })
);
export type RuleConditions = z.infer<typeof ruleConditions>;

export const ruleActions = lazySchema(() =>
  z
    .strictObject({
      tags: uniqueList(tag, 20, 'tags_too_many').default([]),
      /** an admin user id holding moderation.act */
      assignTo: z.number().int().positive().nullable().default(null),
      priority: z.enum(RULE_PRIORITIES).nullable().default(null),
      /** hide it in the inbox, or mark it spam */
      status: z.enum(RULE_STATUSES).nullable().default(null),
      /** the saved replies to answer with, the one in the item's language chosen (at most once per author per thread per day) */
      autoReply: z
        .strictObject({ savedReplyIds: z.array(documentId).min(1, m('too_few')).max(10, m('too_many')) })
        .nullable()
        .default(null),
    })
    .superRefine((value, ctx) => {
      if (!value.tags.length && value.assignTo === null && value.priority === null && value.status === null && !value.autoReply)
        ctx.addIssue({ code: 'custom', path: [], message: m('rule_action_required') });
    })
);
export type RuleActions = z.infer<typeof ruleActions>;

const ruleName = lazySchema(() => z.string().trim().min(1, m('rule_name_required')).max(120, m('too_long')));

export const ruleInput = lazySchema(() =>
  z.strictObject({
    name: ruleName,
    enabled: z.boolean().default(true),
    conditions: ruleConditions,
    actions: ruleActions,
  })
);
export type RuleInput = z.infer<typeof ruleInput>;

/** An edit: each part optional, a given part replaced whole. */
export const ruleUpdate = lazySchema(() =>
  z.strictObject({
    name: ruleName.optional(),
    enabled: z.boolean().optional(),
    conditions: ruleConditions.optional(),
    actions: ruleActions.optional(),
  })
);
export type RuleUpdate = z.infer<typeof ruleUpdate>;

/** Every rule's documentId once, first to last. */
export const ruleOrderInput = lazySchema(() => z.strictObject({ ids: z.array(documentId).min(1, m('too_few')).max(500, m('too_many')) }));

/** A rule as the editor holds it: only its conditions count; a half-written action or name is not refused. */
export const ruleDryRunInput = lazySchema(() =>
  z.strictObject({
    name: z.string().max(120, m('too_long')).optional(),
    enabled: z.boolean().optional(),
    conditions: ruleConditions,
    actions: z.record(z.string(), z.unknown()).optional(),
  })
);

export function hasCondition(c: Partial<RuleConditions>): boolean {
  return Boolean(
    c.keywords?.length ||
    (c.regex !== null && c.regex !== undefined && c.regex !== '') ||
    c.authors?.length ||
    c.sources?.length ||
    c.sentiments?.length ||
    c.languages?.length ||
    (c.hasLink !== null && c.hasLink !== undefined)
  );
}

/** `{author}` and `{post_url}` of a saved reply, filled for an item (the reply box and auto-replies). */
export function fillSavedReply(body: string, item: Pick<InboxItem, 'author' | 'publication'>): string {
  return body.replace(/\{author\}/g, item.author.handle ?? item.author.name ?? '').replace(/\{post_url\}/g, item.publication?.url ?? '');
}

/**
 * The saved reply for an item's language: the one written in it (`fr` for
 * `fr-CA` too), else one written for every language; none when neither.
 */
export function chooseSavedReply<T extends { language: string | null }>(candidates: T[], itemLanguage: string | null): T | null {
  const primary = (code: string | null) => (code ? code.toLowerCase().split('-')[0] : null);
  const lang = itemLanguage?.toLowerCase() ?? null;
  return (
    (lang && candidates.find((c) => c.language?.toLowerCase() === lang)) ||
    (lang && candidates.find((c) => primary(c.language) === primary(lang))) ||
    candidates.find((c) => !c.language) ||
    null
  );
}

// --- answers ---------------------------------------------------------------------------------

export interface ModerationRule {
  documentId: string;
  name: string;
  enabled: boolean;
  position: number;
  conditions: RuleConditions;
  actions: RuleActions;
  createdAt: string;
  updatedAt: string;
}

/** Why a matched rule's auto-reply was or was not sent, kept on the item. */
export type AutoReplyOutcome =
  'sent' | 'unknown' | 'failed' | 'already_today' | 'own_account' | 'no_saved_reply' | 'unsupported' | 'not_for_hidden' | 'no_author';

/** A rule that matched an item when it came in. */
export interface RuleMatch {
  documentId: string;
  name: string;
  at: string;
  autoReply?: AutoReplyOutcome;
}

export interface RuleDryRun {
  /** items of the window the rule matches */
  count: number;
  /** the newest 50 of them */
  items: InboxItem[];
  /** items read, and whether the window held more than the scan reads */
  scanned: number;
  truncated: boolean;
  since: string;
}

export type { SentimentLabel };
