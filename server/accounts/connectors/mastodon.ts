import { z } from 'zod';
import type { Connector } from './types';
import { errorMessage, safeJson, unreachable } from './network-error';

const credentialsAccount = z.object({
  id: z.string(),
  username: z.string(),
  acct: z.string(),
  display_name: z.string().optional(),
  avatar: z.string().optional(),
  url: z.string().optional(),
});

const instance = z.object({
  configuration: z.object({ statuses: z.object({ max_characters: z.number().int().positive() }).partial() }).partial(),
}).partial();

/** Mastodon: the token is checked with verify_credentials; the instance tells its own post length. */
export const mastodon: Connector = {
  async check({ instanceUrl, secrets, fetch }) {
    const base = String(instanceUrl).replace(/\/+$/, '');
    let res;
    try {
      res = await fetch(`${base}/api/v1/accounts/verify_credentials`, {
        headers: { authorization: `Bearer ${secrets.accessToken}`, accept: 'application/json' },
      });
    } catch (err) {
      return unreachable(err, 'The Mastodon instance could not be reached');
    }
    const body = safeJson(res.text());
    if (res.status === 401 || res.status === 403) {
      return { status: 'needs_reauth', reason: `The instance refused the access token (${res.status}: ${errorMessage(body) ?? 'unauthorized'}). Create a new token with the write:statuses scope.` };
    }
    if (res.status !== 200) {
      return { status: 'error', reason: `The instance answered ${res.status}${errorMessage(body) ? `: ${errorMessage(body)}` : ''}` };
    }
    const account = credentialsAccount.safeParse(body);
    if (!account.success) return { status: 'error', reason: 'The instance answered, but not like a Mastodon server' };

    let maxCharacters: number | undefined;
    try {
      const info = instance.safeParse(safeJson((await fetch(`${base}/api/v2/instance`, { headers: { accept: 'application/json' } })).text()));
      maxCharacters = info.success ? info.data.configuration?.statuses?.max_characters : undefined;
    } catch {
      // The limit is a refinement; the linter falls back to Mastodon's default of 500.
    }
    const host = new URL(base).host;
    return {
      status: 'connected',
      reason: null,
      profile: {
        handle: `@${account.data.username}@${host}`,
        displayName: account.data.display_name || account.data.username,
        avatarUrl: account.data.avatar,
        profileUrl: account.data.url,
        networkAccountId: account.data.id,
      },
      limits: maxCharacters ? { maxCharacters } : {},
    };
  },
};
