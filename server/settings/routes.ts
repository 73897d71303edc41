import { adminRoute } from '../core/routes';
import { ACTIONS } from '../../shared/core/permissions';

export default [
  adminRoute('GET', '/settings', 'settings.get', ACTIONS.settings),
  adminRoute('PUT', '/settings', 'settings.update', ACTIONS.settings),
  adminRoute('GET', '/settings/content-types', 'settings.contentTypes', ACTIONS.settings),
];
