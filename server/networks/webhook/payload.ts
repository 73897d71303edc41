import { createHmac } from 'node:crypto';
import type { WebhookFlavor } from '../../../shared/networks/webhook';

export const SIGNATURE_HEADER = 'x-community-manager-signature';

/** The body each chat tool documents for a plain text message. */
export function webhookBody(flavor: WebhookFlavor, text: string, extra: Record<string, unknown> = {}): string {
  switch (flavor) {
    case 'discord':
      return JSON.stringify({ content: text });
    case 'slack':
    case 'mattermost':
    case 'teams':
      return JSON.stringify({ text });
    case 'generic':
      return JSON.stringify({ text, ...extra });
  }
}

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` — the receiver
 * recomputes it and rejects old timestamps, as Stripe-style signatures do.
 */
export function signWebhook(secret: string, body: string, now = Date.now()): string {
  const t = Math.floor(now / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}
