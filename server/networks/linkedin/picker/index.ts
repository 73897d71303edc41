import service from './service';
import controller from './controller';
import routes from './routes';

/** The LinkedIn page picker: the pages of a sign-in, and the chosen ones connected as accounts. */
export default { name: 'linkedin-pages' as const, service, controller, routes };
