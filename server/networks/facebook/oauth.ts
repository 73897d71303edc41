import { permanent } from '../errors';
import { facebookLogin } from '../meta/login';
import { REQUIRED, SCOPES, pageUrl } from './api';
import { SUBSCRIBE_PERMISSION, permissionMissing, subscribePage } from '../meta/subscribe';

/**
 * Facebook Login, then the pages the person manages: the first one listed is
 * connected with its page token (which does not expire); all are kept in the
 * settings (`pages`, names and ids only), and the long-lived user token in
 * the sealed secrets, for the page picker (./picker). The app is subscribed
 * to the page's `feed` webhook with the page token (./subscribe.ts), on every
 * sign-in, so a page token renewed by signing in again is subscribed again;
 * whether it worked is kept in the settings (`realtime`), never a refusal.
 */
export const oauth = facebookLogin({
  scopes: SCOPES,
  required: REQUIRED,
  async choose(pages, api, ctx, granted) {
    const page = pages[0];
    if (!page) throw permanent('meta_no_account', 'This person manages no Facebook page the app may use');
    // Not asked without its permission: Facebook would refuse it, and the missing permission is the reason to show.
    const realtime = granted.has(SUBSCRIBE_PERMISSION)
      ? await subscribePage(ctx.fetch, api.graph, page.id, page.accessToken, Date.now())
      : permissionMissing(Date.now());
    return {
      networkAccountId: page.id,
      handle: page.name,
      displayName: page.name,
      profileUrl: pageUrl(page.id),
      tokens: { accessToken: page.accessToken, expiresAt: null },
      // The long-lived user token (about 60 days) lists the pages again for the picker.
      secrets: { userAccessToken: ctx.tokens.accessToken },
      settings: { page: page.id, pages: pages.map((p) => ({ id: p.id, name: p.name, instagramId: p.instagramId })), realtime },
    };
  },
});
