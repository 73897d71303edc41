import { z } from 'zod';
import type { Strapi, Row } from '../../core/strapi';
import { lazySchema } from '../../../shared/core/lazy-schema';
import type { FeedSanitizer } from '../../watch/sanitize';
import { fromSiteComment, type ItemDraft } from '../mapping';
import { COMMENTS_SOURCE, type InboxContextPost, type SiteCommentAction, type SiteCommentState } from '../../../shared/inbox/contract';

/**
 * strapi-plugin-comments (the Strapi 5 line, 3.x) as an inbox source
 * (docs/inbox.md, "Site comments: strapi-plugin-comments"). When the plugin
 * is installed and enabled (`strapi.plugin('comments')`), its comments are
 * read through its own `common` service (`findAllFlat`, oldest id first,
 * after the last id read) and every action goes through its `admin` service
 * (`approveComment`, `rejectComment`, `changeBlockedComment`,
 * `blockCommentThread`, `postComment` as the admin who answers): the inbox
 * never touches its tables, so its sanitizing, approval flow and
 * notifications stay its own.
 */

/** The source (and network) of the items it brings. */
export { COMMENTS_SOURCE };
/** The plugin's id as Strapi registers it. */
export const COMMENTS_PLUGIN = 'comments';
export const COMMENTS_PAGE_SIZE = 50;
export const COMMENTS_MAX_PAGES = 10;

export type CommentAction = SiteCommentAction;

const id = () => z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const pluginComment = lazySchema(() =>
  z
    .object({
      id: id(),
      content: z.string(),
      createdAt: z.union([z.string(), z.date()]).transform((d) => new Date(d).toISOString()),
      related: z.unknown().optional(),
      threadOf: z.union([id(), z.object({ id: id() }).passthrough()]).nullish(),
      approvalStatus: z.string().nullish(),
      blocked: z.boolean().nullish(),
      blockedThread: z.boolean().nullish(),
      removed: z.boolean().nullish(),
      isAdminComment: z.boolean().nullish(),
      authorId: z.union([z.string(), z.number()]).nullish(),
      authorName: z.string().nullish(),
      authorAvatar: z.string().nullish(),
      authorUser: z
        .union([z.string(), z.number(), z.object({ id: id(), username: z.string().nullish(), email: z.string().nullish() }).passthrough()])
        .nullish(),
      author: z
        .object({ id: z.union([z.string(), z.number()]).nullish(), name: z.string().nullish(), avatar: z.string().nullish() })
        .passthrough()
        .nullish(),
      locale: z.string().nullish(),
    })
    .passthrough()
);
export type PluginComment = z.infer<typeof pluginComment>;
const page = lazySchema(() => z.object({ data: z.array(z.unknown()) }).passthrough());

interface CommonService {
  findAllFlat(query: Record<string, unknown>, related?: unknown): Promise<unknown>;
  findOne(where: Record<string, unknown>): Promise<unknown>;
  findMany(query: Record<string, unknown>): Promise<unknown>;
}
interface AdminService {
  approveComment(id: number): Promise<unknown>;
  rejectComment(id: number): Promise<unknown>;
  changeBlockedComment(id: number, blocked: boolean): Promise<unknown>;
  blockCommentThread(id: number, blocked: boolean): Promise<unknown>;
  postComment(input: { id: number; content: string; author: Record<string, unknown> }): Promise<unknown>;
}

/** The plugin's services when it is installed and enabled; null otherwise. */
export function commentsPlugin(strapi: Strapi): { common: CommonService; admin: AdminService } | null {
  const plugin = (strapi as unknown as { plugin(name: string): { service(name: string): unknown } | undefined }).plugin(COMMENTS_PLUGIN);
  if (!plugin) return null;
  const common = plugin.service('common') as CommonService | undefined;
  const admin = plugin.service('admin') as AdminService | undefined;
  return common && admin && typeof common.findAllFlat === 'function' && typeof admin.postComment === 'function' ? { common, admin } : null;
}

const idOf = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return idOf((value as { id?: unknown }).id);
  return String(value);
};

/** `api::article.article:<documentId>` as its two parts. */
export function parseRelation(related: unknown): { uid: string; documentId: string } | null {
  if (typeof related !== 'string') return null;
  const match = /^([a-z0-9-]+::[a-z0-9.-]+):(.+)$/i.exec(related);
  return match ? { uid: match[1], documentId: match[2] } : null;
}

/** One of the plugin's comments as an inbox item (kind site_comment), pure. */
export function fromPluginComment(comment: PluginComment, postTitle: string | null, clean: FeedSanitizer): ItemDraft {
  const user = comment.authorUser && typeof comment.authorUser === 'object' ? comment.authorUser : null;
  const name = comment.authorName ?? comment.author?.name ?? (user?.username as string | null | undefined) ?? null;
  const parent = idOf(comment.threadOf);
  const draft = fromSiteComment(
    {
      id: String(comment.id),
      postTitle: postTitle ?? undefined,
      parentId: parent ?? undefined,
      author: { name: name ?? undefined, avatarUrl: comment.authorAvatar ?? comment.author?.avatar ?? undefined },
      html: comment.content,
      language: comment.locale ?? undefined,
      createdAt: comment.createdAt,
    } as Parameters<typeof fromSiteComment>[0],
    clean
  );
  // The avatar only when it is http(s): fromSiteComment already dropped anything else.
  return {
    ...draft,
    sourceRef: COMMENTS_SOURCE,
    network: COMMENTS_SOURCE,
    authorId: idOf(user ?? comment.authorId ?? comment.author?.id)?.slice(0, 255) ?? null,
  };
}

export interface CommentsReadDeps {
  strapi: Strapi;
  clean: FeedSanitizer;
}

/**
 * Reads the comments after `cursor` (the last id read), oldest first, at
 * most COMMENTS_MAX_PAGES pages; the new cursor is the last id read.
 */
export async function readComments(deps: CommentsReadDeps, cursor: string | null): Promise<{ drafts: ItemDraft[]; cursor: string | null }> {
  const services = commentsPlugin(deps.strapi);
  if (!services) return { drafts: [], cursor };
  let after = cursor && /^\d+$/.test(cursor) ? Number(cursor) : 0;
  const drafts: ItemDraft[] = [];
  const titles = new Map<string, string | null>();
  for (let n = 0; n < COMMENTS_MAX_PAGES; n++) {
    const raw = await services.common.findAllFlat(
      {
        filters: { id: { $gt: after } },
        sort: 'id:asc',
        // Its REST controller adds this populate too: without it `threadOf` is left out and answers lose their thread.
        populate: { threadOf: true },
        pagination: { page: 1, pageSize: COMMENTS_PAGE_SIZE },
        isAdmin: true,
      },
      undefined
    );
    const list = page.safeParse(raw);
    if (!list.success) throw new Error('strapi-plugin-comments answered something else than a page of comments');
    const comments = list.data.data
      .map((c) => pluginComment.safeParse(c))
      .filter((r) => r.success)
      .map((r) => r.data!);
    for (const comment of comments) {
      after = Math.max(after, comment.id);
      // Our own answers (written from the inbox or the plugin's page) are not items to handle.
      if (comment.isAdminComment) continue;
      drafts.push(fromPluginComment(comment, await titleOf(deps.strapi, comment.related, titles), deps.clean));
    }
    if (list.data.data.length < COMMENTS_PAGE_SIZE) break;
  }
  return { drafts, cursor: after ? String(after) : cursor };
}

/** The commented entry's title (its `title`, else `name`), read once per entry through the document service. */
async function titleOf(strapi: Strapi, related: unknown, cache: Map<string, string | null>): Promise<string | null> {
  const relation = parseRelation(related);
  if (!relation) return null;
  const key = `${relation.uid}:${relation.documentId}`;
  if (cache.has(key)) return cache.get(key) ?? null;
  let title: string | null = null;
  try {
    const documents = (strapi as unknown as { documents(uid: string): { findOne(q: object): Promise<Row | null> } }).documents(
      relation.uid
    );
    const entry = await documents.findOne({ documentId: relation.documentId });
    const value = entry?.title ?? entry?.name;
    title = typeof value === 'string' ? value.slice(0, 500) : null;
  } catch {
    title = null;
  }
  cache.set(key, title);
  return title;
}

/** Approve, reject or block one comment through the plugin's admin service. */
export async function moderateComment(strapi: Strapi, externalId: string, action: CommentAction): Promise<void> {
  const services = commentsPlugin(strapi);
  if (!services) throw new Error('strapi-plugin-comments is not installed');
  const commentId = Number(externalId);
  if (action === 'approve') await services.admin.approveComment(commentId);
  else if (action === 'reject') await services.admin.rejectComment(commentId);
  else if (action === 'block' || action === 'unblock') await services.admin.changeBlockedComment(commentId, action === 'block');
  else await services.admin.blockCommentThread(commentId, action === 'block_thread');
}

/** A comment's moderation state as the plugin stores it now; null when it is gone or unreadable. */
export async function commentState(strapi: Strapi, externalId: string): Promise<SiteCommentState | null> {
  const services = commentsPlugin(strapi);
  if (!services || !/^\d+$/.test(externalId)) return null;
  try {
    const [found] = ((await services.common.findMany({ where: { id: Number(externalId) }, limit: 1 })) ?? []) as Array<
      Record<string, unknown>
    >;
    if (!found) return null;
    return {
      approvalStatus: typeof found.approvalStatus === 'string' ? found.approvalStatus : null,
      blocked: found.blocked === true,
      blockedThread: found.blockedThread === true,
      removed: found.removed === true,
    };
  } catch {
    return null;
  }
}

/** How far up a thread the context reads, and how many answers under the comment it lists. */
export const COMMENT_CONTEXT_DEPTH = 20;
export const COMMENT_CONTEXT_ANSWERS = 50;

/**
 * The thread around a comment, through the plugin's `common.findMany`: the
 * comments it answers up to the first (`threadOf`, oldest first, at most
 * COMMENT_CONTEXT_DEPTH) and the answers under it, oldest first; the
 * plugin's admin answers are ours. Text only: the plugin's HTML is reduced
 * to text here, never shown.
 */
export async function commentThread(
  strapi: Strapi,
  externalId: string
): Promise<{ ancestors: InboxContextPost[]; descendants: InboxContextPost[] } | null> {
  const services = commentsPlugin(strapi);
  if (!services || !/^\d+$/.test(externalId)) return null;
  const one = async (id: number) =>
    (((await services.common.findMany({ where: { id }, populate: { threadOf: true }, limit: 1 })) ?? []) as unknown[])[0];
  const ancestors: InboxContextPost[] = [];
  const start = pluginComment.safeParse(await one(Number(externalId)));
  if (!start.success) return null;
  const seen = new Set([start.data.id]);
  for (let up = idOf(start.data.threadOf); up && ancestors.length < COMMENT_CONTEXT_DEPTH;) {
    const parent = pluginComment.safeParse(await one(Number(up)));
    if (!parent.success || seen.has(parent.data.id)) break;
    seen.add(parent.data.id);
    ancestors.unshift(contextPost(parent.data));
    up = idOf(parent.data.threadOf);
  }
  const answers = ((await services.common.findMany({
    where: { threadOf: start.data.id },
    orderBy: { id: 'asc' },
    limit: COMMENT_CONTEXT_ANSWERS,
  })) ?? []) as unknown[];
  const descendants = answers
    .map((c) => pluginComment.safeParse(c))
    .filter((r) => r.success)
    .map((r) => contextPost(r.data!));
  return { ancestors, descendants };
}

function contextPost(comment: PluginComment): InboxContextPost {
  const user = comment.authorUser && typeof comment.authorUser === 'object' ? comment.authorUser : null;
  return {
    externalId: String(comment.id),
    author: {
      name: comment.authorName ?? comment.author?.name ?? (user?.username as string | null | undefined) ?? null,
      handle: null,
      profileUrl: null,
    },
    text: plainOf(comment.content).slice(0, 5000),
    url: null,
    postedAt: comment.createdAt,
    ours: comment.isAdminComment === true,
  };
}

/**
 * Answers a comment as the admin, through the plugin's `postComment` (an
 * admin comment in its thread). A reply whose outcome was unknown is first
 * looked for (an admin comment by the same person under the same comment
 * with the same text), so a resend never writes it twice.
 */
export async function replyToComment(
  strapi: Strapi,
  externalId: string,
  text: string,
  author: { id: number; email: string; firstname?: string | null; lastname?: string | null; username?: string | null },
  resend: boolean
): Promise<{ externalId: string; url: string | null }> {
  const services = commentsPlugin(strapi);
  if (!services) throw new Error('strapi-plugin-comments is not installed');
  const commentId = Number(externalId);
  if (resend) {
    const existing = (await services.common.findMany({
      where: { threadOf: commentId, isAdminComment: true, authorId: String(author.id) },
      orderBy: { id: 'desc' },
      limit: 20,
    })) as Array<{ id: number; content?: string }> | null;
    const same = (existing ?? []).find((c) => plainOf(c.content ?? '') === plainOf(text));
    if (same) return { externalId: String(same.id), url: null };
  }
  const created = (await services.admin.postComment({ id: commentId, content: text, author: { ...author } })) as { id?: unknown } | null;
  return { externalId: String(created?.id ?? ''), url: null };
}

const plainOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
