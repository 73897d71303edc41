import { z } from 'zod';
import type { AdapterContext, CommentsPort, NetworkComment, ThreadPost } from '../types';
import { permanent, retryable } from '../errors';
import { errorMessage } from '../http';
import { authed, failure, replyWithRefs, repoOf } from './publish';
import { xrpcUrl } from './session';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Replies, mentions and quotes (AT Protocol lexicons, read through the
 * account's PDS, which proxies `app.bsky.*` to its AppView as metrics.ts does):
 *
 * - `app.bsky.notification.listNotifications` answers the account's
 *   notifications newest first (by `indexedAt`) with an opaque `cursor` for
 *   the older page; there is no "since" parameter. The stored cursor is the
 *   newest notification seen (`indexedAt` and `uri`); a pass pages back until
 *   it meets an older one. It reads at most MAX_PAGES pages: when more are
 *   left, the cursor remembers where it stopped (the AppView's cursor and the
 *   newest seen) and the next pass carries on from there, so nothing between
 *   two passes is skipped. Ties on `indexedAt` are read again: the inbox's
 *   unique index keeps each item once.
 * - A reply is a post record with `reply: { root, parent }` strong refs
 *   (uri and cid, read with `app.bsky.feed.getPosts`), created under the
 *   attempt's record key (publish.ts: sent again, it exists once).
 * - Hide: the thread's root must be ours; its threadgate
 *   (`app.bsky.feed.threadgate`, record key = the root post's) lists the
 *   reply in `hiddenReplies`. Whatever `allow` rules the gate already had are
 *   kept, and the write swaps on the gate's cid so two hides do not lose one.
 * - Context: `app.bsky.feed.getPostThread`, its parents and replies.
 */

export const PAGE_SIZE = 50;
export const MAX_PAGES = 10;
/** the lexicon's cap on a threadgate's `hiddenReplies` */
export const MAX_HIDDEN = 300;
const REASONS = ['reply', 'mention', 'quote'] as const;
const POST = 'app.bsky.feed.post';
const THREADGATE = 'app.bsky.feed.threadgate';

const strongRef = lazySchema(() => z.object({ uri: z.string(), cid: z.string() }));
const author = lazySchema(() =>
  z.object({ did: z.string(), handle: z.string(), displayName: z.string().nullish(), avatar: z.string().nullish() })
);
const postRecord = lazySchema(() =>
  z
    .object({
      text: z.string().optional(),
      createdAt: z.string().optional(),
      langs: z.array(z.string()).optional(),
      reply: z.object({ root: strongRef, parent: strongRef }).optional(),
      embed: z.record(z.string(), z.unknown()).optional(),
    })
    .passthrough()
);
export const notification = lazySchema(() =>
  z.object({
    uri: z.string(),
    cid: z.string(),
    author,
    reason: z.string(),
    reasonSubject: z.string().nullish(),
    record: z.unknown(),
    isRead: z.boolean().optional(),
    indexedAt: z.string(),
  })
);
const notificationPage = lazySchema(() => z.object({ notifications: z.array(z.unknown()), cursor: z.string().nullish() }));
export type BlueskyNotification = z.infer<typeof notification>;

const postView = lazySchema(() =>
  z.object({ uri: z.string(), cid: z.string(), author, record: z.unknown(), indexedAt: z.string().optional() })
);

/** `at://did/collection/rkey`, split; null for anything else. */
export function parseAtUri(uri: string): { did: string; collection: string; rkey: string } | null {
  const match = /^at:\/\/([^/]+)\/([^/]+)\/([^/?#]+)$/.exec(uri);
  return match ? { did: match[1], collection: match[2], rkey: match[3] } : null;
}

const profileUrl = (handle: string) => `https://bsky.app/profile/${handle}`;
const postUrl = (handle: string, uri: string) => {
  const at = parseAtUri(uri);
  return at && at.collection === POST ? `${profileUrl(handle)}/post/${at.rkey}` : null;
};

/** The post a quote embeds (`app.bsky.embed.record`, or the record of `recordWithMedia`). */
function quotedUri(embed: Record<string, unknown> | undefined): string | null {
  if (!embed) return null;
  const record = embed.record as { uri?: unknown; record?: { uri?: unknown } } | undefined;
  if (typeof record?.uri === 'string') return record.uri;
  if (typeof record?.record?.uri === 'string') return record.record.uri;
  return null;
}

/** One reply, mention or quote as a comment; null for any other reason (likes, follows…) or a record that is not a post. */
export function toComment(n: BlueskyNotification): NetworkComment | null {
  if (!(REASONS as readonly string[]).includes(n.reason)) return null;
  const parsed = postRecord.safeParse(n.record);
  if (!parsed.success) return null;
  const record = parsed.data;
  const kind = n.reason as (typeof REASONS)[number];
  const parentId =
    kind === 'reply'
      ? (record.reply?.parent.uri ?? n.reasonSubject ?? n.uri)
      : kind === 'quote'
        ? (quotedUri(record.embed) ?? n.reasonSubject ?? n.uri)
        : (record.reply?.parent.uri ?? n.uri);
  return {
    externalId: n.uri,
    parentId,
    author: {
      id: n.author.did,
      handle: `@${n.author.handle}`,
      displayName: n.author.displayName || null,
      avatarUrl: n.author.avatar ?? null,
      profileUrl: profileUrl(n.author.handle),
    },
    text: record.text ?? '',
    language: record.langs?.[0] ?? null,
    createdAt: record.createdAt ?? n.indexedAt,
    url: postUrl(n.author.handle, n.uri),
    kind,
  };
}

/** A point in the notification list: its time and uri. */
interface Mark {
  at: string;
  uri: string;
}

/** The cursor as stored: the newest notification read, and where an unfinished catch-up stopped. */
export interface BlueskyCursor {
  since: Mark | null;
  pending: { newest: Mark; cursor: string } | null;
}

const storedCursor = lazySchema(() =>
  z.object({
    s: z.object({ at: z.string(), uri: z.string() }).nullish(),
    p: z.object({ n: z.object({ at: z.string(), uri: z.string() }), c: z.string() }).nullish(),
  })
);

export function readCursor(raw: string | null): BlueskyCursor {
  if (!raw) return { since: null, pending: null };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    // Not ours (another adapter's, or damaged): read from the newest again, the unique index keeps items once.
    return { since: null, pending: null };
  }
  const parsed = storedCursor.safeParse(value);
  if (!parsed.success) return { since: null, pending: null };
  return { since: parsed.data.s ?? null, pending: parsed.data.p ? { newest: parsed.data.p.n, cursor: parsed.data.p.c } : null };
}

export function writeCursor(cursor: BlueskyCursor): string | null {
  if (!cursor.since && !cursor.pending) return null;
  return JSON.stringify({
    s: cursor.since,
    ...(cursor.pending ? { p: { n: cursor.pending.newest, c: cursor.pending.cursor } } : {}),
  });
}

const time = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : 0;
};
/** later in the list's order: the time first, the uri for equal times */
const after = (a: Mark, b: Mark) => time(a.at) > time(b.at) || (time(a.at) === time(b.at) && a.uri > b.uri);

/** Not read yet: later than the mark, or as late and another notification. */
const unread = (n: Mark, since: Mark | null) =>
  !since || time(n.at) > time(since.at) || (time(n.at) === time(since.at) && n.uri !== since.uri);

async function getPost(ctx: AdapterContext, uri: string) {
  const { res } = await authed(ctx, xrpcUrl(ctx.account.instanceUrl, 'app.bsky.feed.getPosts', `?uris=${encodeURIComponent(uri)}`), {});
  if (res.status !== 200) throw failure(res, ctx, 'getPosts');
  const list = z.object({ posts: z.array(z.unknown()) }).safeParse(res.data);
  const view = list.success ? list.data.posts.map((p) => postView.safeParse(p)).find((p) => p.success && p.data.uri === uri) : undefined;
  if (!view?.success) throw permanent('not_found', 'Bluesky no longer has this post (deleted?)');
  const record = postRecord.safeParse(view.data.record);
  return { uri: view.data.uri, cid: view.data.cid, record: record.success ? record.data : {} };
}

const threadNode = lazySchema(() =>
  z.object({
    $type: z.string().optional(),
    post: postView.optional(),
    parent: z.unknown().optional(),
    replies: z.array(z.unknown()).optional(),
  })
);

function threadPost(view: z.infer<typeof postView>): ThreadPost {
  const record = postRecord.safeParse(view.record);
  const r = record.success ? record.data : {};
  return {
    externalId: view.uri,
    inReplyToId: r.reply?.parent.uri ?? null,
    url: postUrl(view.author.handle, view.uri),
    author: {
      id: view.author.did,
      handle: `@${view.author.handle}`,
      displayName: view.author.displayName || null,
      profileUrl: profileUrl(view.author.handle),
    },
    text: r.text ?? '',
    createdAt: r.createdAt ?? view.indexedAt ?? new Date(0).toISOString(),
  };
}

/** getPostThread's answer as the conversation: parents oldest first, replies depth first; blocked and missing posts left out. */
export function threadContext(body: unknown): { ancestors: ThreadPost[]; descendants: ThreadPost[] } {
  const root = threadNode.safeParse((body as { thread?: unknown } | null)?.thread);
  if (!root.success) return { ancestors: [], descendants: [] };
  const ancestors: ThreadPost[] = [];
  let parent = threadNode.safeParse(root.data.parent);
  for (let depth = 0; parent.success && parent.data.post && depth < 100; depth++) {
    ancestors.unshift(threadPost(parent.data.post));
    parent = threadNode.safeParse(parent.data.parent);
  }
  const descendants: ThreadPost[] = [];
  const walk = (replies: unknown[] | undefined, depth: number) => {
    for (const reply of replies ?? []) {
      const node = threadNode.safeParse(reply);
      if (!node.success || !node.data.post || depth > 20) continue;
      descendants.push(threadPost(node.data.post));
      walk(node.data.replies, depth + 1);
    }
  };
  walk(root.data.replies, 0);
  return { ancestors, descendants };
}

export const comments: CommentsPort = {
  async listSince(ctx, raw) {
    const cursor = readCursor(raw);
    const found: NetworkComment[] = [];
    let newest: Mark | null = cursor.pending?.newest ?? null;
    let page = cursor.pending?.cursor ?? null;
    for (let pass = 0; pass < MAX_PAGES; pass++) {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      // `reasons` filters on AppViews that know it; the others' likes and follows are left out below.
      for (const reason of REASONS) query.append('reasons', reason);
      if (page) query.set('cursor', page);
      const { res } = await authed(ctx, xrpcUrl(ctx.account.instanceUrl, 'app.bsky.notification.listNotifications', `?${query}`), {});
      if (res.status !== 200) throw failure(res, ctx, 'listNotifications');
      const body = notificationPage.safeParse(res.data);
      if (!body.success) throw retryable('unexpected_answer', errorMessage(res.data) ?? 'listNotifications: not a notification list');
      let older = false;
      for (const item of body.data.notifications) {
        const n = notification.safeParse(item);
        if (!n.success) continue;
        const mark = { at: n.data.indexedAt, uri: n.data.uri };
        if (!unread(mark, cursor.since)) {
          older = true;
          continue;
        }
        if (!newest || after(mark, newest)) newest = mark;
        const comment = toComment(n.data);
        if (comment) found.push(comment);
      }
      const next = body.data.cursor ?? null;
      if (older || !next || !body.data.notifications.length) {
        return { comments: found, cursor: writeCursor({ since: newest ?? cursor.since, pending: null }) };
      }
      page = next;
    }
    // More pages than one pass reads: the next pass carries on from here, `since` unchanged until the gap is filled.
    return {
      comments: found,
      cursor: writeCursor({ since: cursor.since, pending: { newest: newest ?? cursor.since ?? { at: '', uri: '' }, cursor: page! } }),
    };
  },

  async reply(ctx, comment, text, attemptId) {
    const parent = await getPost(ctx, comment.externalId);
    const ref = { uri: parent.uri, cid: parent.cid };
    return replyWithRefs(ctx, { root: parent.record.reply?.root ?? ref, parent: ref }, text, attemptId);
  },

  async hide(ctx, comment, hidden) {
    const post = await getPost(ctx, comment.externalId);
    const root = post.record.reply?.root.uri;
    if (!root) throw permanent('hide_not_in_thread', 'Bluesky hides replies only, not mentions or quotes outside a thread');
    const at = parseAtUri(root);
    const repo = repoOf(ctx);
    if (!at || at.did !== repo) throw permanent('hide_not_in_thread', 'Bluesky hides replies only in threads this account started');
    const query = `?repo=${encodeURIComponent(repo)}&collection=${THREADGATE}&rkey=${encodeURIComponent(at.rkey)}`;
    const { res: current } = await authed(ctx, xrpcUrl(ctx.account.instanceUrl, 'com.atproto.repo.getRecord', query), {});
    let gate: { cid: string; value: Record<string, unknown> } | null = null;
    if (current.status === 200) {
      const parsed = z.object({ cid: z.string(), value: z.record(z.string(), z.unknown()) }).safeParse(current.data);
      if (parsed.success) gate = parsed.data;
    } else if (!(current.status === 400 && /RecordNotFound|Could not locate record/.test(JSON.stringify(current.data)))) {
      throw failure(current, ctx, 'getRecord');
    }
    const list = Array.isArray(gate?.value.hiddenReplies)
      ? (gate.value.hiddenReplies as unknown[]).filter((u) => typeof u === 'string')
      : [];
    const next = hidden ? [...new Set([...list, comment.externalId])] : list.filter((u) => u !== comment.externalId);
    if (next.length === list.length && next.every((u, i) => u === list[i])) return;
    if (next.length > MAX_HIDDEN) throw permanent('too_many_hidden', `Bluesky hides at most ${MAX_HIDDEN} replies per thread`);
    // Absent `allow` means everyone may reply: a gate made here only hides, it does not close the thread.
    const record = {
      ...(gate?.value ?? {}),
      $type: THREADGATE,
      post: root,
      createdAt: gate?.value.createdAt ?? new Date(ctx.now()).toISOString(),
      hiddenReplies: next,
    };
    const { res } = await authed(ctx, xrpcUrl(ctx.account.instanceUrl, 'com.atproto.repo.putRecord'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ repo, collection: THREADGATE, rkey: at.rkey, record, swapRecord: gate?.cid ?? null }),
    });
    if (res.status === 400 && /InvalidSwap/.test(JSON.stringify(res.data)))
      throw retryable('changed', 'The thread gate changed meanwhile; try again');
    if (res.status !== 200) throw failure(res, ctx, 'putRecord');
  },

  async context(ctx, comment) {
    const { res } = await authed(
      ctx,
      xrpcUrl(
        ctx.account.instanceUrl,
        'app.bsky.feed.getPostThread',
        `?uri=${encodeURIComponent(comment.externalId)}&depth=6&parentHeight=20`
      ),
      {}
    );
    if (res.status !== 200) throw failure(res, ctx, 'getPostThread');
    return threadContext(res.data);
  },
};
