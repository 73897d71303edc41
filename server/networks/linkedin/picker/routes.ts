import { adminRoute } from '../../../core/routes';
import { ACTIONS } from '../../../../shared/core/permissions';

/** Choosing which pages become accounts connects accounts: both routes are `accounts.manage`. */
export default [
  adminRoute('GET', '/linkedin/accounts/:documentId/pages', 'linkedin-pages.list', ACTIONS.accountsManage),
  adminRoute('POST', '/linkedin/accounts/:documentId/pages', 'linkedin-pages.connect', ACTIONS.accountsManage),
];
