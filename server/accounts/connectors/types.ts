import type { GuardedRequest, GuardedResponse } from '../../core/http/guarded-fetch';
import type { Reason } from '../../../shared/accounts/reasons';

export type Secrets = Record<string, string>;

export interface AccountProfile {
  handle?: string;
  displayName?: string;
  avatarUrl?: string;
  profileUrl?: string;
  networkAccountId?: string;
}

export interface ConnectionCheck {
  status: 'connected' | 'needs_reauth' | 'error';
  /** why, as a code the admin translates; never holds a secret */
  reason: Reason | null;
  profile?: AccountProfile;
  limits?: { maxCharacters?: number };
  /** secrets the network handed back (e.g. a fresh session) to store encrypted */
  secrets?: Secrets;
}

export interface ConnectorContext {
  instanceUrl: string | null;
  settings: Record<string, unknown>;
  secrets: Secrets;
  fetch: (url: string, req?: GuardedRequest) => Promise<GuardedResponse>;
}

export interface Connector {
  check(ctx: ConnectorContext): Promise<ConnectionCheck>;
}
