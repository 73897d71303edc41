import type { OutboundErrorCode } from '../core/outbound';

/**
 * Why an account is not connected, as a stable code with parameters. The admin
 * translates the code (en, fr); the English text below is what API clients,
 * logs and e-mails read. Parameters hold facts (a host, a status, the network's
 * own words), never a credential.
 */
const TEMPLATES = {
  token_refused: 'The instance refused the access token ({status}: {message}). Create a new token with the write:statuses scope.',
  app_password_refused: 'Bluesky refused the handle or app password ({message}). Create a new app password in Bluesky’s settings.',
  webhook_refused: 'The webhook refused the test message ({status}): check its URL and signing secret.',
  webhook_gone: 'The webhook URL no longer exists ({status}).',
  unexpected_status: 'The server answered {status}. {message}',
  not_mastodon: 'The server answered, but not like a Mastodon instance.',
  not_bluesky: 'The server answered, but not like a Bluesky server (PDS).',
  not_json: 'The server answered something that is not JSON.',
  credentials_unreadable: 'The stored credentials cannot be decrypted (key “{keyId}”). Enter them again.',
  oauth_not_available: 'This network connects through OAuth, which this version does not offer yet.',
  oauth_grant_refused: 'The network no longer accepts this sign-in ({message}). Sign in again.',
  oauth_grant_ended: 'The sign-in ended on {date} and cannot be renewed automatically. Sign in again.',
  meta_permission_missing: 'The sign-in did not grant the {permission} permission, which publishing needs. Sign in again and allow it.',
  disabled: 'Disabled by an administrator: nothing is published to this account.',
  unreachable_blocked_address: '{host} resolves to a private or reserved address, which is not allowed.',
  unreachable_dns_failed: 'The host name {host} could not be resolved.',
  unreachable_connect_failed: 'Could not connect to {host}.',
  unreachable_timeout: 'No answer from {host} in time.',
  unreachable_too_large: 'The answer from {host} is too large.',
  unreachable_reset: 'The connection to {host} was interrupted.',
  unreachable_too_many_redirects: 'Too many redirects from {host}.',
  unreachable_cross_origin_redirect: '{host} redirected the request, with its credentials, to another server: refused.',
  unreachable_invalid_url: 'The address {host} is not a valid URL.',
  unreachable_blocked_scheme: 'Only http and https addresses are allowed.',
} as const satisfies Record<string, string> & Record<`unreachable_${OutboundErrorCode}`, string>;

export type ReasonCode = keyof typeof TEMPLATES;
export const REASON_CODES = Object.keys(TEMPLATES) as ReasonCode[];
export type ReasonParams = Record<string, string | number>;

export interface Reason {
  code: ReasonCode;
  params: ReasonParams;
}

export const reason = (code: ReasonCode, params: ReasonParams = {}): Reason => ({ code, params });

export function reasonText({ code, params }: Reason): string {
  return TEMPLATES[code].replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));
}
