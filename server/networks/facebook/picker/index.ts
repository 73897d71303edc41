import service from './service';
import controller from './controller';
import routes from './routes';

/** The Facebook page picker: the pages of a sign-in, and the chosen ones connected as accounts. */
export default { name: 'facebook-pages' as const, service, controller, routes };
