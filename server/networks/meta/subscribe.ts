import { z } from 'zod';
import type { NetworkFetch } from '../types';
import { call } from '../http';
import { classify } from '../errors';
import { bearer, failure, graphError } from './graph';
import { polling, subscribed, type RealtimeState } from '../../../shared/accounts/realtime';
import { serverMessage } from '../../../shared/core/messages';
import { lazySchema } from '../../../shared/core/lazy-schema';

/**
 * A page sends its `feed` webhook (facebook/comments.ts, `push`) only once the Meta
 * app is subscribed on that page, and an Instagram professional account
 * connected through Facebook Login sends its `comments` and `mentions`
 * (instagram/comments.ts) only once the app is subscribed on the page it is
 * linked to, with any page field
 * (developers.facebook.com/docs/graph-api/webhooks/getting-started/webhooks-for-instagram,
 * "Enable Page subscriptions"; the fields that reach us are the app's, set in
 * the App Dashboard) (developers.facebook.com/docs/graph-api/reference/page/subscribed_apps):
 * `POST /{page-id}/subscribed_apps` with `subscribed_fields=feed` and the
 * PAGE token, which needs the `pages_manage_metadata` permission, answers
 * `{success: true}`. The call is idempotent: made again, it leaves one
 * subscription with the fields given (`GET /{page-id}/subscribed_apps` lists
 * them). Made when a page becomes an account (the sign-in, the page picker),
 * when its token is renewed by a new sign-in, and by "Subscribe again".
 *
 * It never fails the connection: the inbox's poll reads the page's comments
 * either way, and the state (subscribed, or polling and why) is kept on the
 * account for the admin to show.
 */

/** The permission the call needs, named to the person when it is missing. */
export const SUBSCRIBE_PERMISSION = 'pages_manage_metadata';
/** The fields the inbox reads from the webhook. */
export const SUBSCRIBED_FIELDS = 'feed';

/** The subscription when the permission is missing (not granted at sign-in, or refused by Graph): the permission named. */
export const permissionMissing = (now: number): RealtimeState =>
  polling(now, serverMessage('realtime_permission_missing', { permission: SUBSCRIBE_PERMISSION }));

const answer = lazySchema(() => z.object({ success: z.literal(true) }));

/** Why a subscription failed, from the Graph answer or the transport error, in the words the admin translates. */
export function subscribeFailure(err: unknown, at: number): RealtimeState {
  const failed = classify(err);
  const message = failed.message.slice(0, 300);
  if (failed.code === 'meta_permission_missing') return permissionMissing(at);
  if (failed.kind === 'auth') return polling(at, serverMessage('realtime_token_refused', { message }));
  if (failed.kind === 'permanent') return polling(at, serverMessage('realtime_refused', { message }));
  // Retryable, unknown (a timeout after the request left: "Subscribe again" is harmless, the call is idempotent).
  return polling(at, serverMessage('realtime_unavailable', { message }));
}

/**
 * Subscribes the app to the page's `feed` field with the page's token
 * (`graph`: the versioned Graph base), through the guarded fetcher and its
 * `accountCheck` deadline. Never throws.
 */
export async function subscribePage(
  fetch: NetworkFetch,
  graph: string,
  page: string,
  pageToken: string,
  now: number,
  /** what the answer's errors call the call */
  what = 'Facebook page subscription'
): Promise<RealtimeState> {
  try {
    const res = await call({ fetch }, `${graph}/${encodeURIComponent(page)}/subscribed_apps`, {
      method: 'POST',
      purpose: 'accountCheck',
      headers: { ...bearer(pageToken), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ subscribed_fields: SUBSCRIBED_FIELDS }).toString(),
      maxRedirects: 0,
    });
    const error = graphError(res.data);
    // 210: the call was made with another token than the page's (a permission error by Graph's ranges, but not one to grant).
    if (error?.code === 210)
      return polling(now, serverMessage('realtime_refused', { message: (error.message ?? 'a page token is required').slice(0, 300) }));
    if (res.status !== 200 || error) throw failure(res, now, what);
    if (!answer.safeParse(res.data).success)
      return polling(now, serverMessage('realtime_refused', { message: 'Facebook did not answer {success: true}' }));
    return subscribed(now);
  } catch (err) {
    return subscribeFailure(err, now);
  }
}

/** The fields an Instagram Login account sends by webhook to the inbox (instagram/comments.ts, `push`). */
export const INSTAGRAM_FIELDS = 'comments,mentions';

/**
 * An account signed in with Instagram Login has no page: the app is subscribed on the account itself
 * (developers.facebook.com/docs/instagram-platform/webhooks, "Enable subscriptions"), `POST /me/subscribed_apps`
 * on graph.instagram.com with `subscribed_fields` and the account's own token. Never throws.
 */
export async function subscribeInstagramLogin(fetch: NetworkFetch, graph: string, token: string, now: number): Promise<RealtimeState> {
  try {
    const res = await call({ fetch }, `${graph}/me/subscribed_apps`, {
      method: 'POST',
      purpose: 'accountCheck',
      headers: { ...bearer(token), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ subscribed_fields: INSTAGRAM_FIELDS }).toString(),
      maxRedirects: 0,
    });
    if (res.status !== 200 || graphError(res.data)) throw failure(res, now, 'Instagram subscription');
    if (!answer.safeParse(res.data).success)
      return polling(now, serverMessage('realtime_refused', { message: 'Instagram did not answer {success: true}' }));
    return subscribed(now);
  } catch (err) {
    return subscribeFailure(err, now);
  }
}
