import service from './service';
import controller from './controller';
import routes, { publicRoutes } from './routes';

/** OAuth 2.0 sign-in and token refresh, once for every network that offers it. */
export default { name: 'oauth' as const, service, controller, routes, publicRoutes };
