import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { CommentPush, MentionRef, NetworkComment } from '../types';
import { lazySchema } from '../../../shared/core/lazy-schema';

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

const delivery = lazySchema(() =>
  z.object({
    object: z.string().max(40),
    entry: z
      .array(
        z.object({
          id: z.string().regex(/^\d{1,40}$/),
          time: z.number().optional(),
          changes: z
            .array(z.object({ field: z.string().max(100), value: z.unknown() }))
            .max(1000)
            .optional(),
        })
      )
      .max(1000),
  })
);

/** One change of a delivery, and the entry it came in (`id`: the account or page it was sent for; `time` in seconds). */
export type DeliveredChange = { field: string; value: unknown };
export type DeliveryEntry = { id: string; time?: number };

/**
 * A comments receiver for one Meta product (`object`): the handshake and the
 * signature above, and the delivery read change by change: `mention` first
 * when the product announces mentions by ids (read later as the account),
 * then `read` (the comment a change holds, or null for one not stored). A
 * change of another kind, the account's own comment or a change out of
 * shape is counted in `skipped`, never a reason to refuse the others: a
 * refused delivery is sent again, unchanged, for hours.
 */
export function metaPush(
  object: string,
  read: (change: DeliveredChange, entry: DeliveryEntry) => NetworkComment | null,
  mention?: (change: DeliveredChange, entry: DeliveryEntry) => MentionRef | null
): CommentPush {
  return {
    challenge: hubChallenge,
    signed: hubSigned,
    parse(body) {
      const parsed = delivery.safeParse(body);
      if (!parsed.success || parsed.data.object !== object) return null;
      let skipped = 0;
      const accounts = parsed.data.entry.map((entry) => {
        const comments: NetworkComment[] = [];
        const mentions: MentionRef[] = [];
        for (const change of entry.changes ?? []) {
          const ref = mention?.(change, entry);
          if (ref) {
            mentions.push(ref);
            continue;
          }
          const comment = read(change, entry);
          if (comment) comments.push(comment);
          else skipped++;
        }
        return mention ? { accountId: entry.id, comments, mentions } : { accountId: entry.id, comments };
      });
      return { accounts, skipped };
    },
  };
}
