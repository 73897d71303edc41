import { pickerDomain, type PickerCandidate, type PickerPort } from '../../../accounts/picker';
import { httpUrlOrNull } from '../../../../shared/core/safe-url';
import { connectInstagramAccountsInput, type InstagramAccountChoice } from '../../../../shared/networks/instagram.pages';
import { instagram } from '../../../../shared/networks/instagram';
import { readPages, type MetaEndpoints, type MetaPage, type UnusablePage } from '../../meta/login';
import { pageTokenAccount, signInGraph, unusable } from '../../meta/picker';
import { classify } from '../../errors';
import { serverMessage, type ServerMessage } from '../../../../shared/core/messages';
import type { NetworkFetch } from '../../types';
import { instagramProfileUrl, instagramUser, type InstagramUser } from '../oauth';
import { viaInstagramLogin } from '../api';
import { subscribePage } from '../../meta/subscribe';

/** An Instagram account linked to one of the person's pages, with the page whose token it publishes through. */
interface Linked {
  page: MetaPage;
  user: InstagramUser;
}

type Choice = Omit<InstagramAccountChoice, 'accountId'>;

/** An account that loaded, as the answer shows it. */
const available = (l: Linked): PickerCandidate<Linked, Choice> => ({
  key: l.user.id,
  choice: {
    id: l.user.id,
    name: l.user.name || l.user.username,
    username: l.user.username,
    profileUrl: instagramProfileUrl(l.user.username),
    page: { id: l.page.id, name: l.page.name },
  },
  item: l,
});

/**
 * The Instagram account linked to one page, read with that page's token. One
 * account Facebook refuses (a permission, a 500) or whose page has no token
 * is listed as not available, with why: the others still load.
 */
async function candidateOf(
  page: MetaPage | UnusablePage,
  api: MetaEndpoints,
  fetch: NetworkFetch
): Promise<PickerCandidate<Linked, Choice>> {
  const instagramId = page.instagramId!;
  const notAvailable = (why: ServerMessage) => ({
    key: instagramId,
    choice: { id: instagramId, name: page.name, username: null, profileUrl: null, page: { id: page.id, name: page.name } },
    unavailable: why,
  });
  if (page.accessToken === null) return notAvailable(unusable(page));
  try {
    return available({ page, user: await instagramUser({ fetch }, api, instagramId, page.accessToken) });
  } catch (err) {
    return notAvailable(serverMessage('instagram_account_unavailable', { message: classify(err).message.slice(0, 300) }));
  }
}

/** Instagram accounts read at once (one Graph call each, with its page's token). */
const PARALLEL = 5;

/**
 * The Instagram account picker's port (the core: server/accounts/picker). An
 * Instagram sign-in goes through Facebook Login: the person may manage
 * several pages, each linked (or not) to an Instagram professional account.
 * The sign-in connects the account of the first linked page and keeps the
 * long-lived user token (sealed, `userAccessToken`, about 60 days) to list the
 * pages again, then each linked account's user name.
 *
 * An Instagram account connected stores the token of the page it is linked
 * to (it publishes through that page; the token does not expire), with a copy
 * of the user token so the picker opens from any of them.
 */
export const instagramPicker: PickerPort<Linked, Choice> = {
  network: instagram.id,
  input: connectInstagramAccountsInput,
  needs: 'userAccessToken',
  // An Instagram Login account is its own sign-in: there are no Facebook pages to pick from.
  accepts: (settings) => !viaInstagramLogin(settings),
  messages: {
    notSignIn: { message: 'instagram_accounts_not_sign_in', code: 'not_an_instagram_sign_in' },
    signInAgain: 'instagram_accounts_sign_in_again',
    notOwned: { message: 'instagram_account_not_linked', param: 'account', code: 'not_linked' },
    unavailable: 'instagram_accounts_unavailable',
  },
  async list(sign, fetch) {
    const api = signInGraph(sign);
    const pages = (await readPages(fetch, api, sign.secrets.userAccessToken, Date.now())).filter((p) => p.instagramId);
    const candidates: Array<PickerCandidate<Linked, Choice>> = [];
    for (let at = 0; at < pages.length; at += PARALLEL)
      candidates.push(...(await Promise.all(pages.slice(at, at + PARALLEL).map((page) => candidateOf(page, api, fetch)))));
    // Two pages linked to one Instagram account: the first listed that loads is the one it publishes through.
    return candidates.filter((c, i) => {
      const first = candidates.findIndex((o) => o.key === c.key && 'item' in o);
      return first === -1 ? candidates.findIndex((o) => o.key === c.key) === i : first === i;
    });
  },
  account({ page, user }, sign, all) {
    const token = pageTokenAccount(page, sign);
    const displayName = user.name || user.username;
    return {
      ...token,
      name: displayName,
      handle: `@${user.username}`,
      displayName,
      profileUrl: instagramProfileUrl(user.username),
      avatarUrl: httpUrlOrNull(user.profile_picture_url ?? null)?.slice(0, 2048) ?? null,
      settings: {
        ...token.settings,
        instagramId: user.id,
        page: page.id,
        username: user.username,
        pages: all.map((l) => ({ id: l.page.id, name: l.page.name, instagramId: l.page.instagramId })),
      },
    };
  },
  /** Each account picked: the app subscribed on its page, so its comments come by webhook (../../meta/subscribe.ts). */
  async connected({ page }, sign, fetch) {
    return {
      realtime: await subscribePage(fetch, signInGraph(sign).graph, page.id, page.accessToken, Date.now(), 'Instagram page subscription'),
    };
  },
};

/** The Instagram account picker: the Instagram accounts of a sign-in's pages, and the chosen ones connected as accounts. */
export default pickerDomain('instagram-pages', instagramPicker);
