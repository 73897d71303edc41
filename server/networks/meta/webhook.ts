import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Meta's webhooks, the part Facebook, Instagram and Threads share
 * (developers.facebook.com/docs/graph-api/webhooks/getting-started):
 *
 * - the subscription is verified by a GET with `hub.mode=subscribe`,
 *   `hub.verify_token` (the token typed in the app's dashboard) and
 *   `hub.challenge`, answered with the challenge alone;
 * - each delivery is a POST whose `X-Hub-Signature-256` is `sha256=` and the
 *   hex HMAC-SHA256 of the raw body with the app's secret — for Instagram
 *   Login's app, the Instagram app secret, not the Meta app's.
 */

const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export function hubChallenge(query: Record<string, unknown>, verifyToken: string): string | null {
  const challenge = query['hub.challenge'];
  const token = query['hub.verify_token'];
  if (query['hub.mode'] !== 'subscribe' || typeof challenge !== 'string' || typeof token !== 'string') return null;
  // Meta's challenge is a number; anything else is not echoed back (the answer is text the caller controls).
  if (!/^[\w-]{1,200}$/.test(challenge)) return null;
  const given = Buffer.from(token);
  const expected = Buffer.from(verifyToken);
  return given.length === expected.length && timingSafeEqual(given, expected) ? challenge : null;
}

/** The signature Meta sends: what the fake computes too (tests/fakes/meta.ts). */
export const hubSignature = (appSecret: string, raw: Buffer | string) =>
  `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;

export function hubSigned(raw: Buffer, headers: Record<string, string | string[] | undefined>, appSecret: string): boolean {
  const given = header(headers, 'x-hub-signature-256')?.trim() ?? '';
  if (!/^sha256=[0-9a-f]{64}$/i.test(given)) return false;
  const expected = Buffer.from(hubSignature(appSecret, raw));
  return timingSafeEqual(expected, Buffer.from(given.toLowerCase()));
}
