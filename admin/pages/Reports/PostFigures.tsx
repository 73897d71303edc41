import { Box, Button, Flex, Link, Modal, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
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
