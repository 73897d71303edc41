import type { MessageDescriptor } from 'react-intl';
import type { PostStatus } from '../../../shared/planning/workflow';
import { getTrad } from '../../utils/getTrad';

export const POST_STATUS_LABELS: Record<PostStatus, MessageDescriptor> = {
  draft: { id: getTrad('panel.status.draft'), defaultMessage: 'Draft' },
  in_review: { id: getTrad('panel.status.in_review'), defaultMessage: 'In review' },
  approved: { id: getTrad('panel.status.approved'), defaultMessage: 'Approved' },
  scheduled: { id: getTrad('panel.status.scheduled'), defaultMessage: 'Scheduled' },
  published: { id: getTrad('panel.status.published'), defaultMessage: 'Published' },
  partially_published: { id: getTrad('panel.status.partially_published'), defaultMessage: 'Partly published' },
  failed: { id: getTrad('panel.status.failed'), defaultMessage: 'Failed' },
  cancelled: { id: getTrad('panel.status.cancelled'), defaultMessage: 'Cancelled' },
};

/** Design-system colours: grey while in the works, blue when waiting on a person, green out, red wrong. */
export const POST_STATUS_VARIANTS: Record<PostStatus, 'neutral' | 'secondary' | 'success' | 'danger' | 'warning' | 'primary'> = {
  draft: 'neutral',
  in_review: 'secondary',
  approved: 'primary',
  scheduled: 'primary',
  published: 'success',
  partially_published: 'warning',
  failed: 'danger',
  cancelled: 'neutral',
};
