import { adminRoute } from '../../../core/routes';
import { ACTIONS } from '../../../../shared/core/permissions';

/** Choosing which Instagram accounts become accounts connects accounts: both routes are `accounts.manage`. */
export default [
  adminRoute('GET', '/instagram/accounts/:documentId/pages', 'instagram-pages.list', ACTIONS.accountsManage),
  adminRoute('POST', '/instagram/accounts/:documentId/pages', 'instagram-pages.connect', ACTIONS.accountsManage),
];
