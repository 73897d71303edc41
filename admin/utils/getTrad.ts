import { PLUGIN_ID } from '../../shared/core/permissions';

/**
 * The full translation id of one of the plugin's messages. Always call it with a
 * string literal: tests/unit/translations.test.ts finds the ids by reading the source.
 */
export const getTrad = (id: string) => `${PLUGIN_ID}.${id}`;
