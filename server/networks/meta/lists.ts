import { z } from 'zod';
import type { AdapterContext } from '../types';
import { failure, graphGet } from './graph';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Reading Graph lists, once for the three networks
 * (developers.facebook.com/docs/graph-api/results): an answer is `{data,
 * paging: {cursors: {before, after}, next?}}`; `next` is there only when more
 * follow, and the next page is the same call with `after`. Items are checked
 * one by one: one Meta changed does not lose the page.
 */

const page = lazySchema(() =>
  z.object({
    data: z.array(z.unknown()),
    paging: z.object({ cursors: z.object({ after: z.string().max(2000).optional() }).optional(), next: z.string().optional() }).optional(),
  })
);

export interface ListRead<T> {
  ctx: AdapterContext;
  /** the first page's address (with its `fields` and `limit`) */
  url: string;
  token: string | undefined;
  item: z.ZodType<T>;
  /** in messages */
  what: string;
  maxPages: number;
  /** stop once a page holds an item this says is old enough (lists newest first) */
  enough?(item: T): boolean;
}

export async function readList<T>(read: ListRead<T>): Promise<T[]> {
  const out: T[] = [];
  let url: string | null = read.url;
  for (let i = 0; i < read.maxPages && url; i++) {
    const res = await graphGet(read.ctx, url, read.token);
    if (res.status !== 200) throw failure(res, read.ctx.now(), read.what);
    const parsed = page.safeParse(res.data);
    if (!parsed.success) break;
    let stop = false;
    for (const raw of parsed.data.data) {
      const item = read.item.safeParse(raw);
      if (!item.success) continue;
      out.push(item.data);
      if (read.enough?.(item.data)) stop = true;
    }
    const after = parsed.data.paging?.cursors?.after;
    if (stop || !parsed.data.paging?.next || !after) break;
    const next = new URL(read.url);
    next.searchParams.set('after', after);
    url = next.toString();
  }
  return out;
}

/**
 * The inbox's cursor for the Meta networks: the newest comment time seen (ms)
 * and the ids seen at that very time (`1780000000000|id,id`). Graph's times
 * are to the second, so a comment made in the same second after a pass is
 * still read, and the ones already read at that second are not read again.
 */
export function cursorTracker(cursor: string | null) {
  const match = cursor ? /^(\d{1,15})(?:\|([\w.:,-]*))?$/.exec(cursor) : null;
  const since = match ? Number(match[1]) : 0;
  const seen = new Set((match?.[2] ?? '').split(',').filter(Boolean));
  let at = since;
  let ids = new Set(seen);
  return {
    since,
    /** newer than the cursor: to be handed to the inbox */
    isNew: (time: number, id: string) => !Number.isNaN(time) && (time > since || (time === since && !seen.has(id))),
    /** read (ours or not): moves the cursor */
    saw(time: number, id: string) {
      if (Number.isNaN(time) || time < at) return;
      if (time > at) {
        at = time;
        ids = new Set();
      }
      ids.add(id);
    },
    cursor(): string | null {
      if (!at) return cursor;
      let list = [...ids];
      while (list.length > 1 && list.join(',').length > 900) list = list.slice(1);
      return `${at}|${list.join(',')}`;
    },
  };
}

/** Graph's times (`2026-12-04T05:00:00+0000`) in ms; NaN when unreadable. */
export const timeOf = (value: string | undefined) => (value ? Date.parse(value) : Number.NaN);

/** How many of the account's latest posts a pass reads the comments of. */
export const RECENT_POSTS = 10;
/** Pages of comments read per post and pass. */
export const COMMENT_PAGES = 5;

const ids = lazySchema(() =>
  z.object({ id: z.string().regex(/^[\w.:-]{1,200}$/), permalink: z.string().optional(), permalink_url: z.string().optional() })
);

/** The account's latest posts (ids and links), newest first. */
export function recentPosts(ctx: AdapterContext, url: string, token: string | undefined, what: string) {
  return readList({ ctx, url, token, item: ids, what, maxPages: 1 });
}
