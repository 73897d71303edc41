import { adminRoute, crudRoutes } from '../core/routes';
import { ACTIONS } from '../../shared/core/permissions';

export default [
  ...crudRoutes('/editorial-lines', 'editorial-lines', ACTIONS.editorialLineRead, ACTIONS.editorialLineUpdate),
  adminRoute('POST', '/lint', 'editorial-lines.lint', ACTIONS.editorialLineRead),
];
