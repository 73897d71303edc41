import { z } from 'zod';
import { documentIdParam as documentId } from '../core/zod';
import { m } from '../core/messages';
import { SENTIMENT_LABELS, type SentimentLabel } from './sentiment';
import { lazySchema } from '../core/lazy-schema';
import type { RuleMatch, RulePriority } from './rules';

/**
 * The community inbox's routes (docs/inbox.md): each request's zod schema,
 * parsed by the server, and the answers' types, read by the admin.
 */

export const INBOX_KINDS = ['reply', 'mention', 'quote', 'site_comment'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

export const INBOX_STATUSES = ['new', 'assigned', 'waiting', 'done', 'hidden', 'spam'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** The source of the site's own comments (the signed ingest endpoint); any other source is an account's documentId. */
export const SITE_SOURCE = 'site';
/** The source of strapi-plugin-comments' comments (server/inbox/sources/comments-plugin.ts). */
export const COMMENTS_SOURCE = 'comments';

const tag = lazySchema(() => z.string().trim().min(1, m('tag_empty')).max(40, m('too_long')));
const tags = lazySchema(() =>
  z
    .array(tag)
    .max(20, m('tags_too_many'))
    .transform((values) => [...new Set(values)])
);

export const itemsQuery = lazySchema(() =>
  z.object({
    status: z.enum([...INBOX_STATUSES, 'open', 'all']).default('open'),
    /** an account's documentId, or `site` */
    source: z.union([z.literal(SITE_SOURCE), documentId]).optional(),
    kind: z.enum(INBOX_KINDS).optional(),
    /** the items answering one of our posts (a post plan's documentId) */
    plan: documentId.optional(),
    /** an admin user id, or `none` for items nobody holds, or `me` */
    assignee: z.union([z.enum(['none', 'me']), z.coerce.number().int().positive()]).optional(),
    tag: tag.optional(),
    sentiment: z.enum(SENTIMENT_LABELS).optional(),
    q: z.string().trim().max(200, m('too_long')).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
);
export type InboxItemsQuery = z.infer<typeof itemsQuery>;

export const statusInput = lazySchema(() => z.strictObject({ status: z.enum(INBOX_STATUSES) }));

/** What the inbox can do to a strapi-plugin-comments comment, through that plugin's admin service. */
export const SITE_COMMENT_ACTIONS = ['approve', 'reject', 'block', 'unblock', 'block_thread', 'unblock_thread'] as const;
export type SiteCommentAction = (typeof SITE_COMMENT_ACTIONS)[number];
export const moderateInput = lazySchema(() => z.strictObject({ action: z.enum(SITE_COMMENT_ACTIONS) }));

export const assignInput = lazySchema(() =>
  z.strictObject({
    /** null lets go of the item */
    assigneeId: z.number().int().positive().nullable(),
  })
);

export const tagsInput = lazySchema(() => z.strictObject({ tags }));

export const noteInput = lazySchema(() => z.strictObject({ text: z.string().trim().min(1, m('note_empty')).max(2000, m('too_long')) }));

export const sentimentInput = lazySchema(() =>
  z.strictObject({
    /** null goes back to the computed sentiment */
    label: z.enum(SENTIMENT_LABELS).nullable(),
  })
);

export const bulkInput = lazySchema(() =>
  z.strictObject({
    ids: z.array(documentId).min(1, m('items_select_one')).max(100, m('too_many')),
    status: z.enum(INBOX_STATUSES),
  })
);

/** Hide a reply on its network (`true`), or show it again (`false`). */
export const hideInput = lazySchema(() => z.strictObject({ hidden: z.boolean() }));

export const replyInput = lazySchema(() =>
  z.strictObject({
    text: z.string().trim().min(1, m('reply_empty')).max(5000, m('too_long')),
    /**
     * Made once by the reply box for what it is about to send: the same request
     * again (a double click, a retry after a lost answer) sends nothing more.
     */
    requestId: z
      .string()
      .regex(/^[A-Za-z0-9-]{8,64}$/, m('invalid'))
      .optional(),
    /**
     * The item's status once the reply is sent: `done` (answered, off the
     * "To handle" list) or `waiting` (kept open for the author's answer).
     * Absent: unchanged, as an automatic reply leaves it.
     */
    then: z.enum(['waiting', 'done']).optional(),
  })
);

export const savedReplyInput = lazySchema(() =>
  z.strictObject({
    name: z.string().trim().min(1, m('saved_reply_name_required')).max(120, m('too_long')),
    /** `en`, `fr`, or null for any language */
    language: z
      .string()
      .trim()
      .regex(/^[a-z]{2}(-[A-Z]{2})?$/, m('language_code'))
      .nullable()
      .default(null),
    body: z.string().trim().min(1, m('reply_empty')).max(5000, m('too_long')),
  })
);
/** What an edit may change: the same fields, none required, and no default filled in for a missing one. */
export const savedReplyUpdate = lazySchema(() =>
  z.strictObject({
    name: savedReplyInput.shape.name.optional(),
    language: z
      .string()
      .trim()
      .regex(/^[a-z]{2}(-[A-Z]{2})?$/, m('language_code'))
      .nullable()
      .optional(),
    body: savedReplyInput.shape.body.optional(),
  })
);

/**
 * A comment pushed by a site through the signed endpoint (docs/inbox.md,
 * "Site comments"). Loose on what it may leave out, strict on what it sends.
 */
const siteUrl = lazySchema(() =>
  z
    .string()
    .max(2048, m('too_long'))
    .refine((value) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, m('invalid'))
);

export const siteCommentInput = lazySchema(() =>
  z.strictObject({
    id: z.string().trim().min(1).max(200),
    /** the page or article it was written under */
    postUrl: siteUrl.nullish(),
    postTitle: z.string().max(500).nullish(),
    /** the comment it answers on the site, when a reply */
    parentId: z.string().max(200).nullish(),
    threadId: z.string().max(200).nullish(),
    url: siteUrl.nullish(),
    author: z.strictObject({
      name: z.string().trim().max(200).nullish(),
      handle: z.string().trim().max(200).nullish(),
      avatarUrl: siteUrl.nullish(),
      profileUrl: siteUrl.nullish(),
    }),
    text: z.string().max(20_000).nullish(),
    html: z.string().max(50_000).nullish(),
    language: z
      .string()
      .regex(/^[a-z]{2}(-[A-Za-z]{2})?$/)
      .nullish(),
    createdAt: z.iso.datetime({ offset: true }),
  })
);
export type SiteCommentInput = z.infer<typeof siteCommentInput>;

// --- answers ---------------------------------------------------------------------------------

export interface InboxNote {
  at: string;
  by: number;
  byName: string | null;
  text: string;
}

export interface InboxReply {
  attemptId: string;
  /** the reply box's request id, when it sent one */
  requestId?: string | null;
  /** the rule that sent it, for an auto-reply */
  rule?: { documentId: string; name: string } | null;
  state: 'sending' | 'sent' | 'failed' | 'unknown';
  text: string;
  at: string;
  by: number;
  externalId: string | null;
  url: string | null;
  error: string | null;
}

export interface InboxItem {
  documentId: string;
  source: string;
  /** the account's network id, or `site` */
  network: string;
  accountName: string | null;
  kind: InboxKind;
  externalId: string;
  url: string | null;
  inReplyToId: string | null;
  threadRootId: string | null;
  /** our publication it answers, when it answers one */
  publication: { documentId: string; planDocumentId: string | null; url: string | null } | null;
  author: { id: string | null; handle: string | null; name: string | null; avatarUrl: string | null; profileUrl: string | null };
  text: string;
  html: string;
  language: string | null;
  postedAt: string;
  sentiment: { label: SentimentLabel; score: number; computed: SentimentLabel; overridden: boolean };
  status: InboxStatus;
  assigneeId: number | null;
  tags: string[];
  priority: RulePriority;
  /** the moderation rules that matched it when it came in, in their order */
  rules: RuleMatch[];
  notes: InboxNote[];
  replies: InboxReply[];
  /** `unknown`: the last reply was not confirmed and must be sent again (same key) before another */
  replyState: 'idle' | 'sending' | 'unknown';
  firstResponseAt: string | null;
  firstResponseMs: number | null;
  /**
   * What the network lets the inbox do with this item. `hide`: this item can
   * be hidden — networks hide replies under the account's posts, never a
   * mention or a quote elsewhere; `hideReplies`: the network hides replies
   * (so the admin can say why this one cannot be).
   */
  can: { reply: boolean; hide: boolean; hideReplies: boolean };
}

export interface InboxItemsPage {
  results: InboxItem[];
  pagination: {
    page: number;
    pageSize: number;
    /** how many match; counted on the first page only (null after it: the admin keeps the first page's) */
    total: number | null;
    /** `total` is a floor: more match a tag or searched words than the list counts (docs/inbox.md, "The list's counts") */
    totalCapped: boolean;
    /** null when `total` is null or a floor */
    pageCount: number | null;
    /** another page follows this one */
    hasMore: boolean;
  };
  /** the folders' counts (each status, under the other filters); null after the first page and when the total is a floor */
  counts: Record<InboxStatus, number> | null;
  /** the folders whose count is a floor (`listCountCap`: "1,000+"), absent when none is */
  countsCapped?: InboxStatus[];
}

export interface InboxThread {
  item: InboxItem;
  /** other items of the same thread, oldest first */
  thread: InboxItem[];
  /** a strapi-plugin-comments comment's state as that plugin stores it now; null for other items or when it is gone */
  siteComment?: SiteCommentState | null;
}

/** What strapi-plugin-comments says of one of its comments (its own fields, read through its `common` service). */
export interface SiteCommentState {
  /** PENDING, APPROVED or REJECTED; null when the entry needs no approval */
  approvalStatus: string | null;
  blocked: boolean;
  blockedThread: boolean;
  removed: boolean;
}

/** One post of the conversation around an item, as text only (never the network's HTML). */
export interface InboxContextPost {
  externalId: string;
  author: { name: string | null; handle: string | null; profileUrl: string | null };
  text: string;
  url: string | null;
  postedAt: string | null;
  /** written by the account the item came to (our post, our answers) */
  ours: boolean;
}

/**
 * The thread an item belongs to, read from its source when the item is
 * opened (GET /inbox/items/:documentId/context): the posts it answers up to
 * the root, oldest first, and the answers under it.
 */
export interface InboxItemContext {
  /** false where the source gives no thread (the signed site endpoint, a network without it) */
  supported: boolean;
  /** the entry or post the conversation is about, when the source names it */
  post: { title: string | null; url: string | null } | null;
  ancestors: InboxContextPost[];
  descendants: InboxContextPost[];
  /** when it was read from the source (answers are kept briefly) */
  readAt: string;
}

export interface InboxSource {
  source: string;
  network: string;
  name: string;
  cursor: string | null;
  lastPolledAt: string | null;
  lastError: string | null;
}

export interface SavedReply {
  documentId: string;
  name: string;
  language: string | null;
  body: string;
}

export interface InboxAssignee {
  id: number;
  name: string;
}
