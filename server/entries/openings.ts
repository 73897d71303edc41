/**
 * Openings for the posts of a share timeline, so the same article shared on
 * day 0, 3 and 14 does not say the same thing three times. The first one
 * announces; the others rotate. French follows the house typography (narrow
 * no-break space before the colon).
 */
export type OpeningLanguage = 'en' | 'fr';

const OPENINGS: Record<OpeningLanguage, readonly string[]> = {
  en: ['New on the blog:', 'In case you missed it:', 'Worth a re-read:', 'From our archive:', 'Still relevant:', 'A quick reminder:'],
  fr: [
    'Nouveau sur le blog\u202f:',
    'Au cas où vous l’auriez manqué\u202f:',
    'À relire\u202f:',
    'Dans nos archives\u202f:',
    'Toujours d’actualité\u202f:',
    'Petit rappel\u202f:',
  ],
};

/** What an internal title calls a step ("day 3", "jour 3"). */
export const DAY_WORD: Record<OpeningLanguage, string> = { en: 'day', fr: 'jour' };

/** The editorial line's first language if it is one we write openings in, else English. */
export function openingLanguage(languages: readonly string[]): OpeningLanguage {
  const first = (languages[0] ?? '').toLowerCase();
  return first === 'fr' || first.startsWith('fr-') ? 'fr' : 'en';
}

/**
 * The opening of each step: a step on day 0 announces ("New on the blog:"),
 * every later step takes the next of the other openings in turn, so no two
 * neighbouring steps start alike.
 */
export function openingsFor(offsets: readonly number[], language: OpeningLanguage): string[] {
  const [announce, ...others] = OPENINGS[language];
  let next = 0;
  return offsets.map((offset) => (offset === 0 ? announce : others[next++ % others.length]));
}
