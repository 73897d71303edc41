import type { NetworkAdapter } from '../types';
import { credentials } from '../credentials';
import { fieldError } from '../../core/errors';
import { serverMessage } from '../../../shared/core/messages';
import { linkedin as profile } from '../../../shared/networks/linkedin';
import { auth } from './auth';
import { oauth } from './oauth';
import { publish } from './publish';
import { comments } from './comments';
import { metrics } from './metrics';

/**
 * LinkedIn organization pages: connected by signing in with LinkedIn (OAuth,
 * `server/core/oauth/`), never through the account form, which asks nothing
 * and is refused.
 */
export const linkedin: NetworkAdapter = {
  id: profile.id,
  profile,
  credentials: credentials({
    fields: {},
    store: () => {
      throw fieldError('network', {
        ...serverMessage('account_network_unavailable', { network: profile.label.defaultMessage }),
        text: 'LinkedIn pages connect through “Sign in with LinkedIn” (OAuth), not the account form',
      });
    },
  }),
  auth: { ...auth, oauth },
  publish,
  comments,
  metrics,
};
