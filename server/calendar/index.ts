import service from './service';
import feeds from './feed';
import controller from './controller';
import routes, { publicRoutes } from './routes';

/**
 * The calendar: the grid's lean query, the pillar mix and frequency summary,
 * and each user's private iCalendar feed. Moving a post in time belongs to
 * planning (`reschedule`), which the calendar calls.
 */
export default { name: 'calendar' as const, service, feeds, controller, routes, publicRoutes };
