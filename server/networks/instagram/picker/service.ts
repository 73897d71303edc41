import { randomUUID } from 'node:crypto';
import type { Strapi, Row } from '../../../core/strapi';
import { UID } from '../../../../content-types';
import { PLUGIN_ID } from '../../../../shared/core/permissions';
import { serverMessage } from '../../../../shared/core/messages';
import type { PluginConfig } from '../../../core/config';
import { badRequest, fieldIssue, HttpError, notFound } from '../../../core/errors';
import { guardedFetch, type GuardedRequest } from '../../../core/http/guarded-fetch';
import { createCredentialStore } from '../../../accounts/credentials';
import { httpUrlOrNull } from '../../../../shared/core/safe-url';
import { classify } from '../../errors';
import type { Secrets } from '../../types';
import type { InstagramAccountsAnswer } from '../../../../shared/networks/instagram.pages';
import { baseUrl } from '../../http';
import { DEFAULT_GRAPH_VERSION, FACEBOOK_GRAPH } from '../../meta/graph';
import { listPages, type MetaPage } from '../../meta/login';
import { instagramProfileUrl, instagramUser, type InstagramUser } from '../oauth';

/** An Instagram account linked to one of the person's pages, with the page whose token it publishes through. */
interface Linked {
  page: MetaPage;
  user: InstagramUser;
}

/** Instagram accounts read at once (one Graph call each, with its page's token). */
const PARALLEL = 5;

/**
 * The Instagram account picker. An Instagram sign-in goes through Facebook
 * Login: the person may manage several pages, each linked (or not) to an
 * Instagram professional account. The sign-in connects the account of the
 * first linked page and keeps the long-lived user token (sealed,
 * `userAccessToken`, about 60 days) to list the pages again. The accounts are
 * read from Facebook at the moment they are listed or connected (the pages,
 * then each linked account's user name), so an account whose page the person
 * no longer manages is not offered.
 *
 * Connecting an Instagram account stores the token of the page it is linked
 * to (it publishes through that page; the token does not expire), sealed
 * under the account's own vault key, with a copy of the user token so the
 * picker opens from any of them. An account already connected gets the fresh
 * page token: signing in again and opening the picker renews them all.
 */
export default ({ strapi }: { strapi: Strapi }) => {
  const plugin = () => strapi.plugin(PLUGIN_ID);
  const outbound = () => plugin().config('outbound') as PluginConfig['outbound'];
  let store: ReturnType<typeof createCredentialStore> | null = null;
  const credentials = () => (store ??= createCredentialStore(plugin().config('encryption') as PluginConfig['encryption']));
  const accounts = () => strapi.db.query(UID.socialAccount as never);

  const fetch = (url: string, req: GuardedRequest = {}) =>
    guardedFetch(
      url,
      { purpose: 'accountCheck', timeoutMs: outbound().timeoutMs, maxBytes: outbound().maxResponseBytes, ...req },
      { policy: { allowedHosts: outbound().allowedHosts }, deadlines: outbound().deadlines }
    );

  /** The sign-in the accounts are asked for: an Instagram account connected by OAuth, with the user token it kept. */
  async function signIn(documentId: string): Promise<{ row: Row; secrets: Secrets }> {
    const row = (await accounts().findOne({ where: { documentId }, populate: ['editorialLine'] } as never)) as Row | null;
    if (!row) throw notFound('Social account', serverMessage('account_not_found'));
    if (row.network !== 'instagram' || !(row.settings as { oauth?: boolean } | null)?.oauth || !row.credentials)
      throw badRequest(serverMessage('instagram_accounts_not_sign_in'), [], 'not_an_instagram_sign_in');
    let secrets: Secrets;
    try {
      secrets = credentials().open(String(row.credentials), String(row.vaultKey));
    } catch {
      throw badRequest(serverMessage('instagram_accounts_not_sign_in'), [], 'credentials_unreadable');
    }
    // A sign-in made before the picker existed kept only its page token.
    if (!secrets.userAccessToken) throw badRequest(serverMessage('instagram_accounts_sign_in_again'), [], 'sign_in_again');
    return { row, secrets };
  }

  async function liveAccounts(row: Row, secrets: Secrets): Promise<Linked[]> {
    const settings = (row.settings ?? {}) as Record<string, unknown>;
    const base = baseUrl(String(row.instanceUrl || FACEBOOK_GRAPH));
    const version = typeof settings.graphVersion === 'string' ? settings.graphVersion : DEFAULT_GRAPH_VERSION;
    const api = { base, version, graph: `${base}/${version}` };
    try {
      const pages = (await listPages(fetch, api, secrets.userAccessToken, Date.now())).filter((p) => p.instagramId);
      const linked: Linked[] = [];
      for (let at = 0; at < pages.length; at += PARALLEL) {
        const batch = pages.slice(at, at + PARALLEL);
        const users = await Promise.all(batch.map((page) => instagramUser({ fetch }, api, page.instagramId!, page.accessToken)));
        batch.forEach((page, i) => linked.push({ page, user: users[i] }));
      }
      // Two pages linked to one Instagram account: the first listed is the one it publishes through.
      return linked.filter((l, i) => linked.findIndex((o) => o.user.id === l.user.id) === i);
    } catch (err) {
      const failure = classify(err);
      // Facebook refused (the user token ended or was revoked) or did not answer: nothing changes here.
      throw new HttpError(
        502,
        'instagram_accounts_unavailable',
        serverMessage('instagram_accounts_unavailable', { message: failure.message.slice(0, 300) })
      );
    }
  }

  async function answer(row: Row, linked: Linked[]): Promise<InstagramAccountsAnswer> {
    const connected = (await accounts().findMany({
      where: { network: 'instagram', networkAccountId: { $in: linked.map((l) => l.user.id) } },
      select: ['documentId', 'networkAccountId'],
    } as never)) as Row[];
    const byId = new Map(connected.map((r) => [String(r.networkAccountId), String(r.documentId)]));
    return {
      accountId: String(row.documentId),
      pages: linked.map(({ page, user }) => ({
        id: user.id,
        name: user.name || user.username,
        username: user.username,
        profileUrl: instagramProfileUrl(user.username),
        page: { id: page.id, name: page.name },
        accountId: byId.get(user.id) ?? null,
      })),
    };
  }

  return {
    async list(documentId: string): Promise<InstagramAccountsAnswer> {
      const { row, secrets } = await signIn(documentId);
      return answer(row, await liveAccounts(row, secrets));
    },

    async connect(documentId: string, ids: readonly string[]): Promise<InstagramAccountsAnswer> {
      const { row, secrets } = await signIn(documentId);
      const linked = await liveAccounts(row, secrets);
      const byId = new Map(linked.map((l) => [l.user.id, l]));
      const missing = ids.map((id, index) => ({ id, index })).filter(({ id }) => !byId.has(id));
      if (missing.length) {
        throw badRequest(
          serverMessage('instagram_account_not_linked', { account: missing[0].id }),
          missing.map(({ id, index }) =>
            fieldIssue(['ids', index], serverMessage('instagram_account_not_linked', { account: id }), 'not_linked')
          ),
          'not_linked'
        );
      }
      const settings = (row.settings ?? {}) as Record<string, unknown>;
      const pages = linked.map(({ page }) => ({ id: page.id, name: page.name, instagramId: page.instagramId }));
      for (const id of new Set(ids)) {
        const { page, user } = byId.get(id)!;
        const existing = (await accounts().findOne({ where: { network: 'instagram', networkAccountId: id } })) as Row | null;
        // The sign-in itself took its fresh token when it was made.
        if (existing?.documentId === row.documentId) continue;
        const vaultKey = existing ? String(existing.vaultKey || randomUUID()) : randomUUID();
        const displayName = (user.name || user.username).slice(0, 255);
        const data = {
          credentials: credentials().seal({ accessToken: page.accessToken, userAccessToken: secrets.userAccessToken }, vaultKey),
          vaultKey,
          // A page token does not expire (it dies with a password change or a lost role: error 190).
          tokenExpiresAt: null,
          oauthRefreshAt: null,
          oauthGrantEndsAt: null,
          oauthRefreshFailures: 0,
          oauthNoticeSentAt: null,
          networkAccountId: id,
          handle: `@${user.username}`.slice(0, 255),
          displayName,
          profileUrl: instagramProfileUrl(user.username),
          avatarUrl: httpUrlOrNull(user.profile_picture_url ?? null)?.slice(0, 2048) ?? null,
          instanceUrl: row.instanceUrl ?? null,
          // A disabled account stays disabled: someone turned it off on purpose.
          ...(existing?.status === 'disabled' ? {} : { status: 'connected', statusReason: null, statusDetail: null }),
          lastCheckedAt: new Date(),
          leaseOwner: null,
          leaseUntil: null,
          settings: {
            ...((existing?.settings ?? {}) as object),
            oauth: true,
            storedSecrets: ['accessToken'],
            instagramId: id,
            page: page.id,
            username: user.username,
            pages,
            ...(typeof settings.graphVersion === 'string' ? { graphVersion: settings.graphVersion } : {}),
          },
        };
        if (existing) {
          await strapi.documents(UID.socialAccount).update({ documentId: String(existing.documentId), data: data as never });
        } else {
          const line = row.editorialLine as Row | null | undefined;
          await strapi.documents(UID.socialAccount).create({
            data: { ...data, network: 'instagram', name: displayName.slice(0, 120), editorialLine: line?.documentId ?? null } as never,
          });
        }
      }
      return answer(row, linked);
    },
  };
};
