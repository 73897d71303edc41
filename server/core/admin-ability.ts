import type { Strapi, Row } from './strapi';
import { actionUid, type ACTIONS } from '../../shared/core/permissions';

type Action = (typeof ACTIONS)[keyof typeof ACTIONS];

/**
 * What an admin user may do now, read from their current roles: for the
 * routes a person reaches without the admin's bearer token (the calendar
 * feed, the watch's signed image links, the OAuth callback), which must still
 * honour a role change, a deactivation or a block made since the link was
 * made. An inactive, blocked or deleted user may do nothing.
 */
export async function adminAbility(strapi: Strapi, userId: number): Promise<{ can(action: Action): boolean }> {
  const user = (await strapi.db.query('admin::user').findOne({ where: { id: userId }, populate: ['roles'] })) as Row | null;
  if (!user || user.isActive !== true || user.blocked === true) return { can: () => false };
  const engine = (
    strapi.admin!.services.permission as unknown as {
      engine: { generateUserAbility(user: unknown): Promise<{ can(action: string): boolean }> };
    }
  ).engine;
  const ability = await engine.generateUserAbility(user);
  return { can: (action) => ability.can(actionUid(action)) };
}
