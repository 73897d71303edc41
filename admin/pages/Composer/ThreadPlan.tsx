import { Badge, Box, Button, Flex, Link, Typography } from '@strapi/design-system';
import { useIntl, type MessageDescriptor } from 'react-intl';
import { countLength } from '../../../shared/linter';
import { profileOf } from '../../../shared/networks';
import { THREAD_SEPARATOR, threadParts } from '../../../shared/networks/thread';
import { X_PRICING_URL, xPlannedCalls, type XCostClass } from '../../../shared/networks/x.cost';
import type { Network } from '../../api/types';
import { getTrad } from '../../utils/getTrad';
// Provides twitter-text to the shared linter (the cost classes find links with it).
import './cut';

interface ThreadPlanProps {
  network: Network;
  /** the text the network receives (`renderText` of the plan) */
  text: string;
  media: number;
  firstComment: string;
  /** appends a part separator to the network's text; absent when the post cannot be edited */
  onSplit?: () => void;
}

const COST_LABELS: Record<XCostClass, MessageDescriptor> = {
  post: { id: getTrad('composer.xCost.post'), defaultMessage: 'Post' },
  postWithUrl: { id: getTrad('composer.xCost.postWithUrl'), defaultMessage: 'Post with a link: X’s dearer class' },
  mediaUpload: { id: getTrad('composer.xCost.mediaUpload'), defaultMessage: 'Media upload' },
};

/** The separator a person types, added to a text so the next part starts on a fresh line. */
export const withNewPart = (text: string) => `${text.trimEnd()}${THREAD_SEPARATOR}`;

/**
 * Under a network's text, for a network that posts threads (its profile's
 * `thread`): a button to start a new part, and each part with its length.
 * For X, each planned post also shows its cost class (shared/networks/x.cost.ts):
 * a class and X's own billing line, never an amount, which only X's Developer Console knows.
 */
export const ThreadPlan = ({ network, text, media, firstComment, onSplit }: ThreadPlanProps) => {
  const { formatMessage } = useIntl();
  const thread = profileOf(network).thread;
  if (!thread) return null;
  const parts = threadParts(text);
  // Only X bills per request today; its classes are the only table there is.
  const costs = profileOf(network).billing === 'perRequest' ? xPlannedCalls({ text, media, firstComment }) : null;
  const costOf = (index: number) => costs?.find((c) => c.what.kind === 'part' && c.what.index === index + 1);
  const comment = costs?.find((c) => c.what.kind === 'firstComment');

  return (
    <Box padding={3} background="neutral100" hasRadius data-testid={`thread-plan-${network}`}>
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="pi" textColor="neutral600">
          {formatMessage(
            {
              id: getTrad('composer.thread.hint'),
              defaultMessage:
                'A line with only --- starts a new part: each part goes out as a reply to the one before (at most {max} parts).',
            },
            { max: thread.maxParts }
          )}
        </Typography>
        <Box tag="ol" aria-label={formatMessage({ id: getTrad('composer.thread.parts'), defaultMessage: 'Planned posts' })}>
          {parts.map((part, index) => {
            const length = countLength(part, network);
            const cost = costOf(index);
            return (
              <Box tag="li" key={index} paddingTop={1}>
                <Flex gap={2} wrap="wrap">
                  <Typography variant="omega" fontWeight="semiBold">
                    {formatMessage(
                      { id: getTrad('composer.thread.part'), defaultMessage: 'Part {index} of {count}' },
                      { index: index + 1, count: parts.length }
                    )}
                  </Typography>
                  <Typography variant="pi" textColor={length.counted > length.limit ? 'danger600' : 'neutral600'}>
                    {length.counted}/{length.limit}
                  </Typography>
                  {cost ? <Badge active={cost.cost === 'postWithUrl'}>{formatMessage(COST_LABELS[cost.cost])}</Badge> : null}
                  {cost && cost.media > 0 ? (
                    <Badge>
                      {formatMessage(
                        {
                          id: getTrad('composer.xCost.media'),
                          defaultMessage: '{count, plural, one {# media upload} other {# media uploads}}',
                        },
                        { count: cost.media }
                      )}
                    </Badge>
                  ) : null}
                </Flex>
              </Box>
            );
          })}
          {comment ? (
            <Box tag="li" paddingTop={1}>
              <Flex gap={2}>
                <Typography variant="omega" fontWeight="semiBold">
                  {formatMessage({ id: getTrad('composer.thread.firstComment'), defaultMessage: 'First comment' })}
                </Typography>
                <Badge active={comment.cost === 'postWithUrl'}>{formatMessage(COST_LABELS[comment.cost])}</Badge>
              </Flex>
            </Box>
          ) : null}
        </Box>
        {costs ? (
          <Typography variant="pi" textColor="neutral600">
            {formatMessage({
              id: getTrad('composer.xCost.hint'),
              defaultMessage:
                'X bills each post it creates; a post whose text holds a link is billed at a much higher rate. Current rates:',
            })}{' '}
            <Link href={X_PRICING_URL} isExternal>
              {formatMessage({ id: getTrad('composer.xCost.link'), defaultMessage: 'X API pricing' })}
            </Link>
          </Typography>
        ) : null}
        {onSplit ? (
          <Box>
            <Button variant="tertiary" size="S" onClick={onSplit} disabled={parts.length >= thread.maxParts}>
              {formatMessage({ id: getTrad('composer.thread.split'), defaultMessage: 'Add a part' })}
            </Button>
          </Box>
        ) : null}
      </Flex>
    </Box>
  );
};
