import { actionUid, type Action } from './permissions';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface AdminRoute {
  method: Method;
  path: string;
  handler: string;
  config: { policies: Array<string | { name: string; config: { actions: string[] } }> };
}

/**
 * Every admin route goes through here so none can be declared without both the
 * authentication policy and the RBAC action that guards it.
 */
export function adminRoute(method: Method, path: string, handler: string, action: Action): AdminRoute {
  return {
    method,
    path,
    handler,
    config: {
      policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [actionUid(action)] } }],
    },
  };
}
