import { SUBSCRIBE_PERMISSION, permissionMissing, subscribePage } from '../meta/subscribe';
import { z } from 'zod';
import type { NetworkFetch } from '../types';
import { permanent } from '../errors';
import { failure, graphGet } from '../meta/graph';
import { facebookLogin, type MetaEndpoints } from '../meta/login';
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
export type InstagramUser = z.infer<typeof igUser>;

export const instagramProfileUrl = (username: string) => `https://www.instagram.com/${encodeURIComponent(username)}/`;

/** The Instagram professional account linked to a page, read with that page's token. */
export async function instagramUser(
  ctx: { fetch: NetworkFetch },
  api: Pick<MetaEndpoints, 'graph'>,
  instagramId: string,
  pageToken: string
): Promise<InstagramUser> {
  const res = await graphGet(ctx, `${api.graph}/${instagramId}?fields=id,username,name,profile_picture_url`, pageToken, 'accountCheck');
  if (res.status !== 200) throw failure(res, Date.now(), 'Instagram account');
  const parsed = igUser.safeParse(res.data);
  if (!parsed.success) throw permanent('oauth_bad_answer', 'Facebook answered the Instagram account without its user name');
  return parsed.data;
}

/**
 * Facebook Login, then the Instagram professional account linked to one of
 * the person's pages (`instagram_business_account`): the first page that has
 * one is connected with its page token; every linked account is kept in the
 * settings (`pages`), and the long-lived user token in the sealed secrets,
 * for the account picker (./picker). The app is subscribed on the linked page
 * (../meta/subscribe.ts), the outcome kept in the settings (`realtime`).
 */
export const oauth = facebookLogin({
  scopes: SCOPES,
  required: REQUIRED,
  async choose(pages, api, ctx, granted) {
    const linked = pages.filter((p) => p.instagramId);
    const page = linked[0];
    if (!page) throw permanent('meta_no_account', 'None of this person’s Facebook pages is linked to an Instagram professional account');
    const user = await instagramUser(ctx, api, page.instagramId!, page.accessToken);
    // Its comments and mentions come by webhook once the app is subscribed on the linked page; never a refusal.
    const realtime = granted.has(SUBSCRIBE_PERMISSION)
      ? await subscribePage(ctx.fetch, api.graph, page.id, page.accessToken, Date.now(), 'Instagram page subscription')
      : permissionMissing(Date.now());
    return {
      networkAccountId: user.id,
      handle: `@${user.username}`,
      displayName: user.name || user.username,
      avatarUrl: user.profile_picture_url,
      profileUrl: instagramProfileUrl(user.username),
      tokens: { accessToken: page.accessToken, expiresAt: null },
      // The long-lived user token (about 60 days) lists the pages again for the picker.
      secrets: { userAccessToken: ctx.tokens.accessToken },
      settings: {
        instagramId: user.id,
        page: page.id,
        username: user.username,
        pages: linked.map((p) => ({ id: p.id, name: p.name, instagramId: p.instagramId })),
        realtime,
      },
    };
  },
});
