import sourcesService from './sources-service';
import itemsService from './items-service';
import alertsService from './alerts-service';
import { alertsController, itemsController, sourcesController } from './controller';
import { alertRoutes, itemRoutes, sourceRoutes } from './routes';

/**
 * The watch: feed sources fetched on schedule through the guarded fetcher,
 * their items sanitized and scored, alerts, and curation into post drafts.
 * Three services (sources, items, alerts), each with its controller and routes.
 */
export default [
  { name: 'watch-sources' as const, service: sourcesService, controller: sourcesController, routes: sourceRoutes },
  { name: 'watch-items' as const, service: itemsService, controller: itemsController, routes: itemRoutes },
  { name: 'watch-alerts' as const, service: alertsService, controller: alertsController, routes: alertRoutes },
];

export { startWatchScheduler, type WatchScheduler } from './scheduler';
export { publicItemRoutes } from './routes';
