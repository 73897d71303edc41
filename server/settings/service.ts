import type { Strapi } from '../core/strapi';
import { PLUGIN_ID } from '../../shared/core/permissions';
import { getService } from '../core/services';
import type { WorkflowSettings } from '../../shared/planning/workflow';
import { settingsSchema, type ContentTypeSettings, type PluginSettings } from '../../shared/settings/contract';
import { assertContentTypesValid, listSiteContentTypes } from './content-types';

const KEY = 'settings';

/**
 * Plugin settings live in Strapi's core store (one JSON value), so every
 * instance reads the same ones and no migration is needed when fields are added:
 * the schema fills what an older stored value lacks.
 */
export default ({ strapi }: { strapi: Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: KEY });

  return {
    async get(): Promise<PluginSettings> {
      const stored = (await store().get({})) as unknown;
      const parsed = settingsSchema.safeParse(stored ?? {});
      // A stored value that no longer parses (edited by hand) must not lock the admin out: defaults win.
      return parsed.success ? parsed.data : settingsSchema.parse({});
    },

    async set(settings: PluginSettings): Promise<PluginSettings> {
      await store().set({ value: settings });
      return this.get();
    },

    /** Checks the references zod cannot (content types, attributes, accounts), then stores. */
    async update(settings: PluginSettings): Promise<PluginSettings> {
      const accounts = new Set((await getService(strapi, 'accounts').list()).map((a) => a.documentId));
      assertContentTypesValid(strapi, settings.contentTypes, accounts);
      return this.set(settings);
    },

    /** The site's collection types the panel can be enabled on, with their fields. */
    siteContentTypes() {
      return listSiteContentTypes(strapi);
    },

    /** The settings of one content type, or null when the panel is not enabled on it. */
    async contentType(uid: string): Promise<ContentTypeSettings | null> {
      const { contentTypes } = await this.get();
      return contentTypes.find((c) => c.uid === uid) ?? null;
    },

    /** The two settings the approval workflow reads. */
    async workflow(): Promise<WorkflowSettings> {
      const { approvalRequired, retimeNeedsReview } = await this.get();
      return { approvalRequired, retimeNeedsReview };
    },

    /** Hosts whose links count as the site's own (UTM parameters go on those only). */
    async siteHosts(): Promise<string[]> {
      const { siteUrl, contentTypes } = await this.get();
      const hosts = [siteUrl, ...contentTypes.map((c) => c.urlPattern)]
        .filter((value): value is string => Boolean(value))
        .map((value) => {
          try {
            return new URL(value.replace(/\{[^}]*\}/g, 'x')).hostname.toLowerCase();
          } catch {
            return null;
          }
        })
        .filter((host): host is string => Boolean(host));
      return [...new Set(hosts)];
    },
  };
};
