/**
 * The two kinds of `{name}` text the settings hold: a content type's public URL
 * pattern (`https://example.com/blog/{slug}`, braces name the entry's attributes)
 * and the auto-share template (`{title}`, `{url}`, `{excerpt}`). Pure, so the
 * settings page shows the same live example the server builds.
 */

const BRACES = /\{([^{}]*)\}/g;

export const TEMPLATE_PLACEHOLDERS = ['title', 'url', 'excerpt'] as const;
export type TemplateValues = Record<(typeof TEMPLATE_PLACEHOLDERS)[number], string>;

export const DEFAULT_TEMPLATE = '{title}\n\n{excerpt}\n\n{url}';

/** The names inside braces, in order, each once. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(BRACES)].map((match) => match[1]))];
}

/**
 * The entry's public URL: every `{attribute}` replaced by the entry's value,
 * URL-encoded so a title with spaces or a slash cannot change the path. A value
 * that is missing leaves the URL unbuilt (null) rather than pointing at a wrong page.
 */
export function fillUrlPattern(pattern: string, values: Record<string, unknown>): string | null {
  let missing = false;
  const url = pattern.replace(BRACES, (_, name: string) => {
    const value = values[name];
    if (value === null || value === undefined || value === '' || typeof value === 'object') {
      missing = true;
      return '';
    }
    return encodeURIComponent(String(value));
  });
  return missing ? null : url;
}

/** The auto-share text: placeholders filled, and the blank lines an empty one leaves behind folded. */
export function fillTemplate(template: string, values: TemplateValues): string {
  return template
    .replace(BRACES, (whole, name: string) => (name in values ? values[name as keyof TemplateValues] : whole))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
