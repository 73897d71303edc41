import service from './service';
import controller from './controller';
import routes from './routes';

/**
 * The site's own entries (articles) seen from the plugin: the composer's
 * prefill, the posts linked to an entry, its share timeline and auto-share on publish.
 */
export default { name: 'entries' as const, service, controller, routes };
