import { Badge } from '@strapi/design-system';
import { useIntl, type MessageDescriptor } from 'react-intl';
import type { PublicationState } from '../../shared/publishing/states';
import { getTrad } from '../utils/getTrad';

/** A publication's state in words: the publishing page, the composer, the article panel. */
export const STATE_LABELS: Record<PublicationState, MessageDescriptor> = {
  scheduled: { id: getTrad('publishing.state.scheduled'), defaultMessage: 'Scheduled' },
  held: { id: getTrad('publishing.state.held'), defaultMessage: 'On hold' },
  claimed: { id: getTrad('publishing.state.claimed'), defaultMessage: 'Starting' },
  publishing: { id: getTrad('publishing.state.publishing'), defaultMessage: 'Sending' },
  published: { id: getTrad('publishing.state.published'), defaultMessage: 'Published' },
  failed: { id: getTrad('publishing.state.failed'), defaultMessage: 'Failed' },
  unknown: { id: getTrad('publishing.state.unknown'), defaultMessage: 'Outcome unknown' },
  missed: { id: getTrad('publishing.state.missed'), defaultMessage: 'Missed' },
  cancelled: { id: getTrad('publishing.state.cancelled'), defaultMessage: 'Cancelled' },
};

const COLORS: Record<PublicationState, { backgroundColor: string; textColor: string }> = {
  scheduled: { backgroundColor: 'primary100', textColor: 'primary700' },
  held: { backgroundColor: 'warning100', textColor: 'warning700' },
  claimed: { backgroundColor: 'secondary100', textColor: 'secondary700' },
  publishing: { backgroundColor: 'secondary100', textColor: 'secondary700' },
  published: { backgroundColor: 'success100', textColor: 'success700' },
  failed: { backgroundColor: 'danger100', textColor: 'danger700' },
  unknown: { backgroundColor: 'warning100', textColor: 'warning700' },
  missed: { backgroundColor: 'danger100', textColor: 'danger700' },
  cancelled: { backgroundColor: 'neutral150', textColor: 'neutral700' },
};

export const PublicationStateBadge = ({ state }: { state: PublicationState }) => {
  const { formatMessage } = useIntl();
  return <Badge {...COLORS[state]}>{formatMessage(STATE_LABELS[state])}</Badge>;
};
