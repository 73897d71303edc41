import type { OAuthPort, OAuthProvider } from '../../core/oauth/types';
import { httpUrlOrNull } from '../../../shared/core/safe-url';
import { baseUrl } from '../http';
import { permanent, retryable } from '../errors';
import { DEFAULT_API_BASE, DEFAULT_AUTHORIZE_URL, DEFAULT_TOKEN_URL } from './api';
import { listPages, pageUrl } from './pages';

/**
 * LinkedIn's 3-legged OAuth 2.0 (learn.microsoft.com/linkedin/shared/authentication/authorization-code-flow):
 * the client id and secret go in the token request's body; no PKCE for a web
 * app. Access tokens last 60 days. Refresh tokens exist only for apps in the
 * partner programme and end 365 days after the first sign-in, refreshing or
 * not: the core refreshes where one was given and stores
 * `refresh_token_expires_in` as the sign-in's end; without one, the sign-in
 * ends with its access token and the core warns ahead of that date.
 */
export const SCOPES = ['r_organization_social', 'w_organization_social', 'rw_organization_admin'] as const;

const DAY = 86_400_000;

/** Every option is a URL (Settings edits them as such); unset, LinkedIn's own. */
const urlOption = (value: string | undefined, fallback: string) => (value === undefined ? fallback : httpUrlOrNull(value));

export const oauth: OAuthPort = {
  kind: 'oauth2',
  options: ['apiBaseUrl', 'authorizeUrl', 'tokenUrl'],
  provider({ options }): OAuthProvider | null {
    const authorize = urlOption(options.authorizeUrl, DEFAULT_AUTHORIZE_URL);
    const token = urlOption(options.tokenUrl, DEFAULT_TOKEN_URL);
    const api = urlOption(options.apiBaseUrl, DEFAULT_API_BASE);
    if (!authorize || !token || !api) return null;
    const base = baseUrl(api);
    return {
      authorizationEndpoint: authorize,
      tokenEndpoint: token,
      scopes: SCOPES,
      pkce: false,
      clientAuth: 'post',
      defaultAccessTokenTtlMs: 60 * DAY,
      /**
       * The member signs in; the account is one organization page they
       * administer (approved ADMINISTRATOR role). The first one LinkedIn
       * lists whose details load is connected; the others are kept in the
       * account's settings (`pages`) for the page picker.
       */
      async readAccount({ tokens, fetch }) {
        const pages = await listPages(fetch, base, tokens.accessToken, Date.now);
        if (!pages.length) throw permanent('linkedin_no_page', 'This LinkedIn member administers no organization page');
        const page = pages.find((p) => p.unavailable === null);
        if (!page) throw retryable('linkedin_pages_unreadable', `LinkedIn did not give the member's pages: ${pages[0].unavailable}`);
        return {
          networkAccountId: page.urn,
          handle: page.vanityName ?? page.name,
          displayName: page.name,
          profileUrl: pageUrl(page),
          instanceUrl: base === DEFAULT_API_BASE ? null : base,
          settings: {
            organization: page.urn,
            pages: pages.map((p) => ({ urn: p.urn, name: p.name.slice(0, 200) })),
          },
        };
      },
    };
  },
};
