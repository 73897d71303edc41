import { Button, Flex, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl, type IntlShape } from 'react-intl';
import { useSubscribeAccount } from '../../api/accounts';
import { readApiError } from '../../api/errors';
import type { SocialAccount } from '../../api/types';
import { getTrad } from '../../utils/getTrad';
import { serverMessageText } from '../../utils/serverMessages';

/** "Comments arrive by polling every N min: … — why", in the reader's language (the reason is a code of its own). */
export function realtimeText(intl: IntlShape, realtime: NonNullable<SocialAccount['realtime']>): string | null {
  if (realtime.subscribed || !realtime.messageId) return null;
  const reason = serverMessageText(intl, realtime.reasonId, realtime.params, realtime.message ?? '');
  return serverMessageText(intl, realtime.messageId, { minutes: realtime.pollMinutes, reason }, realtime.message ?? '');
}

/**
 * Whether a network that pushes comments once subscribed (a Facebook page's
 * `feed` webhook) does so for this account, under its status: in real time,
 * or by polling and why, with "Subscribe again" for who manages accounts.
 * Nothing for the accounts of other networks (`realtime` null).
 */
export const RealtimeStatus = ({ account, canManage }: { account: SocialAccount; canManage: boolean }) => {
  const intl = useIntl();
  const { formatMessage } = intl;
  const { toggleNotification } = useNotification();
  const subscribe = useSubscribeAccount();
  const realtime = account.realtime;
  if (!realtime) return null;
  const polling = realtimeText(intl, realtime);
  if (!polling)
    return (
      <Typography variant="pi" textColor="success600">
        {formatMessage({ id: getTrad('accounts.realtime.subscribed'), defaultMessage: 'Comments arrive in real time' })}
      </Typography>
    );

  const onSubscribe = () =>
    subscribe.mutate(account.documentId, {
      onSuccess: (updated) => {
        const still = updated.realtime ? realtimeText(intl, updated.realtime) : null;
        toggleNotification({
          type: still ? 'warning' : 'success',
          message:
            still ??
            formatMessage(
              { id: getTrad('accounts.realtime.done'), defaultMessage: '{name} now receives its comments in real time.' },
              { name: updated.name }
            ),
        });
      },
      onError: (error) => toggleNotification({ type: 'danger', message: readApiError(error).message }),
    });

  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography variant="pi" textColor="warning600">
        {polling}
      </Typography>
      {canManage && account.status !== 'disabled' ? (
        <Button
          variant="tertiary"
          size="S"
          startIcon={<ArrowClockwise />}
          onClick={onSubscribe}
          loading={subscribe.isPending}
          aria-label={formatMessage(
            { id: getTrad('accounts.realtime.again.label'), defaultMessage: 'Subscribe {name} to real-time updates again' },
            { name: account.name }
          )}
        >
          {formatMessage({ id: getTrad('accounts.realtime.again'), defaultMessage: 'Subscribe again' })}
        </Button>
      ) : null}
    </Flex>
  );
};
