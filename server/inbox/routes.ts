import { adminRoute } from '../core/routes';
import { ACTIONS } from '../../shared/core/permissions';
import { PUSH_PREFIX, SITE_INGEST_PATH } from './raw-body';

const { moderationRead: read, moderationAct: act, moderationRules: rules } = ACTIONS;

/**
 * Reading the inbox needs `moderation.read`; every change (status, assignment,
 * tags, notes, sentiment, replies, saved replies, reading the sources now,
 * approving, rejecting and blocking a site comment) needs `moderation.act`;
 * reading an item's thread from its network is reading. The moderation rules are read (and dry-run) with
 * `moderation.read` and changed with `moderation.rules` (docs/decisions.md).
 * Fixed paths come before the `:documentId` ones.
 */
export const inboxRoutes = [
  adminRoute('GET', '/inbox/items', 'inbox.list', read),
  adminRoute('POST', '/inbox/items/bulk', 'inbox.bulk', act),
  adminRoute('GET', '/inbox/items/:documentId', 'inbox.get', read),
  adminRoute('GET', '/inbox/items/:documentId/context', 'inbox.context', read),
  adminRoute('POST', '/inbox/items/:documentId/status', 'inbox.setStatus', act),
  adminRoute('POST', '/inbox/items/:documentId/assign', 'inbox.assign', act),
  adminRoute('PUT', '/inbox/items/:documentId/tags', 'inbox.setTags', act),
  adminRoute('POST', '/inbox/items/:documentId/notes', 'inbox.addNote', act),
  adminRoute('PUT', '/inbox/items/:documentId/sentiment', 'inbox.setSentiment', act),
  adminRoute('POST', '/inbox/items/:documentId/reply', 'inbox.reply', act),
  adminRoute('POST', '/inbox/items/:documentId/hide', 'inbox.hide', act),
  adminRoute('POST', '/inbox/items/:documentId/resend', 'inbox.resend', act),
  adminRoute('POST', '/inbox/items/:documentId/moderate', 'inbox.moderate', act),
  adminRoute('GET', '/inbox/sources', 'inbox.sources', read),
  adminRoute('POST', '/inbox/poll', 'inbox.poll', act),
  adminRoute('GET', '/inbox/assignees', 'inbox.assignees', read),
  adminRoute('GET', '/inbox/badge', 'inbox.badge', read),
  adminRoute('GET', '/inbox/reply-counts', 'inbox.replyCounts', read),
  adminRoute('GET', '/inbox/figures', 'inbox.figures', read),
  adminRoute('POST', '/inbox/sentiment', 'inbox.sentiment', read),
  adminRoute('GET', '/inbox/saved-replies', 'inbox.listSavedReplies', read),
  adminRoute('POST', '/inbox/saved-replies', 'inbox.createSavedReply', act),
  adminRoute('PUT', '/inbox/saved-replies/:documentId', 'inbox.updateSavedReply', act),
  adminRoute('DELETE', '/inbox/saved-replies/:documentId', 'inbox.removeSavedReply', act),
  adminRoute('GET', '/inbox/rules', 'inbox.listRules', read),
  adminRoute('POST', '/inbox/rules', 'inbox.createRule', rules),
  adminRoute('POST', '/inbox/rules/dry-run', 'inbox.dryRunRule', read),
  adminRoute('PUT', '/inbox/rules/order', 'inbox.reorderRules', rules),
  adminRoute('PUT', '/inbox/rules/:documentId', 'inbox.updateRule', rules),
  adminRoute('DELETE', '/inbox/rules/:documentId', 'inbox.removeRule', rules),
];

/**
 * Public: a site's server cannot hold an admin token; the HMAC signature over
 * the raw body is the credential (site.ts); a network's webhook likewise
 * (push.ts). Their bodies are read by raw-body.ts.
 */
export const publicInboxRoutes = [
  {
    method: 'POST' as const,
    path: SITE_INGEST_PATH,
    handler: 'inbox.site',
    config: { auth: false as const, policies: [] as string[], middlewares: [] as string[] },
  },
  // A network's webhook (push.ts): the subscription handshake by its verify token, deliveries by the app secret's signature.
  ...(['GET', 'POST'] as const).map((method) => ({
    method,
    path: `${PUSH_PREFIX}:signIn`,
    handler: method === 'GET' ? 'inbox.pushChallenge' : 'inbox.push',
    config: { auth: false as const, policies: [] as string[], middlewares: [] as string[] },
  })),
];
