import type { Strapi } from './strapi';
import { UID } from '../../content-types';

const PLUGIN_TYPES: ReadonlySet<string> = new Set(Object.values(UID));

interface RegisteredAction {
  actionId: string;
  subjects?: string[];
}

interface ActionRegistry {
  hooks: { willRegister: { register(handler: (event: { key: string; value: RegisteredAction }) => void): void } };
}

/**
 * `visible: false` only hides a type from the Content Manager's menus: Strapi
 * still registers every type as a subject of `explorer.read`, so a super admin
 * could read social accounts' encrypted credentials through
 * /content-manager/collection-types/… and any role could be given that read.
 * The plugin's data is reached only through its own routes and RBAC actions, so
 * its types are taken out of every Content Manager action as the action is
 * registered: no role can hold them, and the admin's bootstrap (which runs after
 * the plugins') drops any such permission left in the database.
 */
export function keepOutOfContentManager(strapi: Strapi) {
  const actions = (strapi.admin!.services.permission as unknown as { actionProvider: ActionRegistry }).actionProvider;
  actions.hooks.willRegister.register(({ value }) => {
    if (value.actionId.startsWith('plugin::content-manager.') && Array.isArray(value.subjects)) {
      value.subjects = value.subjects.filter((subject) => !PLUGIN_TYPES.has(subject));
    }
  });
}
