import { adminRoute, crudRoutes } from '../core/routes';
import { ACTIONS } from '../../shared/core/permissions';
import { imageQueryOutOfLogs } from './image-proxy';

const { watchRead: read, watchManage: manage } = ACTIONS;

/**
 * Reading the watch needs `watch.read`; anything that changes it (sources,
 * item states, alerts, curation) needs `watch.manage`. Fixed paths come before
 * the `:documentId` ones that would otherwise swallow them.
 */
export const sourceRoutes = [
  adminRoute('POST', '/watch/sources/test', 'watch-sources.test', manage),
  adminRoute('POST', '/watch/discover', 'watch-sources.discover', manage),
  adminRoute('POST', '/watch/opml/import', 'watch-sources.importOpml', manage),
  adminRoute('GET', '/watch/opml/export', 'watch-sources.exportOpml', read),
  ...crudRoutes('/watch/sources', 'watch-sources', read, manage),
  adminRoute('POST', '/watch/sources/:documentId/pause', 'watch-sources.pause', manage),
  adminRoute('POST', '/watch/sources/:documentId/resume', 'watch-sources.resume', manage),
  adminRoute('POST', '/watch/sources/:documentId/fetch', 'watch-sources.fetch', manage),
];

export const itemRoutes = [
  adminRoute('GET', '/watch/items', 'watch-items.list', read),
  adminRoute('POST', '/watch/items/bulk', 'watch-items.bulk', manage),
  adminRoute('GET', '/watch/items/:documentId', 'watch-items.get', read),
  adminRoute('POST', '/watch/items/:documentId/state', 'watch-items.setState', manage),
  // Curating writes a post draft: it takes the right to create posts, whoever manages the watch.
  adminRoute('POST', '/watch/items/:documentId/curate', 'watch-items.curate', ACTIONS.postsCreate),
];

export const alertRoutes = [
  adminRoute('GET', '/watch/alerts/count', 'watch-alerts.count', read),
  adminRoute('POST', '/watch/alerts/digest', 'watch-alerts.digest', manage),
  ...crudRoutes('/watch/alerts', 'watch-alerts', read, manage),
];

/**
 * Public, beside the iCalendar feed: an <img> cannot send the admin's token, so
 * the signed address the items API gave a watch.read holder is the credential
 * (server/watch/image-proxy.ts checks it, and the user's watch.read, each time).
 */
export const publicItemRoutes = [
  {
    method: 'GET' as const,
    path: '/watch/items/:documentId/image',
    handler: 'watch-items.image',
    config: { auth: false as const, policies: [] as string[], middlewares: [imageQueryOutOfLogs] },
  },
];
