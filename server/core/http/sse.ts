/**
 * Server-Sent Events, parsed as the HTML standard's "event stream
 * interpretation" says (https://html.spec.whatwg.org/multipage/server-sent-events.html):
 * lines end with CRLF, LF or CR (a CR at the end of one chunk and the LF at
 * the start of the next are one line end); a line starting with `:` is a
 * comment (Mastodon's `:thump` heartbeat); `field: value` with one leading
 * space dropped from the value; `data` lines join with `\n`; a blank line
 * dispatches the event, unless it has no data; `event` defaults to
 * `message`; `id` is kept (never with a NUL), `retry` too when it is digits;
 * unknown fields are ignored. A line longer than `maxLineChars` throws (a
 * server sending one endless line would otherwise grow the buffer forever).
 */

export interface SseEvent {
  event: string;
  data: string;
  id: string | null;
}

export interface SseChunk {
  events: SseEvent[];
  /** the comments seen (heartbeats), without their `:` */
  comments: string[];
  /** a `retry:` the server asked for, in ms */
  retryMs: number | null;
}

export class SseLineTooLong extends Error {
  constructor(readonly max: number) {
    super(`The event stream sent a line longer than ${max} characters`);
    this.name = 'SseLineTooLong';
  }
}

export function createSseParser(options: { maxLineChars?: number } = {}) {
  const maxLineChars = options.maxLineChars ?? 1_000_000;
  let buffer = '';
  let skipLf = false;
  let data: string[] = [];
  let event = '';
  let lastId: string | null = null;
  let bom = true;

  function line(text: string, out: SseChunk) {
    if (text === '') {
      if (data.length) out.events.push({ event: event || 'message', data: data.join('\n'), id: lastId });
      data = [];
      event = '';
      return;
    }
    if (text.startsWith(':')) {
      out.comments.push(text.slice(1));
      return;
    }
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id') {
      if (!value.includes('\u0000')) lastId = value;
    } else if (field === 'retry' && /^\d+$/.test(value)) out.retryMs = Number(value);
  }

  return {
    /** Feeds the next piece of text; returns what it completed. */
    push(chunk: string): SseChunk {
      const out: SseChunk = { events: [], comments: [], retryMs: null };
      let text = chunk;
      if (bom && text.length) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        bom = false;
      }
      if (skipLf && text.startsWith('\n')) text = text.slice(1);
      skipLf = false;
      let start = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        line(buffer + text.slice(start, i), out);
        buffer = '';
        if (c === 13) {
          if (i + 1 === text.length) skipLf = true;
          else if (text.charCodeAt(i + 1) === 10) i++;
        }
        start = i + 1;
      }
      buffer += text.slice(start);
      if (buffer.length > maxLineChars) throw new SseLineTooLong(maxLineChars);
      return out;
    },
  };
}
