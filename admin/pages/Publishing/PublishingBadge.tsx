import { Badge } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { usePublishingBadge } from '../../api/publishing';
import { getTrad } from '../../utils/getTrad';

/** Next to "Publishing" in the navigation: what waits for a person (failed, unknown, missed, held, accounts to reconnect). */
export const PublishingBadge = () => {
  const { formatMessage } = useIntl();
  const badge = usePublishingBadge();
  const count = badge.data?.count ?? 0;
  if (!count) return null;
  return (
    <Badge
      backgroundColor="danger500"
      textColor="neutral0"
      aria-label={formatMessage({ id: getTrad('publishing.badge'), defaultMessage: '{count} need you' }, { count })}
    >
      {count}
    </Badge>
  );
};
