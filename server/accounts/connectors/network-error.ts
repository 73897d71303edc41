import { OutboundError } from '../../core/http/guarded-fetch';
import { reason } from '../reasons';
import type { ConnectionCheck } from './types';

/** The reason a check could not reach the network, in the user's terms. */
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
