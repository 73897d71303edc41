/**
 * Why an outbound request failed (server/core/http/guarded-fetch.ts throws
 * these). Here because an account's status reason carries one, and the admin
 * translates it.
 */
export type OutboundErrorCode =
  | 'invalid_url'
  | 'blocked_scheme'
  | 'blocked_address'
  | 'dns_failed'
  | 'connect_failed'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'cross_origin_redirect'
  | 'reset';
