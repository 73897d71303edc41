import { z } from 'zod';
import { fieldError } from '../core/errors';
import { serverMessage } from '../../shared/core/messages';
import type { NetworkProfile } from '../../shared/networks/types';
import type { Secrets, StoredAccount } from './types';

/** Limits shared by every network's credential form. */
export const httpUrl = z
  .string()
  .trim()
  .max(2048, 'At most 2048 characters')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'Must be an http(s) URL such as https://mastodon.social');

export const secret = (label: string, max = 4096) => z.string().trim().min(1, `${label} is required`).max(max, `At most ${max} characters`);

/**
 * What a network asks when an account is added, and what it lets a person
 * replace later. The accounts service builds its request schemas from these
 * and never reads a network's fields itself.
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
