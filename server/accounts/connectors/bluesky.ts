import { z } from 'zod';
import type { Connector } from './types';
import { errorMessage, safeJson, unreachable } from './network-error';
import { reason } from '../reasons';

export const DEFAULT_BLUESKY_SERVICE = 'https://bsky.social';

const session = z.object({ did: z.string(), handle: z.string(), accessJwt: z.string(), refreshJwt: z.string() });

/**
 * Bluesky: an app password opens a session (createSession). The session's
 * tokens are kept, encrypted, so publishing can refresh instead of logging in
 * again (createSession is rate limited hard).
 */
export const bluesky: Connector = {
  async check({ instanceUrl, settings, secrets, fetch }) {
    const service = String(instanceUrl ?? DEFAULT_BLUESKY_SERVICE).replace(/\/+$/, '');
    const url = `${service}/xrpc/com.atproto.server.createSession`;
    let res;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ identifier: settings.identifier, password: secrets.appPassword }),
      });
    } catch (err) {
      return unreachable(err, url);
    }
    const body = safeJson(res.text());
    if (res.status === 401 || (res.status === 400 && /AuthenticationRequired|InvalidToken|AccountTakedown/.test(JSON.stringify(body)))) {
      return { status: 'needs_reauth', reason: reason('app_password_refused', { message: errorMessage(body) ?? String(res.status) }) };
    }
    if (res.status !== 200) {
      return { status: 'error', reason: reason('unexpected_status', { status: res.status, message: errorMessage(body) ?? '' }) };
    }
    const parsed = session.safeParse(body);
    if (!parsed.success) return { status: 'error', reason: reason('not_bluesky') };
    return {
      status: 'connected',
      reason: null,
      profile: {
        handle: `@${parsed.data.handle}`,
        displayName: parsed.data.handle,
        profileUrl: `https://bsky.app/profile/${parsed.data.handle}`,
        networkAccountId: parsed.data.did,
      },
      limits: { maxCharacters: 300 },
      secrets: { ...secrets, accessJwt: parsed.data.accessJwt, refreshJwt: parsed.data.refreshJwt },
    };
  },
};
