import { OutboundError, type OutboundErrorCode } from '../core/http/guarded-fetch';
import { messageText, type MessageParams, type ServerMessageCode } from '../../shared/core/messages';
import type { SourceFailure } from '../../shared/watch/contract';

/**
 * Why a fetch of a feed failed, as the admin shows it: a stable failure code
 * (`http_error`, `timeout`, … for API clients and the backoff), the English
 * text (logs, API clients) and the catalogued message with its facts, which
 * the admin translates (shared/core/messages.ts, "Watch sources").
 *
 * A source keeps its last failure in two text columns (`lastErrorCode`,
 * `lastError`), so the facts are read back from the stored text by the
 * template that wrote it (`readSourceFailure`): no schema change, and a row
 * stored before the codes existed still shows its English as it is.
 */

/** The operator's switch for intranet hosts (server/core/config.ts, docs/watch.md); named in every refusal. */
export const ALLOW_SETTING = 'CM_OUTBOUND_ALLOWED_HOSTS';

/** An error of the watch that already says its catalogued message (feed parser, XML guard, HTTP status). */
export class WatchError extends Error {
  constructor(
    readonly code: string,
    readonly messageId: ServerMessageCode,
    readonly params: MessageParams = {}
  ) {
    super(messageText(messageId, params));
    this.name = 'WatchError';
  }
}

/**
 * The guarded fetcher's refusals (server/core/http/guarded-fetch.ts), each with
 * what its English names: the patterns read the facts it carries (the host of
 * the hop that failed, which a redirect may have changed), the requested
 * address gives the host where its English names none.
 */
const OUTBOUND: Record<OutboundErrorCode, { messageId: ServerMessageCode; read?: RegExp }> = {
  dns_failed: { messageId: 'feed_dns_failed', read: /^The host name (?<host>\S+) could not be resolved/ },
  blocked_address: { messageId: 'feed_blocked_address', read: /^(?<host>\S+) resolves to a private or reserved address/ },
  connect_failed: { messageId: 'feed_connect_failed', read: /^Could not connect to (?<host>\S+) \((?<reason>.*)\)$/ },
  timeout: { messageId: 'feed_timeout', read: /^(?:The request to |No answer from )?(?<host>\S+) (?:was abandoned|within|took longer)/ },
  reset: { messageId: 'feed_reset', read: /^The connection to (?<host>\S+) was interrupted/ },
  too_large: { messageId: 'feed_too_large', read: /larger than (?<max>\d+) bytes/ },
  too_many_redirects: { messageId: 'feed_too_many_redirects', read: /^More than (?<max>\d+) redirects/ },
  cross_origin_redirect: { messageId: 'feed_cross_origin_redirect', read: /redirect to (?<origin>\S+): it would/ },
  invalid_url: { messageId: 'feed_invalid_url' },
  blocked_scheme: { messageId: 'feed_blocked_scheme', read: /, not (?<scheme>\S+)$/ },
};

/** The catalogued messages a stored failure code may have been written with, for reading it back. */
const WRITTEN_AS: Record<string, ServerMessageCode[]> = {
  ...Object.fromEntries(Object.entries(OUTBOUND).map(([code, { messageId }]) => [code, [messageId]])),
  http_error: ['feed_http_error'],
  not_modified: ['feed_not_modified'],
  parse_failed: ['feed_not_a_feed', 'feed_invalid_json', 'feed_not_json_feed'],
  unsafe_xml: ['feed_dtd', 'feed_entities'],
  unexpected: ['feed_unreadable'],
};

const NUMBER = /^\d+$/;

/** The host as the fetcher checks it: an IPv6 literal without its brackets. */
export const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return url;
  }
};

const placeholders = (code: ServerMessageCode) => [...messageText(code).matchAll(/\{(\w+)\}/g)].map((match) => match[1]);

const coded = (code: string, messageId: ServerMessageCode, params: MessageParams): SourceFailure => ({
  code,
  message: messageText(messageId, params),
  messageId,
  params,
});

function outboundFailure(err: OutboundError, url: string): SourceFailure {
  const { messageId, read } = OUTBOUND[err.code] ?? {};
  if (!messageId) return { code: err.code, message: err.message };
  const found = read?.exec(err.message)?.groups ?? {};
  const facts: MessageParams = { host: hostOf(url), setting: ALLOW_SETTING };
  for (const [key, value] of Object.entries(found)) if (value !== undefined) facts[key] = NUMBER.test(value) ? Number(value) : value;
  const names = placeholders(messageId);
  // A fact the English did not give (a newer wording of the fetcher): its own English, uncoded, rather than a hole.
  if (names.some((name) => !(name in facts))) return { code: err.code, message: err.message };
  return coded(err.code, messageId, Object.fromEntries(names.map((name) => [name, facts[name]])));
}

/** A stable code, its English and its catalogued message for whatever went wrong while fetching `url`. */
export function sourceFailure(err: unknown, url: string): SourceFailure {
  if (err instanceof WatchError) return coded(err.code, err.messageId, err.params);
  if (err instanceof OutboundError) return outboundFailure(err, url);
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[a-z_]+$/.test(code)) return { code, message: (err as Error).message.slice(0, 500) };
  return coded('unexpected', 'feed_unreadable', {});
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A template as an anchored pattern: one group per parameter, a repeated one must repeat its text; linear. */
function patternOf(code: ServerMessageCode): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const parts = messageText(code).split(/\{(\w+)\}/);
  const source = parts
    .map((part, i) => {
      if (i % 2 === 0) return escape(part);
      const seen = names.indexOf(part);
      if (seen >= 0) return `\\${seen + 1}`;
      names.push(part);
      return i === parts.length - 2 ? '([\\s\\S]*)' : '([\\s\\S]*?)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`), names };
}

const PATTERNS = new Map([...new Set(Object.values(WRITTEN_AS).flat())].map((messageId) => [messageId, patternOf(messageId)] as const));

/**
 * A source's stored failure as the admin receives it: with its catalogued
 * message and facts when the text is one the watch writes, else its English
 * alone (a row from before the codes, or a failure the watch does not word).
 */
export function readSourceFailure(code: string, text: string): SourceFailure {
  for (const messageId of WRITTEN_AS[code] ?? []) {
    const { pattern, names } = PATTERNS.get(messageId)!;
    const match = pattern.exec(text);
    if (!match) continue;
    const params: MessageParams = {};
    names.forEach((name, i) => (params[name] = NUMBER.test(match[i + 1]) ? Number(match[i + 1]) : match[i + 1]));
    return { code, message: text, messageId, params };
  }
  return { code, message: text };
}
