import { z } from 'zod';
import { NETWORK_ADAPTERS } from '../networks/registry';
import { m } from '../../shared/core/messages';

const documentId = z.string().regex(/^[a-z0-9]{1,64}$/, m('document_id'));
const name = z.string().trim().min(1, m('account_name_required')).max(120, m('too_long'));

export { httpUrl } from '../networks/credentials';
export { WEBHOOK_FLAVORS, type WebhookFlavor } from '../../shared/networks/webhook';

const common = { name, editorialLineId: documentId.nullish() };

/** "a, b, c or d" */
const spoken = (items: readonly string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : items.join(''));

/** One branch per connectable network, with the fields its module asks for. */
const branches = NETWORK_ADAPTERS.map((adapter) =>
  z.strictObject({ network: z.literal(adapter.id), ...common, ...adapter.credentials.fields })
) as unknown as [z.ZodObject<{ network: z.ZodLiteral<string> }>, ...z.ZodObject<{ network: z.ZodLiteral<string> }>[]];

export const accountInput = z.discriminatedUnion(
  'network',
  branches,
  `Choose a network: ${spoken(NETWORK_ADAPTERS.map((a) => a.id))} (the others connect through OAuth in a later version)`
) as unknown as z.ZodType<AccountInput>;

/** The network's own fields stay opaque here: its module reads them (`credentials.store`). */
export type AccountInput = { network: string; name: string; editorialLineId?: string | null } & Record<string, unknown>;

const updates = NETWORK_ADAPTERS.flatMap((adapter) => (adapter.credentials.update ? [adapter.credentials.update] : []));

export const accountUpdate = z.strictObject({
  name: name.optional(),
  editorialLineId: documentId.nullish(),
  disabled: z.boolean().optional(),
  // Each network's update schema holds strings only (secrets and addresses).
  credentials: (z.union(updates as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<Record<string, string | undefined>>).optional(),
});

export type AccountUpdate = z.infer<typeof accountUpdate>;
