import type { AuthPort } from '../types';
import { sandbox as profile } from '../../../shared/networks/sandbox';

/** The sandbox network publishes into the plugin's own log: always reachable, for demos and training. */
export const auth: AuthPort = {
  async check({ settings }) {
    return {
      status: 'connected',
      reason: null,
      profile: { handle: `@${String(settings.handle ?? 'sandbox')}`, networkAccountId: `sandbox:${String(settings.handle ?? 'sandbox')}` },
      limits: { maxCharacters: profile.length.limit },
    };
  },
};
