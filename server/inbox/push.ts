import type { Context } from 'koa';
import { z } from 'zod';
import type { Strapi } from '../core/strapi';
import { getService } from '../core/services';
import { HttpError, fieldError } from '../core/errors';
import { handle, parse } from '../core/handler';
import { networkParam } from '../../shared/oauth/contract';
import { lazySchema } from '../../shared/core/lazy-schema';
import { m, serverMessage } from '../../shared/core/messages';
import { signIns } from '../core/oauth/service';
import { rawBodyOf, refuse } from './raw-body';

/**
 * `GET|POST /api/community-manager/inbox/push/:signIn`: comments a network
 * delivers by webhook (Meta's: docs/inbox.md, "Webhooks"), one endpoint per
 * sign-in because each sign-in's app signs with its own secret (Instagram
 * Login's is the Instagram app's). Public: the network holds no admin token.
 *
 * - GET is the subscription handshake: the network's challenge is echoed when
 *   it comes with the verify token configured for the sign-in, else 403;
 * - POST is a delivery: its raw bytes (raw-body.ts) must carry the app
 *   secret's signature, else 401 before anything is parsed; then the body is
 *   checked (400 naming the field), each account's comments are stored as a
 *   poll stores them (once, by id), and an account we do not have is counted,
 *   not an error (a network retries a failed delivery for hours).
 *
 * 404 when the sign-in has no webhook or its app no secret. The inbox's
 * polling goes on: it is the catch-up for a delivery lost or never sent.
 */

/** What every delivery is before its network reads it: bounded, so a hostile body costs little. */
const envelope = lazySchema(() =>
  z.object({
    object: z.string().max(40, m('too_long')),
    entry: z.array(z.unknown()).max(1000, m('too_many')),
  })
);

export function createPushIngest(strapi: Strapi) {
  const oauth = () => getService(strapi, 'oauth');
  const inbox = () => getService(strapi, 'inbox');

  /** The sign-in's webhook and keys, or a 404 already answered. */
  async function setup(ctx: Context) {
    const id = networkParam.safeParse(ctx.params.signIn).data;
    const keys = id ? await oauth().webhookKeys(id) : null;
    const receiver = id ? signIns().find((s) => s.id === id)?.adapter.comments?.push : undefined;
    if (!keys || !receiver) {
      refuse(ctx, 404, 'not_configured', 'No webhook is set up for this sign-in');
      return null;
    }
    return { keys, receiver };
  }

  return {
    async challenge(ctx: Context) {
      const found = await setup(ctx);
      if (!found) return;
      const answer = found.keys.verifyToken ? found.receiver.challenge(ctx.query, found.keys.verifyToken) : null;
      if (answer === null) return refuse(ctx, 403, 'verify_token_mismatch', 'hub.verify_token does not match the configured verify token');
      ctx.set('Cache-Control', 'no-store');
      ctx.type = 'text/plain';
      ctx.body = answer;
    },

    async deliver(ctx: Context) {
      const found = await setup(ctx);
      if (!found) return;
      const raw = rawBodyOf(ctx);
      if (!raw) return refuse(ctx, 400, 'body_unreadable', 'The body could not be read');
      if (!found.receiver.signed(raw, ctx.headers, found.keys.appSecret))
        return refuse(ctx, 401, 'signature_invalid', 'X-Hub-Signature-256 does not match the body signed with the app secret');
      return handle(async () => {
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          throw new HttpError(400, 'body_unreadable', 'The body is not JSON');
        }
        parse(envelope, body);
        const delivery = found.receiver.parse(body);
        // Another product's delivery (`object` names it) sent to this sign-in's address.
        if (!delivery) throw fieldError('object', serverMessage('invalid_choice'), 'invalid_choice');
        let created = 0;
        let unknownAccounts = 0;
        for (const { accountId, comments, mentions } of delivery.accounts) {
          const stored = await inbox().ingestPushed(found.keys.network, accountId, comments, mentions);
          if (stored === null) unknownAccounts++;
          else created += stored;
        }
        return { created, unknownAccounts, skipped: delivery.skipped };
      })(ctx as never);
    },
  };
}
