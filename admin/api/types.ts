/**
 * The admin HTTP API's shapes, as documented in docs/api.md.
 *
 * Both sides read them from shared/: what the server *sends* is the route's DTO
 * type, and what a client *sends* is the input type of the zod schema the route
 * parses it with (`z.input`: before defaults are applied, as a form submits it).
 * Type imports of the schemas are erased, so the admin bundle gets no zod code
 * it does not use. Account inputs stay written out: their fields come from each
 * network's profile, checked at run time.
 */
import { NETWORKS, type Network } from '../../shared/networks/rules';
import { WEBHOOK_FLAVORS, type WebhookFlavor } from '../../shared/networks/webhook';
import type { Finding, FindingCode, LengthCount, LintResult } from '../../shared/linter';
import type { AccountStatus, PluginStatus, SocialAccount } from '../../shared/accounts/contract';
import type { EditorialLine, editorialLineInput, lintInput } from '../../shared/strategy/contract';
import type { z } from 'zod';

export { NETWORKS, type Network, WEBHOOK_FLAVORS, type WebhookFlavor };
export type { FindingCode, LintResult, AccountStatus, PluginStatus, SocialAccount };
export type LintFinding = Finding;
export type LintLength = LengthCount;
export type FindingSeverity = Finding['severity'];

/** What the editor sends: the schema's input (defaults not yet applied). */
export type EditorialLineInput = z.input<typeof editorialLineInput>;
export type LintInput = z.input<typeof lintInput>;
export type { EditorialLine };

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
