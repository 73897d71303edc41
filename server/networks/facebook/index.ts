import type { NetworkAdapter } from '../types';
import { signInOnly } from '../credentials';
import { facebook as profile } from '../../../shared/networks/facebook';
import { auth } from './auth';
import { oauth } from './oauth';
import { publish } from './publish';
import { comments } from './comments';
import { metrics } from './metrics';

/** Facebook pages: connected with Facebook Login (the Meta helper, `../meta/`), posting as the page with its page token. */
export const facebook: NetworkAdapter = {
  id: profile.id,
  profile,
  credentials: signInOnly(profile),
  auth: { ...auth, oauth },
  publish,
  comments,
  metrics,
};
