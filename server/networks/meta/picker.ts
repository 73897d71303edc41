import type { PickedAccount, PickerSignIn } from '../../accounts/picker';
import { baseUrl } from '../http';
import { DEFAULT_GRAPH_VERSION, FACEBOOK_GRAPH } from './graph';
import type { MetaEndpoints, MetaPage, UnusablePage } from './login';
import { serverMessage, type ServerMessage } from '../../../shared/core/messages';

/** The Graph a Facebook Login sign-in was made with: its API (kept on the account when not Meta's own) and its version. */
export function signInGraph({ row, settings }: PickerSignIn): MetaEndpoints {
  const base = baseUrl(String(row.instanceUrl || FACEBOOK_GRAPH));
  const version = typeof settings.graphVersion === 'string' ? settings.graphVersion : DEFAULT_GRAPH_VERSION;
  return { base, version, graph: `${base}/${version}` };
}

/**
 * What a page's token makes of a picked account (a Facebook page, or the
 * Instagram account published through it): the page token, with a copy of the
 * sign-in's user token so the picker opens from any of them, and the sign-in's
 * Graph version.
 */
export function pageTokenAccount(
  page: MetaPage,
  { secrets, settings }: PickerSignIn
): Pick<PickedAccount, 'secrets' | 'tokenExpiresAt' | 'oauthRefreshAt' | 'oauthGrantEndsAt' | 'settings'> {
  return {
    secrets: { accessToken: page.accessToken, userAccessToken: secrets.userAccessToken },
    // A page token does not expire (it dies with a password change or a lost role: error 190).
    tokenExpiresAt: null,
    oauthRefreshAt: null,
    oauthGrantEndsAt: null,
    settings: {
      storedSecrets: ['accessToken'],
      ...(typeof settings.graphVersion === 'string' ? { graphVersion: settings.graphVersion } : {}),
    },
  };
}

/** Why a page `/me/accounts` listed cannot be connected (nor the Instagram account linked to it). */
export const unusable = (page: UnusablePage): ServerMessage =>
  serverMessage(page.problem === 'no_token' ? 'facebook_page_no_token' : 'facebook_page_unreadable');
