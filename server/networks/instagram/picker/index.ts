import service from './service';
import controller from './controller';
import routes from './routes';

/** The Instagram account picker: the Instagram accounts of a sign-in's pages, and the chosen ones connected as accounts. */
export default { name: 'instagram-pages' as const, service, controller, routes };
