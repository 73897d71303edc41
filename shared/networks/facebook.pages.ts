import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema';
import type { PickerUnavailable } from '../accounts/picker';

/**
 * The Facebook page picker's contract (docs/networks/meta.md, "Page picker"):
 * after a person signs in with Facebook, the pages they manage are listed
 * (`/me/accounts` with the long-lived user token the sign-in kept), and the
 * ones chosen become accounts, each with its own page token. The server
 * parses the request with this schema; the admin reads the answer's types here.
 */

/** A Facebook page's id: digits. */
export const facebookPageId = lazySchema(() => z.string().regex(/^\d{1,30}$/, 'facebook_page_id'));

/** POST …/facebook/accounts/:documentId/pages: the pages to connect (at most the 100 a sign-in lists). */
export const connectFacebookPagesInput = lazySchema(() => z.strictObject({ ids: z.array(facebookPageId).min(1).max(100) }));
export type ConnectFacebookPagesInput = z.input<typeof connectFacebookPagesInput>;

/** One page the signed-in person manages, and whether it is an account here already. */
export interface FacebookPageChoice {
  id: string;
  name: string;
  profileUrl: string;
  /** the account this page is, when connected; null when it is not yet */
  accountId: string | null;
  /** present when the page cannot be connected now (Facebook gave no token for it, or an unreadable entry), with why */
  unavailable?: PickerUnavailable;
}

/** GET …/pages and the answer to POST: the sign-in's pages, read from Facebook at that moment. */
export interface FacebookPagesAnswer {
  /** the sign-in the pages come from */
  accountId: string;
  pages: FacebookPageChoice[];
}
