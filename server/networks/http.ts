import { randomBytes } from 'node:crypto';
import { OutboundError, type GuardedResponse } from '../core/http/guarded-fetch';
import { reason } from '../../shared/accounts/reasons';
import type { AdapterContext, ConnectionCheck } from './types';
import { classify } from './errors';

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
