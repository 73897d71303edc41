import type { MessageDescriptor } from 'react-intl';
import type { PostStatus } from '../../api/postPlans';
import { getTrad } from '../../utils/getTrad';

export const STATUS_LABELS: Record<PostStatus, MessageDescriptor> = {
  draft: { id: getTrad('posts.status.draft'), defaultMessage: 'Draft' },
  in_review: { id: getTrad('posts.status.in_review'), defaultMessage: 'In review' },
  approved: { id: getTrad('posts.status.approved'), defaultMessage: 'Approved' },
  scheduled: { id: getTrad('posts.status.scheduled'), defaultMessage: 'Scheduled' },
  published: { id: getTrad('posts.status.published'), defaultMessage: 'Published' },
  partially_published: { id: getTrad('posts.status.partially_published'), defaultMessage: 'Partly published' },
  failed: { id: getTrad('posts.status.failed'), defaultMessage: 'Failed' },
  cancelled: { id: getTrad('posts.status.cancelled'), defaultMessage: 'Cancelled' },
};

/** Design-system Status variants: grey while being written, blue on its way, green out, red refused. */
export const STATUS_VARIANTS: Record<PostStatus, 'neutral' | 'secondary' | 'alternative' | 'success' | 'warning' | 'danger' | 'primary'> = {
  draft: 'neutral',
  in_review: 'warning',
  approved: 'secondary',
  scheduled: 'primary',
  published: 'success',
  partially_published: 'alternative',
  failed: 'danger',
  cancelled: 'neutral',
};
