import { actionUid, type Action } from '../../shared/core/permissions';

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
export function adminRoute(
  method: Method,
  path: string,
  handler: string,
  action: Action,
  strapiActions: readonly string[] = []
): AdminRoute {
  return {
    method,
    path,
    handler,
    config: {
      policies: [
        'admin::isAuthenticatedAdmin',
        // Every action is required: the plugin's, and any of Strapi's own the route also needs (`admin::roles.create`).
        { name: 'admin::hasPermissions', config: { actions: [actionUid(action), ...strapiActions] } },
      ],
    },
  };
}

/**
 * The five routes of a collection the admin edits: list and read under one
 * action, create, update and delete under another.
 */
export function crudRoutes(path: string, controller: string, read: Action, write: Action): AdminRoute[] {
  return [
    adminRoute('GET', path, `${controller}.list`, read),
    adminRoute('GET', `${path}/:documentId`, `${controller}.get`, read),
    adminRoute('POST', path, `${controller}.create`, write),
    adminRoute('PUT', `${path}/:documentId`, `${controller}.update`, write),
    adminRoute('DELETE', `${path}/:documentId`, `${controller}.remove`, write),
  ];
}
