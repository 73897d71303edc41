import type { Strapi } from './core/strapi';
import { ACTION_DEFINITIONS, PLUGIN_ID } from './core/permissions';

export default async ({ strapi }: { strapi: Strapi }) => {
  await strapi.admin!.services.permission.actionProvider.registerMany(
    ACTION_DEFINITIONS.map((action) => ({
      section: 'plugins',
      displayName: action.displayName,
      uid: action.uid,
      subCategory: action.subCategory,
      pluginName: PLUGIN_ID,
    }))
  );
};
