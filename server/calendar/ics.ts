/**
 * A small iCalendar (RFC 5545) writer: only what a read-only subscription
 * needs (VCALENDAR with VEVENTs). Pure and Node-free so it can be unit tested
 * and reused. The three rules clients are strict about are all here:
 * CRLF line ends, lines folded at 75 octets (never inside a UTF-8 character),
 * and TEXT values escaped (backslash, semicolon, comma, newline).
 */

export interface IcsEvent {
  /** stable across refreshes, so a client updates the event instead of duplicating it */
  uid: string;
  start: Date;
  /** defaults to start + 30 minutes: social posts are instants, but most apps hide zero-length events */
  end?: Date;
  summary: string;
  description?: string;
  url?: string;
  categories?: string[];
  /** last change of the source, for clients that compare versions */
  lastModified?: Date;
}

export interface IcsCalendar {
  /** PRODID: who wrote the file */
  productId: string;
  name: string;
  /** how often clients should refresh, ISO 8601 duration (e.g. PT1H) */
  refreshInterval: string;
  events: IcsEvent[];
  /** DTSTAMP of every event: when the file was generated */
  now?: Date;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/**
 * RFC 5545 §3.1 forbids CONTROL in every property value: U+0000–U+001F and
 * U+007F, except HTAB. iCalendar has no escape for them, so they are dropped;
 * a single NUL makes libical refuse the whole calendar (issue 13, item 12).
 * TEXT's line breaks are not lost: escapeText writes them as `\n` first.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f]/g;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_BUT_LF = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

export function stripControls(value: string): string {
  return value.replace(FORBIDDEN_CONTROLS, '');
}

/** TEXT escaping of RFC 5545 §3.3.11, after dropping the controls it cannot carry. */
export function escapeText(value: string): string {
  // Line breaks first, so a control between a CR and an LF does not merge two breaks into one.
  return value
    .replace(/\r\n|\r/g, '\n')
    .replace(FORBIDDEN_BUT_LF, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

const octets = (char: string) => {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code < 0x10000) return 3;
  return 4;
};

/**
 * Folds one content line into chunks of at most 75 octets (§3.1); every
 * continuation starts with a space, which counts towards its 75. Iterating by
 * code point keeps multibyte characters (é, emoji) whole.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const width = octets(char);
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (size + width > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += width;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** UTC DATE-TIME form, e.g. 20261124T090000Z. */
export function formatUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

// Every value, TEXT or not (URI, PRODID), goes through the control filter: a raw
// control character in any line can make a parser refuse the whole file.
const property = (name: string, value: string) => foldLine(`${name}:${stripControls(value)}`);

function eventLines(event: IcsEvent, stamp: string): string[] {
  const end = event.end ?? new Date(event.start.getTime() + 30 * 60_000);
  const lines = [
    'BEGIN:VEVENT',
    property('UID', escapeText(event.uid)),
    property('DTSTAMP', stamp),
    property('DTSTART', formatUtc(event.start)),
    property('DTEND', formatUtc(end)),
    property('SUMMARY', escapeText(event.summary)),
  ];
  if (event.description) lines.push(property('DESCRIPTION', escapeText(event.description)));
  // URL is of type URI, not TEXT: it is not escaped, and the caller builds it from safe parts.
  if (event.url) lines.push(property('URL', event.url));
  if (event.categories?.length) lines.push(property('CATEGORIES', event.categories.map(escapeText).join(',')));
  if (event.lastModified) lines.push(property('LAST-MODIFIED', formatUtc(event.lastModified)));
  lines.push('END:VEVENT');
  return lines;
}

export function writeCalendar(calendar: IcsCalendar): string {
  const stamp = formatUtc(calendar.now ?? new Date());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    property('PRODID', calendar.productId),
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    property('X-WR-CALNAME', escapeText(calendar.name)),
    property('NAME', escapeText(calendar.name)),
    `REFRESH-INTERVAL;VALUE=DURATION:${calendar.refreshInterval}`,
    `X-PUBLISHED-TTL:${calendar.refreshInterval}`,
    ...calendar.events.flatMap((event) => eventLines(event, stamp)),
    'END:VCALENDAR',
  ];
  return lines.join(CRLF) + CRLF;
}
