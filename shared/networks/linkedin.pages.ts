import { z } from 'zod';
import { lazySchema } from '../core/lazy-schema';
import type { PickerUnavailable } from '../accounts/picker';

/**
 * The LinkedIn page picker's contract (docs/networks/linkedin.md, "Page
 * picker"): after a member signs in, the organization pages they administer
 * are listed, and the ones chosen become accounts, each its own account
 * holding its own sealed copy of the member's token. The server parses the
 * request with this schema; the admin reads the answer's types here.
 */

/** An organization page's URN, as LinkedIn names it. */
export const organizationUrn = lazySchema(() => z.string().regex(/^urn:li:organization:\d{1,20}$/, 'linkedin_page_urn'));

/** POST …/linkedin/accounts/:documentId/pages: the pages to connect (at most the 25 a sign-in lists). */
export const connectPagesInput = lazySchema(() => z.strictObject({ urns: z.array(organizationUrn).min(1).max(25) }));
export type ConnectPagesInput = z.input<typeof connectPagesInput>;

/** One page the signed-in member administers, and whether it is an account here already. */
export interface LinkedInPageChoice {
  urn: string;
  name: string;
  vanityName: string | null;
  profileUrl: string;
  /** the account this page is, when connected; null when it is not yet */
  accountId: string | null;
  /** present when the page cannot be connected now (LinkedIn did not give its details), with why */
  unavailable?: PickerUnavailable;
}

/** GET …/pages and the answer to POST: the sign-in's pages, read from LinkedIn at that moment. */
export interface LinkedInPagesAnswer {
  /** the sign-in the pages come from */
  accountId: string;
  pages: LinkedInPageChoice[];
}
