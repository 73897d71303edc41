import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { isCapped } from '../../../shared/publishing/daily-cap';
import { localToUtc, parseLocalDateTime } from '../../../shared/planning/time';
import { useDailyCaps } from '../../api/publishing';
import { getTrad } from '../../utils/getTrad';

interface DailyCapNoticeProps {
  /** the chosen accounts, with their network and name */
  accounts: ReadonlyArray<{ documentId: string; network: string; name: string }>;
  local: string;
  timezone: string;
}

/** The UTC instant of the composer's date, or null while it is not a valid one. */
function instantOf(local: string, timezone: string): string | null {
  try {
    return localToUtc(parseLocalDateTime(local), timezone).toISOString();
  } catch {
    return null;
  }
}

/**
 * Under the date, for accounts on a network billed per request (X) when an
 * admin set a daily cap (Settings): how many posts are left on that UTC day,
 * counting the ones planned; a post over the cap would be held, not sent.
 */
export const DailyCapNotice = ({ accounts, local, timezone }: DailyCapNoticeProps) => {
  const { formatMessage } = useIntl();
  const capped = accounts.filter((a) => isCapped(a.network));
  const caps = useDailyCaps(
    capped.length ? instantOf(local, timezone) : null,
    capped.map((a) => a.documentId)
  );
  const answer = caps.data;
  if (!answer?.accounts.length) return null;
  return (
    <Box padding={3} background="neutral100" hasRadius data-testid="composer-daily-cap">
      <Flex direction="column" alignItems="stretch" gap={1}>
        {answer.accounts.map((entry) => (
          <Typography key={entry.accountId} variant="pi" textColor={entry.remaining === 0 ? 'danger600' : 'neutral600'}>
            {formatMessage(
              {
                id: getTrad('composer.xDailyCap'),
                defaultMessage:
                  '{remaining, plural, =0 {No X post left} one {# X post left} other {# X posts left}} on {day} (UTC) for {account}, of a cap of {cap}',
              },
              {
                remaining: entry.remaining,
                day: answer.day,
                cap: entry.cap,
                account: capped.find((a) => a.documentId === entry.accountId)?.name ?? entry.accountId,
              }
            )}
          </Typography>
        ))}
      </Flex>
    </Box>
  );
};
