import http from 'node:http';
import https from 'node:https';
import { OutboundError, USER_AGENT, parseOutboundUrl, pickAddress, pinnedLookup, type GuardedFetchOptions } from './guarded-fetch';

/**
 * A long-lived response read as it comes (Server-Sent Events): the guarded
 * fetcher's checks (http(s) only, the address resolved once, checked by the
 * policy and pinned for the socket) with the deadlines a stream needs instead
 * of one total deadline for the whole body:
 *
 * - `connectDeadlineMs`: the whole way to the answer's head (DNS, connect,
 *   status line), and for a refusal's body too;
 * - `idleMs`: no byte for this long ends the stream (the server's heartbeats
 *   keep a healthy one alive; a silent half-open socket never holds a source);
 * - `maxLifetimeMs`: the connection is closed after this even when healthy,
 *   and the caller reconnects (and catches up) — no socket lives forever;
 * - `maxLineBytes` is the parser's business; here `maxBytesPerSecond`-style
 *   limits are left out: the idle and lifetime deadlines bound the time, the
 *   parser bounds the memory.
 *
 * No redirect is followed (a stream moving elsewhere is a refusal the caller
 * reports), and the response is asked uncompressed.
 */

export interface StreamRequest {
  headers?: Record<string, string>;
  connectDeadlineMs: number;
  idleMs: number;
  maxLifetimeMs: number;
  /** the caller stops reading (shutdown, a lost lease): the socket is destroyed at once */
  signal?: AbortSignal;
}

/** The server answered, but not with a stream (its status, headers and at most 64 KB of its body). */
export class StreamRefused extends Error {
  constructor(
    readonly status: number,
    readonly headers: http.IncomingHttpHeaders,
    readonly body: string
  ) {
    super(`The stream was refused with ${status}`);
    this.name = 'StreamRefused';
  }
}

export interface StreamHandlers {
  /** the head arrived with a 2xx: the stream is open */
  onOpen?(head: { status: number; headers: http.IncomingHttpHeaders }): void;
  /** text as it arrives (UTF-8, never split inside a character) */
  onText(text: string): void;
}

/** How a stream that was open ended: the server closed it, its lifetime ran out, or the caller stopped. */
export type StreamEnd = 'closed' | 'lifetime' | 'aborted';

const REFUSAL_MAX_BYTES = 64 * 1024;

export async function guardedStream(
  rawUrl: string,
  req: StreamRequest,
  options: Pick<GuardedFetchOptions, 'policy' | 'resolver' | 'userAgent'>,
  handlers: StreamHandlers
): Promise<StreamEnd> {
  const url = parseOutboundUrl(rawUrl);
  if (req.signal?.aborted) return 'aborted';
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const connectTimer = new AbortController();
  const connectDeadline = setTimeout(() => connectTimer.abort(), req.connectDeadlineMs);
  let pinned: { address: string; family: number };
  try {
    pinned = await Promise.race([
      pickAddress(hostname, options),
      new Promise<never>((_, reject) =>
        connectTimer.signal.addEventListener('abort', () =>
          reject(new OutboundError('timeout', `${url.host} did not resolve within ${req.connectDeadlineMs} ms`))
        )
      ),
    ]);
  } catch (err) {
    clearTimeout(connectDeadline);
    throw err;
  }

  return new Promise<StreamEnd>((resolve, reject) => {
    let settled = false;
    let open = false;
    let idle: NodeJS.Timeout | null = null;
    let lifetime: NodeJS.Timeout | null = null;
    let response: http.IncomingMessage | null = null;
    const transport = url.protocol === 'https:' ? https : http;

    const finish = (outcome: { end: StreamEnd } | { error: unknown }) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectDeadline);
      if (idle) clearTimeout(idle);
      if (lifetime) clearTimeout(lifetime);
      req.signal?.removeEventListener('abort', onAbort);
      request.destroy();
      response?.destroy();
      if ('end' in outcome) resolve(outcome.end);
      else reject(outcome.error);
    };
    const onAbort = () => finish({ end: 'aborted' });
    const touch = () => {
      if (idle) clearTimeout(idle);
      idle = setTimeout(
        () => finish({ error: new OutboundError('timeout', `${url.host} sent nothing for ${req.idleMs} ms`, true) }),
        req.idleMs
      );
    };

    const request = transport.request(
      url,
      {
        method: 'GET',
        headers: {
          'user-agent': options.userAgent ?? USER_AGENT,
          accept: 'text/event-stream',
          'accept-encoding': 'identity',
          'cache-control': 'no-cache',
          ...req.headers,
        },
        lookup: pinnedLookup(pinned),
        agent: false,
      },
      (res) => {
        response = res;
        res.setEncoding('utf8');
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          let body = '';
          res.on('data', (chunk: string) => {
            if (body.length < REFUSAL_MAX_BYTES) body += chunk.slice(0, REFUSAL_MAX_BYTES - body.length);
            else res.destroy();
          });
          const refuse = () => finish({ error: new StreamRefused(status, res.headers, body) });
          res.on('end', refuse);
          res.on('close', refuse);
          res.on('error', refuse);
          return;
        }
        open = true;
        clearTimeout(connectDeadline);
        lifetime = setTimeout(() => finish({ end: 'lifetime' }), req.maxLifetimeMs);
        touch();
        try {
          handlers.onOpen?.({ status, headers: res.headers });
        } catch (err) {
          return finish({ error: err });
        }
        res.on('data', (chunk: string) => {
          touch();
          try {
            handlers.onText(chunk);
          } catch (err) {
            finish({ error: err });
          }
        });
        res.on('end', () => finish({ end: 'closed' }));
        res.on('close', () => finish({ end: 'closed' }));
        res.on('error', () => finish({ error: new OutboundError('reset', `The stream from ${url.host} was interrupted`, true) }));
      }
    );
    connectTimer.signal.addEventListener('abort', () => {
      if (!open) finish({ error: new OutboundError('timeout', `${url.host} did not open the stream within ${req.connectDeadlineMs} ms`) });
    });
    if (req.signal?.aborted) return onAbort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (err) => {
      if (settled) return;
      const code = (err as NodeJS.ErrnoException).code;
      finish({
        error: open
          ? new OutboundError('reset', `The stream from ${url.host} was interrupted (${code ?? err.message})`, true)
          : new OutboundError('connect_failed', `Could not connect to ${url.host} (${code ?? err.message})`),
      });
    });
    request.end();
  });
}
