import { Discuss } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { ACTIONS, PLUGIN_ID, adminPermission } from '../shared/core/permissions';
import { SECTION_READ_ACTIONS } from './sections';
import { getTrad } from './utils/getTrad';
import { SocialPostsPanel } from './pages/EntryPanel/SocialPostsPanel';
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
    // The plugin's settings live in Strapi's global Settings menu, under their own section.
    app.addSettingsLink(
      { id: PLUGIN_ID, intlLabel: { id: getTrad('settings.section'), defaultMessage: 'Community' } },
      {
        id: `${PLUGIN_ID}-settings`,
        to: PLUGIN_ID,
        intlLabel: { id: getTrad('settings.link'), defaultMessage: 'Posts & articles' },
        Component: () => import('./pages/Settings/SettingsPage'),
        permissions: adminPermission(ACTIONS.settings),
      }
    );
  },

  // After every plugin registered: the "Social posts" panel on the content manager's edit view.
  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as { apis: { addEditViewSidePanel(panels: unknown[]): void } };
    contentManager.apis.addEditViewSidePanel([SocialPostsPanel]);
  },

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
      })
    );
  },
};
