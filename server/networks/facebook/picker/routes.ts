import { adminRoute } from '../../../core/routes';
import { ACTIONS } from '../../../../shared/core/permissions';

/** Choosing which pages become accounts connects accounts: both routes are `accounts.manage`. */
export default [
  adminRoute('GET', '/facebook/accounts/:documentId/pages', 'facebook-pages.list', ACTIONS.accountsManage),
  adminRoute('POST', '/facebook/accounts/:documentId/pages', 'facebook-pages.connect', ACTIONS.accountsManage),
];
