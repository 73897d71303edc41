import type { AuthPort } from '../types';
import type { WebhookFlavor } from '../../../shared/networks/webhook';
import { unreachable } from '../http';
import { reason } from '../../../shared/accounts/reasons';
import { SIGNATURE_HEADER, signWebhook, webhookBody } from './payload';

/** Webhook: a signed test ping; any 2xx means the endpoint takes our posts. */
export const auth: AuthPort = {
  async check({ settings, secrets, fetch }) {
    const flavor = (settings.flavor ?? 'generic') as WebhookFlavor;
    const body = webhookBody(flavor, 'Community Manager: connection test', { event: 'ping', sentAt: new Date().toISOString() });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (secrets.secret) headers[SIGNATURE_HEADER] = signWebhook(secrets.secret, body);
    let res;
    try {
      res = await fetch(secrets.url, { method: 'POST', headers, body });
    } catch (err) {
      return unreachable(err, secrets.url);
    }
    if (res.status >= 200 && res.status < 300) return { status: 'connected', reason: null, profile: { handle: new URL(secrets.url).host } };
    if (res.status === 401 || res.status === 403) {
      return { status: 'needs_reauth', reason: reason('webhook_refused', { status: res.status }) };
    }
    if (res.status === 404 || res.status === 410) {
      return { status: 'error', reason: reason('webhook_gone', { status: res.status }) };
    }
    return { status: 'error', reason: reason('unexpected_status', { status: res.status, message: '' }) };
  },
};
