import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** RFC 7636 §4.1: 32 random bytes, base64url (43 characters, inside the 43–128 the RFC allows). */
export const newVerifier = () => randomBytes(32).toString('base64url');

/** RFC 7636 §4.2: S256 = BASE64URL(SHA256(ASCII(code_verifier))). */
export const challengeOf = (verifier: string) => createHash('sha256').update(verifier, 'ascii').digest('base64url');

/** The `state` and the browser's cookie: unguessable, and only their SHA-256 is stored. */
export const newNonce = () => randomBytes(32).toString('base64url');

export const sha256Hex = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/** Compares two hex digests without telling, by timing, how much of them matched. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
