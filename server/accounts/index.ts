import service from './service';
import controller from './controller';
import routes from './routes';

/** Social accounts: connection, encrypted credentials, health checks. */
export default { name: 'accounts' as const, service, controller, routes };
