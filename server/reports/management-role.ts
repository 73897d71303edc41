import type { Strapi } from '../core/strapi';
import { HttpError } from '../core/errors';
import { serverMessage } from '../../shared/core/messages';
import { ACTIONS, actionUid } from '../../shared/core/permissions';

/** The role's stable code: how a second click finds the role the first one made, whatever it was renamed to. */
export const MANAGEMENT_ROLE_CODE = 'community-manager-management';
export const MANAGEMENT_ROLE_NAME = 'Management';

/**
 * What management may do: read reports and the calendar. The plugin's menu
 * link shows for whoever holds a section's read action, so it needs no action
 * of its own; every write stays out.
 */
export const MANAGEMENT_ACTIONS = [ACTIONS.reportsRead, ACTIONS.calendarRead] as const;

interface RoleService {
  create(data: object): Promise<{ id: number }>;
  assignPermissions(id: number, permissions: object[]): Promise<unknown>;
}

export interface ManagementRole {
  id: number;
  name: string;
  code: string;
  /** false: the role was there already (its permissions set back to the read-only ones) */
  created: boolean;
  actions: string[];
}

/**
 * Creates the read-only "Management" admin role, or finds the one made before
 * (by its code) and sets its permissions back to exactly the read-only ones:
 * one click always leaves a role that can read reports and the calendar and
 * nothing else. A role of the same name made by hand is not taken over (409):
 * it may hold what management must not.
 */
export async function ensureManagementRole(strapi: Strapi): Promise<ManagementRole> {
  const roles = strapi.db.query('admin::role' as never);
  const service = strapi.service('admin::role') as unknown as RoleService;
  const permissions = MANAGEMENT_ACTIONS.map((action) => ({ action: actionUid(action), subject: null, conditions: [], properties: {} }));
  const find = () => roles.findOne({ where: { code: MANAGEMENT_ROLE_CODE } } as never) as Promise<{ id: number; name: string } | null>;

  let role = await find();
  let created = false;
  if (!role) {
    const sameName = (await roles.findOne({ where: { name: MANAGEMENT_ROLE_NAME } } as never)) as { id: number } | null;
    if (sameName) throw new HttpError(409, 'role_name_taken', serverMessage('management_role_name_taken', { name: MANAGEMENT_ROLE_NAME }));
    try {
      await service.create({
        name: MANAGEMENT_ROLE_NAME,
        code: MANAGEMENT_ROLE_CODE,
        description: 'Reads the Community Manager reports and calendar (created from the plugin settings).',
      });
      created = true;
    } catch (error) {
      // Two clicks at once: the other one made it; use it.
      if (!(await find())) throw error;
    }
    role = (await find())!;
  }
  await service.assignPermissions(role.id, permissions);
  return { id: role.id, name: role.name, code: MANAGEMENT_ROLE_CODE, created, actions: permissions.map((p) => p.action) };
}
