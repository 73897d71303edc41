import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Credentials at rest: AES-256-GCM with a keyring.
 *
 * Stored format: `enc:v1:<keyId>:<iv>:<ciphertext>:<tag>` (base64url parts).
 * The additional authenticated data binds a ciphertext to the record type, the
 * record's own vault id and the field, so a value copied onto another account or
 * into another field fails to decrypt instead of silently working.
 */
const PREFIX = 'enc';
const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export interface VaultContext {
  type: string;
  recordKey: string;
  field: string;
}

export interface Keyring {
  /** keyId -> base64 (or base64url) encoded 32-byte key */
  keys: Record<string, string>;
  /** the key new values are encrypted with */
  activeKeyId: string | null;
}

export class VaultError extends Error {
  constructor(
    readonly code: 'no_key' | 'unknown_key' | 'bad_format' | 'tampered' | 'bad_key',
    message: string
  ) {
    super(message);
    this.name = 'VaultError';
  }
}

const aad = (ctx: VaultContext) => Buffer.from(`${ctx.type}\u0000${ctx.recordKey}\u0000${ctx.field}`, 'utf8');

function decodeKey(keyId: string, encoded: string): Buffer {
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== KEY_BYTES) {
    // The key value itself is never echoed: only its id and its wrong length.
    throw new VaultError('bad_key', `Encryption key "${keyId}" must be ${KEY_BYTES} bytes (base64), got ${key.length}`);
  }
  return key;
}

export function isEncrypted(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(`${PREFIX}:${VERSION}:`);
}

export function keyIdOf(value: string): string {
  if (!isEncrypted(value)) throw new VaultError('bad_format', 'Value is not an encrypted credential');
  return value.split(':')[2];
}

export interface Vault {
  readonly canEncrypt: boolean;
  readonly activeKeyId: string | null;
  encrypt(plaintext: string, ctx: VaultContext): string;
  decrypt(value: string, ctx: VaultContext): string;
  /** true when the value was sealed with a key other than the active one */
  needsRotation(value: string): boolean;
}

export function createVault(keyring: Keyring): Vault {
  const keys = new Map<string, Buffer>();
  for (const [id, encoded] of Object.entries(keyring.keys)) {
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      throw new VaultError('bad_key', `Encryption key id "${id}" may only hold letters, digits, "-" and "_" (32 at most)`);
    }
    keys.set(id, decodeKey(id, encoded));
  }
  const activeKeyId = keyring.activeKeyId;
  if (activeKeyId !== null && !keys.has(activeKeyId)) {
    throw new VaultError('unknown_key', `The active encryption key "${activeKeyId}" is not in the keyring`);
  }

  return {
    canEncrypt: activeKeyId !== null,
    activeKeyId,
    encrypt(plaintext, ctx) {
      if (activeKeyId === null) {
        throw new VaultError('no_key', 'No encryption key is configured: set CM_ENCRYPTION_KEYS before storing credentials');
      }
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keys.get(activeKeyId)!, iv);
      cipher.setAAD(aad(ctx));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [PREFIX, VERSION, activeKeyId, iv.toString('base64url'), body.toString('base64url'), tag.toString('base64url')].join(':');
    },
    decrypt(value, ctx) {
      const parts = value.split(':');
      if (parts.length !== 6 || parts[0] !== PREFIX || parts[1] !== VERSION) {
        throw new VaultError('bad_format', 'Stored credential is not in the enc:v1 format');
      }
      const [, , keyId, iv, body, tag] = parts;
      // Node accepts GCM tags of 4 to 15 bytes unless told the length: a value whose
      // tag was cut short would still verify. Only whole 12-byte ivs and 16-byte tags pass.
      const ivBytes = Buffer.from(iv, 'base64url');
      const tagBytes = Buffer.from(tag, 'base64url');
      if (![iv, body, tag].every((part) => BASE64URL.test(part)) || ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
        throw new VaultError('bad_format', 'Stored credential is not in the enc:v1 format');
      }
      const key = keys.get(keyId);
      if (!key) {
        throw new VaultError('unknown_key', `Stored credential was encrypted with key "${keyId}", which is not configured`);
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
        decipher.setAAD(aad(ctx));
        decipher.setAuthTag(tagBytes);
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new VaultError('tampered', 'Stored credential failed its integrity check (wrong key, record or field)');
      }
    },
    needsRotation(value) {
      return keyIdOf(value) !== activeKeyId;
    },
  };
}

/**
 * Parses `CM_ENCRYPTION_KEYS`: `id1:base64key,id2:base64key`. The first key is
 * the active one; the others stay readable so old values can be re-encrypted.
 */
export function parseKeyringEnv(raw: string | undefined): Keyring {
  const entries = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const keys: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.indexOf(':');
    if (at <= 0) throw new VaultError('bad_key', 'CM_ENCRYPTION_KEYS entries must look like "<keyId>:<base64 key>"');
    keys[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return { keys, activeKeyId: entries.length ? entries[0].slice(0, entries[0].indexOf(':')) : null };
}
