import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema';
import { MAX_USER_REGEX, USER_REGEX_MESSAGES, userRegexProblem } from '../core/safe-regex';
import { documentIdParam as documentId } from '../core/zod';
import { m, type MessageParams, type ServerMessageCode } from '../core/messages';

export const feedUrl = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1, m('feed_url_required'))
    .max(2048, m('too_long'))
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && !!url.hostname;
      } catch {
        return false;
      }
    }, m('feed_url_invalid'))
);

const tag = lazySchema(() => z.string().trim().min(1, m('tag_empty')).max(40, m('too_long')));
const keyword = lazySchema(() => z.string().trim().min(1, m('keyword_empty')).max(80, m('too_long')));
const uniqueList = <T extends z.ZodType<string>>(item: T, max: number, tooMany: ServerMessageCode) =>
  z
    .array(item)
    .max(max, m(tooMany))
    .transform((values) => [...new Set(values.map((v) => v as string))]);

export const WATCH_INTERVALS = [15, 30, 60, 120, 360, 720, 1440] as const;

export const sourceInput = lazySchema(() =>
  z.strictObject({
    url: feedUrl,
    name: z.string().trim().max(200, m('too_long')).optional(),
    siteUrl: feedUrl.nullish(),
    tags: uniqueList(tag, 20, 'tags_too_many').default([]),
    keywords: uniqueList(keyword, 50, 'keywords_too_many').default([]),
    intervalMinutes: z
      .number()
      .int(m('interval_whole_minutes'))
      .min(15, m('interval_too_often'))
      .max(1440, m('interval_too_rare'))
      .default(60),
  })
);
export type SourceInput = z.infer<typeof sourceInput>;

export const sourceUpdate = lazySchema(() => sourceInput.partial().strict());
export type SourceUpdate = z.infer<typeof sourceUpdate>;

export const urlInput = lazySchema(() => z.strictObject({ url: feedUrl }));

export const removeSourceQuery = lazySchema(() =>
  z.object({
    keepItems: z.enum(['true', 'false'], { message: m('keep_items_choice') }).transform((v) => v === 'true'),
  })
);

export const opmlImport = lazySchema(() =>
  z.strictObject({
    // Under Strapi's 1 MB JSON body limit; a 1,000-feed OPML file is about 200 kB.
    opml: z.string().min(1, m('opml_empty')).max(500_000, m('too_long')),
    intervalMinutes: sourceInput.shape.intervalMinutes,
  })
);

export const ITEM_STATES = ['new', 'read', 'starred', 'archived', 'curated'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const itemsQuery = lazySchema(() =>
  z.object({
    source: documentId.optional(),
    tag: tag.optional(),
    keyword: keyword.optional(),
    state: z.enum([...ITEM_STATES, 'unread', 'all']).optional(),
    alerted: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    q: z.string().trim().max(200, m('too_long')).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    sort: z.enum(['newest', 'relevant']).default('newest'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
);
export type ItemsQuery = z.infer<typeof itemsQuery>;

export const stateInput = lazySchema(() => z.strictObject({ state: z.enum(['new', 'read', 'starred', 'archived']) }));

export const bulkInput = lazySchema(() =>
  z.strictObject({
    ids: z.array(documentId).min(1, m('items_select_one')).max(500, m('items_too_many_at_once')),
    state: z.enum(['new', 'read', 'starred', 'archived']),
  })
);

export const curateInput = lazySchema(() =>
  z.strictObject({
    commentary: z.string().max(2000, m('too_long')).optional(),
    editorialLineId: documentId.nullish(),
  })
);

/** Why the linear-time engine refuses an alert's pattern, as the message the admin translates. */
const REGEX_PROBLEMS = USER_REGEX_MESSAGES;

export const alertInput = lazySchema(() =>
  z
    .strictObject({
      name: z.string().trim().min(1, m('alert_name_required')).max(120, m('too_long')),
      kind: z.enum(['keyword', 'regex']),
      pattern: z.string().trim().min(1, m('alert_pattern_required')).max(MAX_USER_REGEX, m('too_long')),
      enabled: z.boolean().default(true),
      digest: z.boolean().default(true),
    })
    .superRefine((value, ctx) => {
      if (value.kind !== 'regex') return;
      const problem = userRegexProblem(value.pattern);
      if (problem)
        ctx.addIssue({
          code: 'custom',
          path: ['pattern'],
          message: m(REGEX_PROBLEMS[problem]),
          params: { reason: problem, max: MAX_USER_REGEX },
        });
    })
);
export type AlertInput = z.infer<typeof alertInput>;

export type FeedKind = 'rss' | 'atom' | 'rdf' | 'json';

/**
 * Why a fetch failed: a stable `code` (`http_error`, `timeout`, …), its English
 * `message`, and the catalogued message the admin translates with its facts
 * (`server.<messageId>`); a failure stored before the codes has no `messageId`.
 */
export interface SourceFailure {
  code: string;
  message: string;
  messageId?: ServerMessageCode;
  params?: MessageParams;
}

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
  lastError: SourceFailure | null;
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
  error?: SourceFailure;
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
