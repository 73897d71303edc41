import type { NetworkAdapter } from '../types';
import { signInOnly } from '../credentials';
import { threads as profile } from '../../../shared/networks/threads';
import { auth } from './auth';
import { oauth } from './oauth';
import { publish } from './publish';
import { comments } from './comments';
import { metrics } from './metrics';

/** Threads: its own OAuth (short- then long-lived token, renewed by the core), posts through containers (`../meta/`). */
export const threads: NetworkAdapter = {
  id: profile.id,
  profile,
  credentials: signInOnly(profile),
  auth: { ...auth, oauth },
  publish,
  comments,
  metrics,
};
