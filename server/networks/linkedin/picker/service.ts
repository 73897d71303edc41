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
import type { LinkedInPagesAnswer } from '../../../../shared/networks/linkedin.pages';
import { baseUrl } from '../../http';
import { DEFAULT_API_BASE } from '../api';
import { listPages, pageUrl, type LinkedInPage } from '../pages';

/**
 * The LinkedIn page picker. A sign-in with LinkedIn is a member's; each page
 * they administer can be an account of its own. The pages are read from
 * LinkedIn at the moment they are listed or connected (never from what the
 * sign-in stored), so a page the member no longer administers is not offered.
 *
 * Connecting a page copies the sign-in's tokens onto the page's account,
 * sealed again under that account's own vault key: every account opens only
 * its own secrets, and refreshes its own copy (LinkedIn keeps a refresh token
 * valid until its fixed end, refreshing or not). A page already connected is
 * updated with the newer tokens: signing in again and picking the pages
 * renews them all.
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

  /** The sign-in the pages are asked for: a LinkedIn account connected by OAuth, with its secrets. */
  async function signIn(documentId: string): Promise<{ row: Row; secrets: Secrets }> {
    const row = (await accounts().findOne({ where: { documentId }, populate: ['editorialLine'] } as never)) as Row | null;
    if (!row) throw notFound('Social account', serverMessage('account_not_found'));
    if (row.network !== 'linkedin' || !(row.settings as { oauth?: boolean } | null)?.oauth || !row.credentials)
      throw badRequest(serverMessage('linkedin_pages_not_sign_in'), [], 'not_a_linkedin_sign_in');
    try {
      return { row, secrets: credentials().open(String(row.credentials), String(row.vaultKey)) };
    } catch {
      throw badRequest(serverMessage('linkedin_pages_not_sign_in'), [], 'credentials_unreadable');
    }
  }

  async function livePages(row: Row, secrets: Secrets): Promise<LinkedInPage[]> {
    const base = baseUrl(String(row.instanceUrl || DEFAULT_API_BASE));
    try {
      return await listPages(fetch, base, secrets.accessToken ?? '', Date.now);
    } catch (err) {
      const failure = classify(err);
      // LinkedIn refused or did not answer: nothing changes here; the admin shows why.
      throw new HttpError(
        502,
        'linkedin_pages_unavailable',
        serverMessage('linkedin_pages_unavailable', { message: failure.message.slice(0, 300) })
      );
    }
  }

  async function answer(row: Row, pages: LinkedInPage[]): Promise<LinkedInPagesAnswer> {
    const connected = (await accounts().findMany({
      where: { network: 'linkedin', networkAccountId: { $in: pages.map((p) => p.urn) } },
      select: ['documentId', 'networkAccountId'],
    } as never)) as Row[];
    const byUrn = new Map(connected.map((r) => [String(r.networkAccountId), String(r.documentId)]));
    return {
      accountId: String(row.documentId),
      pages: pages.map((p) => ({
        urn: p.urn,
        name: p.name,
        vanityName: p.vanityName,
        profileUrl: pageUrl(p),
        accountId: byUrn.get(p.urn) ?? null,
      })),
    };
  }

  return {
    async list(documentId: string): Promise<LinkedInPagesAnswer> {
      const { row, secrets } = await signIn(documentId);
      return answer(row, await livePages(row, secrets));
    },

    async connect(documentId: string, urns: readonly string[]): Promise<LinkedInPagesAnswer> {
      const { row, secrets } = await signIn(documentId);
      const pages = await livePages(row, secrets);
      const byUrn = new Map(pages.map((p) => [p.urn, p]));
      const missing = urns.map((urn, index) => ({ urn, index })).filter(({ urn }) => !byUrn.has(urn));
      if (missing.length) {
        const message = serverMessage('linkedin_page_not_administered', { page: missing[0].urn });
        throw badRequest(
          message,
          missing.map(({ urn, index }) =>
            fieldIssue(['urns', index], serverMessage('linkedin_page_not_administered', { page: urn }), 'not_administered')
          ),
          'not_administered'
        );
      }
      const settings = (row.settings ?? {}) as Record<string, unknown>;
      for (const urn of new Set(urns)) {
        const page = byUrn.get(urn)!;
        const existing = (await accounts().findOne({ where: { network: 'linkedin', networkAccountId: urn } })) as Row | null;
        if (existing?.documentId === row.documentId) continue;
        const vaultKey = existing ? String(existing.vaultKey || randomUUID()) : randomUUID();
        const data = {
          credentials: credentials().seal(secrets, vaultKey),
          vaultKey,
          tokenExpiresAt: row.tokenExpiresAt ?? null,
          oauthRefreshAt: row.oauthRefreshAt ?? null,
          oauthGrantEndsAt: row.oauthGrantEndsAt ?? null,
          oauthRefreshFailures: 0,
          oauthNoticeSentAt: null,
          networkAccountId: urn,
          handle: (page.vanityName ?? page.name).slice(0, 255),
          displayName: page.name.slice(0, 255),
          profileUrl: pageUrl(page),
          instanceUrl: row.instanceUrl ?? null,
          // A disabled account stays disabled: someone turned it off on purpose.
          ...(existing?.status === 'disabled' ? {} : { status: 'connected', statusReason: null, statusDetail: null }),
          lastCheckedAt: new Date(),
          leaseOwner: null,
          leaseUntil: null,
          settings: {
            ...((existing?.settings ?? {}) as object),
            oauth: true,
            storedSecrets: settings.storedSecrets ?? ['accessToken'],
            organization: urn,
            pages: settings.pages ?? [],
          },
        };
        if (existing) {
          await strapi.documents(UID.socialAccount).update({ documentId: String(existing.documentId), data: data as never });
        } else {
          const line = row.editorialLine as Row | null | undefined;
          await strapi.documents(UID.socialAccount).create({
            data: { ...data, network: 'linkedin', name: page.name.slice(0, 120), editorialLine: line?.documentId ?? null } as never,
          });
        }
      }
      return answer(row, pages);
    },
  };
};
