import service from './service';
import controller from './controller';
import routes from './routes';

/**
 * Plugin settings: the approval workflow, the site address, and the content
 * types with the "Social posts" panel (URL pattern, field mapping, auto-share).
 */
export default { name: 'settings' as const, service, controller, routes };
