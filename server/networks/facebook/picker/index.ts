import { pickerDomain, type PickerPort } from '../../../accounts/picker';
import { connectFacebookPagesInput, type FacebookPageChoice } from '../../../../shared/networks/facebook.pages';
import { facebook } from '../../../../shared/networks/facebook';
import { readPages, type MetaPage } from '../../meta/login';
import { pageTokenAccount, signInGraph, unusable } from '../../meta/picker';
import { pageUrl } from '../api';
import { subscribePage } from '../../meta/subscribe';

/**
 * The Facebook page picker's port (the core: server/accounts/picker). A
 * sign-in with Facebook is a person's, who may manage several pages; the
 * sign-in connects the first one `/me/accounts` lists and keeps the
 * long-lived user token (sealed, `userAccessToken`, about 60 days) to list
 * them again.
 *
 * A page connected stores its own page token (which does not expire), with a
 * copy of the user token so the picker opens from any of the pages. Each
 * page connected or renewed here has the app subscribed to its `feed`
 * webhook with its page token (../subscribe.ts), the state in `realtime`.
 */
export const facebookPicker: PickerPort<MetaPage, Omit<FacebookPageChoice, 'accountId'>> = {
  network: facebook.id,
  input: connectFacebookPagesInput,
  needs: 'userAccessToken',
  messages: {
    notSignIn: { message: 'facebook_pages_not_sign_in', code: 'not_a_facebook_sign_in' },
    signInAgain: 'facebook_pages_sign_in_again',
    notOwned: { message: 'facebook_page_not_managed', param: 'page', code: 'not_managed' },
    unavailable: 'facebook_pages_unavailable',
  },
  async list(sign, fetch) {
    const pages = await readPages(fetch, signInGraph(sign), sign.secrets.userAccessToken, Date.now());
    return pages.map((p) => {
      const choice = { id: p.id, name: p.name, profileUrl: pageUrl(p.id) };
      // A page without its token is listed, not connectable: the person sees it and why.
      return p.accessToken === null ? { key: p.id, choice, unavailable: unusable(p) } : { key: p.id, choice, item: p };
    });
  },
  account(page, sign) {
    const token = pageTokenAccount(page, sign);
    return {
      ...token,
      name: page.name,
      handle: page.name,
      displayName: page.name,
      profileUrl: pageUrl(page.id),
      settings: { ...token.settings, page: page.id, pages: sign.settings.pages ?? [] },
    };
  },
  async connected(page, sign, fetch) {
    return { realtime: await subscribePage(fetch, signInGraph(sign).graph, page.id, page.accessToken, Date.now()) };
  },
};

/** The Facebook page picker: the pages of a sign-in, and the chosen ones connected as accounts. */
export default pickerDomain('facebook-pages', facebookPicker);
