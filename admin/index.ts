import { Discuss } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PLUGIN_ID, adminPermission } from '../server/core/permissions';
import { SECTION_READ_ACTIONS } from './sections';
import { getTrad } from './utils/getTrad';
import { prefixTranslations } from './utils/prefixTranslations';

type Translations = Record<string, string>;

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Discuss,
      intlLabel: { id: getTrad('plugin.name'), defaultMessage: 'Community' },
      Component: () => import('./pages/App'),
      // The link shows as soon as the user may open one of the sections.
      permissions: SECTION_READ_ACTIONS.flatMap(adminPermission),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Community' });
  },

  // Nothing to wire after the other plugins yet; the content-manager side panel of the
  // posts issue is registered here.
  bootstrap() {},

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as { default: Translations };
          return { data: prefixTranslations(data, PLUGIN_ID), locale };
        } catch {
          // A locale the plugin does not translate falls back to the English defaultMessage.
          return { data: {}, locale };
        }
      }),
    );
  },
};
