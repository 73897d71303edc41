import type { AdapterContext } from '../types';
import { permanent } from '../errors';
import type { ContainerApi } from '../meta/containers';
import { THREADS_GRAPH, THREADS_VERSION, graphBase } from '../meta/graph';

/** Threads API (developers.facebook.com/docs/threads): graph.threads.net, its own version and token. */

/** Read the profile, publish, reply (a first comment is a reply to the post), read and hide replies, read insights. */
export const SCOPES = [
  'threads_basic',
  'threads_content_publish',
  'threads_manage_replies',
  'threads_read_replies',
  'threads_manage_insights',
] as const;

export function userId(ctx: AdapterContext): string {
  const id = ctx.account.networkAccountId;
  if (typeof id === 'string' && /^\d{1,30}$/.test(id)) return id;
  throw permanent('meta_no_account', 'This account names no Threads user: sign in with Threads again');
}

export const containerApi = (ctx: AdapterContext): ContainerApi => ({
  ctx,
  graph: graphBase(ctx, THREADS_GRAPH, THREADS_VERSION),
  owner: userId(ctx),
  token: ctx.secrets.accessToken ?? '',
  edge: 'threads',
  publishEdge: 'threads_publish',
  statusField: 'status',
  limitEdge: 'threads_publishing_limit',
  label: 'Threads',
  textField: 'text',
});

export const profileUrl = (username: string) => `https://www.threads.net/@${encodeURIComponent(username)}`;
