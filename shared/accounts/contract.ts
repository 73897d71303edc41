import { z } from 'zod';
import { m } from '../core/messages';
import { documentIdParam } from '../core/zod';
import { signInOnlySchema, type CredentialSchema } from '../networks/fields';
import { mastodonCredentials } from '../networks/mastodon.credentials';
import { blueskyCredentials } from '../networks/bluesky.credentials';
import { webhookCredentials } from '../networks/webhook.credentials';
import { sandboxCredentials } from '../networks/sandbox.credentials';
import { x } from '../networks/x';
import { linkedin } from '../networks/linkedin';
import { facebook } from '../networks/facebook';
import { instagram } from '../networks/instagram';
import { threads } from '../networks/threads';
import type { Network } from '../networks/rules';
import type { RealtimeView } from './realtime';
import { lazySchema } from '../core/lazy-schema';

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
  settings: { flavor?: string; service?: string; signIn?: string };
  status: AccountStatus;
  /** English text of the reason; `statusCode` + `statusParams` let the admin translate it */
  statusReason: string | null;
  statusCode: string | null;
  statusParams: Record<string, string | number>;
  lastCheckedAt: string | null;
  tokenExpiresAt: string | null;
  /**
   * When the sign-in ends for good and someone must sign in again (ISO): a token without
   * refresh token, or a refresh token that itself ends; null when it renews itself or never ends.
   */
  signInEndsAt: string | null;
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
  /**
   * For an account whose network pushes its comments once subscribed (a
   * Facebook page's `feed` webhook): whether it is, or why its comments only
   * arrive by polling (`POST /accounts/:documentId/subscribe` tries again);
   * null for the others.
   */
  realtime: RealtimeView | null;
  createdAt: string;
  updatedAt: string;
}

/** `GET /status`: whether credentials can be stored, and under which key (never the key itself). */
export interface PluginStatus {
  encryption: { configured: boolean; activeKeyId: string | null };
}

const name = lazySchema(() => z.string().trim().min(1, m('account_name_required')).max(120, m('too_long')));
const common = { name, editorialLineId: documentIdParam.nullish() };

/**
 * The account form of every network that can be connected, in the order the
 * form offers them: each network's credentials module (shared/networks/), or
 * `signInOnlySchema` for a network added by signing in. The server's adapter
 * registry lists the same networks (tests/unit/network-profiles.test.ts).
 */
export const CREDENTIAL_SCHEMAS = [
  mastodonCredentials,
  blueskyCredentials,
  webhookCredentials,
  sandboxCredentials,
  signInOnlySchema(x),
  signInOnlySchema(linkedin),
  signInOnlySchema(facebook),
  signInOnlySchema(instagram),
  signInOnlySchema(threads),
] as const;

const branch = <Id extends string, Fields extends z.ZodRawShape>(schema: { network: Id; fields: Fields }) =>
  z.strictObject({ network: z.literal(schema.network), ...common, ...schema.fields });

/** "a, b, c or d" */
const spoken = (items: readonly string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : items.join(''));

/**
 * `POST /accounts`: one branch per connectable network, with the fields its
 * form asks. The server stores them through the network's adapter
 * (`credentials.store`); a sign-in-only network's branch is refused there.
 */
export const accountInput = lazySchema(() =>
  z.discriminatedUnion(
    'network',
    [
      branch(mastodonCredentials),
      branch(blueskyCredentials),
      branch(webhookCredentials),
      branch(sandboxCredentials),
      branch(signInOnlySchema(x)),
      branch(signInOnlySchema(linkedin)),
      branch(signInOnlySchema(facebook)),
      branch(signInOnlySchema(instagram)),
      branch(signInOnlySchema(threads)),
    ],
    `Choose a network: ${spoken(CREDENTIAL_SCHEMAS.map((schema) => schema.network))} (the others connect through OAuth in a later version)`
  )
);

const updates = CREDENTIAL_SCHEMAS.flatMap((schema: CredentialSchema) => (schema.update ? [schema.update] : []));

/** The replacements a person may send for an existing account, whichever its network (the server checks the network's own). */
type UpdateOf<S> = S extends { update: z.ZodType } ? z.input<S['update']> : never;
export type CredentialsUpdate = UpdateOf<(typeof CREDENTIAL_SCHEMAS)[number]>;

/** `PUT /accounts/:documentId`: rename, re-attach, disable, or replace credentials. */
export const accountUpdate = lazySchema(() =>
  z.strictObject({
    name: name.optional(),
    editorialLineId: documentIdParam.nullish(),
    disabled: z.boolean().optional(),
    credentials: (
      z.union(updates as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<CredentialsUpdate, CredentialsUpdate>
    ).optional(),
  })
);

/**
 * `POST /accounts/:documentId/subscribe`: subscribe the account to its
 * network's real-time updates again. Nothing to choose: the network's module
 * knows what its inbox reads; an empty body, refused with anything in it.
 */
export const subscribeInput = lazySchema(() => z.strictObject({}));
