import { z } from 'zod';
import { m } from '../core/messages';
import type { CredentialSchema } from './fields';
import { sandbox } from './sandbox';

/** The account form of the profile's `credentialFields`: an optional handle, no secret. */
export const sandboxCredentials = {
  network: sandbox.id,
  fields: { handle: z.string().trim().max(100, m('too_long')).optional() },
} satisfies CredentialSchema;
