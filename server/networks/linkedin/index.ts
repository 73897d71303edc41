import type { NetworkAdapter } from '../types';
import { signInOnly } from '../credentials';
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
  credentials: signInOnly(profile),
  auth: { ...auth, oauth },
  publish,
  comments,
  metrics,
};
