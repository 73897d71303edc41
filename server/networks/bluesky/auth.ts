import type { AuthPort } from '../types';
import { errorMessage, safeJson, unreachable } from '../http';
import { reason } from '../../../shared/accounts/reasons';
import { createSessionRequest, passwordRefused, session, xrpcUrl } from './session';
import { bluesky as profile } from '../../../shared/networks/bluesky';

/**
 * Bluesky: an app password opens a session (createSession). The session's
 * tokens are kept, encrypted, so publishing can refresh instead of logging in
 * again (createSession is rate limited hard).
 */
export const auth: AuthPort = {
  async check({ instanceUrl, settings, secrets, fetch }) {
    const url = xrpcUrl(instanceUrl, 'com.atproto.server.createSession');
    let res;
    try {
      res = await fetch(url, createSessionRequest(settings.identifier, secrets.appPassword));
    } catch (err) {
      return unreachable(err, url);
    }
    const body = safeJson(res.text());
    if (passwordRefused(res.status, body)) {
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
      limits: { maxCharacters: profile.length.limit },
      secrets: { ...secrets, accessJwt: parsed.data.accessJwt, refreshJwt: parsed.data.refreshJwt },
    };
  },
};
