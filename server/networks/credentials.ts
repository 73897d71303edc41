import { type z } from 'zod';
import { fieldError } from '../core/errors';
import { serverMessage } from '../../shared/core/messages';
import type { NetworkProfile } from '../../shared/networks/types';
import type { Secrets, StoredAccount } from './types';

/**
 * What a network asks when an account is added, and what it lets a person
 * replace later: `fields` and `update` come from the network's credentials
 * module in shared/networks/ (the same schemas the accounts contract parses
 * requests with); the rest is what the server does with them.
 */
export interface CredentialSpec<Fields extends z.ZodRawShape = z.ZodRawShape, Update extends z.ZodRawShape = z.ZodRawShape> {
  /** the form's fields, beside the name and editorial line every account has */
  fields: Fields;
  /** the fields a person may replace on an existing account; none: nothing can be replaced */
  update?: z.ZodObject<Update>;
  /** the validated form as stored: public address, settings, secrets */
  store(input: z.infer<z.ZodObject<Fields>> & { name: string }): StoredAccount;
  /** the stored secrets after a replacement (default: the new values over the old ones) */
  replace?(stored: Secrets, update: z.infer<z.ZodObject<Update>>): Secrets;
  /** the public address shown for the account after its secrets changed (a webhook's origin) */
  address?(secrets: Secrets): string | undefined;
  /** secrets the network hands back (sessions): kept, never listed as entered by a person */
  sessionSecrets?: readonly string[];
}

/** Keeps each network's field types inside its own module; callers see the erased spec. */
export const credentials = <F extends z.ZodRawShape, U extends z.ZodRawShape>(spec: CredentialSpec<F, U>) =>
  spec as unknown as CredentialSpec;

/**
 * A network one connects only by signing in (OAuth, `server/core/oauth/`):
 * the account form asks nothing, and a form sent anyway is refused on
 * `network`, saying how to connect, rather than storing an account without
 * a token.
 */
export const signInOnly = (profile: NetworkProfile) =>
  credentials({
    fields: {},
    store: () => {
      throw fieldError('network', serverMessage('account_sign_in_only', { network: profile.label.defaultMessage }));
    },
  });
