import { adminRoute } from '../core/routes';
import { ACTIONS } from '../core/permissions';

export default [
  adminRoute('GET', '/editorial-lines', 'editorial-lines.list', ACTIONS.editorialLineRead),
  adminRoute('GET', '/editorial-lines/:documentId', 'editorial-lines.get', ACTIONS.editorialLineRead),
  adminRoute('POST', '/editorial-lines', 'editorial-lines.create', ACTIONS.editorialLineUpdate),
  adminRoute('PUT', '/editorial-lines/:documentId', 'editorial-lines.update', ACTIONS.editorialLineUpdate),
  adminRoute('DELETE', '/editorial-lines/:documentId', 'editorial-lines.remove', ACTIONS.editorialLineUpdate),
  adminRoute('POST', '/lint', 'editorial-lines.lint', ACTIONS.editorialLineRead),
];
