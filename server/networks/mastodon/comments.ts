import { z } from 'zod';
import type { AdapterContext, CommentsPort, NetworkComment } from '../types';
import { fromStatus, retryAfterFrom } from '../errors';
import { call, errorMessage } from '../http';
import { bearer, instanceBase } from './api';
import { publish } from './publish';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Mentions and replies (docs.joinmastodon.org, _Methods > notifications_):
 * `GET /api/v1/notifications?types[]=mention` lists every status that
 * mentions the account — a reply to one of its posts mentions it too — newest
 * first. The cursor is the newest notification id seen (`since_id`); older
 * pages come through the `Link` header's `rel="next"` (its `max_id`), kept
 * under `since_id` so paging stops at what was already read. A pass reads at
 * most MAX_PAGES pages: when more are left, the cursor remembers where it
 * stopped (`since|newest|max_id`) and the next pass carries on, so nothing
 * between two passes is skipped; the pass that fills the gap asks to be read
 * again at once, for what was said since the catch-up began. A reply is a
 * status with `in_reply_to_id` and the attempt's `Idempotency-Key`
 * (publish.ts). Mastodon has no way to
 * hide a reply: the adapter offers no `hide` (mute, block and report are the
 * network's own tools).
 */

export const PAGE_SIZE = 40;
export const MAX_PAGES = 10;

const account = lazySchema(() =>
  z.object({
    id: z.string(),
    acct: z.string(),
    display_name: z.string().nullish(),
    avatar: z.string().nullish(),
    url: z.string().nullish(),
  })
);
const status = lazySchema(() =>
  z.object({
    id: z.string(),
    url: z.string().nullish(),
    uri: z.string().nullish(),
    content: z.string().nullish(),
    language: z.string().nullish(),
    created_at: z.string(),
    in_reply_to_id: z.string().nullish(),
    quote: z.object({ quoted_status: z.object({ id: z.string() }).nullish() }).nullish(),
  })
);
export const notification = lazySchema(() =>
  z.object({
    id: z.string(),
    type: z.string(),
    created_at: z.string(),
    account,
    status: status.nullish(),
  })
);
export type MastodonNotification = z.infer<typeof notification>;

/** The cursor as stored: the newest id read, and where an unfinished catch-up stopped. */
export interface MastodonCursor {
  since: string | null;
  pending: { newest: string; maxId: string } | null;
}

export function readCursor(raw: string | null): MastodonCursor {
  if (!raw) return { since: null, pending: null };
  const [since, newest, maxId] = raw.split('|');
  return { since: since || null, pending: newest && maxId ? { newest, maxId } : null };
}

export function writeCursor(cursor: MastodonCursor): string | null {
  if (cursor.pending) return `${cursor.since ?? ''}|${cursor.pending.newest}|${cursor.pending.maxId}`;
  return cursor.since;
}

/** The `max_id` of a `Link` header's `rel="next"`, or null at the end. */
export function nextMaxId(link: string | string[] | undefined): string | null {
  const header = Array.isArray(link) ? link.join(',') : (link ?? '');
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (!match) continue;
    try {
      return new URL(match[1]).searchParams.get('max_id');
    } catch {
      return null;
    }
  }
  return null;
}

/** Mastodon's HTML, as plain text (the inbox keeps the HTML too, sanitized). */
export const plainText = (html: string) =>
  html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .trim();

/** One mention notification as a comment; null for anything without a status. */
export function toComment(n: MastodonNotification): NetworkComment | null {
  if (!n.status) return null;
  const s = n.status;
  const quoted = s.quote?.quoted_status?.id ?? null;
  const kind = n.type === 'quote' || quoted ? 'quote' : s.in_reply_to_id ? 'reply' : 'mention';
  return {
    externalId: s.id,
    parentId: s.in_reply_to_id ?? quoted ?? s.id,
    author: {
      id: n.account.id,
      handle: `@${n.account.acct}`,
      displayName: n.account.display_name || null,
      avatarUrl: n.account.avatar ?? null,
      profileUrl: n.account.url ?? null,
    },
    text: plainText(s.content ?? ''),
    html: s.content ?? '',
    language: s.language ?? null,
    createdAt: s.created_at,
    url: s.url ?? s.uri ?? null,
    kind,
  };
}

const idOrder = (a: string, b: string) => (a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0);

export const comments: CommentsPort = {
  async listSince(ctx: AdapterContext, raw) {
    const cursor = readCursor(raw);
    const base = instanceBase(ctx.account.instanceUrl);
    const found: NetworkComment[] = [];
    let newest = cursor.pending?.newest ?? null;
    let maxId = cursor.pending?.maxId ?? null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      query.append('types[]', 'mention');
      if (cursor.since) query.set('since_id', cursor.since);
      if (maxId) query.set('max_id', maxId);
      const res = await call(ctx, `${base}/api/v1/notifications?${query}`, { headers: bearer(ctx.secrets.accessToken) });
      if (res.status !== 200) {
        const message = errorMessage(res.data) ?? `notifications: the instance answered ${res.status}`;
        throw fromStatus(res.status, message, retryAfterFrom(res.headers, ctx.now()));
      }
      const list = z.array(notification).safeParse(res.data);
      if (!list.success) throw fromStatus(502, 'notifications: the instance answered something else than a list', null);
      const items = list.data.filter((n) => !cursor.since || idOrder(n.id, cursor.since) > 0);
      for (const n of items) {
        if (!newest || idOrder(n.id, newest) > 0) newest = n.id;
        const comment = toComment(n);
        if (comment) found.push(comment);
      }
      const next = nextMaxId(res.headers.link);
      // A carried-on catch-up has filled its gap: what was said since its first pass (a stream's catch-up after a
      // kill -9 sees it) is newer than `newest`, and is read at the next tick, not after the poll interval.
      if (!items.length || !next)
        return {
          comments: found,
          cursor: writeCursor({ since: newest ?? cursor.since, pending: null }),
          ...(cursor.pending ? { more: true } : {}),
        };
      maxId = next;
    }
    // More pages than one pass reads: carry on from here next time, the stored `since` unchanged until the gap is filled.
    return {
      comments: found,
      cursor: writeCursor({ since: cursor.since, pending: { newest: newest ?? cursor.since ?? '', maxId: maxId! } }),
      more: true,
    };
  },

  reply(ctx, comment, text, attemptId) {
    return publish.reply!(ctx, { externalId: comment.externalId, url: comment.url }, text, attemptId);
  },
};
