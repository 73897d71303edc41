import { z } from 'zod';
import { lazySchema } from '../../../shared/core/lazy-schema';
import type { GuardedRequest } from '../../core/http/guarded-fetch';
import { baseUrl } from '../http';

/** The PDS an account uses when its form leaves the service empty. */
export const DEFAULT_BLUESKY_SERVICE = 'https://bsky.social';

/** What createSession and refreshSession answer; the connection check and publishing both read it. */
export const session = lazySchema(() => z.object({ did: z.string(), handle: z.string(), accessJwt: z.string(), refreshJwt: z.string() }));
export type Session = z.infer<typeof session>;

/** The account's PDS, from its stored address. */
export const serviceOf = (instanceUrl: string | null | undefined) => baseUrl(String(instanceUrl ?? DEFAULT_BLUESKY_SERVICE));

export const xrpcUrl = (instanceUrl: string | null | undefined, nsid: string, query = '') =>
  `${serviceOf(instanceUrl)}/xrpc/${nsid}${query}`;

/** createSession with the handle and app password (rate limited hard: publishing refreshes instead when it can). */
export function createSessionRequest(identifier: unknown, appPassword: string | undefined): GuardedRequest {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ identifier, password: appPassword }),
  };
}

/** The app password (or the account) is refused: a person must enter a new one. */
export const passwordRefused = (status: number, body: unknown) =>
  status === 401 || (status === 400 && /AuthenticationRequired|InvalidToken|AccountTakedown/.test(JSON.stringify(body ?? '')));
