import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema';
import type { PickerUnavailable } from '../accounts/picker';

/**
 * The Instagram account picker's contract (docs/networks/instagram.md,
 * "Account picker"): after a person signs in with Facebook Login for an
 * Instagram account, the Instagram professional accounts linked to the pages
 * they manage are listed (`/me/accounts` with the long-lived user token the
 * sign-in kept, then each account's user name), and the ones chosen become
 * accounts, each publishing through its page's token. The server parses the
 * request with this schema; the admin reads the answer's types here.
 */

/** An Instagram professional account's id (an IG user id): digits. */
export const instagramAccountId = lazySchema(() => z.string().regex(/^\d{1,30}$/, 'instagram_account_id'));

/** POST …/instagram/accounts/:documentId/pages: the accounts to connect (at most the 100 pages a sign-in lists). */
export const connectInstagramAccountsInput = lazySchema(() => z.strictObject({ ids: z.array(instagramAccountId).min(1).max(100) }));
export type ConnectInstagramAccountsInput = z.input<typeof connectInstagramAccountsInput>;

/** One Instagram account linked to a page the signed-in person manages, and whether it is an account here already. */
export interface InstagramAccountChoice {
  /** the Instagram account's id */
  id: string;
  /** its name on Instagram (its user name when it has none; its page's name when its details did not load) */
  name: string;
  /** null when its details did not load */
  username: string | null;
  profileUrl: string | null;
  /** the Facebook page it is linked to, whose token it publishes with */
  page: { id: string; name: string };
  /** the account this Instagram account is, when connected; null when it is not yet */
  accountId: string | null;
  /** present when it cannot be connected now (Facebook refused its details, or its page has no token), with why */
  unavailable?: PickerUnavailable;
}

/** GET …/pages and the answer to POST: the sign-in's Instagram accounts, read from Facebook at that moment. */
export interface InstagramAccountsAnswer {
  /** the sign-in the accounts come from */
  accountId: string;
  pages: InstagramAccountChoice[];
}
