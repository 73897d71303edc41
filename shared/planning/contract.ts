import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema';
import { MAX_POST_TEXT, NETWORKS } from '../linter';
import { POST_STATUSES, SHORTCUT_NAMES, TRANSITION_NAMES, type PlanAction, type PostStatus, type TransitionName } from './workflow';
import type { Network } from '../networks/rules';
import { documentIdParam as documentId, contentTypeUid, text } from '../core/zod';
import { m } from '../core/messages';

export const scheduleInput = lazySchema(() =>
  z.strictObject({
    /** wall-clock time in the editor's zone, YYYY-MM-DDTHH:mm */
    local: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, m('local_time_format')),
    timezone: z.string().min(1, m('time_zone_required')).max(64, m('too_long')),
    /** which reading of an ambiguous (fall-back) local time */
    fold: z.enum(['earlier', 'later']).optional(),
  })
);

export const postPlanInput = lazySchema(() =>
  z.strictObject({
    title: z.string().trim().min(1, m('post_title_required')).max(200, m('too_long')),
    body: text(MAX_POST_TEXT).default(''),
    variants: z.partialRecord(z.enum(NETWORKS), z.strictObject({ body: text(MAX_POST_TEXT) })).default({}),
    accountIds: z.array(documentId).max(50, m('post_accounts_too_many')).default([]),
    editorialLineId: documentId.nullish(),
    schedule: scheduleInput.nullish(),
    pillar: z.string().trim().max(80, m('too_long')).nullish(),
    campaign: z.string().trim().max(120, m('too_long')).nullish(),
    firstComment: text(5_000).nullish(),
    utm: z.strictObject({ enabled: z.boolean(), campaign: z.string().max(120).optional() }).default({ enabled: false }),
    entry: z
      .strictObject({
        uid: contentTypeUid,
        documentId,
      })
      .nullish(),
    /** files of the Strapi media library, in the order they are attached, each with this post's alt text */
    media: z
      .array(
        z.strictObject({
          id: z.number().int().positive(m('media_file_id')),
          alt: z.string().max(1_500, m('too_long')).optional(),
        })
      )
      .max(20, m('media_too_many'))
      .default([]),
  })
);

export type PostPlanInput = z.infer<typeof postPlanInput>;

export const transitionInput = lazySchema(() =>
  z.strictObject({
    comment: z.string().max(2_000, m('too_long')).optional(),
    /** `schedule` only: approve on the way, in one step (the `approve_and_schedule` shortcut of the workflow) */
    approve: z.literal(true).optional(),
  })
);

export const transitionParam = lazySchema(() => z.enum(TRANSITION_NAMES));

/** `a,b` or repeated `a&a`: query strings carry lists both ways. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value),
    z.array(item).max(20, m('values_too_many'))
  );

export const LIST_SORTS = ['scheduledAt', 'updatedAt', 'title', 'status'] as const;

export const listQuery = lazySchema(() =>
  z.object({
    status: listOf(z.enum(POST_STATUSES)).optional(),
    q: z.string().trim().max(200, m('too_long')).optional(),
    accountId: documentId.optional(),
    network: z.enum(NETWORKS).optional(),
    pillar: z.string().trim().max(80, m('too_long')).optional(),
    campaign: z.string().trim().max(120, m('too_long')).optional(),
    entryUid: contentTypeUid.optional(),
    entryDocumentId: documentId.optional(),
    sort: z.enum(LIST_SORTS).default('scheduledAt'),
    order: z.enum(['asc', 'desc']).default('asc'),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
);

export type ListQuery = z.infer<typeof listQuery>;

export const commentInput = lazySchema(() =>
  z.strictObject({
    body: z.string().trim().min(1, m('comment_empty')).max(5_000, m('too_long')),
  })
);

export const commentIdParam = lazySchema(() => z.coerce.number().int().positive(m('comment_id')));

export const BULK_ACTIONS = ['submit', 'approve', 'cancel', 'duplicate'] as const;

export const bulkInput = lazySchema(() =>
  z.strictObject({
    action: z.enum(BULK_ACTIONS),
    documentIds: z.array(documentId).min(1, m('posts_select_one')).max(100, m('posts_too_many_at_once')),
  })
);
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const linkPreviewQuery = lazySchema(() =>
  z.object({
    url: z.string().trim().min(1, m('page_url_required')).max(2_000, m('too_long')),
  })
);
export const rescheduleInput = lazySchema(() => z.strictObject({ schedule: scheduleInput }));
export type ScheduleInput = z.infer<typeof scheduleInput>;

export interface TrailEntry {
  at: string;
  by: { id: number; name: string } | null;
  event: string;
  from?: PostStatus;
  to?: PostStatus;
  comment?: string;
  /** a move in time: the instants (UTC) and local times before and after */
  schedule?: {
    from: { scheduledAt: string | null; localTime: string | null; timezone: string | null };
    to: { scheduledAt: string; localTime: string; timezone: string };
  };
}

/** How a post plan came to be: by hand, from an entry's share timeline, or auto-shared on publish. */
export type PostOrigin = 'manual' | 'share-timeline' | 'auto-share';

export interface PostMedia {
  id: number;
  url: string;
  name: string;
  mime: string;
  /** bytes (Strapi stores kilobytes) */
  size: number;
  width: number | null;
  height: number | null;
  /** this post's alt text for the file, else the library's own */
  alternativeText: string | null;
}

export interface PostComment {
  id: number;
  body: string;
  by: { id: number; name: string };
  at: string;
}

export interface PostPlan {
  documentId: string;
  title: string;
  body: string;
  variants: Partial<Record<Network, { body: string }>>;
  accounts: Array<{ documentId: string; name: string; network: Network; handle: string | null; status: string }>;
  editorialLine: { documentId: string; name: string } | null;
  scheduledAt: string | null;
  timezone: string | null;
  localTime: string | null;
  status: PostStatus;
  pillar: string | null;
  campaign: string | null;
  utm: { enabled: boolean; campaign?: string };
  entry: { uid: string; documentId: string } | null;
  origin: PostOrigin;
  firstComment: string | null;
  trail: TrailEntry[];
  media: PostMedia[];
  /** the workflow transitions the requesting user may take now (set by the routes that know the user) */
  availableTransitions?: TransitionName[];
  /** what the composer offers this user on this post, shortcuts first (set by the same routes) */
  allowedActions?: PlanAction[];
  createdAt: string;
  updatedAt: string;
}

const planAction = lazySchema(() =>
  z.strictObject({
    name: z.enum([...TRANSITION_NAMES, ...SHORTCUT_NAMES]),
    to: z.enum(POST_STATUSES),
  })
);

/**
 * `GET /composer/context`: what the composer needs beyond the post. The
 * server parses its own answer with it, so the admin reads what it declares.
 */
export const composerContext = lazySchema(() =>
  z.strictObject({
    /** the hosts UTM tagging applies to */
    siteHosts: z.array(z.string()),
    approvalRequired: z.boolean(),
    /** the active admins who may approve posts (the "Send to review" button names them) */
    approvers: z.array(z.strictObject({ id: z.number().int(), name: z.string() })),
    /** what this user may do with a new post once it is saved (a draft) */
    newPostActions: z.array(planAction),
  })
);
export type ComposerContext = z.infer<typeof composerContext>;

/** `GET /link-preview` when the page could not be read: 200, so a link the preview cannot fetch is not an error. */
export interface NoLinkPreview {
  url: string;
  host: string;
  unavailable: true;
  /** why, as a code the admin may translate: `unreachable`, `timeout`, `http_<status>`... */
  reason: string;
}

export interface LinkPreview {
  url: string;
  host: string;
  title: string | null;
  description: string | null;
  /** absolute URL of the page's og:image, never fetched by the server */
  image: string | null;
}

/** `GET /link-preview`: the card, or why there is none (always 200 for a web address). */
export type LinkPreviewResult = LinkPreview | NoLinkPreview;

/** `GET /post-plans`: one page of the list. */
export interface PostPage {
  results: PostPlan[];
  pagination: { page: number; pageSize: number; total: number };
}

/** `POST /post-plans/bulk`: one line per post, in the order sent; a refusal stops only its own post. */
export interface BulkResult {
  documentId: string;
  ok: boolean;
  code?: string;
  message?: string;
  result?: PostPlan;
}
