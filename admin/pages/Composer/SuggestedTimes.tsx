import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { ACTIONS } from '../../../shared/core/permissions';
import { can } from '../../../shared/networks';
import type { Fold } from '../../../shared/planning/time';
import { getTrad } from '../../utils/getTrad';
import { useCan } from '../../utils/permissions';
import { useBestTimeSlots } from '../Reports/api';

interface SuggestedTimesProps {
  /** the chosen accounts */
  accounts: ReadonlyArray<{ documentId: string; network: string; name: string }>;
  timezone: string;
  /** the post being edited: its own time does not take its hour */
  exclude?: string;
  onPick: (local: string, fold: Fold | null) => void;
}

const AccountSlots = ({
  account,
  timezone,
  exclude,
  onPick,
}: { account: SuggestedTimesProps['accounts'][number] } & Omit<SuggestedTimesProps, 'accounts'>) => {
  const { formatMessage, formatDate } = useIntl();
  const slots = useBestTimeSlots(account.documentId, timezone, exclude);
  const list = slots.data?.slots ?? [];
  if (!list.length) return null;
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography variant="pi" textColor="neutral600">
        {formatMessage(
          { id: getTrad('composer.suggested.for'), defaultMessage: 'For {account}, from its own posts:' },
          { account: account.name }
        )}
      </Typography>
      <Flex gap={2} wrap="wrap">
        {list.map((slot) => (
          <Button
            key={slot.at}
            variant="secondary"
            size="S"
            data-testid="composer-suggested-time"
            title={formatMessage(
              {
                id: getTrad('composer.suggested.why'),
                defaultMessage: '{average} engagements per post on average over {posts} posts at this hour',
              },
              { average: slot.engagementPerPost, posts: slot.posts }
            )}
            onClick={() => onPick(slot.local, slot.fold)}
          >
            {formatDate(slot.at, {
              timeZone: timezone,
              weekday: 'short',
              day: 'numeric',
              month: 'short',
              hour: '2-digit',
              minute: '2-digit',
            })}
          </Button>
        ))}
      </Flex>
    </Flex>
  );
};

/**
 * Under the date: for each chosen account that gives figures, the next three
 * free hours its own history ranks best (docs/reports.md, "Best time to
 * post"); a click fills the date. Nothing for a user who may not read reports,
 * nor for an account without enough posts behind an hour.
 */
export const SuggestedTimes = ({ accounts, timezone, exclude, onPick }: SuggestedTimesProps) => {
  const { formatMessage } = useIntl();
  const { allowed } = useCan(ACTIONS.reportsRead);
  const measured = accounts.filter((a) => can(a.network, 'metrics'));
  if (!allowed || !measured.length) return null;
  return (
    <Box data-testid="composer-suggested-times">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="sigma" textColor="neutral600">
          {formatMessage({ id: getTrad('composer.suggested'), defaultMessage: 'Suggested times' })}
        </Typography>
        {measured.map((account) => (
          <AccountSlots key={account.documentId} account={account} timezone={timezone} exclude={exclude} onPick={onPick} />
        ))}
      </Flex>
    </Box>
  );
};
