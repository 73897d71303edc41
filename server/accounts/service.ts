import { randomUUID } from 'node:crypto';
import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { PLUGIN_ID } from '../../shared/core/permissions';
import type { PluginConfig } from '../core/config';
import { badRequest, fieldError, notFound } from '../core/errors';
import { serverMessage } from '../../shared/core/messages';
import { accountFetch } from '../core/http/account-fetch';
import { httpUrlOrNull } from '../../shared/core/safe-url';
import { VaultError, isEncrypted, keyIdOf } from '../core/crypto/vault';
import { reason, reasonText, type Reason } from '../../shared/accounts/reasons';
import { getService } from '../core/services';
import { adapterFor } from '../networks/registry';
import type { ConnectionCheck, Secrets } from '../networks/types';
import { createCredentialStore } from './credentials';
import { toSocialAccount, type SocialAccount } from './dto';
import { expiryOf } from './expiry';
import type { PluginStatus } from '../../shared/accounts/contract';
import type { AccountInput, AccountUpdate } from './schemas';
import { accountContext } from './adapter-context';
import { classify } from '../networks/errors';
import { polling, type RealtimeState } from '../../shared/accounts/realtime';
import { limitedUntil, withWait, type RateLimitedWork, type RateLimitState, type RateLimitWait } from './rate-limit';

const POPULATE = { editorialLine: { fields: ['name'] } } as const;

/** Which part of a network's input is public, which is a setting and which is a secret: its module decides. */
function split(input: AccountInput) {
  const adapter = adapterFor(input.network);
  // The schema only lets connectable networks through; this is the same refusal for a direct caller.
  if (!adapter) throw fieldError('network', serverMessage('account_network_unavailable', { network: input.network }), 'invalid_value');
  return adapter.credentials.store(input as never);
}

/** Merges replacement credentials into the stored ones, refusing fields of another network. */
function mergeCredentials(network: string, stored: Secrets, update: NonNullable<AccountUpdate['credentials']>): Secrets {
  const spec = adapterFor(network)?.credentials;
  const allowed = spec?.update ? Object.keys(spec.update.shape) : [];
  const keys = Object.keys(update);
  if (!allowed.length || keys.some((k) => !allowed.includes(k))) {
    throw fieldError(
      'credentials',
      serverMessage('account_credentials_wrong_network', { network, fields: allowed.length ? allowed.join(' and ') : 'no credentials' }),
      'wrong_network'
    );
  }
  const replacement = Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined)) as Secrets;
  return spec?.replace ? spec.replace(stored, replacement) : { ...stored, ...replacement };
}

/** The English text for API readers and logs, and the code and parameters the admin translates. */
const reasonFields = (why: Reason | null) => ({ statusReason: why ? reasonText(why) : null, statusDetail: why });

export default ({ strapi }: { strapi: Strapi }) => {
  const config = () => strapi.plugin(PLUGIN_ID).config('outbound') as PluginConfig['outbound'];
  const store = createCredentialStore(strapi.plugin(PLUGIN_ID).config('encryption') as PluginConfig['encryption']);
  const documents = () => strapi.documents(UID.socialAccount);

  const fetch = accountFetch(config);
  /** The inbox's poll period: how late a comment may arrive on an account its network does not push. */
  const pollSeconds = () => (strapi.plugin(PLUGIN_ID).config('inbox') as PluginConfig['inbox']).pollSeconds;

  async function findRow(documentId: string): Promise<Row> {
    const row = (await documents().findOne({ documentId, populate: POPULATE as never })) as unknown as Row | null;
    if (!row) throw notFound('Social account', serverMessage('account_not_found'));
    return row;
  }

  async function assertLine(editorialLineId: string | null | undefined) {
    if (editorialLineId && !(await getService(strapi, 'editorial-lines').exists(editorialLineId))) {
      throw fieldError('editorialLineId', serverMessage('line_missing'), 'not_found');
    }
  }

  function openSecrets(row: Row): Secrets {
    if (!row.credentials) return {};
    return store.open(String(row.credentials), String(row.vaultKey));
  }

  async function applyCheck(row: Row, check: ConnectionCheck) {
    const profile = check.profile ?? {};
    const data: Record<string, unknown> = {
      status: check.status,
      ...reasonFields(check.reason),
      lastCheckedAt: new Date(),
      ...(check.limits ? { limits: check.limits } : {}),
    };
    for (const key of ['handle', 'displayName', 'networkAccountId'] as const) {
      if (profile[key]) data[key] = profile[key]!.slice(0, 255);
    }
    // The network's answer is not trusted to be a web address: anything else is not stored (an old value is cleared).
    for (const key of ['avatarUrl', 'profileUrl'] as const) {
      if (profile[key]) data[key] = httpUrlOrNull(profile[key])?.slice(0, 2048) ?? null;
    }
    if (check.secrets) data.credentials = store.seal(check.secrets, String(row.vaultKey));
    await documents().update({ documentId: row.documentId, data: data as never });
  }

  async function runCheck(row: Row): Promise<void> {
    let secrets: Secrets;
    try {
      secrets = openSecrets(row);
    } catch (err) {
      if (!(err instanceof VaultError)) throw err;
      const keyId = isEncrypted(row.credentials) ? keyIdOf(row.credentials) : '?';
      await applyCheck(row, { status: 'needs_reauth', reason: reason('credentials_unreadable', { keyId }) });
      return;
    }
    const adapter = adapterFor(String(row.network));
    const check: ConnectionCheck = adapter
      ? await adapter.auth.check({
          instanceUrl: (row.instanceUrl as string) ?? null,
          settings: (row.settings ?? {}) as Record<string, unknown>,
          secrets,
          fetch,
        })
      : { status: 'error', reason: reason('oauth_not_available', { network: String(row.network) }) };
    await applyCheck(row, check);
  }

  return {
    async list(): Promise<SocialAccount[]> {
      const rows = (await documents().findMany({ sort: ['network:asc', 'name:asc'], populate: POPULATE as never })) as unknown as Row[];
      const expiry = await expiryOf(strapi, rows);
      return rows.map((row) => toSocialAccount(row, expiry.get(row.documentId), pollSeconds()));
    },

    async get(documentId: string): Promise<SocialAccount> {
      const row = await findRow(documentId);
      return toSocialAccount(row, (await expiryOf(strapi, [row])).get(documentId), pollSeconds());
    },

    async exists(documentId: string): Promise<boolean> {
      return (await documents().findOne({ documentId, fields: ['name'] })) !== null;
    },

    async create(input: AccountInput): Promise<SocialAccount> {
      await assertLine(input.editorialLineId);
      const { instanceUrl, settings, secrets } = split(input);
      const vaultKey = randomUUID();
      const names = Object.keys(secrets);
      // Sealed before anything is written: without a key, nothing is stored at all.
      const credentials = names.length ? store.seal(secrets, vaultKey) : null;
      const row = (await documents().create({
        data: {
          network: input.network,
          name: input.name,
          instanceUrl,
          settings: { ...settings, storedSecrets: names },
          credentials,
          vaultKey,
          status: 'pending',
          editorialLine: input.editorialLineId ?? null,
        } as never,
      })) as unknown as Row;
      await runCheck(await findRow(row.documentId));
      return this.get(row.documentId);
    },

    async update(documentId: string, input: AccountUpdate): Promise<SocialAccount> {
      const row = await findRow(documentId);
      await assertLine(input.editorialLineId);
      const data: Record<string, unknown> = {};
      if (input.name !== undefined) data.name = input.name;
      if (input.editorialLineId !== undefined) data.editorialLine = input.editorialLineId;
      if (input.credentials) {
        let stored: Secrets = {};
        try {
          stored = openSecrets(row);
        } catch (err) {
          if (!(err instanceof VaultError)) throw err;
        }
        const secrets = mergeCredentials(String(row.network), stored, input.credentials);
        const spec = adapterFor(String(row.network))?.credentials;
        data.credentials = store.seal(secrets, String(row.vaultKey));
        data.settings = {
          ...((row.settings ?? {}) as object),
          storedSecrets: Object.keys(secrets).filter((k) => !spec?.sessionSecrets?.includes(k)),
        };
        const address = spec?.address?.(secrets);
        if (address) data.instanceUrl = address;
      }
      if (input.disabled === true) {
        Object.assign(data, { status: 'disabled', ...reasonFields(reason('disabled')) });
      }
      await documents().update({ documentId, data: data as never });
      const reenabled = input.disabled === false && row.status === 'disabled';
      const stillDisabled = input.disabled === true || (row.status === 'disabled' && input.disabled !== false);
      if (!stillDisabled && (reenabled || input.credentials)) await runCheck(await findRow(documentId));
      return this.get(documentId);
    },

    async remove(documentId: string): Promise<{ documentId: string }> {
      await findRow(documentId);
      await documents().delete({ documentId });
      return { documentId };
    },

    async check(documentId: string): Promise<SocialAccount> {
      const row = await findRow(documentId);
      if (row.status === 'disabled') throw badRequest(serverMessage('account_disabled_check'), [], 'account_disabled');
      await runCheck(row);
      return this.get(documentId);
    },

    /**
     * "Subscribe again": the account subscribed to its network's real-time
     * updates (`comments.subscribe`: a Facebook page's `feed` webhook) with
     * its own token, the outcome kept on its settings (`realtime`). A failure
     * is the answer's `realtime` reason, not an error: the account stays as it
     * is, its comments arrive by polling.
     */
    async subscribe(documentId: string): Promise<SocialAccount> {
      const row = await findRow(documentId);
      const port = adapterFor(String(row.network))?.comments;
      if (!port?.subscribe) throw badRequest(serverMessage('realtime_not_offered'), [], 'realtime_not_offered');
      if (row.status === 'disabled') throw badRequest(serverMessage('account_disabled_subscribe'), [], 'account_disabled');
      const account = await this.publishingAccount(documentId);
      if (!account?.secrets) throw badRequest(serverMessage('account_credentials_unreadable'), [], 'credentials_unreadable');
      const ctx = { ...accountContext(strapi, account, 'inbox'), fetch, now: () => Date.now(), publicationId: `subscribe:${documentId}` };
      let state: RealtimeState;
      try {
        state = await port.subscribe(ctx);
      } catch (err) {
        // The port does not throw; a bug in it still leaves the account as it is, with why.
        state = polling(Date.now(), serverMessage('realtime_refused', { message: classify(err).message.slice(0, 300) }));
      }
      // Read again: the settings may have changed during the call (a sign-in, Settings' Graph version).
      const fresh = await findRow(documentId);
      await documents().update({
        documentId,
        data: { settings: { ...((fresh.settings ?? {}) as object), realtime: state } } as never,
      });
      return this.get(documentId);
    },

    status(): PluginStatus {
      return { encryption: { configured: store.configured, activeKeyId: store.activeKeyId } };
    },

    /**
     * What the publisher needs to post as this account: its public fields and
     * its opened secrets. Server-side only; never returned over HTTP.
     */
    async publishingAccount(documentId: string) {
      const row = (await documents().findOne({ documentId })) as unknown as Row | null;
      if (!row) return null;
      let secrets: Secrets | null = null;
      try {
        secrets = openSecrets(row);
      } catch (err) {
        if (!(err instanceof VaultError)) throw err;
      }
      return {
        documentId: row.documentId,
        name: String(row.name),
        network: String(row.network),
        status: String(row.status),
        /** why it is not connected, when it is not (a refused refresh's own words for the held posts) */
        statusDetail: (row.statusDetail ?? null) as Reason | null,
        instanceUrl: (row.instanceUrl as string | null) ?? null,
        networkAccountId: (row.networkAccountId as string | null) ?? null,
        handle: (row.handle as string | null) ?? null,
        settings: (row.settings ?? {}) as Record<string, unknown>,
        limits: (row.limits ?? null) as { maxCharacters?: number } | null,
        rateLimit: (row.rateLimit ?? null) as RateLimitState | null,
        secrets,
      };
    },

    /** Stores secrets a network handed back while publishing (a refreshed Bluesky session). */
    async saveSecrets(documentId: string, secrets: Secrets) {
      const row = (await documents().findOne({ documentId })) as unknown as Row | null;
      if (!row) return;
      await documents().update({ documentId, data: { credentials: store.seal(secrets, String(row.vaultKey)) } as never });
    },

    /** The network refused the credentials while publishing: a person must reconnect the account. */
    async markNeedsReauth(documentId: string, why: Reason) {
      await documents().update({ documentId, data: { status: 'needs_reauth', ...reasonFields(why), lastCheckedAt: new Date() } as never });
    },

    /**
     * Rate-limit state shared by every instance (rate-limit.ts): no call for
     * `work` to this account before `wait.until` (epoch ms) — the account's
     * every call, or only that work's on a network that counts endpoints apart.
     */
    async setRateLimit(documentId: string, work: RateLimitedWork, wait: RateLimitWait | null) {
      const query = strapi.db.query(UID.socialAccount as never);
      const row = (await query.findOne({ where: { documentId }, select: ['network', 'rateLimit'] } as never)) as Row | null;
      if (!row) return;
      const state = withWait(row.rateLimit as RateLimitState | null, String(row.network), work, wait, Date.now());
      // One UPDATE, not the document service's read-then-write transaction: on SQLite, three instances writing at
      // once made that transaction fail at once (a reader cannot become a writer), and the 429 was forgotten. Two
      // works meeting a 429 in the same instant may keep only one wait; the other's next call meets its 429 again.
      await query.updateMany({ where: { documentId }, data: { rateLimit: state } } as never);
    },

    /** Accounts no one may call right now for `work`, because the network asked us to wait. */
    async rateLimitedIds(now: number, work: RateLimitedWork): Promise<string[]> {
      const rows = (await documents().findMany({
        filters: { rateLimit: { $notNull: true } } as never,
        fields: ['rateLimit'],
      })) as unknown as Row[];
      return rows.filter((r) => limitedUntil(r.rateLimit as RateLimitState | null, work) > now).map((r) => r.documentId);
    },

    async statusOf(
      documentIds: string[]
    ): Promise<Map<string, { name: string; network: string; status: string; handle: string | null; statusReason: string | null }>> {
      if (!documentIds.length) return new Map();
      const rows = (await documents().findMany({
        filters: { documentId: { $in: documentIds } } as never,
        fields: ['name', 'network', 'status', 'handle', 'statusReason'],
      })) as unknown as Row[];
      return new Map(
        rows.map((r) => [
          r.documentId,
          {
            name: String(r.name),
            network: String(r.network),
            status: String(r.status),
            handle: (r.handle as string) ?? null,
            statusReason: (r.statusReason as string) ?? null,
          },
        ])
      );
    },

    /**
     * Key rotation: every credential sealed with an older key is re-sealed with
     * the active one. Values that cannot be opened are reported, not dropped.
     */
    async reencryptAll(): Promise<{ checked: number; rotated: number; failed: Array<{ documentId: string; reason: string }> }> {
      const rows = (await documents().findMany({ filters: { credentials: { $notNull: true } } as never })) as unknown as Row[];
      let rotated = 0;
      const failed: Array<{ documentId: string; reason: string }> = [];
      for (const row of rows) {
        const sealed = String(row.credentials);
        try {
          if (!store.needsRotation(sealed)) continue;
          const secrets = store.open(sealed, String(row.vaultKey));
          await documents().update({
            documentId: row.documentId,
            data: { credentials: store.seal(secrets, String(row.vaultKey)) } as never,
          });
          rotated++;
        } catch (err) {
          failed.push({ documentId: row.documentId, reason: err instanceof Error ? err.message : 'unknown error' });
        }
      }
      return { checked: rows.length, rotated, failed };
    },
  };
};
