import service from './service';
import controller from './controller';
import routes from './routes';

/** Post plans: content, variants, schedule in the editor's zone, and the approval workflow. */
export default { name: 'post-plans' as const, service, controller, routes };
