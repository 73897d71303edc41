import { z } from 'zod';
import type { AuthPort } from '../types';
import { threads as profile } from '../../../shared/networks/threads';
import { checkFailure } from '../meta/check';
import { THREADS_GRAPH, THREADS_VERSION, failure, graphGet } from '../meta/graph';
import { profileUrl } from './api';
import { lazySchema } from '../../../shared/core/lazy-schema';

const me = lazySchema(() =>
  z.object({
    id: z.string(),
    username: z.string(),
    name: z.string().optional(),
    threads_profile_picture_url: z.string().optional(),
  })
);

/** The stored long-lived token still reads the profile; a refused one (190) needs a new sign-in. */
export const auth: AuthPort = {
  async check({ instanceUrl, secrets, fetch }) {
    const base = (instanceUrl || THREADS_GRAPH).replace(/\/+$/, '');
    try {
      const res = await graphGet(
        { fetch },
        `${base}/${THREADS_VERSION}/me?fields=id,username,name,threads_profile_picture_url`,
        secrets.accessToken,
        'accountCheck'
      );
      if (res.status !== 200) throw failure(res, Date.now(), 'Threads profile');
      const user = me.parse(res.data);
      return {
        status: 'connected',
        reason: null,
        profile: {
          networkAccountId: user.id,
          handle: `@${user.username}`,
          displayName: user.name || user.username,
          avatarUrl: user.threads_profile_picture_url,
          profileUrl: profileUrl(user.username),
        },
        limits: { maxCharacters: profile.length.limit },
      };
    } catch (err) {
      return checkFailure(err, base);
    }
  },
};
