import type { NetworkAdapter } from '../types';
import { signInOnly } from '../credentials';
import { x as profile } from '../../../shared/networks/x';
import { auth } from './auth';
import { oauth } from './oauth';
import { publish } from './publish';
import { comments } from './comments';
import { metrics } from './metrics';

/**
 * X (API v2): connected by signing in with OAuth 2.0 and PKCE only (the
 * OAuth core stores and refreshes the tokens); the account form asks nothing.
 */
export const x: NetworkAdapter = {
  id: profile.id,
  profile,
  credentials: signInOnly(profile),
  auth: { ...auth, oauth },
  publish,
  comments,
  metrics,
};
