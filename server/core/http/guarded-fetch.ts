import http from 'node:http';
import https from 'node:https';
import dns from 'node:dns';
import zlib from 'node:zlib';
import net, { type LookupFunction } from 'node:net';
import { pipeline } from 'node:stream';
import { isAllowedAddress, type AddressPolicy } from './address-policy';
import type { OutboundErrorCode } from '../../../shared/core/outbound';
export type { OutboundErrorCode };

/**
 * The one way the plugin reaches a URL a user typed (Mastodon instances,
 * webhooks, Bluesky PDS, later feeds and link cards).
 *
 * - http and https only;
 * - the host is resolved once per hop and the connection is pinned to the
 *   checked address (the check runs inside the socket's own lookup, so a DNS
 *   answer that changes between check and connect cannot slip through);
 * - redirects are followed by hand, at most `maxRedirects`, each hop checked;
 * - the body is capped after decompression;
 * - every request has a TOTAL deadline (DNS, connect, every hop and the whole
 *   body), chosen by its purpose: an idle timeout alone restarts with every
 *   byte, so a server dripping one byte a second would hold the request, its
 *   socket and the caller's slot forever. When the deadline passes or the
 *   caller's `signal` aborts, the request is destroyed with its socket.
 */
export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    /** true when the request may have reached the server (unknown outcome) */
    readonly requestSent = false
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

/** What a request is for; each purpose has its own total deadline (docs/publishing.md, "Deadlines"). */
export type OutboundPurpose = 'feed' | 'linkPreview' | 'accountCheck' | 'publish' | 'webhook' | 'media';

export type OutboundDeadlines = Record<OutboundPurpose, number>;

/**
 * Total deadlines by purpose, in ms. A person waits for a link preview; an
 * account check runs while someone saves the account; a publish or a webhook
 * holds one of the scheduler's slots; a media file may be large.
 */
export const DEFAULT_DEADLINES: OutboundDeadlines = {
  feed: 30_000,
  linkPreview: 8_000,
  accountCheck: 15_000,
  publish: 30_000,
  webhook: 15_000,
  media: 60_000,
};

export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export interface GuardedRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** idle timeout: no byte for this long ends the request (restarts with every byte, so never alone) */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** picks the total deadline from `GuardedFetchOptions.deadlines` (or the defaults) */
  purpose?: OutboundPurpose;
  /** total time budget for the whole fetch, overriding the purpose's */
  deadlineMs?: number;
  /** the caller gave up (its own client left, say): the request and its socket are destroyed */
  signal?: AbortSignal;
}

export interface GuardedResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  url: string;
  text(): string;
  json<T = unknown>(): T;
}

export interface GuardedFetchOptions {
  policy: AddressPolicy;
  resolver?: Resolver;
  userAgent?: string;
  /**
   * Reuse connections between requests (feeds polled in bulk). Sockets are
   * pooled per *checked* address: a request only ever gets a socket that was
   * opened to the address its own resolution picked and the policy allowed,
   * so reuse never skips a check. Off by default: one socket per hop.
   */
  keepAlive?: boolean;
  /** the configured deadlines by purpose (plugin config `outbound.deadlines`) */
  deadlines?: Partial<OutboundDeadlines>;
}

const defaultResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

export const USER_AGENT = 'strapi-plugin-community-manager (+https://github.com/strapi-community-manager)';

/**
 * Resolves the host once and picks an allowed address. IP literals are judged
 * here too: Node never calls a socket's `lookup` for them, so a check placed
 * only in `lookup` would let `http://10.0.0.1/` straight through.
 */
export async function pickAddress(
  hostname: string,
  options: Pick<GuardedFetchOptions, 'policy' | 'resolver'>
): Promise<{ address: string; family: number }> {
  const family = net.isIP(hostname);
  let addresses: Array<{ address: string; family: number }>;
  if (family) {
    addresses = [{ address: hostname, family }];
  } else {
    try {
      addresses = await (options.resolver ?? defaultResolver)(hostname);
    } catch {
      throw new OutboundError('dns_failed', `The host name ${hostname} could not be resolved`);
    }
  }
  const allowed = addresses.find((a) => isAllowedAddress(hostname, a.address, options.policy));
  if (!allowed) {
    throw new OutboundError('blocked_address', `${hostname} resolves to a private or reserved address, which is not allowed`);
  }
  return allowed;
}

/**
 * Keep-alive agents keyed by scheme, host name, port AND the pinned address:
 * a pooled socket is reused only by a request that resolved and checked that
 * very address. Bounded so a long list of hosts cannot hold sockets forever.
 */
const MAX_AGENTS = 256;
const agents = new Map<string, http.Agent>();

function pooledAgent(url: URL, pinned: { address: string; family: number }): http.Agent {
  const key = `${url.protocol}//${url.hostname}:${url.port}@${pinned.address}`;
  let agent = agents.get(key);
  if (agent) {
    // Most recently used last, so the oldest is the one evicted.
    agents.delete(key);
    agents.set(key, agent);
    return agent;
  }
  const Agent = url.protocol === 'https:' ? https.Agent : http.Agent;
  agent = new Agent({
    keepAlive: true,
    maxSockets: 16,
    maxFreeSockets: 8,
    timeout: 30_000,
    lookup: pinnedLookup(pinned),
  } as http.AgentOptions);
  agents.set(key, agent);
  if (agents.size > MAX_AGENTS) {
    const [oldestKey, oldest] = agents.entries().next().value as [string, http.Agent];
    agents.delete(oldestKey);
    oldest.destroy();
  }
  return agent;
}

/** Closes every pooled connection (plugin shutdown, tests). */
export function closePooledConnections(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

/** The socket connects to the address already checked, never to a second DNS answer. */
export function pinnedLookup(pinned: { address: string; family: number }): LookupFunction {
  return (_host, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [pinned]);
    } else {
      callback(null, pinned.address, pinned.family);
    }
  };
}

/** Settles with `work`, or rejects with the signal's reason as soon as it aborts (a DNS answer that never comes, say). */
function raceSignal<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function hop(
  url: URL,
  req: GuardedRequest,
  options: GuardedFetchOptions,
  signal: AbortSignal
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const timeoutMs = req.timeoutMs ?? 10_000;
  const maxBytes = req.maxBytes ?? 5 * 1024 * 1024;
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const pinned = await raceSignal(pickAddress(hostname, options), signal);
  return new Promise((resolveHop, rejectHop) => {
    let sent = false;
    let response: http.IncomingMessage | null = null;
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(
      url,
      {
        method: req.method ?? 'GET',
        headers: { 'user-agent': options.userAgent ?? USER_AGENT, 'accept-encoding': 'gzip, deflate, br', ...req.headers },
        lookup: pinnedLookup(pinned),
        // Plain reuse would bypass the per-request lookup: one socket per hop, or a pool per checked address.
        agent: options.keepAlive ? pooledAgent(url, pinned) : false,
        timeout: timeoutMs,
      },
      (res) => {
        response = res;
        const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
        const decoder =
          encoding === 'gzip'
            ? zlib.createGunzip()
            : encoding === 'deflate'
              ? zlib.createInflate()
              : encoding === 'br'
                ? zlib.createBrotliDecompress()
                : null;
        // pipeline, not pipe: a connection dropped mid-body must error the decoder
        // (pipe would leave it waiting for an end that never comes, and the fetch would hang).
        const stream = decoder ? pipeline(res, decoder, () => {}) : res;
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            reject(new OutboundError('too_large', `The response is larger than ${maxBytes} bytes`, true));
            request.destroy();
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        stream.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        stream.on('error', () => reject(new OutboundError('reset', 'The connection was reset while reading the response', true)));
      }
    );
    /**
     * The deadline passed or the caller gave up: the request and its socket are
     * destroyed at once (a socket left to the server's pace is what piled up),
     * and the error says whether the request may have reached the server.
     */
    const onAbort = () => {
      const why =
        signal.reason instanceof OutboundError ? signal.reason : new OutboundError('timeout', `The request to ${url.host} was abandoned`);
      reject(new OutboundError(why.code, why.message, sent));
      request.destroy();
      response?.destroy();
    };
    function resolve(value: { status: number; headers: http.IncomingHttpHeaders; body: Buffer }) {
      signal.removeEventListener('abort', onAbort);
      resolveHop(value);
    }
    function reject(err: unknown) {
      signal.removeEventListener('abort', onAbort);
      rejectHop(err);
    }
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    request.on('socket', (socket) => {
      // A pooled socket is already connected: the request goes out on it at once.
      if (!socket.connecting && !socket.destroyed && socket.remoteAddress) sent = true;
      else socket.on('connect', () => (sent = true));
    });
    request.on('timeout', () => {
      request.destroy(new OutboundError('timeout', `No answer from ${url.host} within ${timeoutMs} ms`, sent));
    });
    request.on('error', (err) => {
      if (err instanceof OutboundError) return reject(err);
      const code = (err as NodeJS.ErrnoException).code;
      if (!sent || code === 'ECONNREFUSED') {
        return reject(new OutboundError('connect_failed', `Could not connect to ${url.host} (${code ?? err.message})`));
      }
      reject(new OutboundError('reset', `The connection to ${url.host} was interrupted (${code ?? err.message})`, true));
    });
    if (req.body !== undefined) request.write(req.body);
    request.end();
  });
}

export function parseOutboundUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError('invalid_url', 'Not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundError('blocked_scheme', `Only http and https URLs are allowed, not ${url.protocol.replace(':', '')}`);
  }
  if (url.username || url.password) throw new OutboundError('invalid_url', 'URLs with embedded credentials are not allowed');
  return url;
}

/** A request that names no purpose still has a total deadline. */
export const FALLBACK_DEADLINE_MS = 30_000;

/** The total deadline a request gets: its own, else its purpose's (configured, else default). */
export function deadlineFor(req: Pick<GuardedRequest, 'purpose' | 'deadlineMs'>, deadlines: Partial<OutboundDeadlines> = {}): number {
  if (req.deadlineMs) return req.deadlineMs;
  return req.purpose ? (deadlines[req.purpose] ?? DEFAULT_DEADLINES[req.purpose]) : FALLBACK_DEADLINE_MS;
}

/**
 * A redirect that keeps the method (307, 308, or 301/302 of anything but a
 * POST) re-sends the body, and a body can carry credentials (Bluesky's
 * createSession sends the app password): never to another origin. Nor is a
 * 307/308 of a request with an Authorization header followed there: the
 * caller meant it for one server, and stripping it would change the request.
 */
function refuseCrossOriginReplay(status: number, replayed: GuardedRequest, next: URL) {
  const authorized = Object.keys(replayed.headers ?? {}).some((k) => k.toLowerCase() === 'authorization');
  if (replayed.body !== undefined || ((status === 307 || status === 308) && authorized)) {
    throw new OutboundError(
      'cross_origin_redirect',
      `Refused a ${status} redirect to ${next.origin}: it would re-send the request's ${replayed.body !== undefined ? 'body' : 'credentials'} to another server`
    );
  }
}

export async function guardedFetch(rawUrl: string, req: GuardedRequest, options: GuardedFetchOptions): Promise<GuardedResponse> {
  let url = parseOutboundUrl(rawUrl);
  const deadlineMs = deadlineFor(req, options.deadlines);
  // One controller for the whole fetch (every hop): the deadline and the caller's own signal both end it.
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new OutboundError('timeout', `${url.host} took longer than the ${deadlineMs} ms allowed`)),
    deadlineMs
  );
  const onCallerAbort = () => controller.abort(new OutboundError('timeout', `The request to ${url.host} was abandoned by its caller`));
  if (req.signal?.aborted) onCallerAbort();
  req.signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    return await follow();
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onCallerAbort);
  }

  async function follow(): Promise<GuardedResponse> {
    let current = req;
    const maxRedirects = req.maxRedirects ?? 5;
    for (let redirects = 0; ; redirects++) {
      const res = await hop(url, current, options, controller.signal);
      const location = res.headers.location;
      if (res.status >= 300 && res.status < 400 && location) {
        if (redirects >= maxRedirects) throw new OutboundError('too_many_redirects', `More than ${maxRedirects} redirects`);
        const next = parseOutboundUrl(new URL(location, url).toString());
        // 303, and 301/302 after a POST, turn into a GET without a body as browsers do.
        const becomesGet = res.status === 303 || ((res.status === 301 || res.status === 302) && current.method === 'POST');
        if (next.origin !== url.origin) refuseCrossOriginReplay(res.status, becomesGet ? { ...current, body: undefined } : current, next);
        // Credentials meant for one origin are never replayed to another.
        if (next.origin !== url.origin && current.headers) {
          const headers = Object.fromEntries(Object.entries(current.headers).filter(([k]) => !/^(authorization|cookie)$/i.test(k)));
          current = { ...current, headers };
        }
        url = next;
        if (becomesGet) current = { ...current, method: 'GET', body: undefined };
        continue;
      }
      const finalUrl = url.toString();
      return {
        ...res,
        url: finalUrl,
        text: () => res.body.toString('utf8'),
        json: <T>() => JSON.parse(res.body.toString('utf8')) as T,
      };
    }
  }
}
