import { randomUUID } from 'node:crypto';
import type { Strapi, Row } from '../../../core/strapi';
import { UID } from '../../../../content-types';
import { PLUGIN_ID } from '../../../../shared/core/permissions';
import { serverMessage } from '../../../../shared/core/messages';
import type { PluginConfig } from '../../../core/config';
import { badRequest, fieldIssue, HttpError, notFound } from '../../../core/errors';
import { guardedFetch, type GuardedRequest } from '../../../core/http/guarded-fetch';
import { createCredentialStore } from '../../../accounts/credentials';
import { classify } from '../../errors';
import type { Secrets } from '../../types';
import type { FacebookPagesAnswer } from '../../../../shared/networks/facebook.pages';
import { baseUrl } from '../../http';
import { DEFAULT_GRAPH_VERSION, FACEBOOK_GRAPH } from '../../meta/graph';
import { listPages, type MetaPage } from '../../meta/login';
import { pageUrl } from '../api';

/**
 * The Facebook page picker. A sign-in with Facebook is a person's, who may
 * manage several pages; the sign-in connects the first one `/me/accounts`
 * lists and keeps the long-lived user token (sealed, `userAccessToken`, about
 * 60 days) to list them again. The pages are read from Facebook at the moment
 * they are listed or connected, so a page the person no longer manages is not
 * offered.
 *
 * Connecting a page stores that page's own token (which does not expire) on
 * its account, sealed under the account's own vault key, with a copy of the
 * user token so the picker opens from any of the pages. A page already
 * connected gets the fresh page token: signing in again and opening the
 * picker renews them all.
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

  /** The sign-in the pages are asked for: a Facebook account connected by OAuth, with the user token it kept. */
  async function signIn(documentId: string): Promise<{ row: Row; secrets: Secrets }> {
    const row = (await accounts().findOne({ where: { documentId }, populate: ['editorialLine'] } as never)) as Row | null;
    if (!row) throw notFound('Social account', serverMessage('account_not_found'));
    if (row.network !== 'facebook' || !(row.settings as { oauth?: boolean } | null)?.oauth || !row.credentials)
      throw badRequest(serverMessage('facebook_pages_not_sign_in'), [], 'not_a_facebook_sign_in');
    let secrets: Secrets;
    try {
      secrets = credentials().open(String(row.credentials), String(row.vaultKey));
    } catch {
      throw badRequest(serverMessage('facebook_pages_not_sign_in'), [], 'credentials_unreadable');
    }
    // A sign-in made before the picker existed kept only its page token.
    if (!secrets.userAccessToken) throw badRequest(serverMessage('facebook_pages_sign_in_again'), [], 'sign_in_again');
    return { row, secrets };
  }

  async function livePages(row: Row, secrets: Secrets): Promise<MetaPage[]> {
    const settings = (row.settings ?? {}) as Record<string, unknown>;
    const base = baseUrl(String(row.instanceUrl || FACEBOOK_GRAPH));
    const version = typeof settings.graphVersion === 'string' ? settings.graphVersion : DEFAULT_GRAPH_VERSION;
    try {
      return await listPages(fetch, { base, version, graph: `${base}/${version}` }, secrets.userAccessToken, Date.now());
    } catch (err) {
      const failure = classify(err);
      // Facebook refused (the user token ended or was revoked) or did not answer: nothing changes here.
      throw new HttpError(
        502,
        'facebook_pages_unavailable',
        serverMessage('facebook_pages_unavailable', { message: failure.message.slice(0, 300) })
      );
    }
  }

  async function answer(row: Row, pages: MetaPage[]): Promise<FacebookPagesAnswer> {
    const connected = (await accounts().findMany({
      where: { network: 'facebook', networkAccountId: { $in: pages.map((p) => p.id) } },
      select: ['documentId', 'networkAccountId'],
    } as never)) as Row[];
    const byId = new Map(connected.map((r) => [String(r.networkAccountId), String(r.documentId)]));
    return {
      accountId: String(row.documentId),
      pages: pages.map((p) => ({ id: p.id, name: p.name, profileUrl: pageUrl(p.id), accountId: byId.get(p.id) ?? null })),
    };
  }

  return {
    async list(documentId: string): Promise<FacebookPagesAnswer> {
      const { row, secrets } = await signIn(documentId);
      return answer(row, await livePages(row, secrets));
    },

    async connect(documentId: string, ids: readonly string[]): Promise<FacebookPagesAnswer> {
      const { row, secrets } = await signIn(documentId);
      const pages = await livePages(row, secrets);
      const byId = new Map(pages.map((p) => [p.id, p]));
      const missing = ids.map((id, index) => ({ id, index })).filter(({ id }) => !byId.has(id));
      if (missing.length) {
        throw badRequest(
          serverMessage('facebook_page_not_managed', { page: missing[0].id }),
          missing.map(({ id, index }) =>
            fieldIssue(['ids', index], serverMessage('facebook_page_not_managed', { page: id }), 'not_managed')
          ),
          'not_managed'
        );
      }
      const settings = (row.settings ?? {}) as Record<string, unknown>;
      for (const id of new Set(ids)) {
        const page = byId.get(id)!;
        const existing = (await accounts().findOne({ where: { network: 'facebook', networkAccountId: id } })) as Row | null;
        if (existing?.documentId === row.documentId) continue;
        const vaultKey = existing ? String(existing.vaultKey || randomUUID()) : randomUUID();
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
          handle: page.name.slice(0, 255),
          displayName: page.name.slice(0, 255),
          profileUrl: pageUrl(id),
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
            page: id,
            pages: settings.pages ?? [],
            ...(typeof settings.graphVersion === 'string' ? { graphVersion: settings.graphVersion } : {}),
          },
        };
        if (existing) {
          await strapi.documents(UID.socialAccount).update({ documentId: String(existing.documentId), data: data as never });
        } else {
          const line = row.editorialLine as Row | null | undefined;
          await strapi.documents(UID.socialAccount).create({
            data: { ...data, network: 'facebook', name: page.name.slice(0, 120), editorialLine: line?.documentId ?? null } as never,
          });
        }
      }
      return answer(row, pages);
    },
  };
};
