import type { Strapi } from './core/strapi';
import { ACTION_DEFINITIONS, PLUGIN_ID } from '../shared/core/permissions';
import { ensureScheduleIndex } from './calendar/indexes';
import { ensureDedupIndex } from './watch/indexes';
import { ensurePlanAccountIndex } from './publishing/indexes';
import { ensureAutoShareKeyIndex } from './entries/indexes';
import { getService } from './core/services';
import { ensureInboxIndexes } from './inbox/indexes';
import { ensureReportIndexes } from './reports/snapshots';

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
  // Indexes Strapi's schemas cannot declare (server/core/db/indexes.ts).
  await ensureScheduleIndex(strapi);
  await ensureDedupIndex(strapi);
  await ensurePlanAccountIndex(strapi);
  await ensureAutoShareKeyIndex(strapi);
  await ensureInboxIndexes(strapi);
  await ensureReportIndexes(strapi);
  // Last: the scheduler starts once everything it needs is registered (off per instance by config).
  getService(strapi, 'publications').start();
};
