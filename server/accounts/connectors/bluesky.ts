import { z } from 'zod';
import type { Connector } from './types';
import { errorMessage, safeJson, unreachable } from './network-error';

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
    let res;
    try {
      res = await fetch(`${service}/xrpc/com.atproto.server.createSession`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ identifier: settings.identifier, password: secrets.appPassword }),
      });
    } catch (err) {
      return unreachable(err, 'The Bluesky server could not be reached');
    }
    const body = safeJson(res.text());
    if (res.status === 401 || (res.status === 400 && /AuthenticationRequired|InvalidToken|AccountTakedown/.test(JSON.stringify(body)))) {
      return { status: 'needs_reauth', reason: `Bluesky refused the handle or app password (${errorMessage(body) ?? res.status}). Create a new app password in Bluesky's settings.` };
    }
    if (res.status !== 200) {
      return { status: 'error', reason: `The Bluesky server answered ${res.status}${errorMessage(body) ? `: ${errorMessage(body)}` : ''}` };
    }
    const parsed = session.safeParse(body);
    if (!parsed.success) return { status: 'error', reason: 'The server answered, but not like a Bluesky PDS' };
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
