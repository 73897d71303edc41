import { escapeText, foldLine, formatUtc, writeCalendar } from '../../server/calendar/ics';

const octets = (text: string) => Buffer.byteLength(text, 'utf8');

describe('iCalendar TEXT escaping', () => {
  it('escapes backslash, semicolon and comma, and writes newlines as \\n', () => {
    expect(escapeText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
    expect(escapeText('one\ntwo\r\nthree\rfour')).toBe('one\\ntwo\\nthree\\nfour');
  });

  it('escapes the backslash first, so an escaped comma is not escaped twice', () => {
    expect(escapeText('\\,')).toBe('\\\\\\,');
  });
});

describe('line folding at 75 octets', () => {
  it('leaves a short line alone', () => {
    expect(foldLine('SUMMARY:Hello')).toBe('SUMMARY:Hello');
  });

  it('folds ASCII into 75-octet lines, continuations starting with a space', () => {
    const line = `DESCRIPTION:${'x'.repeat(200)}`;
    const parts = foldLine(line).split('\r\n');
    // 212 octets: 75 on the first line, then 74 + the leading space, then the 63 left + the space.
    expect(parts.map(octets)).toEqual([75, 75, 64]);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
  });

  it('never splits a multibyte character, and every line stays within 75 octets', () => {
    const line = `SUMMARY:${'é'.repeat(50)}${'😀'.repeat(30)}日本語${'a'.repeat(7)}`;
    const parts = foldLine(line).split('\r\n');
    for (const part of parts) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      // A split character would show as a replacement character once decoded.
      expect(Buffer.from(part, 'utf8').toString('utf8')).not.toContain('\uFFFD');
    }
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
    // 'SUMMARY:' (8) + 33 é (66) = 74: a 34th é (2 octets) would overflow the first line.
    expect(parts[0]).toBe(`SUMMARY:${'é'.repeat(33)}`);
  });
});

describe('a calendar', () => {
  const text = writeCalendar({
    productId: '-//test//EN',
    name: 'Posts, planned',
    refreshInterval: 'PT1H',
    now: new Date('2026-11-24T10:00:00Z'),
    events: [
      {
        uid: 'post-plan-abc@cm',
        start: new Date('2026-12-01T08:30:00Z'),
        summary: '[Scheduled] Launch; day',
        description: 'Hello,\nworld',
        url: 'https://cms.example.com/admin/plugins/community-manager/posts/abc',
        categories: ['Product', 'Q4, launch'],
      },
    ],
  });

  it('is CRLF-terminated lines between BEGIN and END:VCALENDAR', () => {
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes the event with UTC times, a stamp, escaped texts and a default 30-minute length', () => {
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain(
      [
        'BEGIN:VEVENT',
        'UID:post-plan-abc@cm',
        'DTSTAMP:20261124T100000Z',
        'DTSTART:20261201T083000Z',
        'DTEND:20261201T090000Z',
        'SUMMARY:[Scheduled] Launch\\; day',
        'DESCRIPTION:Hello\\,\\nworld',
        'URL:https://cms.example.com/admin/plugins/community-manager/posts/abc',
        'CATEGORIES:Product,Q4\\, launch',
        'END:VEVENT',
      ].join('\r\n')
    );
    expect(unfolded).toContain('X-WR-CALNAME:Posts\\, planned');
    expect(unfolded).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
  });

  it('formats instants as UTC DATE-TIME', () => {
    expect(formatUtc(new Date('2027-03-28T01:05:09.123Z'))).toBe('20270328T010509Z');
  });
});

describe('control characters (issue 13, item 12)', () => {
  // Every C0 control but HTAB, LF and CR, and DEL: RFC 5545 §3.1 forbids them in any value.
  const forbidden = [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).filter((c) => !'\t\n\r'.includes(c)), '\u007f'];

  it('drops every control RFC 5545 forbids from TEXT, keeps HTAB and escapes the line breaks', () => {
    expect(escapeText(`a${forbidden.join('')}b\tc\nd`)).toBe('ab\tc\\nd');
    expect(escapeText('nul\u0000, vt\u000b; ff\u000c')).toBe('nul\\, vt\\; ff');
  });

  it('writes no forbidden control anywhere in the file, whatever the event holds', () => {
    const dirty = `x${forbidden.join('')}y`;
    const text = writeCalendar({
      productId: `-//test${dirty}//EN`,
      name: dirty,
      refreshInterval: 'PT1H',
      now: new Date('2026-11-24T10:00:00Z'),
      events: [
        {
          uid: `uid${dirty}@cm`,
          start: new Date('2026-12-01T08:30:00Z'),
          summary: dirty,
          description: `${dirty}\n${dirty}`,
          url: `https://cms.example.com/${dirty}`,
          categories: [dirty],
        },
      ],
    });
    const withoutLineEnds = text.replace(/\r\n/g, '');
    for (const c of forbidden) expect(withoutLineEnds.includes(c)).toBe(false);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('\r\nSUMMARY:xy\r\n');
    expect(unfolded).toContain('\r\nDESCRIPTION:xy\\nxy\r\n');
    expect(unfolded).toContain('\r\nURL:https://cms.example.com/xy\r\n');
    expect(unfolded).toContain('\r\nPRODID:-//testxy//EN\r\n');
  });

  it('leaves non-ASCII text alone (only the C0 controls and DEL go)', () => {
    expect(escapeText('café \u0085 \u2028 😀')).toBe('café \u0085 \u2028 😀');
  });
});
