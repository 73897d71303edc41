import type { Strapi } from '../strapi';
import { PLUGIN_ID } from '../../../shared/core/permissions';
import type { PluginConfig } from '../config';
import { createVault, VaultError, type Vault } from '../crypto/vault';
import { HttpError } from '../errors';
import { serverMessage } from '../../../shared/core/messages';
import type { OAuthAppCredentials, OAuthPort } from './types';
import type { AppView } from '../../../shared/oauth/contract';

/**
 * The app each network knows us by (client id and secret), and the network's
 * OAuth options: from the environment (`CM_OAUTH_<NETWORK>_CLIENT_ID`,
 * `…_CLIENT_SECRET`, `…_<OPTION>`), else from Settings. The environment wins,
 * value by value, so a secret can live in the host's secret store while the
 * rest is edited in the admin. The secret set in Settings is sealed with the
 * vault and never read back out over HTTP.
 */

const STORE_KEY = 'oauth-apps';
const CONTEXT = { type: 'oauth-app', field: 'clientSecret' } as const;

interface StoredApp {
  clientId?: string | null;
  clientSecretSealed?: string | null;
  options?: Record<string, string>;
}
type StoredApps = Record<string, StoredApp>;

export const envName = (network: string, name: string) =>
  `CM_OAUTH_${network.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_${name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;

const fromEnv = (network: string, name: string) => {
  const value = process.env[envName(network, name)]?.trim();
  return value ? value : null;
};

export function createApps(strapi: Strapi, encryption: PluginConfig['encryption']) {
  let vault: Vault | null = null;
  const getVault = () => (vault ??= createVault(encryption));
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: STORE_KEY });
  const read = async () => ((await store().get({})) ?? {}) as StoredApps;

  function openSecret(network: string, sealed: string | null | undefined): string | null {
    if (!sealed) return null;
    try {
      return getVault().decrypt(sealed, { ...CONTEXT, recordKey: network });
    } catch (err) {
      if (err instanceof VaultError) return null;
      throw err;
    }
  }

  return {
    /** The app credentials to use now; null when no client id is set anywhere. */
    async credentials(network: string): Promise<OAuthAppCredentials | null> {
      const stored = (await read())[network] ?? {};
      const clientId = fromEnv(network, 'clientId') ?? stored.clientId ?? null;
      if (!clientId) return null;
      return { clientId, clientSecret: fromEnv(network, 'clientSecret') ?? openSecret(network, stored.clientSecretSealed) };
    },

    async options(network: string, port: OAuthPort): Promise<Record<string, string>> {
      const stored = (await read())[network]?.options ?? {};
      const out: Record<string, string> = {};
      for (const name of port.options ?? []) {
        const value = fromEnv(network, name) ?? stored[name];
        if (value) out[name] = value;
      }
      return out;
    },

    async view(network: string, port: OAuthPort): Promise<AppView> {
      const stored = (await read())[network] ?? {};
      const envId = fromEnv(network, 'clientId');
      const envSecret = fromEnv(network, 'clientSecret');
      const options: AppView['options'] = {};
      for (const name of port.options ?? []) {
        const env = fromEnv(network, name);
        const saved = stored.options?.[name] ?? null;
        options[name] = { value: env ?? saved, source: env ? 'env' : saved ? 'settings' : null, env: envName(network, name) };
      }
      return {
        network,
        clientId: envId ?? stored.clientId ?? null,
        clientIdSource: envId ? 'env' : stored.clientId ? 'settings' : null,
        clientSecretSet: Boolean(envSecret || stored.clientSecretSealed),
        clientSecretSource: envSecret ? 'env' : stored.clientSecretSealed ? 'settings' : null,
        options,
        env: { clientId: envName(network, 'clientId'), clientSecret: envName(network, 'clientSecret') },
      };
    },

    /**
     * Key rotation (bin/rekey.js): every client secret sealed with another key
     * than the active one, sealed again with it. Counts only, never a value.
     */
    async reencrypt(): Promise<{ checked: number; rotated: number; failed: Array<{ network: string; reason: string }> }> {
      const all = await read();
      let checked = 0;
      let rotated = 0;
      const failed: Array<{ network: string; reason: string }> = [];
      for (const [network, app] of Object.entries(all)) {
        if (!app.clientSecretSealed) continue;
        checked++;
        try {
          if (!getVault().needsRotation(app.clientSecretSealed)) continue;
          const ctx = { ...CONTEXT, recordKey: network };
          app.clientSecretSealed = getVault().encrypt(getVault().decrypt(app.clientSecretSealed, ctx), ctx);
          rotated++;
        } catch (err) {
          failed.push({ network, reason: err instanceof Error ? err.message : 'unknown error' });
        }
      }
      if (rotated) await store().set({ value: all });
      return { checked, rotated, failed };
    },

    /**
     * Saves what Settings sent: `clientSecret` undefined keeps the stored one,
     * null removes it; an option set to null is removed.
     */
    async save(
      network: string,
      input: { clientId?: string | null; clientSecret?: string | null; options?: Record<string, string | null> }
    ): Promise<void> {
      const all = await read();
      const current: StoredApp = { ...all[network] };
      if (input.clientId !== undefined) current.clientId = input.clientId || null;
      if (input.clientSecret === null) current.clientSecretSealed = null;
      else if (input.clientSecret !== undefined) {
        try {
          current.clientSecretSealed = getVault().encrypt(input.clientSecret, { ...CONTEXT, recordKey: network });
        } catch (err) {
          if (err instanceof VaultError && err.code === 'no_key') {
            throw new HttpError(400, 'encryption_not_configured', {
              ...serverMessage('encryption_not_configured'),
              text: 'The client secret cannot be stored: no encryption key is configured (CM_ENCRYPTION_KEYS).',
            });
          }
          throw err;
        }
      }
      if (input.options) {
        const options = { ...current.options };
        for (const [name, value] of Object.entries(input.options)) {
          if (value === null || value === '') delete options[name];
          else options[name] = value;
        }
        current.options = options;
      }
      await store().set({ value: { ...all, [network]: current } });
    },
  };
}

export type Apps = ReturnType<typeof createApps>;
