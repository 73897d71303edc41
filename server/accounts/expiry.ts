import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { ACTIONS, PLUGIN_ID } from '../../shared/core/permissions';
import { messageTemplate, type MessageParams } from '../../shared/core/messages';
import { adminAbility } from '../core/admin-ability';
import { claimRow, releaseRow, newInstanceId, createTicker, type Ticker } from '../core/jobs';
import type { PluginConfig } from '../core/config';
import { getService } from '../core/services';
import { NETWORK_ADAPTERS } from '../networks/registry';
import { readRealtime } from '../../shared/accounts/realtime';

/**
 * Re-authorization announced before posts are due (docs/accounts.md,
 * "Reconnect before a sign-in ends"): an account whose sign-in ends within
 * `accounts.reauthNoticeDays` and cannot be renewed automatically (no refresh
 * token, or the refresh token itself ends) carries a `reauthBy` date in its
 * DTO with the number of its scheduled posts due after that date (they will be
 * held), and the admins who may manage accounts get one e-mail per account
 * and per end: the row's `oauthNoticeSentAt` remembers it, a new sign-in
 * clears it (server/core/oauth/service.ts), and the account row is claimed
 * (server/core/jobs) while the e-mail goes, so several instances announce once.
 */

export const DAY_MS = 86_400_000;
/** how long one instance may hold an account row while it announces */
const LEASE_MS = 30_000;
/** the states of a publication still to be sent at its time */
const WAITING_STATES = ['scheduled'];

const ms = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  // Epoch milliseconds (a biginteger comes back as a string on PostgreSQL) or a date.
  const t = typeof value === 'number' || /^\d+$/.test(String(value)) ? Number(value) : new Date(value as string).getTime();
  return Number.isFinite(t) ? t : null;
};

/** What the selection reads of an account row. */
export interface ExpiryRow {
  documentId: string;
  status?: unknown;
  tokenExpiresAt?: unknown;
  oauthGrantEndsAt?: unknown;
  oauthNoticeSentAt?: unknown;
  settings?: unknown;
}

/** What the selection reads of a publication row. */
export interface ExpiryPublication {
  accountDocumentId: unknown;
  state: unknown;
  dueMs: unknown;
}

/**
 * When the account's sign-in ends for good, or null when it renews itself (or
 * never ends). The OAuth core writes `oauthGrantEndsAt` for a sign-in without
 * refresh token (its access token's end), a refresh token that ends, or a
 * network's grant lifetime; an access token with an end and no stored refresh
 * token ends the same way.
 */
export function unrenewableEnd(row: ExpiryRow): number | null {
  const grant = ms(row.oauthGrantEndsAt);
  if (grant !== null) return grant;
  const stored = (row.settings as { storedSecrets?: unknown } | null)?.storedSecrets;
  const refreshable = Array.isArray(stored) && stored.includes('refreshToken');
  return refreshable ? null : ms(row.tokenExpiresAt);
}

/** The date by which a connected account must be signed in again, when it falls within the notice window (or has passed). */
export function reauthByOf(row: ExpiryRow, now: number, noticeDays: number): number | null {
  if (row.status !== 'connected') return null;
  const end = unrenewableEnd(row);
  return end !== null && end < now + noticeDays * DAY_MS ? end : null;
}

/** A publication of this account still waiting to be sent after `reauthBy`: it will be held. */
export function dueAfter(publication: ExpiryPublication, accountDocumentId: string, reauthBy: number): boolean {
  const due = ms(publication.dueMs);
  return (
    publication.accountDocumentId === accountDocumentId &&
    WAITING_STATES.includes(String(publication.state)) &&
    due !== null &&
    due > reauthBy
  );
}

export interface Expiring {
  documentId: string;
  reauthBy: number;
  postsDueAfter: number;
  /** no e-mail sent yet for this end, and the end is still ahead */
  announce: boolean;
}

/** Which accounts, by which date, with how many posts due after it. */
export function selectExpiring(rows: ExpiryRow[], publications: ExpiryPublication[], now: number, noticeDays: number): Expiring[] {
  const out: Expiring[] = [];
  for (const row of rows) {
    const reauthBy = reauthByOf(row, now, noticeDays);
    if (reauthBy === null) continue;
    out.push({
      documentId: row.documentId,
      reauthBy,
      postsDueAfter: publications.filter((p) => dueAfter(p, row.documentId, reauthBy)).length,
      announce: !row.oauthNoticeSentAt && reauthBy > now,
    });
  }
  return out;
}

// --- the e-mail ----------------------------------------------------------------------------

export type Language = 'en' | 'fr';

/** An admin user's language: French when Strapi stores a French preference (`preferedLanguage`), else English. */
export const languageOf = (user: { preferedLanguage?: unknown }): Language =>
  typeof user.preferedLanguage === 'string' && /^fr\b/i.test(user.preferedLanguage) ? 'fr' : 'en';

/**
 * The French of the e-mail's codes (the English is shared/core/messages.ts);
 * tests/unit/account-expiry.test.ts checks they match admin/translations/fr.json.
 */
export const EMAIL_FR = {
  reauth_email_subject: '[Community Manager] Reconnectez {account} avant le {date}',
  reauth_email_body:
    'La connexion de {account} ({network}) prend fin le {date} et ne peut pas être renouvelée automatiquement. Publications programmées après cette date : {posts}. Elles seront mises en attente tant que personne n’aura reconnecté le compte dans Community Manager > Comptes.',
} as const;

const fill = (template: string, params: MessageParams) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));

/** The notice e-mail of one account, in one language. */
export function reauthEmail(language: Language, account: { name: string; network: string }, reauthBy: number, posts: number) {
  const date = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(reauthBy));
  const params = { account: account.name, network: account.network, date: `${date} UTC`, posts };
  const text = (code: keyof typeof EMAIL_FR) => fill(language === 'fr' ? EMAIL_FR[code] : messageTemplate(code), params);
  return { subject: text('reauth_email_subject'), text: text('reauth_email_body') };
}

// --- reading and the job ---------------------------------------------------------------------

export function expiryConfig(strapi: Strapi) {
  const config = strapi.plugin(PLUGIN_ID).config('accounts') as PluginConfig['accounts'] | undefined;
  return {
    noticeDays: config?.reauthNoticeDays ?? 7,
    checkMs: (config?.reauthCheckSeconds ?? 3600) * 1000,
    renewMs: (config?.realtimeRenewHours ?? 24) * 3_600_000,
  };
}

/** The networks whose accounts are subscribed to their webhooks by the plugin (`comments.subscribe`). */
const SUBSCRIBING = () => NETWORK_ADAPTERS.filter((a) => a.comments?.subscribe).map((a) => a.id);

/** Scheduled publications of these accounts due after the earliest of their dates (the rest is filtered by `dueAfter`). */
async function waitingPublications(strapi: Strapi, expiring: Array<{ documentId: string; reauthBy: number }>) {
  if (!expiring.length) return [];
  return (await strapi.db.query(UID.publication as never).findMany({
    where: {
      accountDocumentId: { $in: expiring.map((e) => e.documentId) },
      state: { $in: WAITING_STATES },
      dueMs: { $gt: Math.min(...expiring.map((e) => e.reauthBy)) },
    },
    select: ['accountDocumentId', 'state', 'dueMs'],
  } as never)) as ExpiryPublication[];
}

/** The accounts DTO's part: for each of these rows that must be signed in again soon, its date and posts due after it. */
export async function expiryOf(
  strapi: Strapi,
  rows: Row[],
  now = Date.now()
): Promise<Map<string, { reauthBy: string; postsDueAfterReauth: number }>> {
  const { noticeDays } = expiryConfig(strapi);
  const candidates = rows.filter((r) => reauthByOf(r as ExpiryRow, now, noticeDays) !== null);
  const publications = await waitingPublications(
    strapi,
    candidates.map((r) => ({ documentId: r.documentId, reauthBy: reauthByOf(r as ExpiryRow, now, noticeDays)! }))
  );
  return new Map(
    selectExpiring(candidates as ExpiryRow[], publications, now, noticeDays).map((e) => [
      e.documentId,
      { reauthBy: new Date(e.reauthBy).toISOString(), postsDueAfterReauth: e.postsDueAfter },
    ])
  );
}

/** The admins who may manage accounts, with an e-mail address, and their language. */
async function recipients(strapi: Strapi): Promise<Array<{ email: string; language: Language }>> {
  const users = (await strapi.db.query('admin::user').findMany({
    where: { isActive: true, blocked: { $ne: true } },
    select: ['id', 'email', 'preferedLanguage'],
  })) as Array<{ id: number; email?: string | null; preferedLanguage?: string | null }>;
  const out: Array<{ email: string; language: Language }> = [];
  for (const user of users) {
    if (!user.email) continue;
    if ((await adminAbility(strapi, user.id)).can(ACTIONS.accountsManage)) out.push({ email: user.email, language: languageOf(user) });
  }
  return out;
}

export default ({ strapi }: { strapi: Strapi }) => {
  const accounts = () => strapi.db.query(UID.socialAccount as never);
  let now = () => Date.now();
  let ticker: Ticker | null = null;

  /** E-mails one account's notice, one message per language; false when the e-mail plugin is missing or refused. */
  async function send(row: Row, reauthBy: number, posts: number): Promise<boolean> {
    const email = strapi.plugin('email')?.service('email') as { send(options: object): Promise<unknown> } | undefined;
    const to = await recipients(strapi);
    if (!email || !to.length) return false;
    for (const language of ['en', 'fr'] as const) {
      const group = to.filter((r) => r.language === language).map((r) => r.email);
      if (!group.length) continue;
      await email.send({
        to: group.join(','),
        ...reauthEmail(language, { name: String(row.name), network: String(row.network) }, reauthBy, posts),
      });
    }
    return true;
  }

  /** One pass: every account to announce is claimed, e-mailed, and marked as announced. The number announced. */
  async function tick(): Promise<number> {
    const at = now();
    const { noticeDays } = expiryConfig(strapi);
    const rows = (await accounts().findMany({
      where: {
        status: 'connected',
        oauthNoticeSentAt: { $null: true },
        $or: [
          { oauthGrantEndsAt: { $notNull: true, $lt: new Date(at + noticeDays * DAY_MS) } },
          { tokenExpiresAt: { $notNull: true, $lt: new Date(at + noticeDays * DAY_MS) }, oauthRefreshAt: { $null: true } },
        ],
      },
      limit: 100,
    } as never)) as Row[];
    const chosen = selectExpiring(
      rows as ExpiryRow[],
      await waitingPublications(
        strapi,
        rows.flatMap((r) => {
          const reauthBy = reauthByOf(r as ExpiryRow, at, noticeDays);
          return reauthBy === null ? [] : [{ documentId: r.documentId, reauthBy }];
        })
      ),
      at,
      noticeDays
    ).filter((e) => e.announce);
    let announced = 0;
    for (const item of chosen) {
      const row = rows.find((r) => r.documentId === item.documentId)!;
      const owner = newInstanceId();
      // Marked as sent in the claim itself: another instance's pass no longer finds it, even after the lease.
      const claimed = await claimRow(strapi, UID.socialAccount, {
        where: { id: row.id, status: 'connected', oauthNoticeSentAt: { $null: true } },
        owner,
        leaseMs: LEASE_MS,
        now: at,
        data: { oauthNoticeSentAt: new Date(at) },
      });
      if (!claimed) continue;
      let sent = false;
      try {
        sent = await send(row, item.reauthBy, item.postsDueAfter);
      } catch (err) {
        strapi.log.warn(
          `community-manager: re-authorization notice of account ${row.documentId}: ${err instanceof Error ? err.message : String(err)}`
        );
      }
      // Not sent (no e-mail plugin, nobody to write to, a mail server error): tried again at a later pass.
      await releaseRow(strapi, UID.socialAccount, { where: { id: row.id }, owner, data: sent ? {} : { oauthNoticeSentAt: null } });
      if (sent) announced++;
    }
    return announced;
  }

  /**
   * Webhook subscriptions made again once `realtimeRenewHours` old (docs/networks/facebook.md): a page whose
   * integrations lost the app, or an app subscription Meta dropped, stops pushing comments without a word (they
   * come by the poll alone); the call is idempotent, so making it again daily mends that and writes the state the
   * Accounts page shows. Each account claimed while it is renewed, so several instances make one call. The number
   * renewed.
   */
  async function renewSubscriptions(): Promise<number> {
    const at = now();
    const { renewMs } = expiryConfig(strapi);
    if (renewMs <= 0) return 0;
    const rows = (await accounts().findMany({
      where: { status: 'connected', network: { $in: SUBSCRIBING() } },
      select: ['id', 'documentId', 'settings'],
      limit: 500,
    } as never)) as Row[];
    // Never made, or made `renewMs` ago or more.
    const due = (settings: unknown) => {
      const state = readRealtime((settings as Record<string, unknown> | null)?.realtime);
      return !state || Date.parse(state.at) <= at - renewMs;
    };
    let renewed = 0;
    for (const row of rows) {
      if (!due(row.settings)) continue;
      const owner = newInstanceId();
      const claimed = await claimRow(strapi, UID.socialAccount, {
        where: { id: row.id, status: 'connected' },
        owner,
        leaseMs: LEASE_MS,
        now: at,
      });
      if (!claimed) continue;
      try {
        // Read again under the claim: another instance may have renewed it since the list was read.
        const fresh = (await accounts().findOne({ where: { id: row.id }, select: ['settings'] } as never)) as Row | null;
        if (fresh && due(fresh.settings)) {
          await getService(strapi, 'accounts').subscribe(String(row.documentId));
          renewed++;
        }
      } catch (err) {
        strapi.log.warn(
          `community-manager: webhook subscription of account ${row.documentId}: ${err instanceof Error ? err.message : String(err)}`
        );
      } finally {
        await releaseRow(strapi, UID.socialAccount, { where: { id: row.id }, owner });
      }
    }
    return renewed;
  }

  return {
    tick,
    renewSubscriptions,
    useClock(fn: (() => number) | null) {
      now = fn ?? (() => Date.now());
    },
    start() {
      const { checkMs } = expiryConfig(strapi);
      if (ticker || checkMs <= 0) return;
      ticker = createTicker({
        pass: async () => ({ result: (await tick()) + (await renewSubscriptions()) }),
        failed: () => 0,
        when: { everyMs: () => checkMs, nextAt: async () => Date.now() + checkMs },
        log: (err) =>
          strapi.log.warn(
            `community-manager: re-authorization notices, subscriptions: ${err instanceof Error ? err.message : String(err)}`
          ),
      });
      ticker.start();
    },
    async stop() {
      await ticker?.stop();
      ticker = null;
    },
  };
};
