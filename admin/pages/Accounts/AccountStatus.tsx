import { Flex, Status, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { SocialAccount } from '../../api/types';
import { STATUS_LABELS, STATUS_VARIANTS } from './accountStatus';
import { useStatusReason } from './useStatusReason';

/** The connection state as a coloured status, with the server's reason underneath. */
export const AccountStatus = ({ account }: { account: SocialAccount }) => {
  const { formatMessage } = useIntl();
  const reason = useStatusReason()(account);
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Status variant={STATUS_VARIANTS[account.status]} size="S">
        <Typography variant="omega" fontWeight="bold">
          {formatMessage(STATUS_LABELS[account.status])}
        </Typography>
      </Status>
      {reason ? (
        <Typography variant="pi" textColor="neutral600">
          {reason}
        </Typography>
      ) : null}
    </Flex>
  );
};
