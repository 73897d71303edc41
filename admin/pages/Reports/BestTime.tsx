import * as React from 'react';
import { Box, Field, Flex, Loader, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { BEST_TIME_MIN_POSTS, type HeatCell } from '../../../shared/reports/best-time';
import { networkName } from '../../networks';
import { useApiError } from '../../utils/serverMessages';
import { useBestTime, type Dashboard } from './api';
import { useFormat, useT } from './format';

/** Monday first, as the server's grid (weekday 0 = Monday). 2024-01-01 was a Monday. */
const weekdayName = (locale: string, weekday: number, style: 'long' | 'short') =>
  new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + weekday)));

/** Five shades of the theme's primary colour, from a cell without posts to the best one. */
const SHADES = ['neutral150', 'primary100', 'primary200', 'primary500', 'primary700'] as const;
const shadeOf = (cell: HeatCell, max: number) =>
  cell.engagementPerPost === null ? 0 : max <= 0 ? 1 : Math.min(4, 1 + Math.floor((cell.engagementPerPost / max) * 3.999));

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * "Best time to post" on the dashboard: one account's engagement per post by
 * weekday × hour of posting, in the reader's time zone (docs/reports.md).
 * Each cell says its weekday, hour, posts and average engagements (aria-label
 * and title); the legend says what the shades mean.
 */
export const BestTimeSection = ({ accounts }: { accounts: Dashboard['current']['accounts'] }) => {
  const t = useT();
  const f = useFormat();
  const { formatMessage, locale } = useIntl();
  const readApiError = useApiError();
  const measured = accounts.filter((a) => a.metrics);
  const [chosen, setChosen] = React.useState<string>('');
  const accountId = measured.find((a) => a.accountId === chosen)?.accountId ?? measured[0]?.accountId ?? null;
  const timezone = React.useMemo(browserZone, []);
  const best = useBestTime(accountId, timezone);
  const data = best.data;
  const max = data ? Math.max(0, ...data.cells.map((c) => c.engagementPerPost ?? 0)) : 0;
  const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} data-testid="best-time">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="delta" tag="h2">
          {t('bestTime.title', 'Best time to post')}
        </Typography>
        <Typography textColor="neutral600">
          {t(
            'bestTime.help',
            'Engagements per post by weekday and hour of posting over the last 90 days, each post counted at about a day old, in your time zone ({zone}).',
            { zone: timezone }
          )}
        </Typography>
        {!measured.length ? (
          <Typography textColor="neutral600">{t('bestTime.noAccount', 'No account here gives figures.')}</Typography>
        ) : (
          <>
            <Box maxWidth="320px">
              <Field.Root name="bestTimeAccount">
                <Field.Label>{t('col.account', 'Account')}</Field.Label>
                <SingleSelect value={accountId ?? ''} onChange={(v: string | number) => setChosen(String(v))}>
                  {measured.map((a) => (
                    <SingleSelectOption key={a.accountId} value={a.accountId}>
                      {`${a.name} (${networkName(formatMessage, a.network)})`}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Box>
            {best.isPending ? (
              <Loader small>{t('loading', 'Reading the figures')}</Loader>
            ) : best.isError ? (
              <Typography textColor="danger600">{readApiError(best.error).message}</Typography>
            ) : !data || data.best.length === 0 ? (
              <Typography textColor="neutral600" data-testid="best-time-empty">
                {t(
                  'bestTime.empty',
                  'Too few posts to tell yet: {posts, plural, =0 {no post} one {# post} other {# posts}} with figures, and no hour with {min} posts or more.',
                  { posts: data?.posts ?? 0, min: BEST_TIME_MIN_POSTS }
                )}
              </Typography>
            ) : (
              <>
                <Box overflow="auto">
                  <Box
                    tag="table"
                    aria-label={t('bestTime.grid', 'Engagements per post by weekday and hour ({zone})', { zone: timezone })}
                    style={{ borderCollapse: 'separate', borderSpacing: 2 }}
                  >
                    <thead>
                      <tr>
                        <Box tag="th" />
                        {Array.from({ length: 24 }, (_, hour) => (
                          <Box tag="th" key={hour} scope="col">
                            <Typography variant="pi" textColor="neutral600">
                              {hour % 3 === 0 ? String(hour).padStart(2, '0') : ''}
                            </Typography>
                          </Box>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {Array.from({ length: 7 }, (_, weekday) => (
                        <tr key={weekday}>
                          <Box tag="th" scope="row" paddingRight={2} textAlign="left">
                            <Typography variant="pi">{weekdayName(locale, weekday, 'short')}</Typography>
                          </Box>
                          {data.cells.slice(weekday * 24, weekday * 24 + 24).map((cell) => {
                            const label = t(
                              'bestTime.cell',
                              '{weekday} {hour}: {posts, plural, =0 {no post} one {# post} other {# posts}}, {average} engagements per post',
                              {
                                weekday: weekdayName(locale, cell.weekday, 'long'),
                                hour: hourLabel(cell.hour),
                                posts: cell.posts,
                                average: f.num(cell.engagementPerPost),
                              }
                            );
                            return (
                              <Box
                                tag="td"
                                key={cell.hour}
                                aria-label={label}
                                title={label}
                                background={SHADES[shadeOf(cell, max)]}
                                hasRadius
                                width="20px"
                                height="20px"
                                data-posts={cell.posts}
                              />
                            );
                          })}
                        </tr>
                      ))}
                    </tbody>
                  </Box>
                </Box>
                <Flex gap={3} wrap="wrap" aria-label={t('bestTime.legend', 'Legend')} role="group">
                  {SHADES.map((shade, i) => (
                    <Flex key={shade} gap={1}>
                      <Box background={shade} hasRadius width="14px" height="14px" />
                      <Typography variant="pi" textColor="neutral600">
                        {i === 0
                          ? t('bestTime.legend.none', 'No post')
                          : t('bestTime.legend.range', 'Up to {value} engagements per post', { value: f.num((max * i) / 4) })}
                      </Typography>
                    </Flex>
                  ))}
                </Flex>
                <Typography data-testid="best-time-best">
                  {t('bestTime.best', 'Best hours: {slots}', {
                    slots: data.best
                      .map((c) => `${weekdayName(locale, c.weekday, 'long')} ${hourLabel(c.hour)} (${f.num(c.engagementPerPost)})`)
                      .join(', '),
                  })}
                </Typography>
              </>
            )}
          </>
        )}
      </Flex>
    </Box>
  );
};
