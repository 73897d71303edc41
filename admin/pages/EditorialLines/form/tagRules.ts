import type { IntlShape } from 'react-intl';
import { getTrad } from '../../../utils/getTrad';

/** Hashtags are stored without their sign, as the server does; typed with or without it. */
export const normalizeHashtag = (raw: string) => raw.trim().replace(/^[#＃]+/u, '');

export const hashtagProblem = (intl: IntlShape) => (tag: string) =>
  /^[\p{L}\p{N}_]{1,100}$/u.test(tag)
    ? undefined
    : intl.formatMessage({
        id: getTrad('editorialLine.errors.hashtag'),
        defaultMessage: 'A hashtag holds letters, digits and underscores only.',
      });

/** `FR_ca` is typed as often as `fr-CA`: both become the BCP 47 form the server expects. */
export function normalizeLanguage(raw: string): string {
  const [language = '', ...rest] = raw.trim().split(/[-_]/);
  return [language.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part))].join('-');
}

export const languageProblem = (intl: IntlShape) => (code: string) =>
  /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(code)
    ? undefined
    : intl.formatMessage({
        id: getTrad('editorialLine.errors.language'),
        defaultMessage: 'A language is a code such as en, fr or fr-CA.',
      });

/** "fr · français" in the admin's language, or the bare code when the browser cannot name it. */
export function languageLabel(code: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(code);
    return name && name !== code ? `${code} · ${name}` : code;
  } catch {
    return code;
  }
}

export const bannedWordProblem = (intl: IntlShape) => (word: string) =>
  word.length <= 100
    ? undefined
    : intl.formatMessage({ id: getTrad('editorialLine.errors.bannedWord'), defaultMessage: 'At most 100 characters.' });
