import { randomBytes } from 'node:crypto';
import {
  createVault,
  isEncrypted,
  keyIdOf,
  parseKeyringEnv,
  VaultError,
  type Vault,
  type VaultContext,
} from '../../server/core/crypto/vault';

// Keys are random per run, so no test can pass by accident on a fixed value.
const KEY_OLD = randomBytes(32).toString('base64');
const KEY_NEW = randomBytes(32).toString('base64');

const MASTODON_TOKEN: VaultContext = { type: 'account', recordKey: 'acc_7f3a', field: 'accessToken' };
const TOKEN = 'mastodon-access-token-5f2c9a1e';

const vaultWith = (keys: Record<string, string>, activeKeyId: string | null): Vault => createVault({ keys, activeKeyId });
const oldVault = () => vaultWith({ old: KEY_OLD }, 'old');

/** Runs fn, expects a VaultError and hands it back so its code and message can be checked. */
function vaultErrorOf(fn: () => unknown): VaultError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(VaultError);
    return err as VaultError;
  }
  throw new Error('expected a VaultError, but nothing was thrown');
}

/** Flips one bit of one byte of a base64url part of a sealed value (0 = first byte). */
function flipByte(sealed: string, part: 'iv' | 'ciphertext' | 'tag', byteIndex = 0): string {
  const parts = sealed.split(':');
  const index = { iv: 3, ciphertext: 4, tag: 5 }[part];
  const bytes = Buffer.from(parts[index], 'base64url');
  bytes[byteIndex] ^= 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join(':');
}

/** Every encoding of the key an error message could leak. */
const keyForms = (base64Key: string) => {
  const raw = Buffer.from(base64Key, 'base64');
  return [base64Key, raw.toString('base64url'), raw.toString('hex'), raw.toString('latin1')];
};

describe('an admin connects an account and its token is sealed at rest', () => {
  it('the token comes back unchanged when read for the same account and field', () => {
    const vault = oldVault();
    const sealed = vault.encrypt(TOKEN, MASTODON_TOKEN);
    expect(sealed).not.toBe(TOKEN);
    expect(vault.decrypt(sealed, MASTODON_TOKEN)).toBe(TOKEN);
  });

  it('an empty secret and a long unicode secret also survive the round trip', () => {
    const vault = oldVault();
    const long = 'pässwörd-🔑-日本語-'.repeat(500);
    expect(vault.decrypt(vault.encrypt('', MASTODON_TOKEN), MASTODON_TOKEN)).toBe('');
    expect(vault.decrypt(vault.encrypt(long, MASTODON_TOKEN), MASTODON_TOKEN)).toBe(long);
  });

  it('the stored value reads enc:v1:<keyId>:<iv>:<ciphertext>:<tag> with a 12-byte iv and a 16-byte tag', () => {
    const sealed = oldVault().encrypt(TOKEN, MASTODON_TOKEN);
    expect(sealed).toMatch(/^enc:v1:old:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
    const [, , keyId, iv, ciphertext, tag] = sealed.split(':');
    expect(keyId).toBe('old');
    expect(keyIdOf(sealed)).toBe('old');
    expect(isEncrypted(sealed)).toBe(true);
    expect(isEncrypted(TOKEN)).toBe(false);
    expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
    // GCM is a stream mode: the ciphertext is exactly as long as the UTF-8 plaintext.
    expect(Buffer.from(ciphertext, 'base64url')).toHaveLength(Buffer.byteLength(TOKEN));
  });

  it('sealing the same token twice gives two different values (a fresh random iv each time)', () => {
    const vault = oldVault();
    const first = vault.encrypt(TOKEN, MASTODON_TOKEN);
    const second = vault.encrypt(TOKEN, MASTODON_TOKEN);
    expect(first).not.toBe(second);
    expect(first.split(':')[3]).not.toBe(second.split(':')[3]);
    expect(vault.decrypt(first, MASTODON_TOKEN)).toBe(TOKEN);
    expect(vault.decrypt(second, MASTODON_TOKEN)).toBe(TOKEN);
  });

  it.each([
    ['short ascii', TOKEN],
    ['long', 'x-secret-'.repeat(2000)],
    ['unicode', 'clé-secrète-🔐-秘密の鍵-ключ'],
  ])('the %s plaintext never shows in the sealed string, not even partly', (_label, plaintext) => {
    const sealed = oldVault().encrypt(plaintext, MASTODON_TOKEN);
    expect(sealed).not.toContain(plaintext);
    // No 8-character window of the secret survives either.
    for (let i = 0; i + 8 <= plaintext.length; i += 8) expect(sealed).not.toContain(plaintext.slice(i, i + 8));
    // Nor its plain base64 / base64url / hex encodings.
    const bytes = Buffer.from(plaintext, 'utf8');
    for (const encoded of [bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')]) {
      expect(sealed).not.toContain(encoded.slice(0, 16));
    }
  });
});

describe('a sealed value copied somewhere else or altered does not decrypt', () => {
  const vault = oldVault();
  const sealed = vault.encrypt(TOKEN, MASTODON_TOKEN);

  it.each<[string, VaultContext]>([
    ['onto another account (other recordKey)', { ...MASTODON_TOKEN, recordKey: 'acc_9b11' }],
    ['into another field', { ...MASTODON_TOKEN, field: 'refreshToken' }],
    ['onto another record type', { ...MASTODON_TOKEN, type: 'webhook' }],
  ])('copied %s it fails as tampered', (_label, otherContext) => {
    const error = vaultErrorOf(() => vault.decrypt(sealed, otherContext));
    expect(error.code).toBe('tampered');
    expect(error.message).not.toContain(TOKEN);
  });

  it('moving a character between the record key and the field does not make a matching context', () => {
    const sealedAb = vault.encrypt(TOKEN, { type: 't', recordKey: 'ab', field: 'c' });
    expect(vaultErrorOf(() => vault.decrypt(sealedAb, { type: 't', recordKey: 'a', field: 'bc' })).code).toBe('tampered');
  });

  it.each(['ciphertext', 'tag', 'iv'] as const)('one flipped byte of the %s makes it fail as tampered', (part) => {
    const altered = flipByte(sealed, part);
    expect(altered).not.toBe(sealed);
    expect(vaultErrorOf(() => vault.decrypt(altered, MASTODON_TOKEN)).code).toBe('tampered');
  });

  it('a flipped byte at the end of the ciphertext is caught too', () => {
    const last = Buffer.byteLength(TOKEN) - 1;
    expect(vaultErrorOf(() => vault.decrypt(flipByte(sealed, 'ciphertext', last), MASTODON_TOKEN)).code).toBe('tampered');
  });

  it('a value cut short before its tag is refused as bad_format', () => {
    const withoutTag = sealed.slice(0, sealed.lastIndexOf(':'));
    expect(vaultErrorOf(() => vault.decrypt(withoutTag, MASTODON_TOKEN)).code).toBe('bad_format');
    expect(vaultErrorOf(() => vault.decrypt('enc:v1:old', MASTODON_TOKEN)).code).toBe('bad_format');
  });

  it.each([1, 4, 6, 11])('a value with its last %i characters cut off (a shortened tag) is refused as bad_format', (cut) => {
    // GCM in Node accepts 4..15-byte tags unless told otherwise: a shortened tag must not verify.
    expect(vaultErrorOf(() => vault.decrypt(sealed.slice(0, -cut), MASTODON_TOKEN)).code).toBe('bad_format');
  });

  it('a value with a shortened iv is refused as bad_format', () => {
    const parts = sealed.split(':');
    parts[3] = parts[3].slice(0, -4);
    expect(vaultErrorOf(() => vault.decrypt(parts.join(':'), MASTODON_TOKEN)).code).toBe('bad_format');
  });

  it.each(['iv', 'ciphertext', 'tag'] as const)('a character outside base64url slipped into the %s is refused as bad_format', (part) => {
    // Node's base64 decoder silently skips such characters: the altered value must not decrypt anyway.
    const parts = sealed.split(':');
    const index = { iv: 3, ciphertext: 4, tag: 5 }[part];
    parts[index] = `${parts[index].slice(0, 2)}!${parts[index].slice(2)}`;
    expect(vaultErrorOf(() => vault.decrypt(parts.join(':'), MASTODON_TOKEN)).code).toBe('bad_format');
  });

  it('plain text or another version prefix is refused as bad_format', () => {
    expect(vaultErrorOf(() => vault.decrypt(TOKEN, MASTODON_TOKEN)).code).toBe('bad_format');
    expect(vaultErrorOf(() => vault.decrypt(sealed.replace('enc:v1:', 'enc:v2:'), MASTODON_TOKEN)).code).toBe('bad_format');
  });
});

describe('keys that are missing, wrong or unknown', () => {
  it('a value sealed with a key that is no longer configured fails as unknown_key, naming the key id but no key', () => {
    const sealed = oldVault().encrypt(TOKEN, MASTODON_TOKEN);
    const error = vaultErrorOf(() => vaultWith({ new: KEY_NEW }, 'new').decrypt(sealed, MASTODON_TOKEN));
    expect(error.code).toBe('unknown_key');
    expect(error.message).toContain('"old"');
    for (const form of [...keyForms(KEY_OLD), ...keyForms(KEY_NEW), TOKEN]) expect(error.message).not.toContain(form);
  });

  it('with no active key nothing can be encrypted: canEncrypt is false and encrypt throws no_key', () => {
    const vault = vaultWith({}, null);
    expect(vault.canEncrypt).toBe(false);
    expect(vault.activeKeyId).toBeNull();
    const error = vaultErrorOf(() => vault.encrypt(TOKEN, MASTODON_TOKEN));
    expect(error.code).toBe('no_key');
    expect(error.message).not.toContain(TOKEN);
  });

  it('a keyring that only keeps old keys for reading can still decrypt but cannot encrypt', () => {
    const sealed = oldVault().encrypt(TOKEN, MASTODON_TOKEN);
    const readOnly = vaultWith({ old: KEY_OLD }, null);
    expect(readOnly.canEncrypt).toBe(false);
    expect(readOnly.decrypt(sealed, MASTODON_TOKEN)).toBe(TOKEN);
    expect(vaultErrorOf(() => readOnly.encrypt(TOKEN, MASTODON_TOKEN)).code).toBe('no_key');
  });

  it('an active key id missing from the keyring is refused up front', () => {
    expect(vaultErrorOf(() => vaultWith({ old: KEY_OLD }, 'new')).code).toBe('unknown_key');
  });

  it.each([
    ['16 bytes', randomBytes(16).toString('base64')],
    ['31 bytes', randomBytes(31).toString('base64')],
    ['33 bytes', randomBytes(33).toString('base64')],
    ['64 hex characters (32 bytes written as hex)', randomBytes(32).toString('hex')],
  ])('a key of %s is refused as bad_key without echoing the key', (_label, badKey) => {
    const error = vaultErrorOf(() => vaultWith({ main: badKey }, 'main'));
    expect(error.code).toBe('bad_key');
    expect(error.message).toContain('"main"');
    for (const form of keyForms(badKey)) expect(error.message).not.toContain(form);
    expect(error.message).not.toContain(badKey.slice(0, 12));
  });

  it.each(['a:b', 'has space', 'dot.ted', 'slash/id', 'x'.repeat(33), ''])('a key id like %j is refused as bad_key', (badId) => {
    expect(vaultErrorOf(() => vaultWith({ [badId]: KEY_OLD }, null)).code).toBe('bad_key');
  });

  it('key ids of letters, digits, "-" and "_" up to 32 characters are accepted', () => {
    const id = 'Key_2024-01_' + 'z'.repeat(20);
    expect(id).toHaveLength(32);
    const vault = vaultWith({ [id]: KEY_OLD }, id);
    expect(keyIdOf(vault.encrypt(TOKEN, MASTODON_TOKEN))).toBe(id);
  });
});

describe('an operator rotates the encryption key', () => {
  it('old values still decrypt once the new key is active and the old one kept, and re-encrypting moves them to the new key', () => {
    const sealedWithOld = oldVault().encrypt(TOKEN, MASTODON_TOKEN);

    const rotated = vaultWith({ new: KEY_NEW, old: KEY_OLD }, 'new');
    expect(rotated.activeKeyId).toBe('new');
    expect(rotated.needsRotation(sealedWithOld)).toBe(true);
    expect(rotated.decrypt(sealedWithOld, MASTODON_TOKEN)).toBe(TOKEN);

    const resealed = rotated.encrypt(rotated.decrypt(sealedWithOld, MASTODON_TOKEN), MASTODON_TOKEN);
    expect(keyIdOf(resealed)).toBe('new');
    expect(rotated.needsRotation(resealed)).toBe(false);
    expect(rotated.decrypt(resealed, MASTODON_TOKEN)).toBe(TOKEN);

    // Once every value is re-encrypted the old key can go: the new value no longer needs it.
    expect(vaultWith({ new: KEY_NEW }, 'new').decrypt(resealed, MASTODON_TOKEN)).toBe(TOKEN);
  });

  it('the same key id with a different key does not decrypt (tampered, not garbage)', () => {
    const sealed = oldVault().encrypt(TOKEN, MASTODON_TOKEN);
    expect(vaultErrorOf(() => vaultWith({ old: KEY_NEW }, 'old').decrypt(sealed, MASTODON_TOKEN)).code).toBe('tampered');
  });

  it('needsRotation refuses something that is not a sealed value', () => {
    expect(vaultErrorOf(() => oldVault().needsRotation(TOKEN)).code).toBe('bad_format');
  });
});

describe('reading the keyring from CM_ENCRYPTION_KEYS', () => {
  it('"a:KEY,b:KEY2" makes a the active key and keeps b for reading', () => {
    const keyring = parseKeyringEnv(`a:${KEY_NEW},b:${KEY_OLD}`);
    expect(keyring).toEqual({ keys: { a: KEY_NEW, b: KEY_OLD }, activeKeyId: 'a' });

    const sealedWithB = vaultWith({ b: KEY_OLD }, 'b').encrypt(TOKEN, MASTODON_TOKEN);
    const vault = createVault(keyring);
    expect(keyIdOf(vault.encrypt(TOKEN, MASTODON_TOKEN))).toBe('a');
    expect(vault.decrypt(sealedWithB, MASTODON_TOKEN)).toBe(TOKEN);
  });

  it('spaces around entries and a trailing comma are tolerated', () => {
    expect(parseKeyringEnv(` a:${KEY_NEW} , b:${KEY_OLD} ,`)).toEqual({ keys: { a: KEY_NEW, b: KEY_OLD }, activeKeyId: 'a' });
  });

  it.each([[''], ['   '], [undefined]])('%j means no key at all: active key null and a vault that cannot encrypt', (raw) => {
    const keyring = parseKeyringEnv(raw);
    expect(keyring).toEqual({ keys: {}, activeKeyId: null });
    expect(createVault(keyring).canEncrypt).toBe(false);
  });

  it.each([['garbage'], [':nokeyid'], [`a:${KEY_NEW},garbage`]])('%j is refused as bad_key', (raw) => {
    expect(vaultErrorOf(() => parseKeyringEnv(raw)).code).toBe('bad_key');
  });

  it('a key pasted without its id is refused and the error does not echo it', () => {
    const error = vaultErrorOf(() => parseKeyringEnv(KEY_NEW));
    expect(error.code).toBe('bad_key');
    for (const form of keyForms(KEY_NEW)) expect(error.message).not.toContain(form);
  });

  it('an entry whose key is not 32 bytes parses, but the vault built from it is refused', () => {
    const keyring = parseKeyringEnv('a:c2hvcnQ=');
    expect(keyring.activeKeyId).toBe('a');
    const error = vaultErrorOf(() => createVault(keyring));
    expect(error.code).toBe('bad_key');
    expect(error.message).not.toContain('c2hvcnQ');
  });
});
