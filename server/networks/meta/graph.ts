import { z } from 'zod';
import type { AdapterContext, NetworkFetch } from '../types';
import { authFailure, fromStatus, permanent, retryable, unknownOutcome, retryAfterFrom, type NetworkError } from '../errors';
import { baseUrl, call } from '../http';
import { lazySchema } from '../../../shared/core/lazy-schema';
import { API_VERSION } from '../../../shared/oauth/options';

/**
 * Meta's Graph API family, written once for Facebook pages, Instagram
 * (through the page it is linked to) and Threads: the versioned paths, the
 * bearer header, the error envelope `{error: {message, type, code,
 * error_subcode, fbtrace_id}}` as one of the four error kinds, and the usage
 * headers (`X-App-Usage`, `X-Business-Use-Case-Usage`) read for when to call
 * again. Nothing here names one network's particulars but in the tables below.
 */

/** Facebook's and Instagram's Graph API. */
export const FACEBOOK_GRAPH = 'https://graph.facebook.com';
export const FACEBOOK_DIALOG = 'https://www.facebook.com';
/**
 * The Graph API version sent when none is configured (`graphVersion` option).
 * Meta serves each version about two years; an expired one is answered with
 * the oldest still served, so a stale default degrades rather than breaks.
 */
export const DEFAULT_GRAPH_VERSION = 'v24.0';
/** Threads has its own host and version. */
export const THREADS_GRAPH = 'https://graph.threads.net';
export const THREADS_AUTHORIZE = 'https://threads.net/oauth/authorize';
export const THREADS_VERSION = 'v1.0';
/**
 * Instagram Login (Instagram API with Instagram Login): its own consent page,
 * code exchange and Graph host, with the Graph API's versions and paths.
 */
export const INSTAGRAM_GRAPH = 'https://graph.instagram.com';
export const INSTAGRAM_AUTHORIZE = 'https://www.instagram.com/oauth/authorize';
export const INSTAGRAM_TOKEN = 'https://api.instagram.com/oauth/access_token';

/** The `graphVersion` option (Settings or CM_OAUTH_<NETWORK>_GRAPH_VERSION) by the rule Settings saves it with; else the default. */
export const versionOr = (value: string | undefined) => (value && API_VERSION.test(value.trim()) ? value.trim() : DEFAULT_GRAPH_VERSION);

/**
 * Where an account talks to: the API base stored on it at sign-in (a test
 * points it at a local server) with the version in its settings.
 */
export function graphBase(ctx: Pick<AdapterContext, 'account'>, fallbackBase: string, fallbackVersion: string) {
  const version = typeof ctx.account.settings.graphVersion === 'string' ? ctx.account.settings.graphVersion : fallbackVersion;
  return `${baseUrl(ctx.account.instanceUrl || fallbackBase)}/${version}`;
}

export const bearer = (token: string | undefined) => ({ authorization: `Bearer ${token ?? ''}`, accept: 'application/json' });

const envelope = lazySchema(() =>
  z.object({
    error: z
      .object({
        message: z.string().max(2000).optional(),
        type: z.string().max(200).optional(),
        code: z.coerce.number().optional(),
        error_subcode: z.coerce.number().optional(),
        error_user_msg: z.string().max(2000).optional(),
        is_transient: z.boolean().optional(),
        fbtrace_id: z.string().max(200).optional(),
      })
      .passthrough(),
  })
);
export type GraphError = z.infer<typeof envelope>['error'];

export const graphError = (body: unknown): GraphError | null => envelope.safeParse(body).data?.error ?? null;

type Headers = Record<string, string | string[] | undefined>;
const header = (headers: Headers, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Graph's throttling codes: application, user, page and custom-rate limits, Instagram's and Threads' own. */
const THROTTLED = new Set([4, 17, 32, 613]);
const isThrottled = (code: number) => THROTTLED.has(code) || (code >= 80001 && code <= 80014);

/**
 * The action was blocked, and Instagram answers it when the media was in fact
 * published: the outcome is unknown, never a reason to send again (Postiz
 * #1681 and #832 reposted from retrying it).
 */
export const ACTION_BLOCKED_SUBCODE = 2207051;
/** `media_publish` / `threads_publish` of a container published already (code 9007): the post exists, made by an earlier call. */
export const ALREADY_PUBLISHED_SUBCODE = 2207006;
/** Instagram's "the account has reached its daily publishing limit". */
const DAILY_LIMIT_SUBCODE = 2207042;

/**
 * When Meta takes calls again, from its usage headers: the business use case
 * header's `estimated_time_to_regain_access` (minutes), else Retry-After,
 * else an hour for a throttled answer that says nothing (Meta's windows are an hour).
 */
export function regainAt(headers: Headers, now: number): number | null {
  const buc = header(headers, 'x-business-use-case-usage');
  if (buc) {
    try {
      const usage = JSON.parse(buc) as Record<string, Array<{ estimated_time_to_regain_access?: number }>>;
      const minutes = Math.max(
        0,
        ...Object.values(usage).flatMap((list) => list.map((u) => Number(u.estimated_time_to_regain_access) || 0))
      );
      if (minutes > 0) return now + minutes * 60_000;
    } catch {
      // a header Meta did not write as documented: judged by the others
    }
  }
  return retryAfterFrom(headers, now);
}

/** The highest share (percent) of the app's or the business's hourly budget the last answer reported spent. */
export function usagePercent(headers: Headers): number {
  const values: number[] = [];
  const read = (raw: string | undefined) => {
    if (!raw) return;
    try {
      const parsed = JSON.parse(raw) as unknown;
      const walk = (v: unknown) => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') {
          for (const [key, inner] of Object.entries(v)) {
            if (['call_count', 'total_time', 'total_cputime'].includes(key) && typeof inner === 'number') values.push(inner);
            else walk(inner);
          }
        }
      };
      walk(parsed);
    } catch {
      // ignored: not as documented
    }
  };
  read(header(headers, 'x-app-usage'));
  read(header(headers, 'x-business-use-case-usage'));
  return values.length ? Math.max(...values) : 0;
}

export interface GraphAnswer {
  status: number;
  headers: Headers;
  data: unknown;
}

/**
 * What an error answer means, once for the three networks:
 *
 * - 190 (and 102): the token is expired, revoked, or the password changed
 *   (`error_subcode` 458–467) → `auth`: the account needs a new sign-in and its posts are held;
 * - 10 and 200–299: a permission is missing → `auth` with `meta_permission_missing`;
 * - 4 with subcode 2207051 ("action blocked"): Instagram may have published → `unknown`;
 * - 4, 17, 32, 613, 80001–80014: throttled → `retryable`, after the usage headers' time;
 * - 2207042 or a Threads quota: the day's publishing quota → `retryable` an hour later;
 * - 506 (duplicate post): the post may be there already → `unknown`;
 * - `is_transient`, 1 and 2 (service errors): `retryable` for a read, `unknown` for a write;
 * - any other Graph error → `permanent`, with Meta's own words.
 */
export function failure(res: GraphAnswer, now: number, what: string, opts: { write?: boolean } = {}): NetworkError {
  const error = graphError(res.data);
  const words = error?.error_user_msg || error?.message || `Meta answered ${res.status}`;
  const trace = error?.fbtrace_id ? ` (fbtrace_id ${error.fbtrace_id})` : '';
  const message = `${what}: ${words.slice(0, 300)}${trace}`;
  if (!error || error.code === undefined) {
    return fromStatus(res.status, message, regainAt(res.headers, now));
  }
  const { code, error_subcode: sub } = error;
  if (code === 190 || code === 102) return authFailure('meta_token_revoked', message);
  if (code === 10 || (code >= 200 && code <= 299)) return authFailure('meta_permission_missing', message);
  if (sub === ACTION_BLOCKED_SUBCODE) return unknownOutcome('meta_action_blocked', message);
  if (sub === DAILY_LIMIT_SUBCODE) return retryable('meta_publishing_limit', message, now + 3600_000);
  if (isThrottled(code)) return retryable('rate_limited', message, regainAt(res.headers, now) ?? now + 3600_000);
  if (code === 506) return unknownOutcome('duplicate_content', message);
  if (error.is_transient || code === 1 || code === 2 || res.status >= 500) {
    return opts.write ? unknownOutcome('meta_server_error', message) : retryable('meta_server_error', message, regainAt(res.headers, now));
  }
  if (code === 368) return permanent('meta_blocked', message);
  return permanent(code === 100 ? 'network_rejected' : `meta_error_${code}`, message);
}

/** A GET with the bearer token; the answer's JSON as `data`. */
export const graphGet = (ctx: { fetch: NetworkFetch }, url: string, token: string | undefined, purpose?: 'accountCheck' | 'publish') =>
  call(ctx, url, { headers: bearer(token), ...(purpose ? { purpose } : {}), maxRedirects: 0 });

/** A form POST (Graph takes its parameters form-encoded) with the bearer token. */
export const graphPost = (
  ctx: { fetch: NetworkFetch },
  url: string,
  token: string | undefined,
  params: Record<string, string>,
  purpose: 'publish' | 'media' = 'publish'
) =>
  call(ctx, url, {
    method: 'POST',
    purpose,
    headers: { ...bearer(token), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
    maxRedirects: 0,
  });

/** The id Graph answers a creation with (`{id}` or `{post_id}`), or null. */
export function createdId(data: unknown): string | null {
  const parsed = z.object({ id: z.string().max(200).optional(), post_id: z.string().max(200).optional() }).safeParse(data);
  const id = parsed.data?.post_id ?? parsed.data?.id;
  return id && /^[\w.:-]+$/.test(id) ? id : null;
}

/** Text as a network hands it back, comparable with what was sent. */
export const comparable = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
