import { z } from 'zod';
import { permanent } from '../errors';
import { failure, graphGet } from '../meta/graph';
import { facebookLogin } from '../meta/login';
import { REQUIRED, SCOPES } from './api';
import { lazySchema } from '../../../shared/core/lazy-schema';

const igUser = lazySchema(() =>
  z.object({
    id: z.string().regex(/^\d{1,30}$/),
    username: z.string().min(1).max(100),
    name: z.string().max(300).optional(),
    profile_picture_url: z.string().max(2048).optional(),
  })
);

/**
 * Facebook Login, then the Instagram professional account linked to one of
 * the person's pages (`instagram_business_account`): the first page that has
 * one is connected with its page token; every linked account is kept in the
 * settings (`pages`) for a picker.
 */
export const oauth = facebookLogin({
  scopes: SCOPES,
  required: REQUIRED,
  async choose(pages, api, ctx) {
    const linked = pages.filter((p) => p.instagramId);
    const page = linked[0];
    if (!page) throw permanent('meta_no_account', 'None of this person’s Facebook pages is linked to an Instagram professional account');
    const res = await graphGet(
      ctx,
      `${api.graph}/${page.instagramId}?fields=id,username,name,profile_picture_url`,
      page.accessToken,
      'accountCheck'
    );
    if (res.status !== 200) throw failure(res, Date.now(), 'Instagram account');
    const parsed = igUser.safeParse(res.data);
    if (!parsed.success) throw permanent('oauth_bad_answer', 'Facebook answered the Instagram account without its user name');
    const user = parsed.data;
    return {
      networkAccountId: user.id,
      handle: `@${user.username}`,
      displayName: user.name || user.username,
      avatarUrl: user.profile_picture_url,
      profileUrl: `https://www.instagram.com/${encodeURIComponent(user.username)}/`,
      tokens: { accessToken: page.accessToken, expiresAt: null },
      settings: {
        instagramId: user.id,
        page: page.id,
        username: user.username,
        pages: linked.map((p) => ({ id: p.id, name: p.name, instagramId: p.instagramId })),
      },
    };
  },
});
