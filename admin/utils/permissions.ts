import * as React from 'react';
import { useAuth, useRBAC } from '@strapi/strapi/admin';
import { actionUid, adminPermission, type Action } from '../../shared/core/permissions';

/**
 * Whether the user holds `action`, as `useRBAC` decides it (conditions included).
 * `useRBAC` names its answers after the action's last segment (`accounts.manage` ->
 * `canManage`), which this hook hides from the pages.
 */
export function useCan(action: Action): { allowed: boolean; isLoading: boolean } {
  const permissions = React.useMemo(() => adminPermission(action), [action]);
  const { allowedActions, isLoading } = useRBAC(permissions);
  const lastSegment = action.split('.').pop() ?? '';
  const key = `can${lastSegment
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')}`;
  return { allowed: allowedActions[key] === true, isLoading };
}

/**
 * Which of `actions` the user holds at all, answered synchronously from the session.
 * For navigation only (hiding links); the pages themselves are guarded by `Page.Protect`.
 */
export function useHeldActions(actions: readonly Action[]): Set<Action> {
  const userPermissions = useAuth('CommunityManager', (state) => state.permissions);
  return React.useMemo(() => {
    const held = new Set(userPermissions.map((permission) => permission.action));
    return new Set(actions.filter((action) => held.has(actionUid(action))));
  }, [actions, userPermissions]);
}
