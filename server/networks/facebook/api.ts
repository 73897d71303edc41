import type { AdapterContext } from '../types';
import { permanent } from '../errors';
import { DEFAULT_GRAPH_VERSION, FACEBOOK_GRAPH, graphBase } from '../meta/graph';

/** Facebook pages (Pages API): the page id, its page token, the Graph base. */

/**
 * What posting as a page needs (developers.facebook.com/docs/pages-api/posts), then reading its
 * comments (`pages_read_user_content`), answering and hiding them (`pages_manage_engagement`),
 * and subscribing the app to the page's `feed` webhook (`pages_manage_metadata`, ./subscribe.ts:
 * not in `REQUIRED`, since without it comments still arrive by polling).
 */
export const SCOPES = [
  'pages_show_list',
  'pages_read_engagement',
  'pages_manage_posts',
  'business_management',
  'pages_read_user_content',
  'pages_manage_engagement',
  'pages_manage_metadata',
] as const;
export const REQUIRED = ['pages_show_list', 'pages_read_engagement', 'pages_manage_posts'] as const;

export function pageId(ctx: AdapterContext): string {
  const id = ctx.account.settings.page ?? ctx.account.networkAccountId;
  if (typeof id === 'string' && /^\d{1,30}$/.test(id)) return id;
  throw permanent('meta_no_account', 'This account names no Facebook page: sign in with Facebook again');
}

export const graph = (ctx: AdapterContext) => graphBase(ctx, FACEBOOK_GRAPH, DEFAULT_GRAPH_VERSION);
export const pageUrl = (id: string) => `https://www.facebook.com/${id}`;
