import { randomUUID } from 'node:crypto';
import type { Strapi, Row } from '../strapi';
import { adminAbility } from '../admin-ability';
import { UID } from '../../../content-types';
import { PLUGIN_ID, ACTIONS } from '../../../shared/core/permissions';
import type { PluginConfig } from '../config';
import { badRequest, notFound } from '../errors';
import { serverMessage } from '../../../shared/core/messages';
import { accountFetch } from '../http/account-fetch';
import { httpUrlOrNull } from '../../../shared/core/safe-url';
import { createVault } from '../crypto/vault';
import { claimRow, releaseRow, newInstanceId, createTicker, type Ticker } from '../jobs';
import { createCredentialStore } from '../../accounts/credentials';
import { reason, reasonText, type Reason } from '../../../shared/accounts/reasons';
import { NETWORK_ADAPTERS } from '../../networks/registry';
import type { NetworkAdapter, Secrets } from '../../networks/types';
import { classify, type NetworkError } from '../../networks/errors';
import { createNotifier } from '../../publishing/notify';
import { createApps, envName } from './apps';
import { oauthTimings, MAX_BACKOFF_MS } from './config';
import { challengeOf, newNonce, newVerifier, sameHash, sha256Hex } from './pkce';
import { authorizationUrl, exchangeCode, refreshTokens, type ExchangedTokens, type TokenCall } from './tokens';
import type { OAuthAccount, OAuthPort, OAuthProvider } from './types';
import type { OAuthApp, RefreshOutcome } from '../../../shared/oauth/contract';

/**
 * OAuth 2.0 sign-in and refresh, once for every network (docs/accounts.md,
 * "Sign in with OAuth"):
 *
 * - `authorize`: a `state` bound to the admin user and to the browser (a
 *   cookie whose hash is stored with it), single use, expiring, stored in the
 *   database so any instance can take the callback; the PKCE verifier stays
 *   here, sealed;
 * - `callback`: the state consumed by a conditional delete (used once, even
 *   across instances), the code exchanged, the account created or updated,
 *   the browser sent back to the Accounts page with a code, never a secret;
 * - `refresh`: the account row claimed first (conditional UPDATE with a
 *   lease), so two instances never spend the same refresh token; the loser
 *   waits for the lease to end and reads the new token.
 */

const STATE_COOKIE = 'cm_oauth';
const COOKIE_PATH = '/';
const SECRET_NAMES = ['accessToken', 'refreshToken'];

interface OAuthSetup {
  adapter: NetworkAdapter;
  port: OAuthPort;
  provider: OAuthProvider;
}

/** The port of an adapter that offers OAuth sign-in (its `auth.oauth`), checked at run time. */
export function oauthPortOf(adapter: NetworkAdapter | undefined): OAuthPort | null {
  const port = adapter?.auth.oauth;
  return port && port.kind === 'oauth2' ? port : null;
}

/**
 * One way to sign in: a network's own (its id is the network's) or one of
 * its further sign-ins (`auth.oauthSignIns`, e.g. `instagram-login`). The
 * id keys the app, the options, the state and the refresh; the account is
 * the adapter's network.
 */
export interface SignIn {
  id: string;
  adapter: NetworkAdapter;
  port: OAuthPort;
}

export function signIns(): SignIn[] {
  const out: SignIn[] = [];
  for (const adapter of NETWORK_ADAPTERS) {
    const own = oauthPortOf(adapter);
    if (own) out.push({ id: adapter.id, adapter, port: own });
    for (const [id, port] of Object.entries(adapter.auth.oauthSignIns ?? {})) {
      if (port.kind === 'oauth2') out.push({ id, adapter, port });
    }
  }
  return out;
}

const signInFor = (id: string): SignIn | null => signIns().find((s) => s.id === id) ?? null;

/** The sign-in an account came from: the one it names, else its network's own. */
export function signInOf(row: Row): string {
  const named = (row.settings as { signIn?: unknown } | null)?.signIn;
  return typeof named === 'string' && named ? named : String(row.network);
}

const date = (ms: number | null) => (ms === null ? null : new Date(ms));
const ms = (value: unknown) => (value ? new Date(value as string).getTime() : null);
const sleep = (t: number) => new Promise((resolve) => setTimeout(resolve, t));

export default ({ strapi }: { strapi: Strapi }) => {
  const plugin = () => strapi.plugin(PLUGIN_ID);
  const encryption = () => plugin().config('encryption') as PluginConfig['encryption'];
  const outbound = () => plugin().config('outbound') as PluginConfig['outbound'];
  const store = createCredentialStore(encryption());
  const apps = createApps(strapi, encryption());
  const stateVault = createVault(encryption());
  const notify = createNotifier(strapi, () => (plugin().config('publishing') as PluginConfig['publishing']).notifyEmails);
  const accounts = () => strapi.db.query(UID.socialAccount as never);
  const states = () => strapi.db.query(UID.oauthState as never);
  let now = () => Date.now();
  let ticker: Ticker | null = null;

  const fetch = accountFetch(outbound);

  /** `id`: a sign-in's (server/networks' `auth.oauth` is the network's id, `auth.oauthSignIns` name theirs). */
  async function setupFor(id: string): Promise<OAuthSetup | null> {
    const signIn = signInFor(id);
    if (!signIn) return null;
    const provider = signIn.port.provider({ options: await apps.options(id, signIn.port) });
    return provider ? { adapter: signIn.adapter, port: signIn.port, provider } : null;
  }

  async function tokenCall(id: string): Promise<(TokenCall & OAuthSetup) | null> {
    const setup = await setupFor(id);
    const app = setup && (await apps.credentials(id));
    return setup && app ? { ...setup, app, fetch, now } : null;
  }

  /** The public address of the callback: `server.url` when set (behind a proxy), else the address the admin used. */
  function redirectUri(origin: string): string {
    const configured = String(strapi.config.get('server.url', '') ?? '').replace(/\/$/, '');
    const base = /^https?:\/\//.test(configured) ? configured : origin.replace(/\/$/, '');
    const prefix = String(strapi.config.get('api.rest.prefix', '/api') ?? '/api').replace(/\/$/, '');
    return `${base}${prefix}/${PLUGIN_ID}/oauth/callback`;
  }

  /** Where the browser lands after the callback: the admin's Accounts page, with a code and no secret. */
  function adminAccountsUrl(params: Record<string, string>): string {
    const adminPath = String(strapi.config.get('admin.url', '/admin') ?? '/admin').replace(/\/$/, '');
    return `${adminPath}/plugins/${PLUGIN_ID}/accounts?${new URLSearchParams(params).toString()}`;
  }

  async function mayConnect(userId: number): Promise<boolean> {
    return (await adminAbility(strapi, userId)).can(ACTIONS.accountsManage);
  }

  // --- tokens on the account row ----------------------------------------------

  function openSecrets(row: Row): Secrets {
    return row.credentials ? store.open(String(row.credentials), String(row.vaultKey)) : {};
  }

  /** When the token should be refreshed: ahead of its end, never before now. */
  function refreshAt(tokens: { expiresAt: number | null }, refreshToken: string | null, provider?: OAuthProvider): number | null {
    if ((!refreshToken && !provider?.refresh) || tokens.expiresAt === null) return null;
    return Math.max(now(), tokens.expiresAt - (provider?.refreshAheadMs ?? oauthTimings().aheadMs));
  }

  /**
   * What a token answer writes on the row. The refresh token is never
   * replaced by an empty one: a server that does not rotate sends none, and
   * the one we hold stays good.
   */
  function tokenFields(row: Row | null, previous: Secrets, tokens: ExchangedTokens, provider: OAuthProvider, signIn: boolean) {
    const refreshToken = tokens.refreshToken || previous.refreshToken || null;
    const secrets: Secrets = { ...previous, accessToken: tokens.accessToken };
    if (refreshToken) secrets.refreshToken = refreshToken;
    const vaultKey = row ? String(row.vaultKey) : randomUUID();
    // A sign-in that cannot be refreshed ends with its access token (or the network's grant lifetime).
    const grantEnd =
      tokens.refreshExpiresAt ??
      (signIn && provider.grantTtlMs ? now() + provider.grantTtlMs : null) ??
      (refreshToken ? (row ? ms(row.oauthGrantEndsAt) : null) : tokens.expiresAt);
    return {
      vaultKey,
      data: {
        credentials: store.seal(secrets, vaultKey),
        vaultKey,
        tokenExpiresAt: date(tokens.expiresAt),
        oauthRefreshAt: date(refreshAt(tokens, refreshToken, provider)),
        oauthRefreshFailures: 0,
        oauthGrantEndsAt: date(grantEnd),
        // A new sign-in, or a grant the network extended by more than a day, deserves a new notice before its end.
        ...(signIn || (grantEnd !== null && grantEnd > (ms(row?.oauthGrantEndsAt) ?? 0) + 86_400_000) ? { oauthNoticeSentAt: null } : {}),
      } as Record<string, unknown>,
    };
  }

  function profileFields(account: OAuthAccount) {
    return {
      networkAccountId: account.networkAccountId.slice(0, 255),
      handle: account.handle.slice(0, 255),
      displayName: account.displayName?.slice(0, 255) ?? null,
      // The network's answer is not trusted to be a web address.
      avatarUrl: httpUrlOrNull(account.avatarUrl ?? null)?.slice(0, 2048) ?? null,
      profileUrl: httpUrlOrNull(account.profileUrl ?? null)?.slice(0, 2048) ?? null,
    };
  }

  const reasonFields = (why: Reason | null) => ({ statusReason: why ? reasonText(why) : null, statusDetail: why });

  /**
   * A refresh the network refused for good: a person signs in again; the account's posts wait (held) meanwhile.
   * `quiet`: the caller tells a person itself (publishing's hold), so one event is one e-mail.
   */
  async function needsReauth(row: Row, why: Reason, owner: string | null, quiet = false) {
    const data = { status: 'needs_reauth', ...reasonFields(why), lastCheckedAt: new Date(now()), oauthRefreshAt: null };
    if (owner) await releaseRow(strapi, UID.socialAccount, { where: { id: row.id }, owner, data });
    else await accounts().update({ where: { id: row.id }, data: data as never });
    // Publishing holds an account's posts while it needs re-authorization (publishing/runner.ts): nothing is sent with a dead token.
    if (quiet) return;
    await notify(
      `${String(row.name)} needs to be signed in again`,
      `${String(row.name)} (${String(row.network)}): ${reasonText(why)}\nIts scheduled posts are on hold until someone signs in again in Community Manager > Accounts.`
    );
  }

  async function readRow(where: Record<string, unknown>): Promise<Row | null> {
    return (await accounts().findOne({ where })) as Row | null;
  }

  /**
   * Refreshes one account's token, the row claimed first. `force` refreshes
   * even when the token is not due yet (the admin's button, the tests).
   * `refused`: the network has just refused this access token (publishing):
   * refreshed now unless, under the claim, the stored token is already
   * another one (someone renewed it meanwhile: `fresh`, read it back) — so
   * several posts refused at once spend one refresh token, not one each.
   * `quiet`: a refusal marks the account without e-mailing (the caller does).
   */
  async function refresh(
    documentId: string,
    options: { force?: boolean; refused?: string; quiet?: boolean } = {}
  ): Promise<RefreshOutcome> {
    const t = oauthTimings();
    const owner = newInstanceId();
    const row = await readRow({ documentId });
    if (!row) throw notFound('Social account', serverMessage('account_not_found'));
    if (!(row.settings as { oauth?: boolean } | null)?.oauth) return 'not_oauth';
    const claimed = await claimRow(strapi, UID.socialAccount, {
      where: { id: row.id, status: 'connected' },
      owner,
      leaseMs: t.leaseMs,
      now: now(),
    });
    if (!claimed) {
      // Someone else is refreshing (or the account is not connected): wait for their lease to end, then read what they stored.
      const until = Date.now() + t.leaseMs + 5_000;
      for (;;) {
        const current = await readRow({ id: row.id });
        if (!current) throw notFound('Social account', serverMessage('account_not_found'));
        if (current.status !== 'connected') return current.status === 'needs_reauth' ? 'needs_reauth' : 'not_oauth';
        const leaseUntil = ms(current.leaseUntil);
        if (!current.leaseOwner || leaseUntil === null || leaseUntil < now()) return 'waited';
        if (Date.now() > until) return 'retry_later';
        await sleep(200);
      }
    }
    // Read again under the claim: the previous owner may just have rotated the refresh token.
    const fresh = (await readRow({ id: row.id }))!;
    const release = (data: Record<string, unknown> = {}) => releaseRow(strapi, UID.socialAccount, { where: { id: row.id }, owner, data });
    const due = ms(fresh.oauthRefreshAt);
    if (!options.force && options.refused === undefined && (due === null || due > now())) {
      await release();
      return 'fresh';
    }
    let secrets: Secrets;
    try {
      secrets = openSecrets(fresh);
    } catch {
      await needsReauth(fresh, reason('credentials_unreadable', { keyId: '?' }), owner, options.quiet);
      return 'needs_reauth';
    }
    if (options.refused !== undefined && secrets.accessToken && secrets.accessToken !== options.refused) {
      await release();
      return 'fresh';
    }
    const call = await tokenCall(signInOf(fresh));
    if (!call || (!secrets.refreshToken && !call.provider.refresh)) {
      // The app or its server is no longer configured: nothing to spend; try again later without disconnecting.
      await release({ oauthRefreshAt: date(now() + MAX_BACKOFF_MS) });
      return 'retry_later';
    }
    try {
      const tokens = call.provider.refresh
        ? await call.provider.refresh({ secrets, app: call.app, fetch, now, expiresAt: ms(fresh.tokenExpiresAt) })
        : await refreshTokens(call, secrets.refreshToken!);
      const { data } = tokenFields(fresh, secrets, tokens, call.provider, false);
      await release({ ...data, status: 'connected', ...reasonFields(null), lastCheckedAt: new Date(now()) });
      return 'refreshed';
    } catch (err) {
      const failure: NetworkError = classify(err);
      if (failure.kind === 'auth' || failure.kind === 'permanent') {
        await needsReauth(fresh, reason('oauth_grant_refused', { message: failure.message.slice(0, 300) }), owner, options.quiet);
        return 'needs_reauth';
      }
      // 5xx, 429, a timeout: the account stays connected and the refresh is tried again after a backoff.
      const failures = Number(fresh.oauthRefreshFailures ?? 0) + 1;
      const backoff = Math.min(MAX_BACKOFF_MS, t.backoffMs * 2 ** (failures - 1)) * (0.8 + Math.random() * 0.4);
      const next = Math.max(now() + backoff, failure.retryAfterMs ?? 0);
      await release({ oauthRefreshFailures: failures, oauthRefreshAt: date(next) });
      strapi.log.warn(`community-manager: token refresh of account ${documentId} failed (${failure.code}), retrying later`);
      return 'retry_later';
    }
  }

  /**
   * Accounts whose sign-in could not be refreshed and has ended: they need a new sign-in. The notice
   * some days before, and its e-mail, are server/accounts/expiry.ts's. The number of accounts marked.
   */
  async function endEnded(): Promise<number> {
    const rows = (await accounts().findMany({
      where: { status: 'connected', oauthGrantEndsAt: { $notNull: true, $lte: new Date(now()) } },
      limit: 100,
    } as never)) as Row[];
    for (const row of rows) {
      const end = ms(row.oauthGrantEndsAt)!;
      await needsReauth(row, reason('oauth_grant_ended', { date: new Date(end).toISOString().slice(0, 10) }), null);
    }
    return rows.length;
  }

  async function tick(): Promise<{ refreshed: number; notices: number }> {
    const due = (await accounts().findMany({
      where: { status: 'connected', oauthRefreshAt: { $notNull: true, $lte: new Date(now()) } },
      select: ['documentId'],
      orderBy: { oauthRefreshAt: 'asc' },
      limit: 20,
    } as never)) as Row[];
    let refreshed = 0;
    for (const row of due) {
      try {
        if ((await refresh(row.documentId)) === 'refreshed') refreshed++;
      } catch (err) {
        strapi.log.warn(`community-manager: token refresh pass: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return { refreshed, notices: await endEnded() };
  }

  // --- sign-in ----------------------------------------------------------------------

  const sealState = (value: object, vaultKey: string) =>
    stateVault.encrypt(JSON.stringify(value), { type: 'oauth-state', field: 'sealed', recordKey: vaultKey });
  const openState = (sealed: string, vaultKey: string) =>
    JSON.parse(stateVault.decrypt(sealed, { type: 'oauth-state', field: 'sealed', recordKey: vaultKey })) as {
      verifier: string | null;
      name: string | null;
      editorialLineId: string | null;
    };

  /**
   * Writes a sign-in's account options (`OAuthPort.accountOptions`) into the
   * settings of each account that came from it, as Settings and the
   * environment set them now (unset: removed, the adapter's default then).
   * The accounts are few (one row per page or profile): read in one query.
   */
  async function syncAccountOptions(signIn: SignIn): Promise<number> {
    const names = signIn.port.accountOptions ?? [];
    if (!names.length) return 0;
    const options = await apps.options(signIn.id, signIn.port);
    const query = strapi.db.query(UID.socialAccount as never);
    const rows = (await query.findMany({ select: ['id', 'network', 'settings'] } as never)) as Row[];
    let changed = 0;
    for (const row of rows) {
      if (signInOf(row) !== signIn.id) continue;
      const settings = { ...((row.settings ?? {}) as Record<string, unknown>) };
      let differs = false;
      for (const name of names) {
        const value = options[name]?.trim() || undefined;
        if (settings[name] === value) continue;
        if (value === undefined) delete settings[name];
        else settings[name] = value;
        differs = true;
      }
      if (!differs) continue;
      await query.update({ where: { id: row.id }, data: { settings } } as never);
      changed++;
    }
    return changed;
  }

  return {
    tick,
    refresh,
    useClock(fn: (() => number) | null) {
      now = fn ?? (() => Date.now());
    },

    start() {
      const t = oauthTimings();
      if (!t.enabled || ticker) return;
      ticker = createTicker({
        pass: async () => ({ result: await tick() }),
        failed: () => ({ refreshed: 0, notices: 0 }),
        when: { everyMs: () => t.tickMs, nextAt: async () => Date.now() + t.tickMs },
        log: (err) => strapi.log.warn(`community-manager: token refresh pass: ${err instanceof Error ? err.message : String(err)}`),
      });
      ticker.start();
    },
    async stop() {
      await ticker?.stop();
      ticker = null;
    },

    /**
     * The sign-ins a person can use now (the adapter offers it, its server is
     * configured, its app is set): the network, and for a further sign-in its
     * id, which is authorized with in place of the network's.
     */
    async networks(): Promise<Array<{ network: string; signIn?: string }>> {
      const out: Array<{ network: string; signIn?: string }> = [];
      for (const signIn of signIns()) {
        if (!(await tokenCall(signIn.id))) continue;
        out.push(signIn.id === signIn.adapter.id ? { network: signIn.id } : { network: signIn.adapter.id, signIn: signIn.id });
      }
      return out;
    },

    /**
     * What checks a sign-in's webhook deliveries (the inbox's push endpoint):
     * the network whose accounts they are for, its app's secret (it signs
     * them) and the verify token of the subscription handshake
     * (`CM_OAUTH_<SIGN-IN>_WEBHOOK_VERIFY_TOKEN`, environment only). Null when
     * the sign-in has no webhook or its app has no secret. Never leaves the server.
     */
    async webhookKeys(id: string): Promise<{ network: string; appSecret: string; verifyToken: string | null } | null> {
      const signIn = signInFor(id);
      if (!signIn?.adapter.comments?.push) return null;
      const appSecret = (await apps.credentials(id))?.clientSecret;
      if (!appSecret) return null;
      const verifyToken = process.env[envName(id, 'webhookVerifyToken')]?.trim() || null;
      return { network: signIn.adapter.id, appSecret, verifyToken };
    },

    async authorize(userId: number, network: string, input: { name?: string; editorialLineId?: string | null }, origin: string) {
      const call = await tokenCall(network);
      if (!call) throw badRequest(serverMessage('oauth_not_configured', { network }), [], 'oauth_not_configured');
      if (!store.configured) {
        throw badRequest(
          {
            ...serverMessage('encryption_not_configured'),
            text: 'Tokens cannot be stored: no encryption key is configured (CM_ENCRYPTION_KEYS).',
          },
          [],
          'encryption_not_configured'
        );
      }
      const state = newNonce();
      const browser = newNonce();
      const verifier = call.provider.pkce === 'S256' ? newVerifier() : null;
      const uri = redirectUri(origin);
      const vaultKey = randomUUID();
      const t = oauthTimings();
      // Expired sign-ins are swept as new ones begin: the table only ever holds the last few minutes'.
      await states().deleteMany({ where: { expiresAtMs: { $lt: now() } } });
      await states().create({
        data: {
          stateHash: sha256Hex(state),
          browserHash: sha256Hex(browser),
          userId,
          network,
          redirectUri: uri,
          sealed: sealState({ verifier, name: input.name ?? null, editorialLineId: input.editorialLineId ?? null }, vaultKey),
          vaultKey,
          expiresAtMs: now() + t.stateTtlMs,
        } as never,
      });
      return {
        url: authorizationUrl(call.provider, call.app, uri, state, verifier ? challengeOf(verifier) : null),
        cookie: { name: STATE_COOKIE, value: browser, path: COOKIE_PATH, maxAgeMs: t.stateTtlMs },
      };
    },

    /**
     * The browser's return from the network. Every outcome is a redirect to the
     * Accounts page: `oauth=connected` or `oauth_error=<code>` (translated there).
     */
    async callback(query: { state?: string; code?: string; error?: string }, browserCookie: string | null): Promise<string> {
      const fail = (code: string) => adminAccountsUrl({ oauth_error: code });
      if (!query.state) return fail('oauth_state_mismatch');
      const row = (await states().findOne({ where: { stateHash: sha256Hex(query.state) } })) as Row | null;
      if (!row) return fail('oauth_state_mismatch');
      // Used once: whichever instance deletes the row owns the callback; a replay finds nothing.
      const { count } = await states().deleteMany({ where: { id: row.id } });
      if (count !== 1) return fail('oauth_state_mismatch');
      if (Number(row.expiresAtMs) < now()) return fail('oauth_state_expired');
      if (!browserCookie || !sameHash(sha256Hex(browserCookie), String(row.browserHash))) return fail('oauth_state_mismatch');
      if (query.error) return fail(query.error === 'access_denied' ? 'oauth_denied' : 'oauth_refused');
      if (!query.code) return fail('oauth_refused');
      const userId = Number(row.userId);
      if (!(await mayConnect(userId))) return fail('oauth_forbidden');
      // The state names the sign-in; the account is its network's.
      const signInId = String(row.network);
      const call = await tokenCall(signInId);
      if (!call) return fail('oauth_not_configured');
      const network = call.adapter.id;
      let saved: ReturnType<typeof openState>;
      try {
        saved = openState(String(row.sealed), String(row.vaultKey));
      } catch {
        // Sealed with a key this server no longer has (rotated mid-sign-in): start again.
        return fail('oauth_state_expired');
      }
      let tokens: ExchangedTokens;
      let account: OAuthAccount;
      try {
        tokens = await exchangeCode(call, query.code, String(row.redirectUri), saved.verifier);
        account = await call.provider.readAccount({ tokens, fetch, app: call.app });
        // The network's own token for the account (a page token, a long-lived one) replaces the exchanged one.
        if (account.tokens) tokens = { ...tokens, ...account.tokens, refreshToken: null, refreshExpiresAt: null };
      } catch (err) {
        const failure = classify(err);
        strapi.log.warn(`community-manager: OAuth sign-in with ${network} failed (${failure.code})`);
        return fail(failure.kind === 'auth' ? 'oauth_code_refused' : failure.kind === 'permanent' ? 'oauth_refused' : 'oauth_unavailable');
      }
      const existing = (await accounts().findOne({ where: { network, networkAccountId: account.networkAccountId } })) as Row | null;
      let previous: Secrets = {};
      if (existing) {
        try {
          previous = openSecrets(existing);
        } catch {
          previous = {};
        }
      }
      const { data } = tokenFields(existing, { ...previous, ...account.secrets }, tokens, call.provider, true);
      const common = {
        ...data,
        ...profileFields(account),
        ...(account.instanceUrl !== undefined ? { instanceUrl: account.instanceUrl } : {}),
        status: account.problem ? 'needs_reauth' : 'connected',
        ...reasonFields(account.problem ?? null),
        lastCheckedAt: new Date(now()),
        leaseOwner: null,
        leaseUntil: null,
      };
      const settings: Record<string, unknown> = {
        ...account.settings,
        oauth: true,
        storedSecrets: SECRET_NAMES.filter((k) => k === 'accessToken' || tokens.refreshToken || previous.refreshToken),
      };
      // Which sign-in the account now uses (its refresh and its next sign-in): none named is the network's own.
      if (signInId !== network) settings.signIn = signInId;
      let documentId: string;
      if (existing) {
        documentId = existing.documentId;
        const merged: Record<string, unknown> = { ...((existing.settings ?? {}) as object), ...settings };
        if (signInId === network) delete merged.signIn;
        await strapi.documents(UID.socialAccount).update({ documentId, data: { ...common, settings: merged } as never });
      } else {
        const created = (await strapi.documents(UID.socialAccount).create({
          data: {
            ...common,
            network,
            name: (saved.name || account.displayName || account.handle).slice(0, 120),
            settings,
            editorialLine: saved.editorialLineId ?? null,
          } as never,
        })) as unknown as Row;
        documentId = created.documentId;
      }
      return adminAccountsUrl({ oauth: 'connected', account: documentId });
    },

    /** Settings: every network that can sign in with OAuth, its app (never the secret) and the redirect URI to register. */
    async apps(origin: string): Promise<OAuthApp[]> {
      const out: OAuthApp[] = [];
      for (const signIn of signIns()) {
        const view = await apps.view(signIn.id, signIn.port);
        const setup = await setupFor(signIn.id);
        out.push({ ...view, of: signIn.adapter.id, serverConfigured: Boolean(setup), redirectUri: redirectUri(origin) });
      }
      return out;
    },

    async saveApp(
      network: string,
      input: { clientId?: string | null; clientSecret?: string | null; options?: Record<string, string | null> },
      origin: string
    ) {
      const signIn = signInFor(network);
      const port = signIn?.port;
      if (!signIn || !port) throw notFound('OAuth network', serverMessage('oauth_network_not_found'));
      const unknown = Object.keys(input.options ?? {}).filter((k) => !(port.options ?? []).includes(k));
      if (unknown.length) throw badRequest(serverMessage('oauth_unknown_option', { options: unknown.join(', ') }), [], 'invalid_value');
      await apps.save(network, input);
      await syncAccountOptions(signIn);
      return (await this.apps(origin)).find((a) => a.network === network)!;
    },

    /** At boot: every sign-in's account options as the environment and Settings set them now (`OAuthPort.accountOptions`). */
    async syncAccountOptions(): Promise<number> {
      let changed = 0;
      for (const signIn of signIns()) changed += await syncAccountOptions(signIn);
      return changed;
    },

    /** Key rotation of the apps' client secrets (bin/rekey.js); account tokens rotate with the accounts' credentials. */
    reencryptAppSecrets: () => apps.reencrypt(),

    cookieName: STATE_COOKIE,
  };
};
