import type { MessageDescriptor } from 'react-intl';
import type { ReasonCode } from '../../../shared/accounts/reasons';
import { getTrad } from '../../utils/getTrad';

/** Every reason code the server gives for an account's status, translated (the server's English is the fallback). */
export const REASON_MESSAGES: Record<ReasonCode, MessageDescriptor> = {
  token_refused: {
    id: getTrad('accounts.reason.token_refused'),
    defaultMessage: 'The instance refused the access token ({status}: {message}). Create a new token with the write:statuses scope.',
  },
  app_password_refused: {
    id: getTrad('accounts.reason.app_password_refused'),
    defaultMessage: 'Bluesky refused the handle or app password ({message}). Create a new app password in Bluesky’s settings.',
  },
  webhook_refused: {
    id: getTrad('accounts.reason.webhook_refused'),
    defaultMessage: 'The webhook refused the test message ({status}): check its URL and signing secret.',
  },
  webhook_gone: { id: getTrad('accounts.reason.webhook_gone'), defaultMessage: 'The webhook URL no longer exists ({status}).' },
  unexpected_status: { id: getTrad('accounts.reason.unexpected_status'), defaultMessage: 'The server answered {status}. {message}' },
  not_mastodon: { id: getTrad('accounts.reason.not_mastodon'), defaultMessage: 'The server answered, but not like a Mastodon instance.' },
  not_bluesky: { id: getTrad('accounts.reason.not_bluesky'), defaultMessage: 'The server answered, but not like a Bluesky server (PDS).' },
  not_json: { id: getTrad('accounts.reason.not_json'), defaultMessage: 'The server answered something that is not JSON.' },
  credentials_unreadable: {
    id: getTrad('accounts.reason.credentials_unreadable'),
    defaultMessage: 'The stored credentials cannot be decrypted (key “{keyId}”). Enter them again.',
  },
  oauth_not_available: {
    id: getTrad('accounts.reason.oauth_not_available'),
    defaultMessage: 'This network connects through OAuth, which this version does not offer yet.',
  },
  oauth_grant_refused: {
    id: getTrad('accounts.reason.oauth_grant_refused'),
    defaultMessage: 'The network no longer accepts this sign-in ({message}). Sign in again.',
  },
  oauth_grant_ended: {
    id: getTrad('accounts.reason.oauth_grant_ended'),
    defaultMessage: 'The sign-in ended on {date} and cannot be renewed automatically. Sign in again.',
  },
  disabled: {
    id: getTrad('accounts.reason.disabled'),
    defaultMessage: 'Disabled by an administrator: nothing is published to this account.',
  },
  unreachable_blocked_address: {
    id: getTrad('accounts.reason.unreachable_blocked_address'),
    defaultMessage: '{host} resolves to a private or reserved address, which is not allowed.',
  },
  unreachable_dns_failed: {
    id: getTrad('accounts.reason.unreachable_dns_failed'),
    defaultMessage: 'The host name {host} could not be resolved.',
  },
  unreachable_connect_failed: { id: getTrad('accounts.reason.unreachable_connect_failed'), defaultMessage: 'Could not connect to {host}.' },
  unreachable_timeout: { id: getTrad('accounts.reason.unreachable_timeout'), defaultMessage: 'No answer from {host} in time.' },
  unreachable_too_large: { id: getTrad('accounts.reason.unreachable_too_large'), defaultMessage: 'The answer from {host} is too large.' },
  unreachable_reset: { id: getTrad('accounts.reason.unreachable_reset'), defaultMessage: 'The connection to {host} was interrupted.' },
  unreachable_too_many_redirects: {
    id: getTrad('accounts.reason.unreachable_too_many_redirects'),
    defaultMessage: 'Too many redirects from {host}.',
  },
  unreachable_cross_origin_redirect: {
    id: getTrad('accounts.reason.unreachable_cross_origin_redirect'),
    defaultMessage: '{host} redirected the request, with its credentials, to another server: refused.',
  },
  unreachable_invalid_url: {
    id: getTrad('accounts.reason.unreachable_invalid_url'),
    defaultMessage: 'The address {host} is not a valid URL.',
  },
  unreachable_blocked_scheme: {
    id: getTrad('accounts.reason.unreachable_blocked_scheme'),
    defaultMessage: 'Only http and https addresses are allowed.',
  },
};
