import { PLUGIN_ID } from '../../shared/core/permissions';

/**
 * Absolute paths inside the plugin. The router's basename adds the admin's own
 * prefix; absolute paths avoid React Router's splat-route ambiguity for relative links.
 */
export const PLUGIN_BASE_PATH = `/plugins/${PLUGIN_ID}`;

export const pluginPath = (...segments: string[]) => [PLUGIN_BASE_PATH, ...segments].join('/');

export const paths = {
  editorialLines: () => pluginPath('editorial-line'),
  newEditorialLine: () => pluginPath('editorial-line', 'new'),
  editorialLine: (documentId: string) => pluginPath('editorial-line', documentId),
  accounts: () => pluginPath('accounts'),
};
