import service from './service';
import controller from './controller';
import routes from './routes';
import expiry from './expiry';

/** Social accounts: connection, encrypted credentials, health checks. */
export default { name: 'accounts' as const, service, controller, routes };

/** The job that announces sign-ins ending without automatic renewal (started and stopped with the plugin). */
export const accountExpiry = { name: 'account-expiry' as const, service: expiry, controller: {}, routes: [] };
