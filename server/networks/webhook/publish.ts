import type { AdapterContext, PublishPort } from '../types';
import type { WebhookFlavor } from '../../../shared/networks/webhook';
import { SIGNATURE_HEADER, signWebhook, webhookBody } from './payload';
import { authFailure, classify, permanent, retryAfterFrom, retryable } from '../errors';

export const DELIVERY_HEADER = 'x-community-manager-delivery';
export const ATTEMPT_HEADER = 'x-community-manager-attempt';

async function post(ctx: AdapterContext, text: string, attemptId: string, event: 'post' | 'first_comment') {
  const flavor = (ctx.account.settings.flavor ?? 'generic') as WebhookFlavor;
  const body = webhookBody(flavor, text, { event, publicationId: ctx.publicationId, attemptId, sentAt: new Date(ctx.now()).toISOString() });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    // Stable across retries, like GitHub's and Stripe's delivery ids: a receiver that keeps them drops repeats.
    [DELIVERY_HEADER]: event === 'post' ? ctx.publicationId : `${ctx.publicationId}:comment`,
    [ATTEMPT_HEADER]: attemptId,
  };
  if (ctx.secrets.secret) headers[SIGNATURE_HEADER] = signWebhook(ctx.secrets.secret, body);
  let res;
  try {
    res = await ctx.fetch(ctx.secrets.url, { purpose: 'webhook', method: 'POST', headers, body });
  } catch (err) {
    throw classify(err);
  }
  if (res.status >= 200 && res.status < 300) return { externalId: `${ctx.publicationId}${event === 'post' ? '' : ':comment'}`, url: null };
  const said = res.text().slice(0, 300);
  if (res.status === 401 || res.status === 403)
    throw authFailure('webhook_refused', `The webhook refused the post (${res.status}) ${said}`.trim());
  if (res.status === 404 || res.status === 410) throw permanent('webhook_gone', `The webhook URL no longer exists (${res.status})`);
  if (res.status === 429) throw retryable('rate_limited', 'The webhook asked to slow down (429)', retryAfterFrom(res.headers, ctx.now()));
  // Chat tools do not post a message they answer 5xx for, and the delivery id
  // lets other receivers drop a repeat: a 5xx is retried.
  if (res.status >= 500)
    throw retryable(`server_${res.status}`, `The webhook answered ${res.status}`, retryAfterFrom(res.headers, ctx.now()));
  throw permanent('network_rejected', `The webhook refused the post (${res.status}) ${said}`.trim());
}

/** Slack, Discord, Teams, Mattermost or any JSON endpoint: one signed POST per post. */
export const publish: PublishPort = {
  async validate(_ctx, content) {
    if (!content.text.trim()) throw permanent('empty', 'The post is empty');
  },
  publish: (ctx, content, attemptId) => post(ctx, content.text, attemptId, 'post'),
  reply: (ctx, _parent, text, attemptId) => post(ctx, text, attemptId, 'first_comment'),
  // A webhook cannot be asked what it received: a person decides.
  async findExisting() {
    return 'cannot_tell';
  },
};
