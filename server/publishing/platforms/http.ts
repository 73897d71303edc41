import { randomBytes } from 'node:crypto';
import type { GuardedResponse } from '../../core/http/guarded-fetch';
import { safeJson } from '../../accounts/connectors/network-error';
import type { AdapterContext } from './types';
import { classify } from '../errors';

/** One request through the guarded fetcher; transport failures come out already classified. */
export async function call(
  ctx: AdapterContext,
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
