import type { NetworkAdapter } from '../types';
import { credentials } from '../credentials';
import { sandbox as profile } from '../../../shared/networks/sandbox';
import { sandboxCredentials as schema } from '../../../shared/networks/sandbox.credentials';
import { auth } from './auth';
import { publish } from './publish';
import { metrics } from './metrics';
import { oauth } from './oauth';

/** The sandbox network: publishes into the plugin's own log, for demos and training; no secret. */
export const sandbox: NetworkAdapter = {
  id: profile.id,
  profile,
  credentials: credentials({
    fields: schema.fields,
    store: (input) => ({
      instanceUrl: null,
      settings: { handle: input.handle || input.name.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'sandbox' },
      secrets: {},
    }),
  }),
  auth: { ...auth, oauth },
  publish,
  metrics,
};
