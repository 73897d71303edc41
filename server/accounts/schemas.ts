import type { z } from 'zod';
import { accountInput as sharedAccountInput, accountUpdate as sharedAccountUpdate } from '../../shared/accounts/contract';

/**
 * The accounts routes' request schemas live in shared/accounts/contract.ts,
 * built from each network's credentials module (shared/networks/); the admin
 * derives its request types from them. Here they are seen with the network's
 * own fields opaque: its adapter reads them (`credentials.store`).
 */
export type AccountInput = { network: string; name: string; editorialLineId?: string | null } & Record<string, unknown>;
export const accountInput = sharedAccountInput as unknown as z.ZodType<AccountInput>;

export type AccountUpdate = Omit<z.infer<typeof sharedAccountUpdate>, 'credentials'> & {
  credentials?: Record<string, string | undefined>;
};
export const accountUpdate = sharedAccountUpdate as unknown as z.ZodType<AccountUpdate>;

export { httpUrl } from '../../shared/networks/fields';
export { WEBHOOK_FLAVORS, type WebhookFlavor } from '../../shared/networks/webhook';
