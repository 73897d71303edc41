import { Box, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { CalendarSummary } from '../../api/calendar';
import type { EditorialLine, Network } from '../../api/types';
import { NETWORK_LABELS } from '../../networks';
import { getTrad } from '../../utils/getTrad';
import { NO_PILLAR } from './messages';
import { pillarColor } from './palette';

interface Props {
  summary: CalendarSummary;
  lineColors: ReadonlyMap<string, string>;
  /** every editorial line: with two or more, a picker says whose targets (and posts) the summary shows */
  lines: readonly Pick<EditorialLine, 'documentId' | 'name'>[];
  lineId: string | undefined;
  onLineChange: (documentId: string) => void;
}

/** One pillar: a bar for its actual share, a tick where its target is. */
const ShareBar = ({ share, target, color }: { share: number; target: number | null; color: string }) => (
  <Box position="relative" background="neutral150" hasRadius height="0.8rem" width="100%" aria-hidden>
    <Box background="primary600" hasRadius height="100%" style={{ width: `${Math.min(share, 100)}%`, backgroundColor: color }} />
    {target === null ? null : (
      <Box
        position="absolute"
        top="-0.3rem"
        height="1.4rem"
        background="neutral800"
        style={{ left: `calc(${Math.min(target, 100)}% - 1px)`, width: '2px' }}
      />
    )}
  </Box>
);

/**
 * Above the grid: the pillar mix of the posts the grid's filters keep against
 * the line's targets, and posts per network per week against the line's
 * weekly targets (only on networks the line has an account on).
 */
export const PeriodSummary = ({ summary, lineColors, lines, lineId, onLineChange }: Props) => {
  const { formatMessage, formatDate } = useIntl();
  const { pillarMix, frequency, editorialLine } = summary;
  const lineLabel = formatMessage({ id: getTrad('calendar.summary.line'), defaultMessage: 'Editorial line' });

  return (
    <Flex
      gap={6}
      alignItems="flex-start"
      wrap="wrap"
      background="neutral0"
      padding={4}
      hasRadius
      shadow="tableShadow"
      data-testid="calendar-summary"
    >
      {lines.length > 1 ? (
        <Flex gap={2} alignItems="center" wrap="wrap" style={{ flex: '1 1 100%' }}>
          <Box style={{ minWidth: '16rem' }}>
            <SingleSelect
              aria-label={lineLabel}
              size="S"
              value={lineId ?? ''}
              onChange={(value: string | number) => onLineChange(String(value))}
              data-testid="summary-line"
            >
              {lines.map((line) => (
                <SingleSelectOption key={line.documentId} value={line.documentId}>
                  {line.name}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Box>
          <Typography variant="pi" textColor="neutral600">
            {formatMessage({
              id: getTrad('calendar.summary.lineHint'),
              defaultMessage: 'The summary counts this line’s posts against its targets; the grid shows every line.',
            })}
          </Typography>
        </Flex>
      ) : null}
      <Flex direction="column" alignItems="stretch" gap={2} style={{ flex: '1 1 32rem' }}>
        <Typography variant="sigma" textColor="neutral600" tag="h2">
          {editorialLine
            ? formatMessage(
                { id: getTrad('calendar.summary.pillarMixOf'), defaultMessage: 'Pillar mix against {line}' },
                { line: editorialLine.name }
              )
            : formatMessage({ id: getTrad('calendar.summary.pillarMix'), defaultMessage: 'Pillar mix' })}
        </Typography>
        {pillarMix.total === 0 && pillarMix.rows.length === 0 ? (
          <Typography variant="pi" textColor="neutral600">
            {formatMessage({ id: getTrad('calendar.summary.noPosts'), defaultMessage: 'No post in this period yet.' })}
          </Typography>
        ) : (
          pillarMix.rows.map((row) => {
            const name = row.pillar ?? formatMessage(NO_PILLAR);
            const text =
              row.targetShare === null
                ? formatMessage(
                    {
                      id: getTrad('calendar.summary.share'),
                      defaultMessage: '{name}: {count, plural, one {# post} other {# posts}}, {share}%',
                    },
                    { name, count: row.count, share: row.share }
                  )
                : formatMessage(
                    {
                      id: getTrad('calendar.summary.shareVsTarget'),
                      defaultMessage: '{name}: {count, plural, one {# post} other {# posts}}, {share}% (target {target}%)',
                    },
                    { name, count: row.count, share: row.share, target: row.targetShare }
                  );
            return (
              <Flex key={row.pillar ?? ''} direction="column" alignItems="stretch" gap={1}>
                <Typography variant="pi">{text}</Typography>
                <ShareBar share={row.share} target={row.targetShare} color={row.color ?? pillarColor(row.pillar, lineColors)} />
              </Flex>
            );
          })
        )}
      </Flex>
      <Flex direction="column" alignItems="stretch" gap={2} style={{ flex: '1 1 32rem' }}>
        <Typography variant="sigma" textColor="neutral600" tag="h2">
          {formatMessage({ id: getTrad('calendar.summary.frequency'), defaultMessage: 'Posts against weekly targets' })}
        </Typography>
        {frequency.every((week) => week.networks.length === 0) ? (
          <Typography variant="pi" textColor="neutral600">
            {formatMessage({
              id: getTrad('calendar.summary.noTargets'),
              defaultMessage: 'No weekly target yet: set posts per week per network in the editorial line.',
            })}
          </Typography>
        ) : (
          frequency.map((week) => (
            <Flex key={week.week} gap={3} wrap="wrap" alignItems="baseline">
              <Typography variant="omega" fontWeight="bold" style={{ minWidth: '12rem' }}>
                {formatMessage(
                  { id: getTrad('calendar.summary.week'), defaultMessage: 'Week of {date}' },
                  { date: formatDate(`${week.start}T12:00:00Z`, { day: 'numeric', month: 'short', timeZone: 'UTC' }) }
                )}
              </Typography>
              {week.networks.map((item) => {
                const network = formatMessage(NETWORK_LABELS[item.network as Network]);
                const behind = item.target !== null && item.count < item.target;
                return (
                  <Typography
                    key={item.network}
                    variant="pi"
                    textColor={behind ? 'warning600' : 'success600'}
                    data-testid={`frequency-${week.week}-${item.network}`}
                  >
                    {item.target === null
                      ? formatMessage(
                          {
                            id: getTrad('calendar.summary.countNoTarget'),
                            defaultMessage: '{count, plural, one {# {network} post} other {# {network} posts}}',
                          },
                          { count: item.count, network }
                        )
                      : formatMessage(
                          { id: getTrad('calendar.summary.countOfTarget'), defaultMessage: '{count} of {target} {network} posts' },
                          { count: item.count, target: item.target, network }
                        )}
                  </Typography>
                );
              })}
            </Flex>
          ))
        )}
      </Flex>
    </Flex>
  );
};
