import service from './service';
import controller from './controller';
import routes from './routes';

/** Editorial lines and the post linter. */
export default { name: 'editorial-lines' as const, service, controller, routes };
