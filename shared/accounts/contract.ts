import type { Network } from '../networks/rules';

export type AccountStatus = 'pending' | 'connected' | 'needs_reauth' | 'error' | 'disabled';

/** What the admin sees of an account: never a credential, in any form. */
export interface SocialAccount {
  documentId: string;
  network: Network;
  name: string;
  handle: string | null;
  displayName: string | null;
  avatarUrl: string | null;
  profileUrl: string | null;
  instanceUrl: string | null;
  settings: { flavor?: string; service?: string };
  status: AccountStatus;
  /** English text of the reason; `statusCode` + `statusParams` let the admin translate it */
  statusReason: string | null;
  statusCode: string | null;
  statusParams: Record<string, string | number>;
  lastCheckedAt: string | null;
  tokenExpiresAt: string | null;
  /**
   * Set when the sign-in ends within the notice window (or has ended) and cannot be renewed
   * automatically: sign in again by this date (ISO); null otherwise.
   */
  reauthBy: string | null;
  /** scheduled posts of this account due after `reauthBy` (held unless it is signed in again); 0 without a date */
  postsDueAfterReauth: number;
  editorialLine: { documentId: string; name: string } | null;
  limits: { maxCharacters?: number };
  storedSecrets: string[];
  createdAt: string;
  updatedAt: string;
}

/** `GET /status`: whether credentials can be stored, and under which key (never the key itself). */
export interface PluginStatus {
  encryption: { configured: boolean; activeKeyId: string | null };
}
