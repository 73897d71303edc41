import { Box, Button, Flex, Link, Loader, Modal, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { ACTIONS } from '../../../shared/core/permissions';
import { pluginPath } from '../../utils/paths';
import { useCan } from '../../utils/permissions';
import { useApiError } from '../../utils/serverMessages';
import { usePostReadings } from './api';
import { ENGAGEMENT_PARTS, POST_FIGURES, type PostFigure, type PostRow } from '../../../shared/reports/kpis';
import { profileOf } from '../../../shared/networks';
import { networkName } from '../../networks';
import { useFormat, useT } from './format';
import { ReadingsChart } from './charts';

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
 * The readings as lines (./charts.tsx): engagements, then the parts they add
 * up from. Impressions and views stay in the table: on one scale they would
 * flatten the rest.
 */
const ReadingsLines = ({ readings, parts }: { readings: Reading[]; parts: PostFigure[] }) => {
  const t = useT();
  const age = useAge();
  return (
    <ReadingsChart
      label={t('post.readings.chart', 'Engagements at each reading, and what they add up from')}
      ages={readings.map((r) => age(r.slotHours))}
      series={[
        { id: 'engagements', label: t('col.engagements', 'Engagements'), values: readings.map((r) => r.engagements) },
        ...parts.map((figure) => ({
          id: figure,
          label: t(`post.figure.${figure}`, FIGURE_LABELS[figure]),
          values: readings.map((r) => (typeof r.figures[figure] === 'number' ? (r.figures[figure] as number) : null)),
        })),
      ]}
    />
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
          <ReadingsLines readings={readings} parts={shown.filter((figure) => (ENGAGEMENT_PARTS as readonly string[]).includes(figure))} />
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
