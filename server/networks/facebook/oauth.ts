import { permanent } from '../errors';
import { facebookLogin } from '../meta/login';
import { REQUIRED, SCOPES, pageUrl } from './api';

/**
 * Facebook Login, then the pages the person manages: the first one listed is
 * connected with its page token (which does not expire); all are kept in the
 * settings (`pages`, names and ids only), and the long-lived user token in
 * the sealed secrets, for the page picker (./picker).
 */
export const oauth = facebookLogin({
  scopes: SCOPES,
  required: REQUIRED,
  async choose(pages, _api, ctx) {
    const page = pages[0];
    if (!page) throw permanent('meta_no_account', 'This person manages no Facebook page the app may use');
    return {
      networkAccountId: page.id,
      handle: page.name,
      displayName: page.name,
      profileUrl: pageUrl(page.id),
      tokens: { accessToken: page.accessToken, expiresAt: null },
      // The long-lived user token (about 60 days) lists the pages again for the picker.
      secrets: { userAccessToken: ctx.tokens.accessToken },
      settings: { page: page.id, pages: pages.map((p) => ({ id: p.id, name: p.name, instagramId: p.instagramId })) },
    };
  },
});
