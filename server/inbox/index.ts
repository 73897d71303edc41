import service from './service';
import controller from './controller';
import { inboxRoutes, publicInboxRoutes } from './routes';
import crisisService from './crisis';
import crisisController, { crisisRoutes } from './crisis-controller';

/**
 * The community inbox (docs/inbox.md): mentions and replies read from the
 * accounts' comments ports, site comments pushed through a signed endpoint,
 * and what the team does with them.
 */
export default { name: 'inbox' as const, service, controller, routes: inboxRoutes };

/** The crisis alert, crisis mode and its timeline (server/inbox/crisis.ts). */
export const inboxCrisis = { name: 'inbox-crisis' as const, service: crisisService, controller: crisisController, routes: crisisRoutes };

export { publicInboxRoutes };
export { siteRawBody } from './raw-body';
export { ensureInboxIndexes } from './indexes';
