import service from './service';
import controller from './controller';
import { inboxRoutes, publicInboxRoutes } from './routes';

/**
 * The community inbox (docs/inbox.md): mentions and replies read from the
 * accounts' comments ports, site comments pushed through a signed endpoint,
 * and what the team does with them.
 */
export default { name: 'inbox' as const, service, controller, routes: inboxRoutes };

export { publicInboxRoutes };
export { siteRawBody } from './raw-body';
export { ensureInboxIndexes } from './indexes';
