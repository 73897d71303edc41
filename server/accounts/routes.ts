import { adminRoute } from '../core/routes';
import { ACTIONS } from '../core/permissions';

export default [
  adminRoute('GET', '/accounts', 'accounts.list', ACTIONS.accountsRead),
  adminRoute('GET', '/accounts/:documentId', 'accounts.get', ACTIONS.accountsRead),
  adminRoute('POST', '/accounts', 'accounts.create', ACTIONS.accountsManage),
  adminRoute('PUT', '/accounts/:documentId', 'accounts.update', ACTIONS.accountsManage),
  adminRoute('DELETE', '/accounts/:documentId', 'accounts.remove', ACTIONS.accountsManage),
  adminRoute('POST', '/accounts/:documentId/check', 'accounts.check', ACTIONS.accountsManage),
  adminRoute('GET', '/status', 'accounts.status', ACTIONS.accountsRead),
];
