import type { AdapterContext } from '../types';
import { permanent } from '../errors';
import type { ContainerApi } from '../meta/containers';
import { DEFAULT_GRAPH_VERSION, FACEBOOK_GRAPH, graphBase } from '../meta/graph';

/**
 * Instagram professional accounts through the Facebook page they are linked
 * to (Instagram Graph API with Facebook Login): the account is the Instagram
 * user id, its token the page's, its calls on graph.facebook.com.
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
] as const;
export const REQUIRED = ['instagram_basic', 'instagram_content_publish', 'pages_show_list'] as const;

export function userId(ctx: AdapterContext): string {
  const id = ctx.account.settings.instagramId ?? ctx.account.networkAccountId;
  if (typeof id === 'string' && /^\d{1,30}$/.test(id)) return id;
  throw permanent('meta_no_account', 'This account names no Instagram professional account: sign in with Facebook again');
}

export const containerApi = (ctx: AdapterContext): ContainerApi => ({
  ctx,
  graph: graphBase(ctx, FACEBOOK_GRAPH, DEFAULT_GRAPH_VERSION),
  owner: userId(ctx),
  token: ctx.secrets.accessToken ?? '',
  edge: 'media',
  publishEdge: 'media_publish',
  statusField: 'status_code',
  limitEdge: 'content_publishing_limit',
  label: 'Instagram',
  textField: 'caption',
});
