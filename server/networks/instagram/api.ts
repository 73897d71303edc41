import type { AdapterContext } from '../types';
import { permanent } from '../errors';
import type { ContainerApi } from '../meta/containers';
import { DEFAULT_GRAPH_VERSION, FACEBOOK_GRAPH, INSTAGRAM_GRAPH, graphBase } from '../meta/graph';
import { INSTAGRAM_LOGIN } from '../../../shared/networks/instagram';

/**
 * Instagram professional accounts, signed in one of two ways:
 *
 * - through the Facebook page they are linked to (Facebook Login): the
 *   account's token is the page's, its calls on graph.facebook.com;
 * - with Instagram Login (no page): its token is the account's own
 *   long-lived one, its calls on graph.instagram.com.
 *
 * Publishing, comments and insights use the same paths on either host
 * (`/{ig-user-id}/media`, `/media_publish`, `/{media}/comments`…): only the
 * base and the token differ, both taken from the account.
 */

/** What Instagram publishing needs granted (developers.facebook.com/docs/instagram-platform/content-publishing). */
export const SCOPES = [
  'instagram_basic',
  'instagram_content_publish',
  'pages_show_list',
  'pages_read_engagement',
  'business_management',
  'instagram_manage_comments',
  'instagram_manage_insights',
  // The app subscribed on the linked page, so its comments and mentions come by webhook (../meta/subscribe.ts).
  'pages_manage_metadata',
] as const;
export const REQUIRED = ['instagram_basic', 'instagram_content_publish', 'pages_show_list'] as const;

export function userId(ctx: AdapterContext): string {
  const id = ctx.account.settings.instagramId ?? ctx.account.networkAccountId;
  if (typeof id === 'string' && /^\d{1,30}$/.test(id)) return id;
  throw permanent('meta_no_account', 'This account names no Instagram professional account: sign in again');
}

/** Whether the account signed in with Instagram Login (its `signIn`, written by the OAuth core). */
export const viaInstagramLogin = (settings: Record<string, unknown> | null | undefined) => settings?.signIn === INSTAGRAM_LOGIN;

/** The account's Graph API base: its stored host (a test's fake) or Meta's for its sign-in, with its version. */
export const graphOf = (ctx: Pick<AdapterContext, 'account'>) =>
  graphBase(ctx, viaInstagramLogin(ctx.account.settings) ? INSTAGRAM_GRAPH : FACEBOOK_GRAPH, DEFAULT_GRAPH_VERSION);

export const containerApi = (ctx: AdapterContext): ContainerApi => ({
  ctx,
  graph: graphOf(ctx),
  owner: userId(ctx),
  token: ctx.secrets.accessToken ?? '',
  edge: 'media',
  publishEdge: 'media_publish',
  statusField: 'status_code',
  limitEdge: 'content_publishing_limit',
  label: 'Instagram',
  textField: 'caption',
});
