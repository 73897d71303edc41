import { randomBytes } from 'node:crypto';
import { OutboundError, type GuardedResponse } from '../core/http/guarded-fetch';
import { reason } from '../../shared/accounts/reasons';
import type { AdapterContext, ConnectionCheck, Secrets, TokenRenewal } from './types';
import { authFailure, classify, retryable, type NetworkError } from './errors';

/** One request through the guarded fetcher; transport failures come out already classified. */
export async function call(
  ctx: Pick<AdapterContext, 'fetch'>,
  url: string,
  init: Parameters<AdapterContext['fetch']>[1] = {}
): Promise<GuardedResponse & { data: unknown }> {
  try {
    const res = await ctx.fetch(url, init);
    return Object.assign(res, { data: safeJson(res.text()) });
  } catch (err) {
    throw classify(err);
  }
}

/** Contexts (one attempt, one pass of the inbox or the reports) whose token was renewed once already. */
const renewed = new WeakSet<object>();

/** Whether this context's token was renewed once already: a token refused again is not renewed twice. */
export const renewedOnce = (ctx: object) => renewed.has(ctx);

/**
 * What to do after the network refused the access token and the OAuth core's
 * refresh answered (`message`: the network's refusal): send the call again,
 * once, with the new token; an auth failure (the grant is revoked: a new
 * sign-in, not a retry, mends it — the core has marked the account); or try
 * again after the backoff (the token endpoint could not be asked now).
 */
export function afterRefusal(renewal: TokenRenewal, message: string, network: string): { retryWith: Secrets } | NetworkError {
  switch (renewal.kind) {
    case 'renewed':
      return { retryWith: renewal.secrets };
    case 'refused':
      return authFailure('token_revoked', `${message}; ${network} refused to renew the sign-in: ${renewal.message}`);
    case 'later':
      return retryable('token_expired', `${message}; ${renewal.message}`);
  }
}

/**
 * One call with the account's bearer token, renewed once on a 401 (`send`
 * reads `ctx.secrets` each time). Where the context can renew (`renewToken`:
 * publishing, the inbox, the reports) and the account holds a refresh token,
 * a 401 renews the token once through the OAuth core's claimed refresh (one
 * instance spends the refresh token, the others read what it stored) and
 * sends the call again, once. Only for networks whose 401 means the request
 * was not authenticated, so nothing was made and the second send cannot
 * duplicate (X, LinkedIn: their docs/networks pages). A second 401 on the
 * same context is the adapter's `failure` to judge (`renewedOnce`): an auth
 * failure, never a second refresh — no loop.
 */
export async function renewingOn401<R extends { status: number; data: unknown }>(
  ctx: AdapterContext,
  refusal: { network: string; what: string; words(data: unknown): string | null },
  send: () => Promise<R>
): Promise<R> {
  const res = await send();
  if (res.status !== 401 || !ctx.renewToken || !ctx.secrets.refreshToken || renewed.has(ctx)) return res;
  renewed.add(ctx);
  const message = `${refusal.what}: ${refusal.words(res.data) ?? `${refusal.network} answered 401`}`;
  let renewal: TokenRenewal;
  try {
    renewal = await ctx.renewToken(ctx.secrets.accessToken ?? '');
  } catch (err) {
    // Our database, not the network: nothing was made (401), so trying again later is safe.
    throw retryable(
      'token_expired',
      `${message}; the token could not be renewed (${err instanceof Error ? err.message.slice(0, 200) : 'error'})`
    );
  }
  const next = afterRefusal(renewal, message, refusal.network);
  if (!('retryWith' in next)) throw next;
  ctx.secrets = next.retryWith;
  return send();
}

/** multipart/form-data by hand: the guarded fetcher sends a Buffer, and the parts are few. */
export function multipart(
  fields: Array<{ name: string; value: string } | { name: string; filename: string; mime: string; bytes: Buffer }>
) {
  const boundary = `----cm${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const field of fields) {
    const head =
      'bytes' in field
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${field.name}"; filename="${field.filename.replace(/"/g, '')}"\r\nContent-Type: ${field.mime}\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${field.name}"\r\n\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), 'bytes' in field ? field.bytes : Buffer.from(field.value, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * When (wall-clock ms) an adapter stops waiting for the network to process an
 * uploaded file: its own bound (`ownMs`), shortened to the attempt's
 * `processingBudgetMs` where the publishing lease is shorter.
 */
export const processingDeadline = (ctx: Pick<AdapterContext, 'processingBudgetMs'>, ownMs: number) =>
  Date.now() + Math.min(ownMs, ctx.processingBudgetMs ?? ownMs);

/** The trimmed origin-and-path of a server address, without trailing slashes. */
export const baseUrl = (value: string) => value.replace(/\/+$/, '');

/** The reason a connection check could not reach the network, in the user's terms. */
export function unreachable(err: unknown, url: string): ConnectionCheck {
  if (err instanceof OutboundError) {
    let host = url;
    try {
      host = new URL(url).host;
    } catch {
      // an invalid URL is reported as typed
    }
    return { status: 'error', reason: reason(`unreachable_${err.code}`, { host }) };
  }
  if (err instanceof SyntaxError) return { status: 'error', reason: reason('not_json') };
  throw err;
}

/** The network's own words from an error body, cut short. */
export function errorMessage(body: unknown): string | null {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    for (const key of ['error_description', 'message', 'error']) {
      if (typeof record[key] === 'string') return (record[key] as string).slice(0, 300);
    }
  }
  return null;
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
