import iconv from 'iconv-lite';

/**
 * Turns a feed's bytes into text. Order of evidence:
 * 1. a byte-order mark: it cannot be there by accident, and a UTF-16 body
 *    cannot even carry a readable XML prolog without it;
 * 2. the charset of the Content-Type header;
 * 3. the encoding of the XML prolog (read as ASCII, which every encoding
 *    iconv-lite can declare there agrees on);
 * 4. UTF-8, the XML default.
 * A label iconv-lite does not know falls through to the next piece of evidence.
 */
export interface DecodedBody {
  text: string;
  encoding: string;
  /** what decided the encoding */
  from: 'bom' | 'header' | 'prolog' | 'default';
}

const BOMS: Array<[Buffer, string]> = [
  [Buffer.from([0xef, 0xbb, 0xbf]), 'utf-8'],
  [Buffer.from([0xff, 0xfe]), 'utf-16le'],
  [Buffer.from([0xfe, 0xff]), 'utf-16be'],
];

export function charsetOfContentType(contentType: string | undefined): string | null {
  const match = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '');
  return match ? match[1].toLowerCase() : null;
}

export function charsetOfProlog(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 256).toString('latin1');
  const match = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return match ? match[1].toLowerCase() : null;
}

const known = (label: string | null): label is string => !!label && iconv.encodingExists(label);

export function decodeBody(bytes: Buffer, contentType?: string): DecodedBody {
  for (const [bom, encoding] of BOMS) {
    if (bytes.subarray(0, bom.length).equals(bom)) {
      return { text: iconv.decode(bytes.subarray(bom.length), encoding, { stripBOM: true }), encoding, from: 'bom' };
    }
  }
  const header = charsetOfContentType(contentType);
  if (known(header)) return { text: iconv.decode(bytes, header), encoding: header, from: 'header' };
  const prolog = charsetOfProlog(bytes);
  if (known(prolog)) return { text: iconv.decode(bytes, prolog), encoding: prolog, from: 'prolog' };
  return { text: iconv.decode(bytes, 'utf-8'), encoding: 'utf-8', from: 'default' };
}
