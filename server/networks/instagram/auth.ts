import { z } from 'zod';
import type { AuthPort } from '../types';
import { instagram as profile } from '../../../shared/networks/instagram';
import { checkFailure } from '../meta/check';
import { DEFAULT_GRAPH_VERSION, FACEBOOK_GRAPH, failure, graphGet } from '../meta/graph';
import { lazySchema } from '../../../shared/core/lazy-schema';

const igUser = lazySchema(() =>
  z.object({ id: z.string(), username: z.string(), name: z.string().optional(), profile_picture_url: z.string().optional() })
);

/**
 * The page token still reads the Instagram account. Permissions are checked
 * at sign-in (`/me/permissions` needs the person's token, which is not
 * kept); one taken back later comes as error 10 or 200 on the next call.
 */
export const auth: AuthPort = {
  async check({ instanceUrl, settings, secrets, fetch }) {
    const version = typeof settings.graphVersion === 'string' ? settings.graphVersion : DEFAULT_GRAPH_VERSION;
    const base = (instanceUrl || FACEBOOK_GRAPH).replace(/\/+$/, '');
    const graph = `${base}/${version}`;
    const id = typeof settings.instagramId === 'string' ? settings.instagramId : '';
    try {
      const res = await graphGet(
        { fetch },
        `${graph}/${id}?fields=id,username,name,profile_picture_url`,
        secrets.accessToken,
        'accountCheck'
      );
      if (res.status !== 200) throw failure(res, Date.now(), 'Instagram account');
      const user = igUser.parse(res.data);
      return {
        status: 'connected',
        reason: null,
        profile: {
          networkAccountId: user.id,
          handle: `@${user.username}`,
          displayName: user.name || user.username,
          avatarUrl: user.profile_picture_url,
          profileUrl: `https://www.instagram.com/${encodeURIComponent(user.username)}/`,
        },
        limits: { maxCharacters: profile.length.limit },
      };
    } catch (err) {
      return checkFailure(err, base);
    }
  },
};
