import { adminRoute } from '../core/routes';
import { ACTIONS } from '../../shared/core/permissions';
import { maskFeedTokenInLogs } from './log-mask';

/** The grid, its summary, and the user's own iCalendar subscription: whoever sees the calendar may subscribe to it. */
export default [
  adminRoute('GET', '/calendar/events', 'calendar.events', ACTIONS.calendarRead),
  adminRoute('GET', '/calendar/summary', 'calendar.summary', ACTIONS.calendarRead),
  adminRoute('GET', '/calendar/feed', 'calendar.feedStatus', ACTIONS.calendarRead),
  adminRoute('POST', '/calendar/feed', 'calendar.createFeed', ACTIONS.calendarRead),
  adminRoute('DELETE', '/calendar/feed', 'calendar.revokeFeed', ACTIONS.calendarRead),
];

/**
 * The one public route: a calendar app cannot sign in, so the unguessable token
 * in the path is the credential (checked, hashed, against the stored hash),
 * and is masked in the request log.
 */
export const publicRoutes = [
  {
    method: 'GET' as const,
    path: '/calendar/:token.ics',
    handler: 'calendar.ics',
    config: { auth: false as const, policies: [] as string[], middlewares: [maskFeedTokenInLogs] },
  },
];
