import type { MessageDescriptor } from 'react-intl';
import type { TransitionName } from '../../api/postPlans';
import { getTrad } from '../../utils/getTrad';

/** The button for each workflow transition, as the composer and the posts page show it. */
export const TRANSITION_LABELS: Record<TransitionName, MessageDescriptor> = {
  submit: { id: getTrad('composer.action.submit'), defaultMessage: 'Send to review' },
  withdraw: { id: getTrad('composer.action.withdraw'), defaultMessage: 'Back to draft' },
  approve: { id: getTrad('composer.action.approve'), defaultMessage: 'Approve' },
  send_back: { id: getTrad('composer.action.send_back'), defaultMessage: 'Send back with a comment' },
  schedule: { id: getTrad('composer.action.schedule'), defaultMessage: 'Schedule' },
  unschedule: { id: getTrad('composer.action.unschedule'), defaultMessage: 'Unschedule' },
  cancel: { id: getTrad('composer.action.cancel'), defaultMessage: 'Cancel the post' },
  restore: { id: getTrad('composer.action.restore'), defaultMessage: 'Restore to draft' },
  retry: { id: getTrad('composer.action.retry'), defaultMessage: 'Retry' },
};
