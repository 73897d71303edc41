import type { NetworkAdapter } from '../types';
import { signInOnly } from '../credentials';
import { instagram as profile } from '../../../shared/networks/instagram';
import { auth } from './auth';
import { oauth } from './oauth';
import { instagramLogin } from './login';
import { INSTAGRAM_LOGIN } from '../../../shared/networks/instagram';
import { publish } from './publish';
import { comments } from './comments';
import { metrics } from './metrics';

/**
 * Instagram professional accounts: connected with Facebook Login through
 * the page they are linked to (the Meta helper, `../meta/`), or with
 * Instagram Login when they have no page (./login.ts); published through
 * media containers either way.
 */
export const instagram: NetworkAdapter = {
  id: profile.id,
  profile,
  credentials: signInOnly(profile),
  auth: { ...auth, oauth, oauthSignIns: { [INSTAGRAM_LOGIN]: instagramLogin } },
  publish,
  comments,
  metrics,
};
