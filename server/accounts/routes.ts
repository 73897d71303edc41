import { adminRoute, crudRoutes } from '../core/routes';
import { ACTIONS } from '../../shared/core/permissions';

export default [
  ...crudRoutes('/accounts', 'accounts', ACTIONS.accountsRead, ACTIONS.accountsManage),
  adminRoute('POST', '/accounts/:documentId/check', 'accounts.check', ACTIONS.accountsManage),
  // Subscribing an account to its network's real-time updates again is managing it.
  adminRoute('POST', '/accounts/:documentId/subscribe', 'accounts.subscribe', ACTIONS.accountsManage),
  adminRoute('GET', '/status', 'accounts.status', ACTIONS.accountsRead),
];
