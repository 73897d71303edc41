import type { MessageDescriptor } from 'react-intl';
import type { PostStatus } from '../../../shared/planning/workflow';
import { getTrad } from '../../utils/getTrad';

export const STATUS_LABELS: Record<PostStatus, MessageDescriptor> = {
  draft: { id: getTrad('calendar.status.draft'), defaultMessage: 'Draft' },
  in_review: { id: getTrad('calendar.status.in_review'), defaultMessage: 'In review' },
  approved: { id: getTrad('calendar.status.approved'), defaultMessage: 'Approved' },
  scheduled: { id: getTrad('calendar.status.scheduled'), defaultMessage: 'Scheduled' },
  published: { id: getTrad('calendar.status.published'), defaultMessage: 'Published' },
  partially_published: { id: getTrad('calendar.status.partially_published'), defaultMessage: 'Partially published' },
  failed: { id: getTrad('calendar.status.failed'), defaultMessage: 'Failed' },
  cancelled: { id: getTrad('calendar.status.cancelled'), defaultMessage: 'Cancelled' },
};

export const NO_PILLAR: MessageDescriptor = { id: getTrad('calendar.noPillar'), defaultMessage: 'No pillar' };
