import { Link } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { ACTIONS } from '../../../shared/core/permissions';
import { getTrad } from '../../utils/getTrad';
import { pluginPath } from '../../utils/paths';
import { useCan } from '../../utils/permissions';
import { useReplyCount } from './insights';

/** "N replies" on a published post: opens the Moderation page on that post's conversation. Nothing without replies or the right to read them. */
export const ReplyCount = ({ planDocumentId }: { planDocumentId: string }) => {
  const { formatMessage } = useIntl();
  const { allowed } = useCan(ACTIONS.moderationRead);
  const count = useReplyCount(planDocumentId, allowed);
  if (!allowed || !count) return null;
  return (
    <Link tag={RouterLink} to={`${pluginPath('moderation')}?plan=${encodeURIComponent(planDocumentId)}`} data-testid="post-reply-count">
      {formatMessage({ id: getTrad('inbox.replyCount'), defaultMessage: '{count, plural, one {# reply} other {# replies}}' }, { count })}
    </Link>
  );
};
