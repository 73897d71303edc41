import { z } from 'zod';
import { MAX_USER_REGEX, USER_REGEX_MESSAGES, userRegexProblem } from '../core/safe-regex';
import { documentIdParam as documentId } from '../core/zod';

export const feedUrl = z
  .string()
  .trim()
  .min(1, 'The feed address is required')
  .max(2048, 'At most 2048 characters')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && !!url.hostname;
    } catch {
      return false;
    }
  }, 'An address starting with http:// or https://, without a user name or password');

const tag = z.string().trim().min(1, 'A tag cannot be empty').max(40, 'At most 40 characters');
const keyword = z.string().trim().min(1, 'A keyword cannot be empty').max(80, 'At most 80 characters');
const uniqueList = <T extends z.ZodType<string>>(item: T, max: number, what: string) =>
  z
    .array(item)
    .max(max, `At most ${max} ${what}`)
    .transform((values) => [...new Set(values.map((v) => v as string))]);

export const WATCH_INTERVALS = [15, 30, 60, 120, 360, 720, 1440] as const;

export const sourceInput = z.strictObject({
  url: feedUrl,
  name: z.string().trim().max(200, 'At most 200 characters').optional(),
  siteUrl: feedUrl.nullish(),
  tags: uniqueList(tag, 20, 'tags').default([]),
  keywords: uniqueList(keyword, 50, 'keywords').default([]),
  intervalMinutes: z
    .number()
    .int('A whole number of minutes')
    .min(15, 'At least every 15 minutes')
    .max(1440, 'At most once a day')
    .default(60),
});
export type SourceInput = z.infer<typeof sourceInput>;

export const sourceUpdate = sourceInput.partial().strict();
export type SourceUpdate = z.infer<typeof sourceUpdate>;

export const urlInput = z.strictObject({ url: feedUrl });

export const removeSourceQuery = z.object({
  keepItems: z.enum(['true', 'false'], { message: 'Say whether to keep the items: true or false' }).transform((v) => v === 'true'),
});

export const opmlImport = z.strictObject({
  // Under Strapi's 1 MB JSON body limit; a 1,000-feed OPML file is about 200 kB.
  opml: z.string().min(1, 'The OPML file is empty').max(500_000, 'At most 500,000 characters'),
  intervalMinutes: sourceInput.shape.intervalMinutes,
});

export const ITEM_STATES = ['new', 'read', 'starred', 'archived', 'curated'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const itemsQuery = z.object({
  source: documentId.optional(),
  tag: tag.optional(),
  keyword: keyword.optional(),
  state: z.enum([...ITEM_STATES, 'unread', 'all']).optional(),
  alerted: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().max(200, 'At most 200 characters').optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  sort: z.enum(['newest', 'relevant']).default('newest'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type ItemsQuery = z.infer<typeof itemsQuery>;

export const stateInput = z.strictObject({ state: z.enum(['new', 'read', 'starred', 'archived']) });

export const bulkInput = z.strictObject({
  ids: z.array(documentId).min(1, 'Select at least one item').max(500, 'At most 500 items at once'),
  state: z.enum(['new', 'read', 'starred', 'archived']),
});

export const curateInput = z.strictObject({
  commentary: z.string().max(2000, 'At most 2000 characters').optional(),
  editorialLineId: documentId.nullish(),
});

export const alertInput = z
  .strictObject({
    name: z.string().trim().min(1, 'The alert needs a name').max(120, 'At most 120 characters'),
    kind: z.enum(['keyword', 'regex']),
    pattern: z.string().trim().min(1, 'The pattern is required').max(MAX_USER_REGEX, `At most ${MAX_USER_REGEX} characters`),
    enabled: z.boolean().default(true),
    digest: z.boolean().default(true),
  })
  .superRefine((value, ctx) => {
    if (value.kind !== 'regex') return;
    const problem = userRegexProblem(value.pattern);
    if (problem) ctx.addIssue({ code: 'custom', path: ['pattern'], message: USER_REGEX_MESSAGES[problem], params: { reason: problem } });
  });
export type AlertInput = z.infer<typeof alertInput>;

export type FeedKind = 'rss' | 'atom' | 'rdf' | 'json';

export interface WatchSource {
  documentId: string;
  url: string;
  siteUrl: string | null;
  name: string;
  tags: string[];
  kind: FeedKind | null;
  intervalMinutes: number;
  keywords: string[];
  status: 'active' | 'paused' | 'failing';
  lastError: { code: string; message: string } | null;
  failures: number;
  lastFetchAt: string | null;
  lastSuccessAt: string | null;
  nextFetchAt: string | null;
  unread: number;
  createdAt: string;
}

export interface WatchItem {
  documentId: string;
  source: { documentId: string; name: string };
  guid: string | null;
  link: string | null;
  title: string;
  author: string | null;
  summary: string;
  /** sanitized HTML (server/watch/sanitize.ts), safe to render */
  content: string;
  image: string | null;
  publishedTime: string;
  fetchedAt: string | null;
  matchedKeywords: string[];
  pillars: string[];
  relevance: number;
  alerted: boolean;
  state: ItemState;
  curatedPlanId: string | null;
}

export interface WatchAlert {
  documentId: string;
  name: string;
  kind: 'keyword' | 'regex';
  pattern: string;
  enabled: boolean;
  digest: boolean;
}

/** What one fetch of a source did (the scheduler's and "fetch now"'s answer). */
export interface FetchOutcome {
  documentId: string;
  status: 'fetched' | 'not_modified' | 'failed' | 'busy';
  created: number;
  skipped: number;
  error?: { code: string; message: string };
}

/** A test fetch: what the source would give, nothing stored. */
export interface FeedPreview {
  url: string;
  kind: FeedKind;
  title: string | null;
  siteUrl: string | null;
  encoding: string;
  total: number;
  skipped: number;
  items: Array<{ title: string; link: string | null; author: string | null; summary: string; publishedTime: string }>;
}

/** `GET /watch/items`: one page of the reader. */
export interface ItemsPage {
  results: WatchItem[];
  pagination: { page: number; pageSize: number; total: number };
}
