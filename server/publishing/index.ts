import service from './service';
import controller from './controller';
import routes from './routes';

/** Publishing: the scheduler (claims, leases, reaper), the runner, the network adapters and the publishing page's API. */
export default { name: 'publications' as const, service, controller, routes };
