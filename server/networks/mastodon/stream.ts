import { z } from 'zod';
import type { AdapterContext, CommentContext, CommentStream, NetworkComment, ThreadPost } from '../types';
import { fromStatus, retryAfterFrom } from '../errors';
import { call, errorMessage, safeJson } from '../http';
import { bearer, instanceBase, instanceUrl } from './api';
import { notification, plainText, toComment } from './comments';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * Mastodon's streaming API (docs.joinmastodon.org, _Methods > streaming_),
 * read as Server-Sent Events: `GET /api/v1/streaming/user/notification`
 * with the token in the `Authorization` header, on the streaming server the
 * instance names in `GET /api/v2/instance` (`configuration.urls.streaming`,
 * a `wss://` address whose HTTP twin serves the same paths), else on the
 * instance itself. Each new notification comes as `event: notification`
 * whose `data` is the Notification entity as JSON; the server writes a
 * `:thump` comment every 15 seconds. Only mentions become comments, exactly
 * as the notifications poll reads them (comments.ts), so an item is the same
 * whichever way it came in.
 *
 * `GET /api/v1/statuses/:id/context` gives the thread around a status:
 * `ancestors` (oldest first) and `descendants` (in reply order).
 */

const streamingInfo = lazySchema(() =>
  z.object({ configuration: z.object({ urls: z.object({ streaming: z.string().nullish() }).partial() }).partial() }).partial()
);

/** The HTTP origin of a `ws(s)://` streaming address; null for anything else. */
export function streamingOrigin(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    const protocol =
      url.protocol === 'wss:' || url.protocol === 'https:' ? 'https:' : url.protocol === 'ws:' || url.protocol === 'http:' ? 'http:' : null;
    if (!protocol) return null;
    return `${protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

export const STREAM_PATH = '/api/v1/streaming/user/notification';

export const stream: CommentStream = {
  async target(ctx: AdapterContext) {
    const base = instanceBase(ctx.account.instanceUrl);
    let origin = base;
    try {
      const res = await call(ctx, instanceUrl(base), { headers: { accept: 'application/json' } });
      const info = res.status === 200 ? streamingInfo.safeParse(res.data) : null;
      origin = streamingOrigin(info?.success ? info.data.configuration?.urls?.streaming : null) ?? base;
    } catch {
      // An instance without the v2 document (or not answering it now): its own address serves the stream.
    }
    return { url: `${origin}${STREAM_PATH}`, headers: { ...bearer(ctx.secrets.accessToken), accept: 'text/event-stream' } };
  },

  parse(event) {
    if (event.event !== 'notification') return null;
    const parsed = notification.safeParse(safeJson(event.data));
    if (!parsed.success || parsed.data.type !== 'mention') return null;
    return toComment(parsed.data);
  },
};

const contextStatus = lazySchema(() =>
  z.object({
    id: z.string(),
    url: z.string().nullish(),
    uri: z.string().nullish(),
    content: z.string().nullish(),
    created_at: z.string(),
    in_reply_to_id: z.string().nullish(),
    account: z.object({ id: z.string(), acct: z.string(), display_name: z.string().nullish(), url: z.string().nullish() }),
  })
);
const contextBody = lazySchema(() => z.object({ ancestors: z.array(contextStatus), descendants: z.array(contextStatus) }));

function threadPost(s: z.infer<typeof contextStatus>): ThreadPost {
  return {
    externalId: s.id,
    inReplyToId: s.in_reply_to_id ?? null,
    url: s.url ?? s.uri ?? null,
    author: {
      id: s.account.id,
      handle: `@${s.account.acct}`,
      displayName: s.account.display_name || null,
      profileUrl: s.account.url ?? null,
    },
    text: plainText(s.content ?? ''),
    createdAt: s.created_at,
  };
}

export async function context(ctx: AdapterContext, comment: NetworkComment): Promise<CommentContext> {
  const base = instanceBase(ctx.account.instanceUrl);
  const res = await call(ctx, `${base}/api/v1/statuses/${encodeURIComponent(comment.externalId)}/context`, {
    headers: bearer(ctx.secrets.accessToken),
  });
  if (res.status !== 200) {
    const message = errorMessage(res.data) ?? `context: the instance answered ${res.status}`;
    throw fromStatus(res.status, message, retryAfterFrom(res.headers, ctx.now()));
  }
  const body = contextBody.safeParse(res.data);
  if (!body.success) throw fromStatus(502, 'context: the instance answered something else than a context', null);
  return { ancestors: body.data.ancestors.map(threadPost), descendants: body.data.descendants.map(threadPost) };
}
