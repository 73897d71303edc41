import { adminRoute, crudRoutes } from '../core/routes';
import { ACTIONS, type Action } from '../core/permissions';
import { TRANSITION_NAMES, WORKFLOW } from './workflow';

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
  ...crudRoutes('/post-plans', 'post-plans', ACTIONS.postsRead, ACTIONS.postsCreate),
  ...TRANSITION_NAMES.map((name) => adminRoute('POST', `/post-plans/:documentId/${name}`, 'post-plans.transition', guardOf(name))),
];
