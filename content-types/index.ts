import editorialLine from './editorial-line';
import socialAccount from './social-account';
import postPlan from './post-plan';

/** Keys are each type's `info.singularName`, as Strapi requires. */
export default {
  'editorial-line': editorialLine,
  'social-account': socialAccount,
  'post-plan': postPlan,
};

export const UID = {
  editorialLine: 'plugin::community-manager.editorial-line',
  socialAccount: 'plugin::community-manager.social-account',
  postPlan: 'plugin::community-manager.post-plan',
} as const;
