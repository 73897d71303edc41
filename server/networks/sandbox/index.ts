import { z } from 'zod';
import type { NetworkAdapter } from '../types';
import { credentials } from '../credentials';
import { sandbox as profile } from '../../../shared/networks/sandbox';
import { auth } from './auth';
import { publish } from './publish';
import { oauth } from './oauth';

/** The sandbox network: publishes into the plugin's own log, for demos and training; no secret. */
export const sandbox: NetworkAdapter = {
  id: profile.id,
  profile,
  credentials: credentials({
    fields: { handle: z.string().trim().max(100, 'At most 100 characters').optional() },
    store: (input) => ({
      instanceUrl: null,
      settings: { handle: input.handle || input.name.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'sandbox' },
      secrets: {},
    }),
  }),
  auth: { ...auth, oauth },
  publish,
};
