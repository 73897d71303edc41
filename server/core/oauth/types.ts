import type { NetworkFetch } from '../../networks/types';
import type { Reason } from '../../../shared/accounts/reasons';

/**
 * What a network tells the OAuth 2.0 core about its authorization server. The
 * flow itself (state bound to the admin user, PKCE, the callback, token
 * storage, refresh ahead of expiry) is written once in `server/core/oauth/`;
 * a network adapter only describes its endpoints and quirks, from its
 * `auth.oauth` port.
 */

/** The app registered at the network: its client id and secret, from Settings or the environment. */
export interface OAuthAppCredentials {
  clientId: string;
  /** absent for a public client (PKCE only) */
  clientSecret: string | null;
}

/** The token endpoint's answer (RFC 6749 §5.1), validated. */
export interface OAuthTokenSet {
  accessToken: string;
  tokenType: string;
  /** absent when the server does not rotate or issue one: the stored one is then kept */
  refreshToken: string | null;
  /** ms since epoch; null when the server gave no `expires_in` */
  expiresAt: number | null;
  /** the scopes granted, when the server said (may be fewer than asked) */
  scope: string | null;
  /** the whole answer, for the network's `readAccount` (id_token, user ids…); never stored nor logged */
  raw: Record<string, unknown>;
}

/** Who the account is, read after the exchange. */
export interface OAuthAccount {
  /** the network's stable id of the account: an account is created or updated by it */
  networkAccountId: string;
  handle: string;
  displayName?: string;
  avatarUrl?: string;
  profileUrl?: string;
  /** the account's public settings (stored on the row, never secret) */
  settings?: Record<string, unknown>;
  /** the instance or API base the account lives on, when the network has several */
  instanceUrl?: string | null;
  /**
   * The token the account publishes with, when it is not the one the code was
   * exchanged for (Meta: a page token read with the user's, a long-lived token
   * the short one was swapped for). Stored in place of the exchanged one.
   */
  tokens?: { accessToken: string; expiresAt: number | null };
  /**
   * Other secrets the account keeps beside its token, sealed with it and never
   * shown (Meta: the long-lived user token that lists the pages for the page picker).
   */
  secrets?: Record<string, string>;
  /**
   * The sign-in worked but the account cannot do its work yet (a permission
   * not granted): stored as `needs_reauth` with this reason.
   */
  problem?: Reason;
}

export interface OAuthReadContext {
  tokens: OAuthTokenSet;
  /** the app's credentials, for a network that swaps the token for another with them (Meta's long-lived tokens) */
  app?: OAuthAppCredentials;
  /** the guarded fetcher, with the plugin's outbound policy and a total deadline */
  fetch: NetworkFetch;
}

/** The description of one network's authorization server. */
export interface OAuthProvider {
  /** RFC 6749 §3.1: where the browser is sent to approve */
  authorizationEndpoint: string;
  /** RFC 6749 §3.2: where codes and refresh tokens are exchanged */
  tokenEndpoint: string;
  scopes: readonly string[];
  /** how scopes are joined in the `scope` parameter; a space unless the network says otherwise */
  scopeSeparator?: string;
  /** RFC 7636 with S256; true for every network we know, off only for a server that refuses it */
  pkce: 'S256' | false;
  /** RFC 6749 §2.3.1: HTTP Basic (`client_secret_basic`) or in the body (`client_secret_post`) */
  clientAuth: 'basic' | 'post';
  /** extra query parameters on the authorization URL (`prompt`, `access_type=offline`, …) */
  extraAuthorizeParams?: Record<string, string>;
  /** extra body parameters on the token requests */
  extraTokenParams?: Record<string, string>;
  /**
   * When the server gives no `expires_in`, how long an access token lives
   * (ms); null: it does not expire as far as we know.
   */
  defaultAccessTokenTtlMs?: number | null;
  /**
   * For a network whose tokens cannot be refreshed, how long the grant lives
   * (ms) from the sign-in: the admin is warned some days before it ends.
   */
  grantTtlMs?: number | null;
  /** reads the account (id, handle…) with the fresh tokens; throws the four error kinds */
  readAccount(ctx: OAuthReadContext): Promise<OAuthAccount>;
  /**
   * A network that renews its tokens its own way (Threads: the long-lived
   * token itself, no refresh token): the core calls this under its claim of
   * the account instead of RFC 6749's refresh, and schedules it
   * `refreshAheadMs` before the token ends.
   */
  refresh?(ctx: OAuthRefreshContext): Promise<OAuthTokenSet & { refreshExpiresAt: number | null }>;
  /** how long before its end a token is renewed (default: the core's `CM_OAUTH_REFRESH_AHEAD_SECONDS`) */
  refreshAheadMs?: number;
}

export interface OAuthRefreshContext {
  secrets: Record<string, string>;
  app: OAuthAppCredentials;
  fetch: NetworkFetch;
  now: () => number;
  /** when the stored access token ends (ms), if known */
  expiresAt: number | null;
}

/**
 * The `auth.oauth` port of a network adapter: the provider, or null when the
 * network is not set up for OAuth here (no authorization server configured),
 * given the plugin's configuration and Settings.
 */
export interface OAuthPort {
  readonly kind: 'oauth2';
  /**
   * The options the network reads (URLs of a self-hosted authorization
   * server…): set in Settings, or by `CM_OAUTH_<NETWORK>_<OPTION>` (upper
   * snake case), the environment winning.
   */
  readonly options?: readonly string[];
  /**
   * Options each account of this sign-in keeps in its settings, under the
   * same name (Meta's `graphVersion`, the API version its calls name): a
   * change reaches every such account, not only those signed in after it —
   * written when Settings saves it, and at boot for the environment.
   */
  readonly accountOptions?: readonly string[];
  provider(config: OAuthProviderConfig): OAuthProvider | null;
}

/** What a network may read to describe its provider: its entry in Settings / plugin config. */
export interface OAuthProviderConfig {
  /** per-network options from the plugin config (`oauth.<network>`) and Settings, e.g. a sandbox's server URLs */
  options: Record<string, string>;
}
