import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signed site endpoint's check (docs/inbox.md, "Site comments"), pure so
 * it is tested alone: HMAC-SHA256 over `timestamp + "." + raw body` with one
 * of the configured secrets, hex in `X-CM-Signature: sha256=<hex>`, the
 * timestamp (Unix seconds, `X-CM-Timestamp`) within five minutes of our clock
 * either way. The raw bytes are signed, never a re-serialized JSON: two JSON
 * encoders rarely agree byte for byte. The comparison takes the same time
 * whatever the signature (no timing oracle).
 */

export const WINDOW_MS = 5 * 60_000;

export type SignatureProblem =
  'signature_missing' | 'signature_malformed' | 'timestamp_invalid' | 'timestamp_expired' | 'signature_invalid';

export interface SignedRequest {
  timestamp: string | undefined;
  signature: string | undefined;
  raw: Buffer;
}

/** The signature a sender computes (docs/inbox.md shows the same in Node, PHP and Python). */
export function sign(secret: string, timestamp: string, raw: Buffer | string): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}.`)
    .update(typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw)
    .digest('hex');
}

/** Null when the request is signed by one of `secrets` within the window; else why not. */
export function verifySignature(secrets: readonly string[], req: SignedRequest, now: number): SignatureProblem | null {
  const checked = checkSignature(secrets, req, now);
  return 'problem' in checked ? checked.problem : null;
}

/** As verifySignature, telling which secret signed it (the rate limit counts per secret). */
export function checkSignature(
  secrets: readonly string[],
  req: SignedRequest,
  now: number
): { problem: SignatureProblem } | { secretIndex: number } {
  if (!req.signature || !req.timestamp) return { problem: 'signature_missing' };
  const match = /^sha256=([0-9a-f]{64})$/i.exec(req.signature.trim());
  if (!match) return { problem: 'signature_malformed' };
  if (!/^\d{9,11}$/.test(req.timestamp.trim())) return { problem: 'timestamp_invalid' };
  const at = Number(req.timestamp.trim()) * 1000;
  if (Math.abs(now - at) > WINDOW_MS) return { problem: 'timestamp_expired' };
  const given = Buffer.from(match[1].toLowerCase(), 'hex');
  let found = -1;
  // Every secret is tried (rotation); no early exit, so the time taken says nothing about which one matched.
  secrets.forEach((secret, index) => {
    const expected = Buffer.from(sign(secret, req.timestamp!.trim(), req.raw), 'hex');
    if (timingSafeEqual(expected, given) && found < 0) found = index;
  });
  return found >= 0 ? { secretIndex: found } : { problem: 'signature_invalid' };
}
