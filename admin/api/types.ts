/**
 * The admin HTTP API's shapes, as documented in docs/api.md.
 *
 * Both sides read them from shared/: what the server *sends* is the route's DTO
 * type, and what a client *sends* is the input type of the zod schema the route
 * parses it with (`z.input`: before defaults are applied, as a form submits it).
 * Type imports of the schemas are erased, so the admin bundle gets no zod code
 * it does not use. An account's credential fields come from its network's
 * credentials module (shared/networks/<network>.credentials.ts), beside the
 * profile whose `credentialFields` draw the form.
 */
import { NETWORKS, type Network } from '../../shared/networks/rules';
import { WEBHOOK_FLAVORS, type WebhookFlavor } from '../../shared/networks/webhook';
import type { Finding, FindingCode, LengthCount, LintResult } from '../../shared/linter';
import type {
  AccountStatus,
  CredentialsUpdate,
  PluginStatus,
  SocialAccount,
  accountInput,
  accountUpdate,
} from '../../shared/accounts/contract';
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
export type { KpiTargets } from '../../shared/strategy/contract';

/** What the account form sends: one shape per connectable network, its fields those of the network's schema. */
export type AccountInput = z.input<typeof accountInput>;

/** Networks an account can be added for (their profile says `connect`). */
export type ConnectableNetwork = AccountInput['network'];

/** The replaceable credential fields of the account's network, by name. */
export type { CredentialsUpdate };

export type AccountUpdate = z.input<typeof accountUpdate>;

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
