import editorialLine from './editorial-line';
import socialAccount from './social-account';

/** Keys are each type's `info.singularName`, as Strapi requires. */
export default {
  'editorial-line': editorialLine,
  'social-account': socialAccount,
};

export const UID = {
  editorialLine: 'plugin::community-manager.editorial-line',
  socialAccount: 'plugin::community-manager.social-account',
} as const;
