import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/**
 * Turns a feed's bytes into text. Order of evidence:
 * 1. a byte-order mark (UTF-32 before UTF-16: FF FE 00 00 starts with FF FE);
 * 2. the pattern of zero bytes around the first characters (XML 1.0 appendix F):
 *    a UTF-16 or UTF-32 body without a BOM still starts with `<` or `{`, and
 *    the zeros say which width and byte order, whatever the prolog claims;
 * 3. the charset of the Content-Type header, then the encoding of the XML
 *    prolog (read as ASCII, which every encoding iconv-lite can declare there
 *    agrees on), unless the label names a non-Unicode encoding and the bytes
 *    are valid UTF-8 with at least one multi-byte sequence: then the label is
 *    wrong and the body is UTF-8 (Miniflux does the same; Latin-1 text is
 *    practically never valid UTF-8 by accident);
 * 4. UTF-8, the XML default.
 * A label iconv-lite does not know falls through to the next piece of evidence.
 * ISO-8859-1 and US-ASCII labels decode as windows-1252, as browsers do (WHATWG
 * Encoding Standard): feeds so labelled use its curly quotes and euro sign.
 * A body read as UTF-8 (declared or by default) that is not UTF-8 and holds no
 * multi-byte sequence at all is windows-1252 too (feedparser's fallback).
 */
export interface DecodedBody {
  text: string;
  encoding: string;
  /** what decided the encoding */
  from: 'bom' | 'sniffed' | 'header' | 'prolog' | 'default';
}

const BOMS: Array<[Buffer, string]> = [
  [Buffer.from([0xff, 0xfe, 0x00, 0x00]), 'utf-32le'],
  [Buffer.from([0x00, 0x00, 0xfe, 0xff]), 'utf-32be'],
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

/** UTF-16/32 without a BOM, told by where the zero bytes of the first ASCII characters fall. */
export function sniffWideEncoding(bytes: Buffer): string | null {
  if (bytes.length < 4) return null;
  const [a, b, c, d] = bytes;
  if (a === 0 && b === 0 && c === 0 && d !== 0) return 'utf-32be';
  if (a !== 0 && b === 0 && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b !== 0 && c === 0 && d !== 0) return 'utf-16be';
  if (a !== 0 && b === 0 && c !== 0 && d === 0) return 'utf-16le';
  return null;
}

const known = (label: string | null): label is string => !!label && iconv.encodingExists(label);
const WINDOWS_1252 = /^(?:iso-?8859-1|iso_8859-1|latin-?1|l1|us-ascii|ascii|cp819|ibm819|iso-ir-100)$/i;
const UTF8 = /^utf-?8$/i;

/**
 * C1 controls (U+0080–U+009F) never belong in a feed's text; when one is
 * there, a windows-1252 punctuation byte went through a Latin-1 conversion
 * (`don\u0092t`). They are read as windows-1252 meant them, as HTML parsers
 * do for character references and feedparser does for text.
 */
function c1AsWindows1252(text: string): string {
  return /[\u0080-\u009f]/.test(text)
    ? text.replace(/[\u0080-\u009f]+/g, (run) => iconv.decode(Buffer.from([...run].map((c) => c.charCodeAt(0))), 'windows-1252'))
    : text;
}

/** UTF-8 text, unless the bytes are plainly single-byte (invalid UTF-8 without one valid multi-byte sequence). */
function utf8OrLegacy(bytes: Buffer, from: DecodedBody['from']): DecodedBody {
  const text = iconv.decode(bytes, 'utf-8');
  const invalid = text.match(/\ufffd/g)?.length ?? 0;
  // A Latin-1 body now and then forms a valid sequence by chance (`é` + `¡` + `»`), but far fewer than the invalid ones.
  if (invalid > 0 && invalid > (text.match(/[\u0080-\ufffc\ufffe-\u{10ffff}]/gu)?.length ?? 0)) {
    return { text: c1AsWindows1252(iconv.decode(bytes, 'windows-1252')), encoding: 'windows-1252', from: 'sniffed' };
  }
  return { text: c1AsWindows1252(text), encoding: 'utf-8', from };
}
const UNICODE = /^(?:utf-?8|utf-?16(?:le|be)?|utf-?32(?:le|be)?|ucs-?2|ucs-?4|unicode)$/i;

/** Valid UTF-8 holding at least one multi-byte sequence (pure ASCII proves nothing). */
export function isMultibyteUtf8(bytes: Buffer): boolean {
  return bytes.some((x) => x >= 0x80) && isUtf8(bytes);
}

export function decodeBody(bytes: Buffer, contentType?: string): DecodedBody {
  for (const [bom, encoding] of BOMS) {
    if (bytes.subarray(0, bom.length).equals(bom)) {
      return { text: iconv.decode(bytes.subarray(bom.length), encoding, { stripBOM: true }), encoding, from: 'bom' };
    }
  }
  const wide = sniffWideEncoding(bytes);
  if (wide) return { text: iconv.decode(bytes, wide), encoding: wide, from: 'sniffed' };
  const declared: Array<[string | null, 'header' | 'prolog']> = [
    [charsetOfContentType(contentType), 'header'],
    [charsetOfProlog(bytes), 'prolog'],
  ];
  for (const [label, from] of declared) {
    if (!known(label)) continue;
    if (UTF8.test(label)) return utf8OrLegacy(bytes, from);
    if (!UNICODE.test(label) && isMultibyteUtf8(bytes)) return { text: iconv.decode(bytes, 'utf-8'), encoding: 'utf-8', from: 'sniffed' };
    const encoding = WINDOWS_1252.test(label) ? 'windows-1252' : label;
    return { text: c1AsWindows1252(iconv.decode(bytes, encoding)), encoding, from };
  }
  return utf8OrLegacy(bytes, 'default');
}
