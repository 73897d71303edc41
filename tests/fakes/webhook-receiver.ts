import { createHmac, timingSafeEqual } from 'node:crypto';
import { startRecordingServer, type RecordingServer, type RecordedRequest } from './recording-server';

/**
 * A chat webhook endpoint (Slack/Discord/Mattermost style). With a secret it
 * verifies the plugin's `x-community-manager-signature` the way a receiver
 * should: HMAC over "<t>.<raw body>", constant-time compare, 5-minute window.
 */
export interface WebhookReceiver extends RecordingServer {
  status: number;
  verified(req: RecordedRequest): boolean;
}

export function verifySignature(secret: string, header: string | undefined, body: string, now = Date.now()): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  if (Math.abs(now / 1000 - Number(match[1])) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
}

export async function startWebhookReceiver(secret?: string): Promise<WebhookReceiver> {
  const state = { status: 200 };
  const verified = (req: RecordedRequest) =>
    !secret || verifySignature(secret, req.headers['x-community-manager-signature'] as string | undefined, req.body);
  const server = await startRecordingServer((req, res) => {
    if (!verified(req)) {
      res.writeHead(401).end('bad signature');
      return;
    }
    res.writeHead(state.status, { 'content-type': 'text/plain' }).end(state.status < 300 ? 'ok' : 'no');
  });
  // Accessors, not Object.assign: assign would copy the getter's value once and the setter would never reach the route.
  return Object.defineProperties(server, {
    verified: { value: verified },
    status: { get: () => state.status, set: (value: number) => (state.status = value), enumerable: true },
  }) as WebhookReceiver;
}
