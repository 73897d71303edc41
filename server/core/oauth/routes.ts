import { adminRoute } from '../routes';
import { ACTIONS } from '../../../shared/core/permissions';
import { maskCallbackInLogs } from './log-mask';

/** Signing in connects an account (accounts.manage); the apps and their secrets are Settings. */
export default [
  adminRoute('GET', '/oauth/networks', 'oauth.networks', ACTIONS.accountsRead),
  adminRoute('POST', '/oauth/:network/authorize', 'oauth.authorize', ACTIONS.accountsManage),
  adminRoute('POST', '/oauth/accounts/:documentId/refresh', 'oauth.refresh', ACTIONS.accountsManage),
  adminRoute('GET', '/oauth/apps', 'oauth.apps', ACTIONS.settings),
  adminRoute('PUT', '/oauth/apps/:network', 'oauth.saveApp', ACTIONS.settings),
];

/**
 * The callback the network redirects the browser to. Public: a top-level
 * redirect carries no admin token. The single-use `state` (and the cookie
 * set with it) is the credential; the code and state are masked in the log.
 */
export const publicRoutes = [
  {
    method: 'GET' as const,
    path: '/oauth/callback',
    handler: 'oauth.callback',
    config: { auth: false as const, policies: [] as string[], middlewares: [maskCallbackInLogs] },
  },
];
