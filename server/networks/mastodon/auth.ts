import { z } from 'zod';
import { lazySchema } from '../../../shared/core/lazy-schema';
import type { AuthPort } from '../types';
import { errorMessage, safeJson, unreachable } from '../http';
import { reason } from '../../../shared/accounts/reasons';
import { bearer, instance, instanceBase, instanceUrl as instanceInfo } from './api';

const credentialsAccount = lazySchema(() =>
  z.object({
    id: z.string(),
    username: z.string(),
    acct: z.string(),
    display_name: z.string().optional(),
    avatar: z.string().optional(),
    url: z.string().optional(),
  })
);

/** Mastodon: the token is checked with verify_credentials; the instance tells its own post length. */
export const auth: AuthPort = {
  async check({ instanceUrl, secrets, fetch }) {
    const base = instanceBase(instanceUrl);
    const url = `${base}/api/v1/accounts/verify_credentials`;
    let res;
    try {
      res = await fetch(url, { headers: bearer(secrets.accessToken) });
    } catch (err) {
      return unreachable(err, url);
    }
    const body = safeJson(res.text());
    if (res.status === 401 || res.status === 403) {
      return {
        status: 'needs_reauth',
        reason: reason('token_refused', { status: res.status, message: errorMessage(body) ?? 'unauthorized' }),
      };
    }
    if (res.status !== 200) {
      return { status: 'error', reason: reason('unexpected_status', { status: res.status, message: errorMessage(body) ?? '' }) };
    }
    const account = credentialsAccount.safeParse(body);
    if (!account.success) return { status: 'error', reason: reason('not_mastodon') };

    let maxCharacters: number | undefined;
    try {
      const info = instance.safeParse(safeJson((await fetch(instanceInfo(base), { headers: { accept: 'application/json' } })).text()));
      maxCharacters = info.success ? info.data.configuration?.statuses?.max_characters : undefined;
    } catch {
      // The limit is a refinement; the linter falls back to the profile's stock limit.
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
