import type { Context } from 'koa';
import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { PLUGIN_ID } from '../../shared/core/permissions';
import type { PluginConfig } from '../core/config';
import { isUniqueViolation } from '../core/db/indexes';
import { newDocumentId } from '../core/db/ids';
import { getService } from '../core/services';
import { siteCommentInput } from '../../shared/inbox/contract';
import { rawBodyOf, refuse } from './raw-body';
import { checkSignature, WINDOW_MS, type SignatureProblem } from './signature';
import { createRateLimiter } from './rate-limit';
import { createHash } from 'node:crypto';

/**
 * `POST /api/community-manager/inbox/site`: a site whose comments live outside
 * Strapi pushes each one here, signed (docs/inbox.md, "Site comments"). The
 * checks, in order, each refusing before anything is stored:
 * 1. the endpoint is on (a secret is configured), else 404;
 * 2. the body is at most `inbox.siteMaxBytes` (raw-body.ts), else 400 `too_large`;
 * 3. the source IP is within its rate (`inbox.siteRatePerIp` a minute), else 429;
 * 4. the signature over `timestamp.body` and the 5-minute window, else 401;
 *    then the secret that signed it is within its rate (`siteRatePerSecret`), else 429;
 * 5. the body is one comment as documented, else 400 naming the fields;
 * 6. the delivery was not seen before (its id, or the signature itself, is
 *    remembered for twice the window by a unique index), else 401 `replayed`.
 * The comment is then stored once: a second delivery of the same comment id
 * under a new delivery id is a no-op (`created: false`).
 */

const MESSAGES: Record<SignatureProblem, string> = {
  signature_missing: 'X-CM-Signature and X-CM-Timestamp are required',
  signature_malformed: 'X-CM-Signature must be sha256=<64 hex digits>',
  timestamp_invalid: 'X-CM-Timestamp must be a Unix time in seconds',
  timestamp_expired: 'X-CM-Timestamp is more than 5 minutes away from the server’s clock',
  signature_invalid: 'The signature does not match the body',
};

export function createSiteIngest(strapi: Strapi) {
  // The inbox's clock (tests drive it), unless one is given here.
  let now = () => getService(strapi, 'inbox').now();
  const limiter = createRateLimiter({ now: () => now() });
  const deliveries = () => strapi.db.query(UID.inboxDelivery as never);

  async function remember(deliveryId: string): Promise<boolean> {
    const at = now();
    // Old ids go first: a timestamp older than the window is refused anyway, so they cannot be replayed.
    await deliveries().deleteMany({ where: { receivedAt: { $lt: new Date(at - 2 * WINDOW_MS) } } } as never);
    try {
      await deliveries().create({ data: { documentId: newDocumentId(), deliveryId, receivedAt: new Date(at) } } as never);
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /** 429 with Retry-After when `key` is over its rate; nothing is read or stored. */
  function tooMany(ctx: Context, key: string, perMinute: number): boolean {
    const taken = limiter.take(key, perMinute);
    if (taken.ok) return false;
    ctx.set('Retry-After', String(taken.retryAfterS));
    refuse(ctx, 429, 'rate_limited', `Too many requests: try again in ${taken.retryAfterS} s`);
    return true;
  }

  return {
    useClock(fn: (() => number) | null) {
      now = fn ?? (() => getService(strapi, 'inbox').now());
    },
    async handle(ctx: Context) {
      const config = strapi.plugin(PLUGIN_ID).config('inbox') as PluginConfig['inbox'];
      if (!config.siteSecrets.length) return refuse(ctx, 404, 'not_configured', 'The signed site endpoint is off: no secret is configured');
      const raw = rawBodyOf(ctx);
      if (!raw) return refuse(ctx, 400, 'body_unreadable', 'The body could not be read');
      if (tooMany(ctx, `ip:${ctx.request.ip}`, config.siteRatePerIp)) return;
      const signature = ctx.get('x-cm-signature') || undefined;
      const checked = checkSignature(config.siteSecrets, { timestamp: ctx.get('x-cm-timestamp') || undefined, signature, raw }, now());
      if ('problem' in checked) return refuse(ctx, 401, checked.problem, MESSAGES[checked.problem]);
      // Keyed by a digest: the secret itself stays out of the limiter's keys.
      const secretKey = createHash('sha256').update(config.siteSecrets[checked.secretIndex]).digest('hex').slice(0, 16);
      if (tooMany(ctx, `secret:${secretKey}`, config.siteRatePerSecret)) return;
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        return refuse(ctx, 400, 'invalid_json', 'The body is not JSON');
      }
      const parsed = siteCommentInput.safeParse(json);
      if (!parsed.success) {
        ctx.status = 400;
        ctx.body = {
          data: null,
          error: {
            status: 400,
            name: 'ValidationError',
            message: 'The comment does not follow the documented shape',
            details: {
              code: 'invalid_comment',
              errors: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String), message: i.message })),
            },
          },
        };
        return;
      }
      const given = ctx.get('x-cm-delivery');
      if (given && !/^[A-Za-z0-9._:-]{1,100}$/.test(given))
        return refuse(ctx, 400, 'delivery_id_invalid', 'X-CM-Delivery holds 1 to 100 of A-Z a-z 0-9 . _ : -');
      const deliveryId = given ? `id:${given}` : `sig:${signature!.trim().slice(7).toLowerCase()}`;
      if (!(await remember(deliveryId))) return refuse(ctx, 401, 'replayed', 'This delivery was already received');
      const stored = await getService(strapi, 'inbox').ingestSite(parsed.data);
      ctx.status = 200;
      ctx.body = { data: stored };
    },
  };
}

export type SiteIngest = ReturnType<typeof createSiteIngest>;
export type { Row };
