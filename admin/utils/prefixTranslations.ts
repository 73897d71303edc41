/** Strapi merges every plugin's messages into one catalogue: ours are namespaced by plugin id. */
export function prefixTranslations(translations: Record<string, string>, pluginId: string): Record<string, string> {
  return Object.fromEntries(Object.entries(translations).map(([key, value]) => [`${pluginId}.${key}`, value]));
}
