/**
 * The plugin's whole RBAC action list, registered at bootstrap so roles can be
 * set up once even for sections later issues build. The admin imports this file
 * too: one list, no drift between menu links and route guards.
 */
export const PLUGIN_ID = 'community-manager';

export const ACTIONS = {
  editorialLineRead: 'editorial-line.read',
  editorialLineUpdate: 'editorial-line.update',
  accountsRead: 'accounts.read',
  accountsManage: 'accounts.manage',
  postsRead: 'posts.read',
  postsCreate: 'posts.create',
  postsApprove: 'posts.approve',
  postsPublish: 'posts.publish',
  calendarRead: 'calendar.read',
  moderationRead: 'moderation.read',
  moderationAct: 'moderation.act',
  moderationCrisis: 'moderation.crisis',
  moderationRules: 'moderation.rules',
  watchRead: 'watch.read',
  watchManage: 'watch.manage',
  reportsRead: 'reports.read',
  reportsGenerate: 'reports.generate',
  settings: 'settings',
} as const;

export type Action = (typeof ACTIONS)[keyof typeof ACTIONS];

interface ActionDefinition {
  uid: Action;
  displayName: string;
  subCategory: string;
}

export const ACTION_DEFINITIONS: readonly ActionDefinition[] = [
  { uid: ACTIONS.editorialLineRead, displayName: 'Read editorial lines', subCategory: 'Editorial line' },
  { uid: ACTIONS.editorialLineUpdate, displayName: 'Edit editorial lines', subCategory: 'Editorial line' },
  { uid: ACTIONS.accountsRead, displayName: 'See social accounts', subCategory: 'Accounts' },
  { uid: ACTIONS.accountsManage, displayName: 'Connect and manage social accounts', subCategory: 'Accounts' },
  { uid: ACTIONS.postsRead, displayName: 'Read posts', subCategory: 'Posts' },
  { uid: ACTIONS.postsCreate, displayName: 'Create and submit posts', subCategory: 'Posts' },
  { uid: ACTIONS.postsApprove, displayName: 'Approve posts', subCategory: 'Posts' },
  { uid: ACTIONS.postsPublish, displayName: 'Schedule and publish posts', subCategory: 'Posts' },
  { uid: ACTIONS.calendarRead, displayName: 'See the calendar', subCategory: 'Calendar' },
  { uid: ACTIONS.moderationRead, displayName: 'Read the moderation inbox', subCategory: 'Moderation' },
  { uid: ACTIONS.moderationAct, displayName: 'Reply, hide and moderate', subCategory: 'Moderation' },
  { uid: ACTIONS.moderationCrisis, displayName: 'Turn crisis mode on and off', subCategory: 'Moderation' },
  { uid: ACTIONS.moderationRules, displayName: 'Manage moderation rules', subCategory: 'Moderation' },
  { uid: ACTIONS.watchRead, displayName: 'Read the watch', subCategory: 'Watch' },
  { uid: ACTIONS.watchManage, displayName: 'Manage watch sources', subCategory: 'Watch' },
  { uid: ACTIONS.reportsRead, displayName: 'Read reports', subCategory: 'Reports' },
  { uid: ACTIONS.reportsGenerate, displayName: 'Generate reports', subCategory: 'Reports' },
  { uid: ACTIONS.settings, displayName: 'Change plugin settings', subCategory: 'Settings' },
];

export const actionUid = (action: Action) => `plugin::${PLUGIN_ID}.${action}` as const;

/** The shape the admin's `permissions` props and `useRBAC` expect. */
export const adminPermission = (action: Action) => [{ action: actionUid(action), subject: null }];
