import { adminRoute } from '../core/routes';
import { ACTIONS } from '../../shared/core/permissions';

/** Reading the queue needs `posts.read`; anything that changes what goes out needs `posts.publish`. */
export default [
  adminRoute('GET', '/publishing', 'publications.overview', ACTIONS.postsRead),
  adminRoute('GET', '/publishing/badge', 'publications.badge', ACTIONS.postsRead),
  adminRoute('GET', '/publishing/daily-caps', 'publications.dailyCaps', ACTIONS.postsRead),
  adminRoute('GET', '/publishing/sent', 'publications.sent', ACTIONS.postsRead),
  adminRoute('GET', '/publications', 'publications.listForPlan', ACTIONS.postsRead),
  adminRoute('GET', '/publications/:documentId', 'publications.get', ACTIONS.postsRead),
  adminRoute('PUT', '/publishing/pause', 'publications.pause', ACTIONS.postsPublish),
  adminRoute('POST', '/publications/:documentId/publish-now', 'publications.publishNow', ACTIONS.postsPublish),
  adminRoute('POST', '/publications/:documentId/retry', 'publications.retry', ACTIONS.postsPublish),
  adminRoute('POST', '/publications/:documentId/cancel', 'publications.cancel', ACTIONS.postsPublish),
  adminRoute('POST', '/publications/:documentId/mark-published', 'publications.markPublished', ACTIONS.postsPublish),
];
