import type { NetworkAdapter } from '../types';
import { signInOnly } from '../credentials';
import { instagram as profile } from '../../../shared/networks/instagram';
import { auth } from './auth';
import { oauth } from './oauth';
import { publish } from './publish';
import { comments } from './comments';
import { metrics } from './metrics';

/**
 * Instagram professional accounts linked to a Facebook page: connected with
 * Facebook Login (the Meta helper, `../meta/`), published through media containers.
 */
export const instagram: NetworkAdapter = {
  id: profile.id,
  profile,
  credentials: signInOnly(profile),
  auth: { ...auth, oauth },
  publish,
  comments,
  metrics,
};
