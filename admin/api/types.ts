/**
 * The admin HTTP API's shapes, as documented in docs/api.md.
 *
 * What the server *sends* (lint results, accounts) is imported as types from the
 * server's own definitions: type imports are erased, so the bundle stays free of
 * server code while the two sides cannot drift. What a client *sends* is written
 * out here: the server's zod types describe input after parsing (defaults
 * applied), not what a form submits. Shared value lists (networks, webhook
 * flavors) come from files with no imports.
 */
import { NETWORKS, type Network } from '../../shared/networks/rules';
import { WEBHOOK_FLAVORS, type WebhookFlavor } from '../../shared/networks/webhook';
import type { Finding, FindingCode, LengthCount, LintResult } from '../../shared/linter';
import type { AccountStatus, SocialAccount } from '../../server/accounts/dto';

export { NETWORKS, type Network, WEBHOOK_FLAVORS, type WebhookFlavor };
export type { FindingCode, LintResult, AccountStatus, SocialAccount };
export type LintFinding = Finding;
export type LintLength = LengthCount;
export type FindingSeverity = Finding['severity'];

export interface Persona {
  name: string;
  description?: string;
}

export interface Pillar {
  name: string;
  targetShare: number;
  color?: string;
  description?: string;
}

export interface FrequencyTarget {
  network: Network;
  perWeek: number;
}

export interface EditorialLineInput {
  name: string;
  description?: string;
  audience?: string;
  personas?: Persona[];
  tone?: string;
  guidelines?: string;
  pillars?: Pillar[];
  hashtags?: { required: string[]; suggested: string[] };
  bannedWords?: string[];
  languages?: string[];
  frequencyTargets?: FrequencyTarget[];
}

export type EditorialLine = Required<EditorialLineInput> & {
  documentId: string;
  accountCount: number;
  createdAt: string;
  updatedAt: string;
};

export interface LintInput {
  text: string;
  network: Network;
  editorialLineId?: string;
  accountId?: string;
}

interface AccountInputBase {
  name: string;
  editorialLineId?: string | null;
}

/** A network's own fields are its profile's credential fields (shared/networks/<network>.ts). */
export type AccountInput = AccountInputBase & { network: ConnectableNetwork } & Record<string, string | null | undefined>;

/** Networks whose profile says `connect` (the others need OAuth); checked at run time, not by type. */
export type ConnectableNetwork = Network;

/** The replaceable credential fields of the account's network, by name. */
export type CredentialsUpdate = Record<string, string>;

export interface AccountUpdate {
  name?: string;
  editorialLineId?: string | null;
  disabled?: boolean;
  credentials?: CredentialsUpdate;
}

export interface PluginStatus {
  encryption: { configured: boolean; activeKeyId: string | null };
}

/** Strapi's error envelope, as sent by every refused request. */
export interface ApiErrorEnvelope {
  data: null;
  error: {
    status: number;
    name: string;
    message: string;
    details?: {
      code?: string;
      errors?: Array<{ path: Array<string | number>; message: string; code?: string }>;
    };
  };
}
