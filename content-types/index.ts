import editorialLine from './editorial-line';
import socialAccount from './social-account';
import postPlan from './post-plan';
import autoShare from './auto-share';
import postComment from './post-comment';
import calendarFeed from './calendar-feed';
import watchSource from './watch-source';
import watchItem from './watch-item';
import watchAlert from './watch-alert';
import publication from './publication';
import oauthState from './oauth-state';
import metricSnapshot from './metric-snapshot';
import metricTrack from './metric-track';
import kpiReport from './kpi-report';
import reportSchedule from './report-schedule';
import inboxItem from './inbox-item';
import inboxCursor from './inbox-cursor';
import inboxDelivery from './inbox-delivery';
import savedReply from './saved-reply';
import crisisEvent from './crisis-event';
import moderationRule from './moderation-rule';
import inboxAutoReply from './inbox-auto-reply';

/** Keys are each type's `info.singularName`, as Strapi requires. */
export default {
  'editorial-line': editorialLine,
  'social-account': socialAccount,
  'post-plan': postPlan,
  'auto-share': autoShare,
  'post-comment': postComment,
  'calendar-feed': calendarFeed,
  'watch-source': watchSource,
  'watch-item': watchItem,
  'watch-alert': watchAlert,
  publication,
  'oauth-state': oauthState,
  'inbox-item': inboxItem,
  'inbox-cursor': inboxCursor,
  'inbox-delivery': inboxDelivery,
  'saved-reply': savedReply,
  'crisis-event': crisisEvent,
  'moderation-rule': moderationRule,
  'inbox-auto-reply': inboxAutoReply,
  'metric-snapshot': metricSnapshot,
  'metric-track': metricTrack,
  'kpi-report': kpiReport,
  'report-schedule': reportSchedule,
};

export const UID = {
  editorialLine: 'plugin::community-manager.editorial-line',
  socialAccount: 'plugin::community-manager.social-account',
  postPlan: 'plugin::community-manager.post-plan',
  autoShare: 'plugin::community-manager.auto-share',
  postComment: 'plugin::community-manager.post-comment',
  calendarFeed: 'plugin::community-manager.calendar-feed',
  watchSource: 'plugin::community-manager.watch-source',
  watchItem: 'plugin::community-manager.watch-item',
  watchAlert: 'plugin::community-manager.watch-alert',
  publication: 'plugin::community-manager.publication',
  oauthState: 'plugin::community-manager.oauth-state',
  inboxItem: 'plugin::community-manager.inbox-item',
  inboxCursor: 'plugin::community-manager.inbox-cursor',
  inboxDelivery: 'plugin::community-manager.inbox-delivery',
  savedReply: 'plugin::community-manager.saved-reply',
  crisisEvent: 'plugin::community-manager.crisis-event',
  moderationRule: 'plugin::community-manager.moderation-rule',
  inboxAutoReply: 'plugin::community-manager.inbox-auto-reply',
  metricSnapshot: 'plugin::community-manager.metric-snapshot',
  metricTrack: 'plugin::community-manager.metric-track',
  kpiReport: 'plugin::community-manager.kpi-report',
  reportSchedule: 'plugin::community-manager.report-schedule',
} as const;
