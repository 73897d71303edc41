import { adminRoute, crudRoutes } from '../core/routes';
import { ACTIONS, type Action } from '../../shared/core/permissions';
import { TRANSITION_NAMES, WORKFLOW } from '../../shared/planning/workflow';

/**
 * One route per workflow transition, guarded by the least action any of its
 * rows needs (cancelling a scheduled post needs more, and the workflow checks
 * that): approvers and publishers need not hold `posts.create`.
 */
const RANK: Action[] = [ACTIONS.postsCreate, ACTIONS.postsApprove, ACTIONS.postsPublish];
const guardOf = (name: string) =>
  WORKFLOW.filter((rule) => rule.name === name)
    .map((rule) => rule.action)
    .sort((a, b) => RANK.indexOf(a) - RANK.indexOf(b))[0];

export default [
  // Before the CRUD routes: `GET /post-plans/:documentId` would take "labels" for a document id.
  adminRoute('GET', '/post-plans/labels', 'post-plans.labels', ACTIONS.postsRead),
  ...crudRoutes('/post-plans', 'post-plans', ACTIONS.postsRead, ACTIONS.postsCreate),
  ...TRANSITION_NAMES.map((name) => adminRoute('POST', `/post-plans/:documentId/${name}`, 'post-plans.transition', guardOf(name))),
  adminRoute('GET', '/post-plans/:documentId/texts', 'post-plans.texts', ACTIONS.postsRead),
  adminRoute('POST', '/post-plans/:documentId/duplicate', 'post-plans.duplicate', ACTIONS.postsCreate),
  // Every item is checked by the workflow with the user's own actions: approvers bulk-approve, authors bulk-submit.
  adminRoute('POST', '/post-plans/bulk', 'post-plans.bulk', ACTIONS.postsRead),
  // Whoever may read a post may discuss it: reviewers comment without holding posts.create.
  adminRoute('GET', '/post-plans/:documentId/comments', 'post-plans.listComments', ACTIONS.postsRead),
  adminRoute('POST', '/post-plans/:documentId/comments', 'post-plans.addComment', ACTIONS.postsRead),
  adminRoute('DELETE', '/post-plans/:documentId/comments/:commentId', 'post-plans.deleteComment', ACTIONS.postsRead),
  adminRoute('GET', '/composer/context', 'post-plans.composerContext', ACTIONS.postsRead),
  // The preview's link card: the page's OpenGraph facts, fetched through the guarded fetcher.
  adminRoute('GET', '/link-preview', 'post-plans.linkPreview', ACTIONS.postsRead),
  // Moving a post in time (calendar drag and drop); a scheduled post also needs posts.publish, checked by the service.
  adminRoute('POST', '/post-plans/:documentId/reschedule', 'post-plans.reschedule', ACTIONS.postsCreate),
];
