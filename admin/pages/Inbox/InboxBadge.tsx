import { Badge } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { ACTIONS } from '../../../shared/core/permissions';
import { getTrad } from '../../utils/getTrad';
import { useCan } from '../../utils/permissions';
import { useInboxBadge } from './insights';

/** Next to "Moderation" in the navigation: the new items plus the ones assigned to me. */
export const InboxBadge = () => {
  const { formatMessage } = useIntl();
  const { allowed } = useCan(ACTIONS.moderationRead);
  const badge = useInboxBadge(allowed);
  const count = badge.data?.count ?? 0;
  if (!count) return null;
  return (
    <Badge
      backgroundColor="primary600"
      textColor="neutral0"
      aria-label={formatMessage({ id: getTrad('inbox.badge'), defaultMessage: '{count} waiting in the inbox' }, { count })}
      data-testid="inbox-badge"
    >
      {count}
    </Badge>
  );
};
