import { z } from 'zod';
import type { AuthPort } from '../types';
import { instagram as profile } from '../../../shared/networks/instagram';
import { checkFailure } from '../meta/check';
import { DEFAULT_GRAPH_VERSION, FACEBOOK_GRAPH, INSTAGRAM_GRAPH, failure, graphGet } from '../meta/graph';
import { viaInstagramLogin } from './api';
import { ME_FIELDS } from './login';
import { lazySchema } from '../../../shared/core/lazy-schema';

const igUser = lazySchema(() =>
  z.object({
    id: z.string().optional(),
    user_id: z.union([z.string(), z.number()]).optional(),
    username: z.string(),
    name: z.string().optional(),
    profile_picture_url: z.string().optional(),
  })
);

/**
 * The account's token still reads it: a page token reads the Instagram
 * account by id (Facebook Login), Instagram Login's own token reads `/me`. Permissions are checked
 * at sign-in (`/me/permissions` needs the person's token, which is not
 * kept); one taken back later comes as error 10 or 200 on the next call.
 */
export const auth: AuthPort = {
  async check({ instanceUrl, settings, secrets, fetch }) {
    const version = typeof settings.graphVersion === 'string' ? settings.graphVersion : DEFAULT_GRAPH_VERSION;
    const own = viaInstagramLogin(settings);
    const base = (instanceUrl || (own ? INSTAGRAM_GRAPH : FACEBOOK_GRAPH)).replace(/\/+$/, '');
    const graph = `${base}/${version}`;
    const id = typeof settings.instagramId === 'string' ? settings.instagramId : '';
    try {
      // Instagram Login's token is the account's own: `/me` names it (`user_id`); a page token reads the account by id.
      const res = await graphGet(
        { fetch },
        own ? `${graph}/me?fields=${ME_FIELDS}` : `${graph}/${id}?fields=id,username,name,profile_picture_url`,
        secrets.accessToken,
        'accountCheck'
      );
      if (res.status !== 200) throw failure(res, Date.now(), 'Instagram account');
      const user = igUser.parse(res.data);
      return {
        status: 'connected',
        reason: null,
        profile: {
          networkAccountId: String(user.user_id ?? user.id),
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
