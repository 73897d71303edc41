import type { MessageDescriptor } from 'react-intl';
import { ACTIONS, type Action } from '../shared/core/permissions';
import { getTrad } from './utils/getTrad';

export type SectionId = 'calendar' | 'posts' | 'publishing' | 'moderation' | 'watch' | 'reports' | 'editorial-line' | 'accounts';

export interface Section {
  id: SectionId;
  /** Route segment under the plugin's path. */
  path: string;
  /** The permission that opens the section (and shows its link). */
  readAction: Action;
  label: MessageDescriptor;
  /** One sentence on what the section is for, shown under its title. */
  purpose: MessageDescriptor;
  /** False while the section is announced but not built yet. */
  built: boolean;
}

/** The community manager's day, in the order the sub-navigation shows it. */
export const SECTIONS: readonly Section[] = [
  {
    id: 'calendar',
    path: 'calendar',
    readAction: ACTIONS.calendarRead,
    built: true,
    label: { id: getTrad('section.calendar.label'), defaultMessage: 'Calendar' },
    purpose: {
      id: getTrad('section.calendar.purpose'),
      defaultMessage:
        'Every planned and published post by day, week and month, coloured by content pillar, with the gaps against your posting targets.',
    },
  },
  {
    id: 'posts',
    path: 'posts',
    readAction: ACTIONS.postsRead,
    built: true,
    label: { id: getTrad('section.posts.label'), defaultMessage: 'Posts' },
    purpose: {
      id: getTrad('section.posts.purpose'),
      defaultMessage: 'Write a post once, adapt it per network, check it against your editorial line and send it for approval.',
    },
  },
  {
    id: 'publishing',
    path: 'publishing',
    // Publishing shows the posts on their way out: whoever may read posts may follow them.
    readAction: ACTIONS.postsRead,
    built: true,
    label: { id: getTrad('section.publishing.label'), defaultMessage: 'Publishing' },
    purpose: {
      id: getTrad('section.publishing.purpose'),
      defaultMessage: 'The queue of what goes out when and to which account, with every attempt and a retry for what a network refused.',
    },
  },
  {
    id: 'moderation',
    path: 'moderation',
    readAction: ACTIONS.moderationRead,
    built: true,
    label: { id: getTrad('section.moderation.label'), defaultMessage: 'Moderation' },
    purpose: {
      id: getTrad('section.moderation.purpose'),
      defaultMessage:
        'One inbox for the replies and mentions of your connected accounts: answer, hide or flag them without leaving Strapi.',
    },
  },
  {
    id: 'watch',
    path: 'watch',
    readAction: ACTIONS.watchRead,
    built: true,
    label: { id: getTrad('section.watch.label'), defaultMessage: 'Watch' },
    purpose: {
      id: getTrad('section.watch.purpose'),
      defaultMessage: 'Follow the feeds, hashtags and accounts that matter to you and turn what you find into post ideas.',
    },
  },
  {
    id: 'reports',
    path: 'reports',
    readAction: ACTIONS.reportsRead,
    built: true,
    label: { id: getTrad('section.reports.label'), defaultMessage: 'Reports' },
    purpose: {
      id: getTrad('section.reports.purpose'),
      defaultMessage: 'Reach and engagement per account and per content pillar, compared with your targets, ready to share.',
    },
  },
  {
    id: 'editorial-line',
    path: 'editorial-line',
    readAction: ACTIONS.editorialLineRead,
    built: true,
    label: { id: getTrad('section.editorial-line.label'), defaultMessage: 'Editorial line' },
    purpose: {
      id: getTrad('section.editorial-line.purpose'),
      defaultMessage: 'One line per brand: who you speak to, in which tone, about what, and the rules every post is checked against.',
    },
  },
  {
    id: 'accounts',
    path: 'accounts',
    readAction: ACTIONS.accountsRead,
    built: true,
    label: { id: getTrad('section.accounts.label'), defaultMessage: 'Accounts' },
    purpose: {
      id: getTrad('section.accounts.purpose'),
      defaultMessage: 'The social accounts and channels your posts are published to, and the state of their connection.',
    },
  },
];

export const sectionById = (id: SectionId): Section => {
  const section = SECTIONS.find((item) => item.id === id);
  if (!section) throw new Error(`Unknown section ${id}`);
  return section;
};

/** Everything that opens at least one section: the menu link shows for any of them. */
export const SECTION_READ_ACTIONS: readonly Action[] = [...new Set(SECTIONS.map((section) => section.readAction))];
