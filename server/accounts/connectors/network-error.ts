import { OutboundError } from '../../core/http/guarded-fetch';
import type { ConnectionCheck } from './types';

/** The reason a check could not reach the network, in the user's terms. */
export function unreachable(err: unknown, where: string): ConnectionCheck {
  if (err instanceof OutboundError) return { status: 'error', reason: `${where}: ${err.message}` };
  if (err instanceof SyntaxError) return { status: 'error', reason: `${where} answered something that is not JSON` };
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
