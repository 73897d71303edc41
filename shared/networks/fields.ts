import { z } from 'zod';
import { m } from '../core/messages';

/**
 * The zod pieces of the networks' credential forms. Each network's
 * credentials module (`<network>.credentials.ts`) names its form's fields
 * with them; the accounts contract (shared/accounts/contract.ts) assembles the
 * request schemas. Messages are catalogue codes the admin translates. The
 * admin imports these modules as types only: zod stays out of its bundle.
 */

/** A public http(s) address, without user name or password. */
export const httpUrl = z
  .string()
  .trim()
  .max(2048, m('too_long'))
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && url.hostname !== '';
    } catch {
      return false;
    }
  }, m('account_http_url'));

/** A secret a person types (a token, a password): required, bounded. */
export const secret = (max = 4096) => z.string().trim().min(1, m('required')).max(max, m('too_long'));

/**
 * What a network's account form sends and what a person may replace later,
 * beside the name and editorial line every account has. The keys of `fields`
 * are the profile's `credentialFields` names (tests/unit/network-profiles.test.ts).
 */
export interface CredentialSchema<
  Id extends string = string,
  Fields extends z.ZodRawShape = z.ZodRawShape,
  Update extends z.ZodRawShape = z.ZodRawShape,
> {
  network: Id;
  fields: Fields;
  /** the fields a person may replace on an existing account; absent: nothing can be replaced */
  update?: z.ZodObject<Update, z.core.$strict>;
}

/** A network one connects only by signing in (OAuth): its form asks nothing. */
export const signInOnlySchema = <Id extends string>(profile: { id: Id }) => ({ network: profile.id, fields: {} }) as const;
