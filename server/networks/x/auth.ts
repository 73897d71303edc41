import type { AuthPort } from '../types';
import { safeJson, unreachable } from '../http';
import { reason } from '../../../shared/accounts/reasons';
import { x as profile } from '../../../shared/networks/x';
import { apiBase, bearer, xMessage } from './api';
import { me } from './oauth';

/** X: the stored access token is checked with GET /2/users/me; a refused one needs a new sign-in. */
export const auth: AuthPort = {
  async check({ instanceUrl, secrets, fetch }) {
    if (!secrets.accessToken) {
      return { status: 'needs_reauth', reason: reason('oauth_grant_refused', { message: 'no sign-in yet: use “Sign in with X”' }) };
    }
    const url = `${apiBase({ account: { instanceUrl } as never })}/2/users/me?user.fields=profile_image_url`;
    let res;
    try {
      res = await fetch(url, { headers: bearer(secrets.accessToken), purpose: 'accountCheck', maxRedirects: 0 });
    } catch (err) {
      return unreachable(err, url);
    }
    const body = safeJson(res.text());
    if (res.status === 401) {
      return { status: 'needs_reauth', reason: reason('oauth_grant_refused', { message: xMessage(body) ?? 'Unauthorized' }) };
    }
    if (res.status !== 200) {
      return { status: 'error', reason: reason('unexpected_status', { status: res.status, message: xMessage(body) ?? '' }) };
    }
    const parsed = me.safeParse(body);
    if (!parsed.success) return { status: 'error', reason: reason('unexpected_status', { status: 200, message: 'no user in the answer' }) };
    const u = parsed.data.data;
    return {
      status: 'connected',
      reason: null,
      profile: {
        handle: `@${u.username}`,
        displayName: u.name || u.username,
        avatarUrl: u.profile_image_url,
        profileUrl: `https://x.com/${u.username}`,
        networkAccountId: u.id,
      },
      limits: { maxCharacters: profile.length.limit },
    };
  },
};
