import { Box, Button, Flex, Link, Loader, Modal, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import styled, { useTheme } from 'styled-components';
import { ACTIONS } from '../../../shared/core/permissions';
import { pluginPath } from '../../utils/paths';
import { useCan } from '../../utils/permissions';
import { useApiError } from '../../utils/serverMessages';
import { usePostReadings } from './api';
import { ENGAGEMENT_PARTS, POST_FIGURES, type PostFigure, type PostRow } from '../../../shared/reports/kpis';
import { profileOf } from '../../../shared/networks';
import { networkName } from '../../networks';
import { useFormat, useT } from './format';

const FIGURE_LABELS: Record<PostFigure, string> = {
  likes: 'Likes',
  reposts: 'Reposts',
  replies: 'Replies',
  quotes: 'Quotes',
  impressions: 'Impressions',
  clicks: 'Clicks',
  views: 'Views',
  reach: 'Reach',
  saves: 'Saves',
};

/** The figures a reading shows in the table over time: engagements' parts, then what some networks add. */
const OVER_TIME: readonly PostFigure[] = ['likes', 'reposts', 'replies', 'quotes', 'impressions', 'views', 'reach'];

type Reading = { takenAt: string; slotHours: number | null; figures: Partial<Record<PostFigure, number | null>>; engagements: number };

const ChartText = styled.text`
  fill: ${({ theme }) => theme.colors.neutral600};
  font-size: 11px;
`;

/** A reading's age as the table writes it: +1 h, +6 h, +1 d, +3 d… */
function useAge() {
  const t = useT();
  return (slotHours: number | null) =>
    slotHours === null
      ? '–'
      : slotHours % 24 === 0
        ? t('post.readings.days', '+{days} d', { days: slotHours / 24 })
        : t('post.readings.hours', '+{hours} h', { hours: slotHours });
}

/**
 * The readings as lines, in plain SVG with the theme's colours like the
 * page's other charts (docs/decisions.md: no chart library; this page is its
 * own lazy chunk): engagements bold, the parts they add up from beside them,
 * one reading after the other at equal steps labelled with their age (the
 * ages run from an hour to a month, which a time scale would crush).
 * Impressions and views stay in the table: on one scale they would flatten
 * the rest.
 */
const ReadingsChart = ({ readings, parts }: { readings: Reading[]; parts: PostFigure[] }) => {
  const t = useT();
  const f = useFormat();
  const age = useAge();
  const theme = useTheme();
  const width = 560;
  const height = 190;
  const left = 44;
  const right = 12;
  const top = 12;
  const bottom = 40;
  const plotHeight = height - top - bottom;
  const series: Array<{ id: 'engagements' | PostFigure; label: string; color: string; values: Array<number | null> }> = [
    {
      id: 'engagements',
      label: t('col.engagements', 'Engagements'),
      color: theme.colors.primary600,
      values: readings.map((r) => r.engagements),
    },
    ...parts.map((figure, i) => ({
      id: figure,
      label: t(`post.figure.${figure}`, FIGURE_LABELS[figure]),
      color: [theme.colors.success500, theme.colors.warning500, theme.colors.danger500, theme.colors.secondary500][i % 4],
      values: readings.map((r) => (typeof r.figures[figure] === 'number' ? (r.figures[figure] as number) : null)),
    })),
  ];
  const max = Math.max(1, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const step = readings.length > 1 ? (width - left - right) / (readings.length - 1) : 0;
  const x = (i: number) => (readings.length > 1 ? left + i * step : left + (width - left - right) / 2);
  const y = (v: number) => top + plotHeight - (v / max) * plotHeight;
  return (
    <Box>
      <svg
        role="img"
        aria-label={t('post.readings.chart', 'Engagements at each reading, and what they add up from')}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: width }}
        data-testid="post-readings-chart"
      >
        <line x1={left} y1={top} x2={left} y2={top + plotHeight} stroke={theme.colors.neutral300} />
        <line x1={left} y1={top + plotHeight} x2={width - right} y2={top + plotHeight} stroke={theme.colors.neutral300} />
        <ChartText x={left - 6} y={top + 4} textAnchor="end">
          {f.num(max, 0)}
        </ChartText>
        <ChartText x={left - 6} y={top + plotHeight} textAnchor="end">
          0
        </ChartText>
        {readings.map((r, i) => (
          <ChartText key={r.takenAt} x={x(i)} y={top + plotHeight + 16} textAnchor="middle">
            {age(r.slotHours)}
          </ChartText>
        ))}
        {series.map((s) => {
          const points = s.values.map((v, i) => (v === null ? null : { cx: x(i), cy: y(v), v, i })).filter((p) => p !== null);
          return (
            <g key={s.id} data-series={s.id}>
              {points.length > 1 && (
                <polyline
                  points={points.map((p) => `${p.cx},${p.cy}`).join(' ')}
                  fill="none"
                  stroke={s.color}
                  strokeWidth={s.id === 'engagements' ? 3 : 1.5}
                />
              )}
              {points.map((p) => (
                <circle key={p.i} cx={p.cx} cy={p.cy} r={s.id === 'engagements' ? 4 : 3} fill={s.color}>
                  <title>{`${age(readings[p.i].slotHours)} · ${s.label}: ${f.num(p.v, 0)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <Flex gap={4} wrap="wrap" aria-hidden>
        {series.map((s) => (
          <Flex key={s.id} gap={1} alignItems="center">
            <svg width="14" height="6" aria-hidden>
              <rect width="14" height="6" rx="2" fill={s.color} />
            </svg>
            <Typography variant="pi" textColor="neutral600">
              {s.label}
            </Typography>
          </Flex>
        ))}
      </Flex>
    </Box>
  );
};

/**
 * A post's readings over time (every snapshot, oldest first, with the age it
 * stands for) and how many inbox items answer it, linking to its
 * conversation on the Moderation page for who may read it. Live: under a
 * frozen report too, these are the readings as they are now.
 */
const ReadingsOverTime = ({ publicationId }: { publicationId: string }) => {
  const t = useT();
  const f = useFormat();
  const readApiError = useApiError();
  const { formatDate } = useIntl();
  const { allowed: canModerate } = useCan(ACTIONS.moderationRead);
  const query = usePostReadings(publicationId);
  const age = useAge();
  if (query.isPending) return <Loader small>{t('post.readings.loading', 'Reading its figures over time')}</Loader>;
  if (query.isError) return <Typography textColor="danger600">{readApiError(query.error).message}</Typography>;
  const { readings, conversation, planId } = query.data;
  const shown = OVER_TIME.filter((figure) => readings.some((r) => typeof r.figures[figure] === 'number'));
  const conversationText = t(
    'post.conversation',
    '{count, plural, =0 {No reply, mention or quote in the inbox} one {# item in the inbox answers it} other {# items in the inbox answer it}}',
    {
      count: conversation.items,
    }
  );
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="post-readings">
      <Typography variant="delta" tag="h3">
        {t('post.readings', 'Readings over time')}
      </Typography>
      {readings.length === 0 ? (
        <Typography textColor="neutral600">{t('post.readings.none', 'No reading yet.')}</Typography>
      ) : (
        <>
          <ReadingsChart readings={readings} parts={shown.filter((figure) => (ENGAGEMENT_PARTS as readonly string[]).includes(figure))} />
          <Table colCount={shown.length + 3} rowCount={readings.length + 1}>
            <Thead>
              <Tr>
                <Th>{t('post.readings.at', 'Read on')}</Th>
                <Th>{t('post.readings.age', 'Age')}</Th>
                {shown.map((figure) => (
                  <Th key={figure}>{t(`post.figure.${figure}`, FIGURE_LABELS[figure])}</Th>
                ))}
                <Th>{t('col.engagements', 'Engagements')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {readings.map((r) => (
                <Tr key={r.takenAt}>
                  <Td>
                    <Typography>{formatDate(r.takenAt, { dateStyle: 'medium', timeStyle: 'short' })}</Typography>
                  </Td>
                  <Td>
                    <Typography>{age(r.slotHours)}</Typography>
                  </Td>
                  {shown.map((figure) => (
                    <Td key={figure}>
                      <Typography>{f.num(r.figures[figure] ?? null, 0)}</Typography>
                    </Td>
                  ))}
                  <Td>
                    <Typography fontWeight="bold">{f.num(r.engagements, 0)}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </>
      )}
      {canModerate && planId && conversation.items > 0 ? (
        <Link tag={RouterLink} to={`${pluginPath('moderation')}?plan=${encodeURIComponent(planId)}`} data-testid="post-conversation">
          {conversationText}
        </Link>
      ) : (
        <Typography textColor="neutral600" data-testid="post-conversation">
          {conversationText}
        </Typography>
      )}
    </Flex>
  );
};

/**
 * One post's figures, opened from the top and bottom posts: every figure of
 * its latest reading (a figure the network does not give says so instead of
 * showing a zero), what its engagements add up from, its own engagement rate
 * with the basis written out (docs/reports.md, "KPIs"), when it was read, and
 * the post on its network.
 */
export const PostFiguresModal = ({ post, accountName, onClose }: { post: PostRow; accountName: string; onClose: () => void }) => {
  const t = useT();
  const f = useFormat();
  const { formatMessage, formatDate } = useIntl();
  const network = networkName(formatMessage, post.network);
  const given = profileOf(post.network)?.figures?.posts as readonly string[] | undefined;
  const figures = post.figures;
  const impressions = figures?.impressions;
  const rate =
    figures && post.engagements !== null
      ? typeof impressions === 'number' && impressions > 0
        ? {
            value: (post.engagements / impressions) * 100,
            basis: t('basis.impressions', '{num} engagements ÷ {den} impressions', {
              num: f.num(post.engagements, 0),
              den: f.num(impressions, 0),
            }),
          }
        : post.followersAtPost
          ? {
              value: (post.engagements / post.followersAtPost) * 100,
              basis: t('basis.followers', '{num} engagements ÷ {den} followers at posting', {
                num: f.num(post.engagements, 0),
                den: f.num(post.followersAtPost, 0),
              }),
            }
          : null
      : null;
  const missing = (figure: PostFigure) =>
    given && !given.includes(figure) ? t('post.notGiven', '{network} does not give it', { network }) : t('post.notRead', 'not read');
  return (
    <Modal.Root open onOpenChange={(open: boolean) => (open ? undefined : onClose())}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('post.openFigures', 'Figures of “{title}”', { title: post.title || '–' })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4} data-testid="post-figures">
            <Typography textColor="neutral600">
              {t('post.where', '{account} ({network}), published {date}', {
                account: accountName,
                network,
                date: formatDate(post.publishedAt, { dateStyle: 'medium', timeStyle: 'short' }),
              })}
              {post.pillar ? ` · ${t('col.pillar', 'Pillar')}: ${post.pillar}` : ''}
              {post.campaign ? ` · ${t('post.campaign', 'Campaign')}: ${post.campaign}` : ''}
            </Typography>
            {!figures ? (
              <Typography>{t('post.none', 'Not read yet: a post’s figures are first read an hour after it went out.')}</Typography>
            ) : (
              <>
                <Table colCount={2} rowCount={POST_FIGURES.length + 1}>
                  <Thead>
                    <Tr>
                      <Th>{t('post.figure', 'Figure')}</Th>
                      <Th>{t('post.value', 'Value')}</Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {POST_FIGURES.map((figure) => (
                      <Tr key={figure}>
                        <Td>
                          <Typography>{t(`post.figure.${figure}`, FIGURE_LABELS[figure])}</Typography>
                        </Td>
                        <Td>
                          {typeof figures[figure] === 'number' ? (
                            <Typography>{f.num(figures[figure], 0)}</Typography>
                          ) : (
                            <Typography textColor="neutral500">{`– (${missing(figure)})`}</Typography>
                          )}
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
                <Box>
                  <Typography tag="p" fontWeight="bold">
                    {t('post.engagements', '{value} engagements', { value: f.num(post.engagements, 0) })}
                  </Typography>
                  <Typography tag="p" variant="pi" textColor="neutral600">
                    {t('post.engagements.sum', '{parts}: clicks, impressions and views are shown, never added', {
                      parts: ENGAGEMENT_PARTS.map((part) => t(`post.figure.${part}`, FIGURE_LABELS[part])).join(' + '),
                    })}
                  </Typography>
                </Box>
                <Box>
                  <Typography tag="p" fontWeight="bold">
                    {t('post.rate', 'Engagement rate: {value}', { value: f.pct(rate ? Math.round(rate.value * 100) / 100 : null) })}
                  </Typography>
                  {rate && (
                    <Typography tag="p" variant="pi" textColor="neutral600">
                      {rate.basis}
                    </Typography>
                  )}
                </Box>
                {post.figuresAt && (
                  <Typography variant="pi" textColor="neutral600">
                    {t('post.readAt', 'Figures as read on {date}', {
                      date: formatDate(post.figuresAt, { dateStyle: 'medium', timeStyle: 'short' }),
                    })}
                  </Typography>
                )}
              </>
            )}
            <ReadingsOverTime publicationId={post.publicationId} />
            {post.url && (
              <Link href={post.url} isExternal>
                {t('post.open', 'Open the post on {network}', { network })}
              </Link>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('close', 'Close')}</Button>
          </Modal.Close>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
