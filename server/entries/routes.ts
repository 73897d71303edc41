import { adminRoute } from '../core/routes';
import { ACTIONS } from '../../shared/core/permissions';

export default [
  adminRoute('GET', '/entries/config', 'entries.config', ACTIONS.postsRead),
  adminRoute('GET', '/entries/prefill', 'entries.prefill', ACTIONS.postsCreate),
  adminRoute('GET', '/entries/posts', 'entries.posts', ACTIONS.postsRead),
  adminRoute('POST', '/entries/share-timeline', 'entries.shareTimeline', ACTIONS.postsCreate),
];
