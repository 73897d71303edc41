import { createHmac } from 'node:crypto';
import { sign, verifySignature, WINDOW_MS } from '../../server/inbox/signature';

/** The signed site endpoint's check (server/inbox/signature.ts), as a site computes it (docs/inbox.md). */
const SECRET = 'site-secret-0123456789abcdef';
const body = Buffer.from('{"id":"c1","author":{"name":"Ann"},"text":"Hello","createdAt":"2026-12-01T10:00:00Z"}');
const now = Date.UTC(2026, 11, 1, 10, 0, 0);
const ts = String(Math.floor(now / 1000));
const header = (secret = SECRET, stamp = ts, raw: Buffer | string = body) => `sha256=${sign(secret, stamp, raw)}`;

describe('inbox signature', () => {
  it('is HMAC-SHA256 over timestamp + "." + the raw body, in hex', () => {
    const expected = createHmac('sha256', SECRET)
      .update(`${ts}.${body.toString('utf8')}`)
      .digest('hex');
    expect(sign(SECRET, ts, body)).toBe(expected);
  });

  it('accepts a good signature within the window, with any configured secret (rotation)', () => {
    expect(verifySignature([SECRET], { timestamp: ts, signature: header(), raw: body }, now)).toBeNull();
    expect(
      verifySignature(['old-secret-0123456789', SECRET], { timestamp: ts, signature: header(), raw: body }, now + WINDOW_MS)
    ).toBeNull();
    expect(
      verifySignature([SECRET], { timestamp: ts, signature: header().toUpperCase().replace('SHA256', 'sha256'), raw: body }, now)
    ).toBeNull();
  });

  it('refuses a body changed by one byte, another secret, a missing or malformed header', () => {
    const changed = Buffer.from(body.toString('utf8').replace('Hello', 'Hellp'));
    expect(verifySignature([SECRET], { timestamp: ts, signature: header(), raw: changed }, now)).toBe('signature_invalid');
    expect(verifySignature([SECRET], { timestamp: ts, signature: header('another-secret-0123456'), raw: body }, now)).toBe(
      'signature_invalid'
    );
    expect(verifySignature([SECRET], { timestamp: ts, signature: undefined, raw: body }, now)).toBe('signature_missing');
    expect(verifySignature([SECRET], { timestamp: undefined, signature: header(), raw: body }, now)).toBe('signature_missing');
    expect(verifySignature([SECRET], { timestamp: ts, signature: sign(SECRET, ts, body), raw: body }, now)).toBe('signature_malformed');
    expect(verifySignature([SECRET], { timestamp: ts, signature: 'sha256=abc', raw: body }, now)).toBe('signature_malformed');
    expect(verifySignature([SECRET], { timestamp: 'yesterday', signature: header(), raw: body }, now)).toBe('timestamp_invalid');
    expect(verifySignature([], { timestamp: ts, signature: header(), raw: body }, now)).toBe('signature_invalid');
  });

  it('refuses a timestamp more than five minutes away, either way, even well signed', () => {
    expect(verifySignature([SECRET], { timestamp: ts, signature: header(), raw: body }, now + WINDOW_MS + 1000)).toBe('timestamp_expired');
    expect(verifySignature([SECRET], { timestamp: ts, signature: header(), raw: body }, now - WINDOW_MS - 1000)).toBe('timestamp_expired');
  });

  it('signs the timestamp too: the same body under another timestamp does not verify', () => {
    const later = String(Number(ts) + 60);
    expect(verifySignature([SECRET], { timestamp: later, signature: header(), raw: body }, now)).toBe('signature_invalid');
  });
});
