import { createVault, VaultError, type Vault } from '../core/crypto/vault';
import type { PluginConfig } from '../core/config';
import { HttpError } from '../core/errors';
import { serverMessage } from '../../shared/core/messages';
import type { Secrets } from '../networks/types';

const CONTEXT = { type: 'social-account', field: 'credentials' } as const;

/** Seals and opens an account's secrets as one encrypted JSON blob bound to the account's vault key. */
export function createCredentialStore(encryption: PluginConfig['encryption']) {
  let vault: Vault | null = null;
  const getVault = () => (vault ??= createVault(encryption));

  return {
    get configured() {
      return getVault().canEncrypt;
    },
    get activeKeyId() {
      return getVault().activeKeyId;
    },
    seal(secrets: Secrets, vaultKey: string): string {
      try {
        return getVault().encrypt(JSON.stringify(secrets), { ...CONTEXT, recordKey: vaultKey });
      } catch (err) {
        if (err instanceof VaultError && err.code === 'no_key') {
          throw new HttpError(400, 'encryption_not_configured', serverMessage('encryption_not_configured'));
        }
        throw err;
      }
    },
    open(sealed: string, vaultKey: string): Secrets {
      return JSON.parse(getVault().decrypt(sealed, { ...CONTEXT, recordKey: vaultKey })) as Secrets;
    },
    needsRotation(sealed: string): boolean {
      return getVault().needsRotation(sealed);
    },
  };
}

export type CredentialStore = ReturnType<typeof createCredentialStore>;
